#pragma once
// Commands are what a member asks for; changes are what the server decided happened. Only
// changes are stored (the per-meeting log) and sent. Both are plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/board.hpp"
#include "domain/types.hpp"

namespace intervisie::domain {

namespace cmd {
struct set_step {
  std::uint32_t step_index = 0;
};
struct appoint_presenter {
  std::optional<std::string> member_id;
  std::optional<std::string> case_note_id;  // the chosen proposal of a case_choice step
};
struct note_save {
  std::string note_id;
  std::string text;
  std::string title;  // case proposals only
  std::string label;  // "top" / "tip", evaluation only
};
struct note_delete {
  std::string note_id;
};
struct set_done {
  bool done = false;
};
struct reveal {};
struct timer_start {
  std::optional<std::uint32_t> duration_seconds;  // none: resume, or the step's timebox
};
struct timer_pause {};
struct timer_add {
  std::uint32_t seconds = 0;
};
struct vote {
  std::string note_id;
  std::uint32_t votes = 0;
};
struct consent {
  bool accept = false;
};
struct ask {
  std::string note_id;
  std::string text;
};
struct pass {};
struct turn_skip {};
struct turn_order {
  std::vector<std::string> member_ids;
};
// Fields left out keep their value; `warmth` with rating::none clears it.
struct note_mark {
  std::string note_id;
  std::optional<bool> picked;
  std::optional<rating> warmth;
  std::optional<bool> answered;
  std::optional<bool> touches;
};
struct rate {
  std::uint32_t score = 0;
};
struct set_auto_reveal {
  bool on = false;
};
struct hand_facilitation {
  std::string member_id;
};
struct remove_member {
  std::string member_id;
};
struct end_meeting {};
// Boards (R31-R37).
struct board_change {
  std::string board_id;
  board_edit edit;
};
struct board_add {
  std::string board_id;
  std::string title;
  std::optional<std::string> templ;
};
struct board_lock {
  std::string board_id;
  bool locked = false;
};
struct board_clear {
  std::string board_id;
};
// Not changes: passed on to the others at once, never stored (R36, R37).
struct board_view {
  std::string board_id;
  double x = 0;
  double y = 0;
  double zoom = 1;
};
struct point {
  double x = 0;
  double y = 0;
};
struct live_stroke {
  std::string id;
  std::string color;
  double width = 1;
  std::string tool;
  std::vector<double> points;
};
struct board_live {
  std::string board_id;
  bool has_cursor = false;  // `cursor` was sent: a point, or null (left the board)
  std::optional<point> cursor;
  std::optional<bool> laser;
  std::optional<live_stroke> stroke;
};
}  // namespace cmd

using command =
    std::variant<cmd::set_step, cmd::appoint_presenter, cmd::note_save, cmd::note_delete,
                 cmd::set_done, cmd::reveal, cmd::timer_start, cmd::timer_pause, cmd::timer_add,
                 cmd::vote, cmd::consent, cmd::ask, cmd::pass, cmd::turn_skip, cmd::turn_order,
                 cmd::note_mark, cmd::rate, cmd::set_auto_reveal, cmd::hand_facilitation,
                 cmd::remove_member, cmd::end_meeting, cmd::board_change, cmd::board_add,
                 cmd::board_lock, cmd::board_clear, cmd::board_view, cmd::board_live>;

namespace chg {
struct member_joined {
  member m;
};
struct step_changed {
  std::uint32_t step_index = 0;
  std::optional<turn_round> round;  // entering a question round for the first time
};
struct presenter_appointed {
  std::optional<std::string> member_id;
  std::optional<std::string> case_note_id;
};
struct presenter_consent {
  std::string member_id;
  bool accepted = false;
};
// Who may see a note change depends on its step's kind (R20, R23); others see `after` only.
struct note_saved {
  note n;
  progress after;
};
struct note_deleted {
  std::string note_id;
  progress after;  // carries the author and the step
};
struct done_changed {
  progress after;
};
// One change flips the whole step: every note in it becomes visible at the same seq, to the
// presenter only (the first of two reveals, R24) or to everyone.
struct revealed {
  std::uint32_t step_index = 0;
  std::vector<note> notes;
  bool to_presenter = false;
  std::vector<board_snapshot> boards;  // a private board step's boards (R35)
};
struct timer_changed {
  std::optional<timer> t;
};
struct vote_cast {
  std::string member_id;
  std::string note_id;
  std::uint32_t votes = 0;
};
struct question_asked {
  note n;
  turn_round round;  // after the turn moved on
};
struct turn_changed {
  turn_round round;
};
struct note_marked {
  std::string note_id;
  std::uint32_t step_index = 0;
  marks m;
};
struct rated {
  std::string member_id;
  std::uint32_t step_index = 0;
  std::uint32_t score = 0;
  progress after;  // what everyone but the member and the facilitator sees
};
struct auto_reveal_set {
  std::uint32_t step_index = 0;
  bool on = false;
};
struct roles_changed {
  std::vector<std::pair<std::string, role>> members;
};
struct member_removed {
  std::string member_id;
};
struct meeting_ended {};
// What took effect of a board_change (R33). On a private board only its owner sees it; the
// others see `after` (R35).
struct board_changed {
  std::string board_id;
  board_edit ev;
  std::optional<progress> after;
};
struct board_added {
  board_info info;
};
struct board_locked {
  std::string board_id;
  bool locked = false;
};
struct board_cleared {
  std::string board_id;
  std::optional<progress> after;
};
}  // namespace chg

using change_body =
    std::variant<chg::member_joined, chg::step_changed, chg::presenter_appointed, chg::note_saved,
                 chg::note_deleted, chg::done_changed, chg::revealed, chg::timer_changed,
                 chg::presenter_consent, chg::vote_cast, chg::question_asked, chg::turn_changed,
                 chg::note_marked, chg::rated, chg::auto_reveal_set, chg::roles_changed,
                 chg::member_removed, chg::meeting_ended, chg::board_changed, chg::board_added,
                 chg::board_locked, chg::board_cleared>;

struct change {
  std::uint64_t seq = 0;
  std::int64_t at = 0;  // ms since the epoch
  std::string actor_id;
  change_body body;
};

// For a change not everyone may see in full, what everyone else may see (note_progress).
const progress* public_progress(const change_body& body);

}  // namespace intervisie::domain
