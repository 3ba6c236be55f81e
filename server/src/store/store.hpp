#pragma once
// The storage contract. Implementations: sqlite_store (SQLite file or :memory:). Every call runs
// on the writer thread inside a transaction the writer opened, so implementations need no locks.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/change.hpp"
#include "domain/types.hpp"

namespace intervisie::store {

struct group_record {
  std::string group_id;
  std::string name;
  std::string agreement;
  std::int64_t created_at = 0;
};

struct meeting_record {
  std::string meeting_id;
  std::string group_id;
  std::string title;
  std::string method_id;
  std::int64_t created_at = 0;
};

struct link_record {
  std::string meeting_id;
  domain::role r = domain::role::participant;
};

struct credential {
  std::string meeting_id;
  std::string member_id;
};

// One row of a meeting's append-only change log. `body` is the protocol layer's encoding;
// the store keeps it as text and does not look inside.
// A method a group composed (protocol README §2): stored as the protocol layer's JSON, with its
// method_id inside. Immutable once added: a meeting that uses it must never change under its
// members, so editing means adding a new one.
struct group_method_record {
  std::string method_id;
  std::string group_id;
  std::string body;
  std::int64_t created_at = 0;
};

// A picture placed on a board (protocol R38). The store keeps the bytes as they came, checked
// by the API, and does not look inside.
struct image_record {
  std::string meeting_id;
  std::string image_id;
  std::string content_type;  // "image/png" or "image/jpeg"
  std::string bytes;         // binary; std::string so the HTTP body needs no conversion
  std::string uploaded_by;   // member id
  std::int64_t created_at = 0;
};

// R38's per-meeting limits. A meeting has one or two boards with pictures on them: 100 pictures
// and 50 MiB are far beyond that, and they keep one meeting from filling the disk.
inline constexpr std::size_t images_per_meeting_max = 100;
inline constexpr std::size_t image_bytes_per_meeting_max = std::size_t{50} * 1024 * 1024;

// What add_image did. A full meeting is an expected answer (409 limit_reached), not a failure,
// so it is a result and not an exception.
enum class add_image_result { added, too_many, too_large };

struct log_entry {
  std::uint64_t seq = 0;
  std::int64_t at = 0;
  std::string actor_id;
  std::string body;
};

// A meeting's current state, read from the current-state tables (not by replaying the log).
struct meeting_current {
  meeting_record record;
  std::uint64_t seq = 0;
  std::uint32_t step_index = 0;
  std::optional<std::string> presenter_id;
  std::vector<domain::member> members;
  std::vector<domain::note> notes;
  std::set<std::uint32_t> revealed_steps;
  std::vector<domain::progress> done_flags;
  std::optional<domain::timer> timer;
};

class store {
public:
  virtual ~store() = default;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // One job of a group commit runs between these: a failing job is undone alone.
  virtual void savepoint() = 0;
  virtual void release_savepoint() = 0;
  virtual void rollback_to_savepoint() = 0;

  virtual void add_coordinator(const std::string& token_hash, std::int64_t at) = 0;
  virtual bool is_coordinator(const std::string& token_hash) = 0;

  virtual void add_group(const group_record& g) = 0;
  virtual std::vector<group_record> groups() = 0;
  virtual std::optional<group_record> find_group(const std::string& group_id) = 0;

  virtual void add_meeting(const meeting_record& m) = 0;
  virtual std::vector<meeting_record> meetings_of(const std::string& group_id) = 0;
  virtual std::optional<meeting_record> find_meeting(const std::string& meeting_id) = 0;

  virtual void add_group_method(const group_method_record& m) = 0;
  // A group's methods, oldest first.
  virtual std::vector<group_method_record> group_methods(const std::string& group_id) = 0;
  virtual std::optional<group_method_record> find_group_method(const std::string& method_id) = 0;

  virtual void add_link(const std::string& token_hash, const link_record& l, std::int64_t at) = 0;
  virtual std::optional<link_record> find_link(const std::string& token_hash) = 0;
  // Every link of this meeting and role stops working; `token_hash` becomes the only one.
  virtual void replace_links(const std::string& token_hash, const link_record& l,
                             std::int64_t at) = 0;

  virtual void add_member_token(const std::string& token_hash, const credential& c) = 0;
  virtual std::optional<credential> find_member_token(const std::string& token_hash) = 0;

  // Stores the picture unless the meeting would then hold more than images_per_meeting_max
  // pictures or image_bytes_per_meeting_max bytes of them; a refused picture changes nothing.
  virtual add_image_result add_image(const image_record& img) = 0;
  // Only the meeting's own pictures: an image id of another meeting is not found.
  virtual std::optional<image_record> find_image(const std::string& meeting_id,
                                                 const std::string& image_id) = 0;

  // Appends the change to the log and applies it to the current-state tables, both in the
  // caller's transaction: the two never disagree.
  virtual void record(const std::string& meeting_id, const domain::change& c,
                      const std::string& body) = 0;
  virtual std::optional<meeting_current> load_meeting(const std::string& meeting_id) = 0;
  // Log entries with seq > after_seq, oldest first, at most `limit`.
  virtual std::vector<log_entry> log_since(const std::string& meeting_id, std::uint64_t after_seq,
                                           std::size_t limit) = 0;
};

}  // namespace intervisie::store
