// What only a store on a file can show: it survives being closed and reopened (R15, "nothing is
// lost"), and its connection runs WAL with synchronous=FULL.
#include <sqlite3.h>

#include "store_fixtures.hpp"
#include "support.hpp"

using namespace intervisie::unit;
namespace chg = intervisie::domain::chg;

namespace {

// A connection opened by the store itself, caught through SQLite's auto-extension hook (called
// for every connection this process opens), so the PRAGMAs are read from the store's own
// connection: synchronous is per connection and a second connection would not show it.
sqlite3* last_opened = nullptr;
int catch_connection(sqlite3* db, char**, const sqlite3_api_routines*) {
  last_opened = db;
  return SQLITE_OK;
}

std::string pragma_text(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  std::string out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace

TEST_CASE("store file: everything survives closing and reopening", "[store][file]") {
  file_backend backend;
  const d::note n{note_id("a1"), "ann", 1, "durable text", 42};
  {
    auto s = backend.open();
    in_tx(*s, [&](st::store& t) {
      t.add_coordinator("coord", 1);
      add_group_and_meeting(t);
      t.add_link("link_fac", {"mtg_1", d::role::facilitator}, 1);
      t.add_member_token("tok_ann", {"mtg_1", "ann"});
      t.add_group_method({"gm_1", "grp_1", R"({"method_id":"gm_1"})", 5});
      record(t, "mtg_1", 1,
             chg::member_joined{{"ann", "Ann", d::category::student, d::role::participant}});
      record(t, "mtg_1", 2, chg::step_changed{1});
      record(t, "mtg_1", 3, chg::note_saved{n, {1, "ann", 1, false}});
      record(t, "mtg_1", 4, chg::done_changed{{1, "ann", 1, true}});
      record(t, "mtg_1", 5, chg::revealed{1, {n}});
    });
    // An open, uncommitted transaction at close is not kept.
    s->begin();
    s->add_coordinator("uncommitted", 1);
  }  // destroyed without commit

  auto s = backend.open();  // the schema exists: migrate() must not run it again
  CHECK(s->is_coordinator("coord"));
  CHECK_FALSE(s->is_coordinator("uncommitted"));
  CHECK(s->find_group("grp_1"));
  CHECK(s->find_meeting("mtg_1"));
  CHECK(s->find_link("link_fac"));
  CHECK(s->find_member_token("tok_ann"));
  CHECK(s->find_group_method("gm_1"));
  auto cur = s->load_meeting("mtg_1");
  REQUIRE(cur);
  CHECK(cur->seq == 5);
  CHECK(cur->step_index == 1);
  REQUIRE(cur->members.size() == 1);
  REQUIRE(cur->notes.size() == 1);
  CHECK(cur->notes[0].text == "durable text");
  CHECK(cur->revealed_steps == std::set<std::uint32_t>{1});
  REQUIRE(cur->done_flags.size() == 1);
  CHECK(cur->done_flags[0].done);
  CHECK(s->log_since("mtg_1", 0, 100).size() == 5);
  // And it keeps working after the reopen.
  in_tx(*s, [](st::store& t) { record(t, "mtg_1", 6, chg::step_changed{0}); });
  CHECK(s->load_meeting("mtg_1")->seq == 6);
}

TEST_CASE("store file: the connection runs WAL with synchronous=FULL", "[store][file]") {
  file_backend backend;
  REQUIRE(sqlite3_auto_extension(reinterpret_cast<void (*)()>(&catch_connection)) == SQLITE_OK);
  last_opened = nullptr;
  auto s = backend.open();
  sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(&catch_connection));
  REQUIRE(last_opened != nullptr);
  CHECK(pragma_text(last_opened, "PRAGMA journal_mode") == "wal");
  CHECK(pragma_text(last_opened, "PRAGMA synchronous") == "2");  // 2 = FULL
  CHECK(pragma_text(last_opened, "PRAGMA foreign_keys") == "1");

  // journal_mode=WAL is a property of the file: a second connection sees it too.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(backend.file().c_str(), &other) == SQLITE_OK);
  CHECK(pragma_text(other, "PRAGMA journal_mode") == "wal");
  CHECK(pragma_text(other, "PRAGMA user_version") == "4");  // v4: pictures
  sqlite3_close(other);
}

TEST_CASE("store file: a version 2 file gains group methods (v3) and keeps its data",
          "[store][file]") {
  file_backend backend;
  {
    auto s = backend.open();
    in_tx(*s, [](st::store& t) { add_group_and_meeting(t); });
  }
  // Turn the file back into what version 2 of the server left: no group_methods table (nor
  // the images of version 4).
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(backend.file().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP TABLE images; DROP TABLE group_methods; PRAGMA user_version=2",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK(pragma_text(db, "PRAGMA user_version") == "2");
    sqlite3_close(db);
  }
  auto s = backend.open();
  CHECK(s->find_meeting("mtg_1"));
  CHECK(s->group_methods("grp_1").empty());
  in_tx(*s, [](st::store& t) { t.add_group_method({"gm_1", "grp_1", "{}", 1}); });
  CHECK(s->find_group_method("gm_1"));
}
