#include "store/sqlite_store.hpp"
#include "domain/overloaded.hpp"

#include <sqlite3.h>

#include <variant>

namespace intervisie::store {

namespace chg = domain::chg;

namespace {

// Version 1 of the schema. Later versions add numbered steps to migrate().
constexpr const char* schema_v1 = R"SQL(
CREATE TABLE coordinators (
  token_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE groups (
  group_id   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  agreement  TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE meetings (
  meeting_id   TEXT PRIMARY KEY,
  group_id     TEXT NOT NULL REFERENCES groups(group_id),
  title        TEXT NOT NULL,
  method_id    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  seq          INTEGER NOT NULL DEFAULT 0,
  step_index   INTEGER NOT NULL DEFAULT 0,
  presenter_id TEXT
) WITHOUT ROWID;
CREATE INDEX meetings_by_group ON meetings(group_id);
CREATE TABLE links (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  role       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE member_tokens (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  member_id  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE members (
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  member_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL,
  role       TEXT NOT NULL,
  joined_seq INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, member_id)
) WITHOUT ROWID;
CREATE TABLE notes (
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  note_id    TEXT NOT NULL,
  author_id  TEXT NOT NULL,
  step_index INTEGER NOT NULL,
  text       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, note_id)
) WITHOUT ROWID;
CREATE TABLE done_flags (
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  step_index INTEGER NOT NULL,
  member_id  TEXT NOT NULL,
  done       INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, step_index, member_id)
) WITHOUT ROWID;
CREATE TABLE reveals (
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  step_index INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, step_index)
) WITHOUT ROWID;
-- The append-only change log: resume replays it, the archive will replay boards from it.
CREATE TABLE changes (
  meeting_id TEXT NOT NULL REFERENCES meetings(meeting_id),
  seq        INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  actor_id   TEXT NOT NULL,
  body       TEXT NOT NULL,
  PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
)SQL";

// Version 2: the step timer (protocol R22). NULL timer_step means no timer.
constexpr const char* schema_v2 = R"SQL(
ALTER TABLE meetings ADD COLUMN timer_step INTEGER;
ALTER TABLE meetings ADD COLUMN timer_running INTEGER;
ALTER TABLE meetings ADD COLUMN timer_ends_at INTEGER;
ALTER TABLE meetings ADD COLUMN timer_remaining_ms INTEGER;
)SQL";

// Version 3: methods a group composed from the step kinds (issue 3). Immutable rows: a meeting
// refers to one by method_id, so it must never change once a meeting may use it.
constexpr const char* schema_v3 = R"SQL(
CREATE TABLE group_methods (
  method_id  TEXT PRIMARY KEY,
  group_id   TEXT NOT NULL REFERENCES groups(group_id),
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX group_methods_by_group ON group_methods(group_id, created_at);
)SQL";

// Version 4: pictures on the boards (protocol R38), kept with their meeting. A rowid table, not
// WITHOUT ROWID: rows of up to 2 MiB belong in a rowid table's overflow pages, and the primary
// key still makes (meeting_id, image_id) the way in.
constexpr const char* schema_v4 = R"SQL(
CREATE TABLE images (
  meeting_id   TEXT NOT NULL REFERENCES meetings(meeting_id),
  image_id     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes        BLOB NOT NULL,
  uploaded_by  TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, image_id)
);
)SQL";

void save_timer(database& db, const std::string& meeting_id,
                const std::optional<domain::timer>& t) {
  auto& s = db.prepare(
      "UPDATE meetings SET timer_step = ?2, timer_running = ?3, timer_ends_at = ?4, "
      "timer_remaining_ms = ?5 WHERE meeting_id = ?1");
  s.bind(1, meeting_id);
  if (t) {
    s.bind(2, static_cast<std::int64_t>(t->step_index))
        .bind(3, std::int64_t{t->running ? 1 : 0})
        .bind(4, t->ends_at)
        .bind(5, t->remaining_ms);
  } else {
    s.bind_null(2).bind_null(3).bind_null(4).bind_null(5);
  }
  s.run();
}

}  // namespace

