#pragma once
// Thin RAII wrappers over the SQLite C API: a connection and prepared statements. Errors throw
// sqlite_error so a failing group-commit job can be rolled back alone.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace intervisie::store {

struct sqlite_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class statement {
public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::int64_t v);
  statement& bind(int index, std::string_view v);
  statement& bind_optional(int index, const std::optional<std::string>& v);
  statement& bind_null(int index);
  // Bytes as a BLOB (pictures): bind(string_view) would store them as TEXT.
  statement& bind_blob(int index, std::string_view bytes);
  // Steps once: true while a row is available. Resets itself when done.
  bool step();
  void run();  // steps to completion
  void reset();

  std::int64_t int_at(int col) const;
  std::string text_at(int col) const;
  std::string blob_at(int col) const;
  bool is_null(int col) const;

private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class database {
public:
  explicit database(const std::string& path);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  void exec(const char* sql);
  // Prepared once per SQL text and reused: the hot path never re-parses SQL.
  statement& prepare(const char* sql);
  sqlite3* handle() const { return db_; }

private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<statement>> cache_;
};

}  // namespace intervisie::store
