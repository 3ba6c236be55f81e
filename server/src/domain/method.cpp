#include "domain/method.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace intervisie::domain {

namespace {
constexpr std::array<std::pair<step_kind, std::string_view>, 14> kind_names{{
    {step_kind::info, "info"},
    {step_kind::check_in, "check_in"},
    {step_kind::recall, "recall"},
    {step_kind::case_choice, "case_choice"},
    {step_kind::present, "present"},
    {step_kind::private_write, "private_write"},
    {step_kind::question_round, "question_round"},
    {step_kind::react, "react"},
    {step_kind::discussion, "discussion"},
    {step_kind::takeaways, "takeaways"},
    {step_kind::reflection, "reflection"},
    {step_kind::evaluation, "evaluation"},
    {step_kind::check_out, "check_out"},
    {step_kind::board, "board"},
}};
}  // namespace

note_policy policy_of(step_kind k) {
  switch (k) {
    case step_kind::info:
    case step_kind::react:
    case step_kind::board:  // drawings are board objects, not notes
      return note_policy::none;
    case step_kind::question_round:  // questions are put with `ask`, in turn, for all to see
      return note_policy::shared;
    case step_kind::case_choice:
    case step_kind::private_write:
    case step_kind::takeaways:
      return note_policy::until_reveal;
    case step_kind::present:
      return note_policy::own;
    case step_kind::check_in:
    case step_kind::recall:
    case step_kind::discussion:
    case step_kind::reflection:
    case step_kind::check_out:
      return note_policy::shared;
    case step_kind::evaluation:
      return note_policy::facilitator;
  }
  return note_policy::none;
}

bool is_revealed_step(const step& s) {
  return policy_of(s.kind) == note_policy::until_reveal ||
         (s.kind == step_kind::board && s.private_boards);
}

std::string_view to_string(step_kind k) {
  for (const auto& [kind, name] : kind_names)
    if (kind == k) return name;
  return "info";
}

std::optional<step_kind> step_kind_from(std::string_view s) {
  for (const auto& [kind, name] : kind_names)
    if (name == s) return kind;
  return std::nullopt;
}

const method* find_method(const std::vector<method>& methods, const std::string& method_id) {
  auto it = std::find_if(methods.begin(), methods.end(),
                         [&](const method& m) { return m.method_id == method_id; });
  return it == methods.end() ? nullptr : &*it;
}

}  // namespace intervisie::domain
