#pragma once
// Backends for the store contract tests: the same tests run on ":memory:" and on a file in a
// fresh temporary directory (removed when the backend goes away).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "protocol/codec.hpp"
#include "store/sqlite_store.hpp"

namespace intervisie::unit {

namespace st = intervisie::store;

class temp_dir {
public:
  temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "intervisie_unit_XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

struct memory_backend {
  static constexpr bool durable = false;
  std::unique_ptr<st::sqlite_store> open() {
    return std::make_unique<st::sqlite_store>(":memory:");
  }
};

struct file_backend {
  static constexpr bool durable = true;
  temp_dir dir;
  std::string file() const { return (dir.path() / "intervisie.db").string(); }
  std::unique_ptr<st::sqlite_store> open() { return std::make_unique<st::sqlite_store>(file()); }
};

// Runs `fn` in one committed transaction, as the writer does.
template <class F>
void in_tx(st::store& s, F&& fn) {
  s.begin();
  fn(s);
  s.commit();
}

// Records a change with the protocol's encoding of its body, as the room does.
inline void record(st::store& s, const std::string& meeting_id, std::uint64_t seq,
                   const domain::change_body& body, const std::string& actor = "fac") {
  domain::change c{seq, 1'700'000'000'000 + static_cast<std::int64_t>(seq), actor, body};
  s.record(meeting_id, c, protocol::encode_change_record(body));
}

// A group "grp_1" with a meeting "mtg_1".
inline void add_group_and_meeting(st::store& s, const std::string& meeting_id = "mtg_1") {
  if (!s.find_group("grp_1")) s.add_group({"grp_1", "Group", "Agreement text", 100});
  s.add_meeting({meeting_id, "grp_1", "Meeting " + meeting_id, "buiten_je_bubbel", 200});
}

}  // namespace intervisie::unit
