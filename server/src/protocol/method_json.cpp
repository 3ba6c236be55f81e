#include "protocol/method_json.hpp"

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "domain/validation.hpp"

namespace intervisie::protocol {

using nlohmann::json;

namespace {

using limits::instructions_max;
using limits::timebox_minutes_max;
constexpr std::size_t steps_max = limits::method_steps_max;

[[noreturn]] void fail(const std::string& where, const std::string& why) {
  throw std::invalid_argument(where + ": " + why);
}

void only_fields(const json& j, std::initializer_list<const char*> allowed,
                 const std::string& where) {
  for (const auto& item : j.items()) {
    bool known = false;
    for (const char* name : allowed) known = known || item.key() == name;
    if (!known) fail(where, "unknown field '" + item.key() + "'");
  }
}

const json& member(const json& j, const char* name, const std::string& where) {
  auto it = j.find(name);
  if (it == j.end()) fail(where, std::string("'") + name + "' is missing");
  return *it;
}

std::string text_from(const json& j, const std::string& where, std::size_t max) {
  if (!j.is_string()) fail(where, "is not a string");
  const auto& s = j.get_ref<const std::string&>();
  if (auto problem = domain::text_problem(s, max)) fail(where, *problem);
  return s;
}

domain::localized localized_from(const json& j, const std::string& where, std::size_t max) {
  if (!j.is_object()) fail(where, "is not an object with nl and en");
  only_fields(j, {"nl", "en"}, where);
  return {text_from(member(j, "nl", where), where + ".nl", max),
          text_from(member(j, "en", where), where + ".en", max)};
}

json to_json(const domain::localized& l) {
  return {{"nl", l.nl}, {"en", l.en}};
}

bool flag_from(const json& j, const std::string& where) {
  if (!j.is_boolean()) fail(where, "is not true or false");
  return j.get<bool>();
}

// The kinds whose notes stay with their author until the facilitator reveals them (§4.2).
bool is_revealed_kind(domain::step_kind k) {
  return domain::policy_of(k) == domain::note_policy::until_reveal;
}

domain::step step_from(const json& s, const std::string& where) {
  if (!s.is_object()) fail(where, "is not an object");
  only_fields(s,
              {"kind", "title", "instructions", "timebox_minutes", "optional", "reveal",
               "presenter_listens", "board", "template"},
              where);
  domain::step st;
  const json& kind = member(s, "kind", where);
  if (!kind.is_string()) fail(where + ".kind", "is not a string");
  auto k = domain::step_kind_from(kind.get_ref<const std::string&>());
  if (!k) fail(where + ".kind", "unknown step kind '" + kind.get<std::string>() + "'");
  st.kind = *k;
  st.title = localized_from(member(s, "title", where), where + ".title", limits::title_max);
  st.instructions =
      localized_from(member(s, "instructions", where), where + ".instructions", instructions_max);
  if (auto it = s.find("timebox_minutes"); it != s.end()) {
    // The parser makes non-negative numbers unsigned; built in code they may be signed.
    bool fits = false;
    if (it->is_number_unsigned()) {
      fits = it->get<std::uint64_t>() >= 1 && it->get<std::uint64_t>() <= timebox_minutes_max;
    } else if (it->is_number_integer()) {
      fits = it->get<std::int64_t>() >= 1 &&
             it->get<std::int64_t>() <= static_cast<std::int64_t>(timebox_minutes_max);
    }
    if (!fits)
      fail(where + ".timebox_minutes",
           "must be a whole number of 1 to " + std::to_string(timebox_minutes_max) + " minutes");
    st.timebox_minutes = it->get<std::uint32_t>();
  }
  if (auto it = s.find("optional"); it != s.end())
    st.optional = flag_from(*it, where + ".optional");
  if (auto it = s.find("presenter_listens"); it != s.end())
    st.presenter_listens = flag_from(*it, where + ".presenter_listens");
  if (auto it = s.find("board"); it != s.end()) {
    if (st.kind != domain::step_kind::board) fail(where + ".board", "only a board step has it");
    const std::string mode = it->is_string() ? it->get<std::string>() : std::string();
    if (mode != "shared" && mode != "private")
      fail(where + ".board", "must be \"shared\" or \"private\"");
    st.private_boards = mode == "private";
  }
  if (auto it = s.find("template"); it != s.end()) {
    if (st.kind != domain::step_kind::board) fail(where + ".template", "only a board step has it");
    if (!it->is_string() || *it != "relations") fail(where + ".template", "must be \"relations\"");
    st.board_template = "relations";
  }
  if (auto it = s.find("reveal"); it != s.end()) {
    if (!is_revealed_kind(st.kind))
      fail(where + ".reveal", "a " + std::string(domain::to_string(st.kind)) +
                                  " step is not revealed (only case_choice, private_write and "
                                  "takeaways are)");
    const std::string mode = it->is_string() ? it->get<std::string>() : std::string();
    if (mode == "everyone")
      st.reveal = domain::reveal_mode::everyone;
    else if (mode == "presenter_first")
      st.reveal = domain::reveal_mode::presenter_first;
    else
      fail(where + ".reveal", "must be \"everyone\" or \"presenter_first\"");
  }
  return st;
}

}  // namespace

domain::method parse_method(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("malformed method: ") + e.what());
  }
  const std::string where = "method";
  if (!j.is_object()) fail(where, "is not an object");
  // "source" (where the method comes from, with its licence) is for people, not the server.
  only_fields(j, {"method_id", "title", "steps", "first_step_number", "source"}, where);
  domain::method m;
  const json& id = member(j, "method_id", where);
  if (!id.is_string() || !domain::is_valid_id(id.get_ref<const std::string&>()))
    fail(where + ".method_id", "must be 1-64 characters of [A-Za-z0-9:_-]");
  m.method_id = id.get<std::string>();
  const std::string named = "method " + m.method_id;
  m.title = localized_from(member(j, "title", named), named + ".title", limits::title_max);
  if (auto it = j.find("first_step_number"); it != j.end()) {
    if (!it->is_number_integer() || (*it != 0 && *it != 1))
      fail(named + ".first_step_number", "must be 0 or 1");
    m.first_step_number = it->get<std::uint32_t>();
  }
  const json& steps = member(j, "steps", named);
  if (!steps.is_array()) fail(named + ".steps", "is not a list");
  if (steps.empty()) fail(named, "a method needs at least one step");
  if (steps.size() > steps_max)
    fail(named, "a method has at most " + std::to_string(steps_max) + " steps, not " +
                    std::to_string(steps.size()));
  bool any_required = false;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    m.steps.push_back(step_from(steps[i], named + ".steps[" + std::to_string(i) + "]"));
    any_required = any_required || !m.steps.back().optional;
  }
  if (!any_required) fail(named, "every step is optional: a method needs one that is not");
  return m;
}

json method_to_json(const domain::method& m) {
  json steps = json::array();
  for (const auto& s : m.steps) {
    json js = {{"kind", std::string(domain::to_string(s.kind))},
               {"title", to_json(s.title)},
               {"instructions", to_json(s.instructions)}};
    // Options are written only when they differ from their defaults.
    if (s.timebox_minutes) js["timebox_minutes"] = *s.timebox_minutes;
    if (s.optional) js["optional"] = true;
    if (s.reveal == domain::reveal_mode::presenter_first) js["reveal"] = "presenter_first";
    if (s.presenter_listens) js["presenter_listens"] = true;
    if (s.private_boards) js["board"] = "private";
    if (s.board_template) js["template"] = *s.board_template;
    steps.push_back(std::move(js));
  }
  return {{"method_id", m.method_id},
          {"title", to_json(m.title)},
          {"first_step_number", m.first_step_number},
          {"steps", std::move(steps)}};
}

std::vector<domain::method> load_embedded_methods() {
  std::vector<domain::method> out;
  for (auto text : embedded_method_files()) out.push_back(parse_method(text));
  return out;
}

}  // namespace intervisie::protocol
