#pragma once
// The meeting state machine: who may do what in which step, and what each change does to the
// state. Pure functions over plain data, so the rules are tested without sockets or disks.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/change.hpp"
#include "domain/error.hpp"
#include "domain/method.hpp"
#include "domain/types.hpp"

namespace intervisie::domain {

struct meeting_info {
  std::string meeting_id;
  std::string group_id;
  std::string title;
  std::string group_name;
  std::string agreement;
};

class meeting {
public:
  meeting(meeting_info info, method m);

  // The command was valid but changes nothing (an idempotent resend): answer with `ack`.
  struct no_change {};
  using decision = std::variant<change_body, error, no_change>;

  // Decides what `actor_id`'s command does in the current state, without changing it.
  decision decide(const std::string& actor_id, const command& c, std::int64_t now) const;
  // Decides a join (from the HTTP API; the member id and name are already validated).
  decision decide_join(const member& m) const;

  // Applies a decided (or stored) change and advances seq. Used live and when loading.
  void apply(const change& c);

  const meeting_info& info() const { return info_; }
  const method& meeting_method() const { return method_; }
  std::uint64_t seq() const { return seq_; }
  std::uint32_t step_index() const { return step_index_; }
  const std::optional<std::string>& presenter_id() const { return presenter_id_; }
  const std::vector<member>& members() const { return members_; }
  const member* find_member(const std::string& member_id) const;
  const std::map<std::string, note>& notes() const { return notes_; }
  const std::set<std::uint32_t>& revealed_steps() const { return revealed_; }
  const std::optional<timer>& step_timer() const { return timer_; }
  bool is_revealed(std::uint32_t step_index) const { return revealed_.count(step_index) > 0; }
  // Progress of every member who wrote or said done in some step, ordered by (step, member).
  std::vector<progress> all_progress() const;
  progress progress_of(std::uint32_t step_index, const std::string& member_id) const;
  // Notes `member_id` may see now: their own, and every note of a revealed step (R20).
  std::vector<note> visible_notes(const std::string& member_id) const;

  // For loading from the store's current-state tables without replaying the log.
  void restore(std::uint64_t seq, std::uint32_t step_index, std::optional<std::string> presenter,
               std::vector<member> members, std::vector<note> notes,
               std::set<std::uint32_t> revealed, std::vector<progress> done_flags,
               std::optional<timer> t = std::nullopt);

private:
  std::optional<error> check_writable(const std::string& actor_id) const;
  bool is_facilitator(const std::string& actor_id) const;

  meeting_info info_;
  method method_;
  std::uint64_t seq_ = 0;
  std::uint32_t step_index_ = 0;
  std::optional<std::string> presenter_id_;
  std::vector<member> members_;  // in join order
  std::map<std::string, note> notes_;
  std::set<std::uint32_t> revealed_;
  std::optional<timer> timer_;
  // (step, member) -> progress; note_count is kept in step with notes_.
  std::map<std::pair<std::uint32_t, std::string>, progress> progress_;
};

}  // namespace intervisie::domain
