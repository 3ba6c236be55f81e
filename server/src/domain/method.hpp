#pragma once
// A method is data: an ordered list of steps, each of a step kind, with texts in Dutch and
// English. Loaded from JSON by the protocol layer; the domain only reads it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intervisie::domain {

// What each screen lets each role do in a step (protocol/README.md §4.2).
enum class step_kind {
  info,            // read the instructions and talk; nothing is written in the tool
  check_in,        // how is everyone arriving: shared notes
  recall,          // the previous meeting brought back; shared notes on what came of it
  case_choice,     // private case proposals, revealed together, urgency votes, presenter chosen
  present,         // the presenter tells; others jot notes only they ever see
  private_write,   // everyone writes privately; the facilitator reveals them all at once
  question_round,  // in turns, each puts one question; the presenter picks, rates, answers
  react,           // the presenter marks the revealed note that touches most
  discussion,      // a shared list of experiences and suggestions: anyone adds
  takeaways,       // private, then revealed with the presenter's first; recalled next time
  reflection,      // shared notes on the leading questions
  evaluation,      // tops and tips and a rating, seen by the author and the facilitator only
  check_out,       // how is everyone leaving: shared notes
  board            // a board to draw on: shared, or one per member revealed together (R31)
};

// Who sees a note of a step, and when (R20, R23).
enum class note_policy {
  none,          // no notes in this step
  until_reveal,  // the author only, until the facilitator reveals the step
  own,           // the author only, always (jotting while listening)
  shared,        // everyone, as soon as it is saved
  facilitator    // the author and the facilitator(s); the coordinator reads them through the API
};

note_policy policy_of(step_kind k);
std::string_view to_string(step_kind k);
std::optional<step_kind> step_kind_from(std::string_view s);

// For steps that are revealed: to everyone at once, or to the presenter first (then everyone).
enum class reveal_mode { everyone, presenter_first };

struct localized {
  std::string nl;
  std::string en;
};

struct step {
  step_kind kind = step_kind::info;
  localized title;
  localized instructions;
  std::optional<std::uint32_t> timebox_minutes;
  // An optional step (a check-in, a creative variation) is skipped by "next"; the facilitator
  // can still open it from the step list.
  bool optional = false;
  reveal_mode reveal = reveal_mode::everyone;
  // The presenter only listens: their note input is disabled (the roddel step; the questions
  // and observations others write about the presenter's case).
  bool presenter_listens = false;
  // Board steps (R31): one board for all, or one private board per member, revealed together.
  bool private_boards = false;
  std::optional<std::string> board_template;  // "relations"
};

// A step whose writing stays with its author until the facilitator reveals it: the
// until_reveal kinds, and a board step with private boards (R35).
bool is_revealed_step(const step& s);

struct method {
  std::string method_id;
  localized title;
  std::vector<step> steps;
  // The number the method's own text gives its first step: buiten je bubbel starts at Stap 0.
  std::uint32_t first_step_number = 1;
};

// Returns the method with this id from the list, or nullptr.
const method* find_method(const std::vector<method>& methods, const std::string& method_id);

}  // namespace intervisie::domain
