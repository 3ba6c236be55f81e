#include "protocol/group_method_json.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "domain/validation.hpp"
#include "protocol/json_limits.hpp"
#include "protocol/method_json.hpp"

namespace intervisie::protocol {

using domain::error;
using domain::error_code;
using nlohmann::json;

namespace {

std::optional<std::string> localized_problem(const domain::localized& l, std::size_t max) {
  if (auto p = domain::text_problem(l.nl, max)) return "nl " + *p;
  if (auto p = domain::text_problem(l.en, max)) return "en " + *p;
  return std::nullopt;
}

// What parse_method may leave to the method files' authors but a composed method must meet.
std::optional<std::string> limit_problem(const domain::method& m) {
  if (m.steps.size() > group_method_steps_max)
    return "a method has at most " + std::to_string(group_method_steps_max) + " steps";
  if (auto p = localized_problem(m.title, limits::title_max)) return "title " + *p;
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    const auto& s = m.steps[i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (auto p = localized_problem(s.title, limits::title_max)) return where + ".title " + *p;
    if (auto p = localized_problem(s.instructions, group_method_text_max))
      return where + ".instructions " + *p;
    if (s.timebox_minutes &&
        (*s.timebox_minutes < 1 || *s.timebox_minutes > group_method_timebox_max))
      return where + ".timebox_minutes must be 1 to " + std::to_string(group_method_timebox_max);
  }
  return std::nullopt;
}

}  // namespace

parsed<domain::method> parse_group_method(std::string_view body, const std::string& method_id) {
  if (json_depth(body, limits::json_depth_max) > limits::json_depth_max)
    return error{error_code::too_deep, "nesting is too deep"};
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return error{error_code::invalid_json, "body is not a JSON object"};
  // The server names the method; a template's own id and the list's flag are not part of it.
  j.erase("group");
  j["method_id"] = method_id;
  // A timebox of 1.5 would be read as 1 by a lenient parser: only whole numbers are minutes.
  if (auto steps = j.find("steps"); steps != j.end() && steps->is_array()) {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const json& s = (*steps)[i];
      if (!s.is_object()) continue;
      auto tb = s.find("timebox_minutes");
      if (tb != s.end() && !tb->is_number_integer())
        return error{error_code::invalid_field,
                     "steps[" + std::to_string(i) + "].timebox_minutes must be a whole number"};
    }
  }
  domain::method m;
  try {
    m = parse_method(j.dump());
  } catch (const std::invalid_argument& e) {
    return error{error_code::invalid_field, e.what()};
  }
  if (auto p = limit_problem(m)) return error{error_code::invalid_field, *p};
  return m;
}

std::string encode_stored_method(const domain::method& m) {
  return method_to_json(m).dump();
}

domain::method parse_stored_method(std::string_view stored) {
  return parse_method(stored);
}

std::string encode_method_list(const std::vector<domain::method>& builtins,
                               const std::vector<std::string>& stored_group_methods) {
  json arr = json::array();
  for (const auto& m : builtins) arr.push_back(method_to_json(m));
  for (const auto& body : stored_group_methods) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_object()) continue;  // written by encode_stored_method: cannot happen
    j["group"] = true;
    arr.push_back(std::move(j));
  }
  return json{{"methods", std::move(arr)}}.dump();
}

}  // namespace intervisie::protocol
