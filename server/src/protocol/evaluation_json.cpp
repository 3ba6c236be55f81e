#include "protocol/evaluation_json.hpp"

#include <nlohmann/json.hpp>

namespace intervisie::protocol {

using nlohmann::json;

std::string encode_evaluation(const domain::meeting& m) {
  auto name_of = [&](const std::string& id) {
    const domain::member* mem = m.find_member(id);
    return mem ? mem->name : std::string();
  };
  // Every rating and every evaluation note: what the facilitator saw during the meeting.
  json steps = json::array();
  const auto& method_steps = m.meeting_method().steps;
  for (std::uint32_t i = 0; i < method_steps.size(); ++i) {
    if (method_steps[i].kind != domain::step_kind::evaluation) continue;
    json ratings = json::array();
    for (const auto& [key, value] : m.all_scores())
      if (key.first == i) ratings.push_back({{"name", name_of(key.second)}, {"score", value}});
    json notes = json::array();
    for (const auto& [id, n] : m.notes()) {
      if (n.step_index != i) continue;
      json j = {{"name", name_of(n.author_id)}, {"text", n.text}};
      if (!n.label.empty()) j["label"] = n.label;
      notes.push_back(std::move(j));
    }
    steps.push_back(
        {{"step_index", i}, {"ratings", std::move(ratings)}, {"notes", std::move(notes)}});
  }
  return json{{"meeting_id", m.info().meeting_id},
              {"title", m.info().title},
              {"ended", m.ended()},
              {"steps", std::move(steps)}}
      .dump();
}

}  // namespace intervisie::protocol