sqlite_store::sqlite_store(const std::string& path) : db_(path) {
  db_.exec("PRAGMA journal_mode=WAL");
  // FULL: the WAL is synced at every commit, so a commit that returned survives a power cut.
  // The writer commits in batches, so this is one fsync per batch, not per change.
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  db_.exec("PRAGMA busy_timeout=5000");
  migrate();
}

void sqlite_store::migrate() {
  auto& v = db_.prepare("PRAGMA user_version");
  v.step();
  std::int64_t version = v.int_at(0);
  v.reset();
  // Each step runs once, in order, in its own transaction; user_version says how far we got.
  const std::pair<int, const char*> steps[] = {
      {1, schema_v1}, {2, schema_v2}, {3, schema_v3}, {4, schema_v4}};
  for (const auto& [to, sql] : steps) {
    if (version >= to) continue;
    db_.exec("BEGIN IMMEDIATE");
    try {
      db_.exec(sql);
      db_.exec(("PRAGMA user_version=" + std::to_string(to)).c_str());
      db_.exec("COMMIT");
    } catch (...) {
      db_.exec("ROLLBACK");
      throw;
    }
  }
}

void sqlite_store::begin() {
  db_.exec("BEGIN IMMEDIATE");
}
void sqlite_store::commit() {
  db_.exec("COMMIT");
}
void sqlite_store::rollback() {
  if (!sqlite3_get_autocommit(db_.handle())) db_.exec("ROLLBACK");
}
void sqlite_store::savepoint() {
  db_.exec("SAVEPOINT job");
}
void sqlite_store::release_savepoint() {
  db_.exec("RELEASE job");
}
void sqlite_store::rollback_to_savepoint() {
  db_.exec("ROLLBACK TO job; RELEASE job");
}

void sqlite_store::add_coordinator(const std::string& token_hash, std::int64_t at) {
  db_.prepare("INSERT INTO coordinators(token_hash, created_at) VALUES (?1, ?2)")
      .bind(1, token_hash)
      .bind(2, at)
      .run();
}

bool sqlite_store::is_coordinator(const std::string& token_hash) {
  auto& s = db_.prepare("SELECT 1 FROM coordinators WHERE token_hash = ?1");
  s.bind(1, token_hash);
  bool found = s.step();
  s.reset();
  return found;
}

void sqlite_store::add_group(const group_record& g) {
  db_.prepare("INSERT INTO groups(group_id, name, agreement, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, g.group_id)
      .bind(2, g.name)
      .bind(3, g.agreement)
      .bind(4, g.created_at)
      .run();
}

std::vector<group_record> sqlite_store::groups() {
  std::vector<group_record> out;
  auto& s = db_.prepare(
      "SELECT group_id, name, agreement, created_at FROM groups ORDER BY created_at, group_id");
  while (s.step()) out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.int_at(3)});
  return out;
}

std::optional<group_record> sqlite_store::find_group(const std::string& group_id) {
  auto& s =
      db_.prepare("SELECT group_id, name, agreement, created_at FROM groups WHERE group_id = ?1");
  s.bind(1, group_id);
  if (!s.step()) return std::nullopt;
  group_record g{s.text_at(0), s.text_at(1), s.text_at(2), s.int_at(3)};
  s.reset();
  return g;
}

void sqlite_store::add_meeting(const meeting_record& m) {
  db_.prepare(
         "INSERT INTO meetings(meeting_id, group_id, title, method_id, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, m.meeting_id)
      .bind(2, m.group_id)
      .bind(3, m.title)
      .bind(4, m.method_id)
      .bind(5, m.created_at)
      .run();
}

std::vector<meeting_record> sqlite_store::meetings_of(const std::string& group_id) {
  std::vector<meeting_record> out;
  auto& s = db_.prepare(
      "SELECT meeting_id, group_id, title, method_id, created_at FROM meetings "
      "WHERE group_id = ?1 ORDER BY created_at, meeting_id");
  s.bind(1, group_id);
  while (s.step())
    out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.int_at(4)});
  return out;
}

