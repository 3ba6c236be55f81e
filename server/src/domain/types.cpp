#include "domain/types.hpp"

#include <array>
#include <utility>

#include "domain/change.hpp"
#include "domain/error.hpp"

namespace intervisie::domain {

namespace {
constexpr std::array<std::pair<role, std::string_view>, 2> role_names{{
    {role::facilitator, "facilitator"},
    {role::participant, "participant"},
}};
constexpr std::array<std::pair<category, std::string_view>, 5> category_names{{
    {category::professional, "professional"},
    {category::student, "student"},
    {category::parent, "parent"},
    {category::young_person, "young_person"},
    {category::teacher, "teacher"},
}};
constexpr std::array<std::string_view, 21> error_names{
    "invalid_json",      "too_deep",        "message_too_large",
    "unknown_type",      "invalid_field",   "unsupported_protocol",
    "not_authenticated", "already_joined",  "invalid_token",
    "not_in_meeting",    "forbidden",       "wrong_step",
    "already_revealed",  "not_found",       "limit_reached",
    "rate_limited",      "internal",        "meeting_ended",
    "not_your_turn",     "consent_pending", "board_locked"};
constexpr std::array<std::pair<rating, std::string_view>, 3> rating_names{{
    {rating::cold, "cold"},
    {rating::lukewarm, "lukewarm"},
    {rating::warm, "warm"},
}};
}  // namespace

std::string_view to_string(role r) {
  for (auto& [k, v] : role_names)
    if (k == r) return v;
  return "participant";
}
std::string_view to_string(category c) {
  for (auto& [k, v] : category_names)
    if (k == c) return v;
  return "professional";
}
std::optional<role> role_from(std::string_view s) {
  for (auto& [k, v] : role_names)
    if (v == s) return k;
  return std::nullopt;
}
std::optional<category> category_from(std::string_view s) {
  for (auto& [k, v] : category_names)
    if (v == s) return k;
  return std::nullopt;
}
std::string_view to_string(error_code c) {
  return error_names.at(static_cast<std::size_t>(c));
}

std::string_view to_string(rating r) {
  for (auto& [k, v] : rating_names)
    if (k == r) return v;
  return "";
}
std::optional<rating> rating_from(std::string_view s) {
  for (auto& [k, v] : rating_names)
    if (v == s) return k;
  return std::nullopt;
}

const progress* public_progress(const change_body& body) {
  if (auto* s = std::get_if<chg::note_saved>(&body)) return &s->after;
  if (auto* d = std::get_if<chg::note_deleted>(&body)) return &d->after;
  if (auto* r = std::get_if<chg::rated>(&body)) return &r->after;
  if (auto* b = std::get_if<chg::board_changed>(&body)) return b->after ? &*b->after : nullptr;
  if (auto* c = std::get_if<chg::board_cleared>(&body)) return c->after ? &*c->after : nullptr;
  return nullptr;
}

}  // namespace intervisie::domain
