#include "protocol/api_json.hpp"

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "domain/validation.hpp"
#include "protocol/json_limits.hpp"

namespace intervisie::protocol {

using domain::error;
using domain::error_code;
using nlohmann::json;

namespace {

struct bad_field {
  std::string message;
};

std::variant<json, error> parse_object(std::string_view body) {
  if (json_depth(body, limits::json_depth_max) > limits::json_depth_max) {
    return error{error_code::too_deep, "nesting is too deep"};
  }
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return error{error_code::invalid_json, "body is not a JSON object"};
  return j;
}

std::string text(const json& j, const char* name, std::size_t max, bool required = true) {
  auto it = j.find(name);
  if (it == j.end()) {
    if (required) throw bad_field{std::string("missing field '") + name + "'"};
    return {};
  }
  if (!it->is_string()) throw bad_field{std::string("'") + name + "' must be a string"};
  std::string s = domain::trim(it->get<std::string>());
  if (!required && s.empty()) return s;
  if (auto problem = domain::text_problem(s, max))
    throw bad_field{std::string("'") + name + "' " + *problem};
  return s;
}

std::string token(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string())
    throw bad_field{std::string("missing field '") + name + "'"};
  std::string s = it->get<std::string>();
  if (s.empty() || s.size() > 128)
    throw bad_field{std::string("'") + name + "' has the wrong length"};
  return s;
}

template <class T, class F>
parsed<T> parse_with(std::string_view body, F f) {
  auto obj = parse_object(body);
  if (auto* e = std::get_if<error>(&obj)) return *e;
  try {
    return f(std::get<json>(obj));
  } catch (const bad_field& b) {
    return error{error_code::invalid_field, b.message};
  }
}

}  // namespace

parsed<claim_request> parse_claim(std::string_view body) {
  return parse_with<claim_request>(
      body, [](const json& j) { return claim_request{token(j, "admin_key")}; });
}

parsed<create_group_request> parse_create_group(std::string_view body) {
  return parse_with<create_group_request>(body, [](const json& j) {
    return create_group_request{text(j, "name", limits::title_max),
                                text(j, "agreement", limits::agreement_max, false)};
  });
}

parsed<create_meeting_request> parse_create_meeting(std::string_view body) {
  return parse_with<create_meeting_request>(body, [](const json& j) {
    create_meeting_request r{text(j, "title", limits::title_max),
                             text(j, "method_id", limits::id_max)};
    if (!domain::is_valid_id(r.method_id)) throw bad_field{"'method_id' is not a valid id"};
    return r;
  });
}

parsed<inspect_request> parse_inspect(std::string_view body) {
  return parse_with<inspect_request>(
      body, [](const json& j) { return inspect_request{token(j, "token")}; });
}

parsed<join_request> parse_join(std::string_view body) {
  return parse_with<join_request>(body, [](const json& j) {
    join_request r;
    r.token = token(j, "token");
    r.name = text(j, "name", limits::name_max);
    auto cat = j.find("category");
    if (cat == j.end() || !cat->is_string()) throw bad_field{"missing field 'category'"};
    auto c = domain::category_from(cat->get<std::string>());
    if (!c)
      throw bad_field{
          "'category' must be one of professional, student, parent, young_person, teacher"};
    r.cat = *c;
    auto acc = j.find("accept_agreement");
    r.accept_agreement = acc != j.end() && acc->is_boolean() && acc->get<bool>();
    return r;
  });
}

std::string encode_object(const std::vector<std::pair<std::string, std::string>>& fields) {
  json j = json::object();
  for (const auto& [k, v] : fields) j[k] = v;
  return j.dump();
}

std::string encode_groups(const std::vector<group_summary>& groups) {
  json arr = json::array();
  for (const auto& g : groups) {
    json meetings = json::array();
    for (const auto& m : g.meetings) {
      meetings.push_back({{"meeting_id", m.meeting_id},
                          {"title", m.title},
                          {"method_id", m.method_id},
                          {"created_at", m.created_at}});
    }
    arr.push_back({{"group_id", g.group_id},
                   {"name", g.name},
                   {"created_at", g.created_at},
                   {"meetings", std::move(meetings)}});
  }
  return json{{"groups", std::move(arr)}}.dump();
}

std::string encode_methods(const std::vector<domain::method>& methods) {
  json arr = json::array();
  for (const auto& m : methods) {
    arr.push_back({{"method_id", m.method_id},
                   {"title", {{"nl", m.title.nl}, {"en", m.title.en}}},
                   {"step_count", m.steps.size()}});
  }
  return json{{"methods", std::move(arr)}}.dump();
}

std::string encode_http_error(std::string_view code, std::string_view message) {
  return json{{"error", {{"code", code}, {"message", message}}}}.dump();
}

}  // namespace intervisie::protocol
