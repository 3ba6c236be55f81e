#include "protocol/group_method_json.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "protocol/json_limits.hpp"
#include "protocol/method_json.hpp"

namespace intervisie::protocol {

using domain::error;
using domain::error_code;
using nlohmann::json;

parsed<domain::method> parse_group_method(std::string_view body, const std::string& method_id) {
  if (json_depth(body, limits::json_depth_max) > limits::json_depth_max)
    return error{error_code::too_deep, "nesting is too deep"};
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return error{error_code::invalid_json, "body is not a JSON object"};
  // The server names the method; a template's own id and the list's flag are not part of it.
  j.erase("group");
  j["method_id"] = method_id;
  domain::method m;
  try {
    m = parse_method(j.dump());
  } catch (const std::invalid_argument& e) {
    return error{error_code::invalid_field, e.what()};
  }
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
