// The shipped methods (server/methods/*.json): every one is listed by the API, a meeting can be
// held with each, and its steps reach the members with their timeboxes.
#include <catch2/catch.hpp>

#include <map>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

TEST_CASE("methods: every shipped method is listed and a meeting runs with it", "[methods]") {
  meeting_fixture f(1);
  auto listed = f.http().get("/api/methods");
  REQUIRE(listed.status == 200);
  std::map<std::string, std::int64_t> step_counts;
  for (const auto& m : listed.json.at("methods")) {
    step_counts[m.at("method_id").get<std::string>()] = m.at("step_count").get<std::int64_t>();
  }
  // The four methods of the seeds: buiten je bubbel (Stap 0-10, three optional variations and
  // an optional check-out), roddel- and incidentmethode (six steps, optional check-in, opbrengst
  // and check-out), BOvV (six steps, twice: praktijkcasus and businesscasus).
  CHECK(step_counts ==
        std::map<std::string, std::int64_t>{
            {"bovv", 12}, {"buiten_je_bubbel", 15}, {"incidentmethode", 9}, {"roddelmethode", 9}});
  const std::map<std::string, std::int64_t> required_counts{
      {"bovv", 12}, {"buiten_je_bubbel", 11}, {"incidentmethode", 6}, {"roddelmethode", 6}};

  const std::map<std::string, std::vector<int>> timeboxes{
      {"roddelmethode", {5, 10, 10, 5, 5, 5}},
      {"incidentmethode", {5, 10, 10, 5, 5, 5}},
      {"bovv", {3, 4, 10, 4, 6, 3, 3, 4, 10, 4, 6, 3}},
  };
  for (const auto& [method_id, count] : step_counts) {
    INFO("method " << method_id);
    auto created = f.http().post_auth(
        "/api/groups/" + f.group_id + "/meetings",
        {{"title", "Oefenen met " + method_id}, {"method_id", method_id}}, f.coordinator_token);
    REQUIRE(created.status == 201);
    auto fac = f.join(created.json.at("facilitator_token").get<std::string>(), "Begeleider");
    json welcome;
    auto ws = f.connect(fac, std::nullopt, &welcome);
    const json& method = welcome.at("data").at("snapshot").at("meeting").at("method");
    CHECK(method.at("method_id") == method_id);
    // Buiten je bubbel's own text starts at Stap 0; the others count from 1.
    CHECK(method.at("first_step_number") == (method_id == "buiten_je_bubbel" ? 0 : 1));
    REQUIRE(static_cast<std::int64_t>(method.at("steps").size()) == count);
    // Optional steps (check-in, variations, check-out) are not counted by the method's text.
    std::int64_t required = 0;
    std::vector<int> got;
    for (const auto& s : method.at("steps")) {
      if (s.value("optional", false)) continue;
      ++required;
      got.push_back(s.value("timebox_minutes", 0));
    }
    CHECK(required == required_counts.at(method_id));
    if (auto it = timeboxes.find(method_id); it != timeboxes.end()) CHECK(got == it->second);
    // The facilitator can walk every step of it.
    auto last = ws->request(
        "set_step", {{"meeting_id", created.json.at("meeting_id")}, {"step_index", count - 1}});
    CHECK(is_type(last, "step_changed"));
  }
}