std::optional<meeting_record> sqlite_store::find_meeting(const std::string& meeting_id) {
  auto& s = db_.prepare(
      "SELECT meeting_id, group_id, title, method_id, created_at FROM meetings WHERE meeting_id = "
      "?1");
  s.bind(1, meeting_id);
  if (!s.step()) return std::nullopt;
  meeting_record m{s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.int_at(4)};
  s.reset();
  return m;
}

void sqlite_store::add_group_method(const group_method_record& m) {
  db_.prepare(
         "INSERT INTO group_methods(method_id, group_id, body, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, m.method_id)
      .bind(2, m.group_id)
      .bind(3, m.body)
      .bind(4, m.created_at)
      .run();
}

std::vector<group_method_record> sqlite_store::group_methods(const std::string& group_id) {
  std::vector<group_method_record> out;
  auto& s = db_.prepare(
      "SELECT method_id, group_id, body, created_at FROM group_methods WHERE group_id = ?1 "
      "ORDER BY created_at, method_id");
  s.bind(1, group_id);
  while (s.step()) out.push_back({s.text_at(0), s.text_at(1), s.text_at(2), s.int_at(3)});
  return out;
}

std::optional<group_method_record> sqlite_store::find_group_method(const std::string& method_id) {
  auto& s = db_.prepare(
      "SELECT method_id, group_id, body, created_at FROM group_methods WHERE method_id = ?1");
  s.bind(1, method_id);
  if (!s.step()) return std::nullopt;
  group_method_record m{s.text_at(0), s.text_at(1), s.text_at(2), s.int_at(3)};
  s.reset();
  return m;
}

void sqlite_store::add_link(const std::string& token_hash, const link_record& l, std::int64_t at) {
  db_.prepare("INSERT INTO links(token_hash, meeting_id, role, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, token_hash)
      .bind(2, l.meeting_id)
      .bind(3, domain::to_string(l.r))
      .bind(4, at)
      .run();
}

void sqlite_store::replace_links(const std::string& token_hash, const link_record& l,
                                 std::int64_t at) {
  db_.prepare("DELETE FROM links WHERE meeting_id = ?1 AND role = ?2")
      .bind(1, l.meeting_id)
      .bind(2, domain::to_string(l.r))
      .run();
  add_link(token_hash, l, at);
}

std::optional<link_record> sqlite_store::find_link(const std::string& token_hash) {
  auto& s = db_.prepare("SELECT meeting_id, role FROM links WHERE token_hash = ?1");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  link_record l{s.text_at(0), domain::role_from(s.text_at(1)).value_or(domain::role::participant)};
  s.reset();
  return l;
}

void sqlite_store::add_member_token(const std::string& token_hash, const credential& c) {
  db_.prepare("INSERT INTO member_tokens(token_hash, meeting_id, member_id) VALUES (?1, ?2, ?3)")
      .bind(1, token_hash)
      .bind(2, c.meeting_id)
      .bind(3, c.member_id)
      .run();
}

std::optional<credential> sqlite_store::find_member_token(const std::string& token_hash) {
  auto& s = db_.prepare("SELECT meeting_id, member_id FROM member_tokens WHERE token_hash = ?1");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  credential c{s.text_at(0), s.text_at(1)};
  s.reset();
  return c;
}

add_image_result sqlite_store::add_image(const image_record& img) {
  // length() of a BLOB reads the row's header, not its overflow pages: cheap for big pictures.
  auto& totals = db_.prepare(
      "SELECT COUNT(*), COALESCE(SUM(length(bytes)), 0) FROM images WHERE meeting_id = ?1");
  totals.bind(1, img.meeting_id);
  totals.step();
  const auto count = static_cast<std::size_t>(totals.int_at(0));
  const auto bytes = static_cast<std::size_t>(totals.int_at(1));
  totals.reset();
  if (count >= images_per_meeting_max) return add_image_result::too_many;
  if (bytes + img.bytes.size() > image_bytes_per_meeting_max) return add_image_result::too_large;
  db_.prepare(
         "INSERT INTO images(meeting_id, image_id, content_type, bytes, uploaded_by, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, img.meeting_id)
      .bind(2, img.image_id)
      .bind(3, img.content_type)
      .bind_blob(4, img.bytes)
      .bind(5, img.uploaded_by)
      .bind(6, img.created_at)
      .run();
  return add_image_result::added;
}

std::optional<image_record> sqlite_store::find_image(const std::string& meeting_id,
                                                     const std::string& image_id) {
  auto& s = db_.prepare(
      "SELECT content_type, bytes, uploaded_by, created_at FROM images "
      "WHERE meeting_id = ?1 AND image_id = ?2");
  s.bind(1, meeting_id).bind(2, image_id);
  if (!s.step()) return std::nullopt;
  image_record img{meeting_id, image_id, s.text_at(0), s.blob_at(1), s.text_at(2), s.int_at(3)};
  s.reset();
  return img;
}

namespace {
void upsert_done(database& db, const std::string& meeting_id, const domain::progress& p) {
  db.prepare(
        "INSERT INTO done_flags(meeting_id, step_index, member_id, done) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(meeting_id, step_index, member_id) DO UPDATE SET done = excluded.done")
      .bind(1, meeting_id)
      .bind(2, static_cast<std::int64_t>(p.step_index))
      .bind(3, p.member_id)
      .bind(4, p.done ? 1 : 0)
      .run();
}
}  // namespace

void sqlite_store::record(const std::string& meeting_id, const domain::change& c,
                          const std::string& body) {
  db_.prepare(
         "INSERT INTO changes(meeting_id, seq, at, actor_id, body) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, meeting_id)
      .bind(2, static_cast<std::int64_t>(c.seq))
      .bind(3, c.at)
      .bind(4, c.actor_id)
      .bind(5, body)
      .run();
  db_.prepare("UPDATE meetings SET seq = ?2 WHERE meeting_id = ?1")
      .bind(1, meeting_id)
      .bind(2, static_cast<std::int64_t>(c.seq))
      .run();
  std::visit(
      overloaded{
          [&](const chg::member_joined& j) {
            db_.prepare(
                   "INSERT INTO members(meeting_id, member_id, name, category, role, joined_seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .bind(1, meeting_id)
                .bind(2, j.m.member_id)
                .bind(3, j.m.name)
                .bind(4, domain::to_string(j.m.cat))
                .bind(5, domain::to_string(j.m.r))
                .bind(6, static_cast<std::int64_t>(c.seq))
                .run();
          },
          [&](const chg::step_changed& s) {
            db_.prepare("UPDATE meetings SET step_index = ?2 WHERE meeting_id = ?1")
                .bind(1, meeting_id)
                .bind(2, static_cast<std::int64_t>(s.step_index))
                .run();
            save_timer(db_, meeting_id, std::nullopt);  // a new step starts without a timer
          },
          [&](const chg::presenter_appointed& a) {
            db_.prepare("UPDATE meetings SET presenter_id = ?2 WHERE meeting_id = ?1")
                .bind(1, meeting_id)
                .bind_optional(2, a.member_id)
                .run();
          },
          [&](const chg::note_saved& s) {
            db_.prepare(
                   "INSERT INTO notes(meeting_id, note_id, author_id, step_index, text, "
                   "updated_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(meeting_id, note_id) "
                   "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at")
                .bind(1, meeting_id)
                .bind(2, s.n.note_id)
                .bind(3, s.n.author_id)
                .bind(4, static_cast<std::int64_t>(s.n.step_index))
                .bind(5, s.n.text)
                .bind(6, s.n.updated_at)
                .run();
          },
          [&](const chg::note_deleted& d) {
            db_.prepare("DELETE FROM notes WHERE meeting_id = ?1 AND note_id = ?2")
                .bind(1, meeting_id)
                .bind(2, d.note_id)
                .run();
          },
          [&](const chg::done_changed& d) { upsert_done(db_, meeting_id, d.after); },
          [&](const chg::revealed& r) {
            if (r.to_presenter) return;  // R24: the step is revealed when everyone sees it
            db_.prepare("INSERT INTO reveals(meeting_id, step_index, seq) VALUES (?1, ?2, ?3)")
                .bind(1, meeting_id)
                .bind(2, static_cast<std::int64_t>(r.step_index))
                .bind(3, static_cast<std::int64_t>(c.seq))
                .run();
          },
          [&](const chg::timer_changed& t) { save_timer(db_, meeting_id, t.t); },
          [&](const chg::roles_changed& r) {
            for (const auto& [member_id, role] : r.members) {
              db_.prepare("UPDATE members SET role = ?3 WHERE meeting_id = ?1 AND member_id = ?2")
                  .bind(1, meeting_id)
                  .bind(2, member_id)
                  .bind(3, domain::to_string(role))
                  .run();
            }
          },
          // The other changes of the step kinds live in the log only: rooms load by replaying
          // it (rooms/meeting_loader), so these tables are an index, not the state.
          [](const auto&) {},
      },
      c.body);
}

std::optional<meeting_current> sqlite_store::load_meeting(const std::string& meeting_id) {
  meeting_current cur;
  {
    auto& s = db_.prepare(
        "SELECT meeting_id, group_id, title, method_id, created_at, seq, step_index, presenter_id, "
        "timer_step, timer_running, timer_ends_at, timer_remaining_ms "
        "FROM meetings WHERE meeting_id = ?1");
    s.bind(1, meeting_id);
    if (!s.step()) return std::nullopt;
    cur.record = {s.text_at(0), s.text_at(1), s.text_at(2), s.text_at(3), s.int_at(4)};
    cur.seq = static_cast<std::uint64_t>(s.int_at(5));
    cur.step_index = static_cast<std::uint32_t>(s.int_at(6));
    if (!s.is_null(7)) cur.presenter_id = s.text_at(7);
    if (!s.is_null(8)) {
      cur.timer = domain::timer{static_cast<std::uint32_t>(s.int_at(8)), s.int_at(9) != 0,
                                s.int_at(10), s.int_at(11)};
    }
    s.reset();
  }
  {
    auto& s = db_.prepare(
        "SELECT member_id, name, category, role FROM members WHERE meeting_id = ?1 ORDER BY "
        "joined_seq");
    s.bind(1, meeting_id);
    while (s.step()) {
      cur.members.push_back(
          {s.text_at(0), s.text_at(1),
           domain::category_from(s.text_at(2)).value_or(domain::category::professional),
           domain::role_from(s.text_at(3)).value_or(domain::role::participant)});
    }
  }
  {
    auto& s = db_.prepare(
        "SELECT note_id, author_id, step_index, text, updated_at FROM notes WHERE meeting_id = ?1");
    s.bind(1, meeting_id);
    while (s.step()) {
      domain::note n;
      n.note_id = s.text_at(0);
      n.author_id = s.text_at(1);
      n.step_index = static_cast<std::uint32_t>(s.int_at(2));
      n.text = s.text_at(3);
      n.updated_at = s.int_at(4);
      cur.notes.push_back(std::move(n));
    }
  }
  {
    auto& s = db_.prepare("SELECT step_index FROM reveals WHERE meeting_id = ?1");
    s.bind(1, meeting_id);
    while (s.step()) cur.revealed_steps.insert(static_cast<std::uint32_t>(s.int_at(0)));
  }
  {
    auto& s =
        db_.prepare("SELECT step_index, member_id, done FROM done_flags WHERE meeting_id = ?1");
    s.bind(1, meeting_id);
    while (s.step()) {
      cur.done_flags.push_back(
          {static_cast<std::uint32_t>(s.int_at(0)), s.text_at(1), 0, s.int_at(2) != 0});
    }
  }
  return cur;
}

std::vector<log_entry> sqlite_store::log_since(const std::string& meeting_id,
                                               std::uint64_t after_seq, std::size_t limit) {
  std::vector<log_entry> out;
  auto& s = db_.prepare(
      "SELECT seq, at, actor_id, body FROM changes WHERE meeting_id = ?1 AND seq > ?2 "
      "ORDER BY seq LIMIT ?3");
  s.bind(1, meeting_id)
      .bind(2, static_cast<std::int64_t>(after_seq))
      .bind(3, static_cast<std::int64_t>(limit));
  while (s.step()) {
    out.push_back(
        {static_cast<std::uint64_t>(s.int_at(0)), s.int_at(1), s.text_at(2), s.text_at(3)});
  }
  return out;
}

}  // namespace intervisie::store
