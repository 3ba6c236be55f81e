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

// The actor of changes the server makes by itself (the reveal when everyone is done, R25).
inline constexpr const char* server_actor = "server";

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
  // R25: the reveal the server makes when every expected writer who is online is done, if it
  // is due now.
  std::optional<change_body> auto_reveal_due(const std::set<std::string>& online) const;

  // Applies a decided (or stored) change and advances seq. Used live and when loading.
  void apply(const change& c);

  // Who sees the full form of a change (nullopt: everyone); the rest get the public form.
  std::optional<std::vector<std::string>> full_audience(const change_body& body) const;

  const meeting_info& info() const { return info_; }
  const method& meeting_method() const { return method_; }
  std::uint64_t seq() const { return seq_; }
  std::uint32_t step_index() const { return step_index_; }
  const std::optional<std::string>& presenter_id() const { return presenter_id_; }
  const std::optional<std::string>& case_note_id() const { return case_note_id_; }
  domain::consent presenter_consent() const { return consent_; }
  const std::vector<member>& members() const { return members_; }
  const member* find_member(const std::string& member_id) const;
  const std::map<std::string, note>& notes() const { return notes_; }
  const std::set<std::uint32_t>& revealed_steps() const { return revealed_; }
  const std::set<std::uint32_t>& presenter_revealed_steps() const { return presenter_revealed_; }
  const std::set<std::uint32_t>& auto_reveal_steps() const { return auto_reveal_; }
  const std::optional<timer>& step_timer() const { return timer_; }
  const std::map<std::uint32_t, turn_round>& rounds() const { return rounds_; }
  std::vector<vote> votes() const;
  bool ended() const { return ended_; }
  bool is_revealed(std::uint32_t step_index) const { return revealed_.count(step_index) > 0; }
  // Progress of every member who wrote or said done in some step, ordered by (step, member).
  std::vector<progress> all_progress() const;
  progress progress_of(std::uint32_t step_index, const std::string& member_id) const;
  // Notes `member_id` may see now (R20, R23, R24).
  std::vector<note> visible_notes(const std::string& member_id) const;
  // Ratings `member_id` may see now: their own; all of them for a facilitator (R29).
  std::vector<score> visible_scores(const std::string& member_id) const;
  // (step, member) -> rating, for the coordinator's evaluation report.
  const std::map<std::pair<std::uint32_t, std::string>, std::uint32_t>& all_scores() const {
    return scores_;
  }

  // Boards (R31-R37, meeting_boards.cpp).
  // The board with this id as `member_id` may see it, or nullopt (unknown, or not theirs).
  std::optional<board_info> visible_board(const std::string& member_id,
                                          const std::string& board_id) const;
  // Every board `member_id` may see now, with its objects (the snapshot's `boards`).
  std::vector<board_snapshot> visible_boards(const std::string& member_id) const;
  // May `actor_id` draw on this board now (board_change, board_live)?
  std::optional<error> check_board_write(const std::string& actor_id,
                                         const std::string& board_id) const;
  // board_view (R36): a facilitator, a shared board.
  std::optional<error> check_board_view(const std::string& actor_id,
                                        const std::string& board_id) const;
  // Who receives board_live on this board: everyone for a shared board, no one for a private one.
  bool is_shared_board(const std::string& board_id) const;

  // The previous meeting of the group, brought back in recall steps; set when loading.
  void set_recall(std::optional<domain::recall> r) { recall_ = std::move(r); }
  const std::optional<domain::recall>& previous() const { return recall_; }
  // What this meeting leaves for the next one's recall, if anything.
  std::optional<domain::recall> recall_for_next() const;

private:
  const step* current_step() const;
  const step* step_at(std::uint32_t index) const;
  bool is_active(const std::string& member_id) const;  // a member, not removed
  bool is_facilitator(const std::string& actor_id) const;
  bool is_presenter(const std::string& actor_id) const;
  // The step's notes are read-only: revealed to everyone or to the presenter.
  bool is_closed(std::uint32_t step_index) const;
  bool may_see(const note& n, const std::string& member_id) const;
  std::vector<std::string> facilitators() const;
  // `done_only`: for set_done, also allowed in a private board step (R35).
  std::optional<error> check_note_step(const std::string& actor_id, bool done_only = false) const;
  std::optional<error> check_presenter(const std::string& actor_id) const;
  std::optional<error> check_turn(const std::string& actor_id) const;
  decision decide_reveal() const;
  std::vector<note> notes_to_reveal(std::uint32_t step_index) const;
  std::uint32_t votes_of(const std::string& member_id, const std::string& except_note) const;
  decision decide_board(const std::string& actor_id, const command& c) const;
  std::optional<board_info> find_board(const std::string& board_id) const;
  std::vector<board_snapshot> boards_to_reveal(std::uint32_t step_index) const;
  progress board_progress(const board_info& b, const board_state& after) const;
  void apply_board(const change& c);

  meeting_info info_;
  method method_;
  std::uint64_t seq_ = 0;
  std::uint32_t step_index_ = 0;
  std::optional<std::string> presenter_id_;
  std::optional<std::string> case_note_id_;
  domain::consent consent_ = domain::consent::none;
  std::vector<member> members_;  // in join order
  std::map<std::string, note> notes_;
  std::set<std::uint32_t> revealed_;
  std::set<std::uint32_t> presenter_revealed_;
  std::set<std::uint32_t> auto_reveal_;
  std::optional<timer> timer_;
  std::map<std::uint32_t, turn_round> rounds_;
  std::map<std::pair<std::string, std::string>, std::uint32_t> votes_;     // (member, note)
  std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> scores_;  // (step, member)
  std::optional<domain::recall> recall_;
  bool ended_ = false;
  // (step, member) -> progress; note_count is kept in step with notes_.
  std::map<std::pair<std::uint32_t, std::string>, progress> progress_;
  // Boards: the facilitator's added boards in order, locks, objects of boards drawn on, and
  // the private boards that were revealed.
  std::vector<board_info> added_boards_;
  std::set<std::string> locked_boards_;
  std::map<std::string, board_state> boards_;
  std::set<std::string> revealed_boards_;
};

}  // namespace intervisie::domain
