#pragma once
#include <string>

#include "store/sqlite.hpp"
#include "store/store.hpp"

namespace intervisie::store {

// The store on a SQLite file (or ":memory:" in unit tests). WAL with synchronous=FULL: a commit
// that returned has reached the disk, so an acknowledged change survives a crash or power cut.
class sqlite_store final : public store {
public:
  explicit sqlite_store(const std::string& path);

  void begin() override;
  void commit() override;
  void rollback() override;
  void savepoint() override;
  void release_savepoint() override;
  void rollback_to_savepoint() override;

  void add_coordinator(const std::string& token_hash, std::int64_t at) override;
  bool is_coordinator(const std::string& token_hash) override;
  void add_group(const group_record& g) override;
  std::vector<group_record> groups() override;
  std::optional<group_record> find_group(const std::string& group_id) override;
  void add_meeting(const meeting_record& m) override;
  std::vector<meeting_record> meetings_of(const std::string& group_id) override;
  std::optional<meeting_record> find_meeting(const std::string& meeting_id) override;
  void add_group_method(const group_method_record& m) override;
  std::vector<group_method_record> group_methods(const std::string& group_id) override;
  std::optional<group_method_record> find_group_method(const std::string& method_id) override;
  void add_link(const std::string& token_hash, const link_record& l, std::int64_t at) override;
  std::optional<link_record> find_link(const std::string& token_hash) override;
  void replace_links(const std::string& token_hash, const link_record& l, std::int64_t at) override;
  void add_member_token(const std::string& token_hash, const credential& c) override;
  std::optional<credential> find_member_token(const std::string& token_hash) override;
  add_image_result add_image(const image_record& img) override;
  std::optional<image_record> find_image(const std::string& meeting_id,
                                         const std::string& image_id) override;
  void record(const std::string& meeting_id, const domain::change& c,
              const std::string& body) override;
  std::optional<meeting_current> load_meeting(const std::string& meeting_id) override;
  std::vector<log_entry> log_since(const std::string& meeting_id, std::uint64_t after_seq,
                                   std::size_t limit) override;

private:
  void migrate();
  database db_;
};

}  // namespace intervisie::store
