#include "protocol/method_json.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"

namespace intervisie::protocol {

using nlohmann::json;

namespace {

domain::localized localized_from(const json& j) {
  return {j.at("nl").get<std::string>(), j.at("en").get<std::string>()};
}
json to_json(const domain::localized& l) {
  return {{"nl", l.nl}, {"en", l.en}};
}

domain::step_kind kind_from(const std::string& s) {
  if (s == "info") return domain::step_kind::info;
  if (s == "private_write") return domain::step_kind::private_write;
  throw std::invalid_argument("unknown step kind '" + s + "'");
}

}  // namespace

domain::method parse_method(std::string_view text) {
  try {
    json j = json::parse(text);
    domain::method m;
    m.method_id = j.at("method_id").get<std::string>();
    if (!domain::is_valid_id(m.method_id)) throw std::invalid_argument("bad method_id");
    m.title = localized_from(j.at("title"));
    for (const auto& s : j.at("steps")) {
      domain::step st;
      st.kind = kind_from(s.at("kind").get<std::string>());
      st.title = localized_from(s.at("title"));
      st.instructions = localized_from(s.at("instructions"));
      if (s.contains("timebox_minutes"))
        st.timebox_minutes = s.at("timebox_minutes").get<std::uint32_t>();
      m.steps.push_back(std::move(st));
    }
    if (m.steps.empty()) throw std::invalid_argument("a method needs at least one step");
    m.first_step_number = j.value("first_step_number", 1u);
    if (m.first_step_number > 1) throw std::invalid_argument("first_step_number is 0 or 1");
    return m;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("malformed method: ") + e.what());
  }
}

json method_to_json(const domain::method& m) {
  json steps = json::array();
  for (const auto& s : m.steps) {
    json js = {{"kind", s.kind == domain::step_kind::info ? "info" : "private_write"},
               {"title", to_json(s.title)},
               {"instructions", to_json(s.instructions)}};
    if (s.timebox_minutes) js["timebox_minutes"] = *s.timebox_minutes;
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
