#pragma once

#include <string>

namespace intervisie::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
// Each server gets its own so tests never share a database.
class temp_dir {
public:
  explicit temp_dir(const std::string& prefix = "intervisie-it-");
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::string& path() const { return path_; }

  // Writes a file inside the directory (used for a minimal static dir).
  void write_file(const std::string& name, const std::string& content) const;

private:
  std::string path_;
};

}  // namespace intervisie::test
