#pragma once
// The built web client, read into memory once at start-up. Serving from memory keeps the I/O
// threads off the disk, and only files that exist in the build can ever be served, so no
// request path can reach outside it.
#include <map>
#include <string>

namespace intervisie::net {

struct static_file {
  std::string content;
  std::string content_type;
  std::string etag;
  bool immutable = false;  // Vite's hashed assets never change under the same name
};

class static_files {
public:
  // Loads every regular file under `dir` (up to a total of 64 MiB). Missing dir: serves nothing.
  explicit static_files(const std::string& dir);
  // `path` as requested ("/", "/assets/x.js"); "/" maps to /index.html.
  const static_file* find(const std::string& path) const;
  std::size_t size() const { return files_.size(); }

private:
  std::map<std::string, static_file> files_;
};

// The Content-Type for a file name, by extension.
std::string content_type_for(const std::string& name);

}  // namespace intervisie::net
