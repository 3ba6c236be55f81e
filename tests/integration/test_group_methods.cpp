// Methods a group composes from the step kinds (issue 3; protocol README §2, "Methods of a
// group"): the coordinator and a meeting's facilitator save them, they are kept with the group
// (and only that group), a meeting follows one, and every bad request is refused with a stable
// code and changes nothing.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

namespace {

json localized(const std::string& nl, const std::string& en) {
  return {{"nl", nl}, {"en", en}};
}

json step(const std::string& kind, const std::string& title, int timebox = 0) {
  json s = {{"kind", kind},
            {"title", localized(title, title + " (en)")},
            {"instructions", localized("Doe: " + title, "Do: " + title)}};
  if (timebox > 0) s["timebox_minutes"] = timebox;
  return s;
}

// A small composed method: a welcome, private questions revealed to the presenter first, an
// optional round of observations in which the presenter listens.
json composed(const std::string& title = "Onze methode") {
  json questions = step("private_write", "Vragen noteren", 10);
  questions["reveal"] = "presenter_first";
  json observations = step("private_write", "Waarnemingen", 5);
  observations["optional"] = true;
  observations["presenter_listens"] = true;
  return {{"title", localized(title, "Our method")},
          {"steps", json::array({step("info", "Welkom", 5), questions, observations})}};
}

http_headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

std::string group_path(const std::string& group_id) {
  return "/api/groups/" + group_id + "/methods";
}

// The group methods of a list response, by id.
std::map<std::string, json> group_methods_of(const http_response& res) {
  std::map<std::string, json> out;
  for (const auto& m : res.json.at("methods"))
    if (m.value("group", false)) out[m.at("method_id").get<std::string>()] = m;
  return out;
}

std::set<std::string> builtin_ids_of(const http_response& res) {
  std::set<std::string> out;
  for (const auto& m : res.json.at("methods")) {
    if (!m.contains("group")) out.insert(m.at("method_id").get<std::string>());
  }
  return out;
}

const std::set<std::string> builtins = {"bovv", "buiten_je_bubbel", "incidentmethode",
                                        "roddelmethode"};

}  // namespace

TEST_CASE("group methods: the coordinator composes one, a meeting follows it, also after a restart",
          "[group_methods]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();

  auto before = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  REQUIRE(before.status == 200);
  CHECK(builtin_ids_of(before) == builtins);
  CHECK(group_methods_of(before).empty());
  // Built-in methods come whole, steps and all, so the editor can start from any of them.
  for (const auto& m : before.json.at("methods")) CHECK(m.at("steps").size() >= 1);

  json body = composed();
  body["method_id"] = "buiten_je_bubbel";  // ignored: the server names composed methods
  auto saved =
      http.request("POST", group_path(f.group_id), body.dump(), bearer(f.coordinator_token));
  INFO(saved.body);
  REQUIRE(saved.status == 201);
  const std::string id = saved.json.at("method_id").get<std::string>();
  CHECK(id.rfind("gm_", 0) == 0);

  auto listed = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  REQUIRE(listed.status == 200);
  CHECK(builtin_ids_of(listed) == builtins);  // the built-in one was not replaced
  auto mine = group_methods_of(listed);
  REQUIRE(mine.count(id) == 1);
  const json& m = mine.at(id);
  CHECK(m.at("title") == localized("Onze methode", "Our method"));
  REQUIRE(m.at("steps").size() == 3);
  CHECK(m.at("steps")[0].at("kind") == "info");
  CHECK(m.at("steps")[0].at("timebox_minutes") == 5);
  CHECK(m.at("steps")[1].at("reveal") == "presenter_first");
  CHECK(m.at("steps")[2].at("optional") == true);
  CHECK(m.at("steps")[2].at("presenter_listens") == true);

  // The public list of built-in methods does not show a group's own.
  auto pub = http.get("/api/methods");
  for (const auto& pm : pub.json.at("methods")) CHECK(pm.at("method_id") != id);

  // A meeting of the group follows it: every member's snapshot carries it.
  auto created =
      http.post_auth("/api/groups/" + f.group_id + "/meetings",
                     {{"title", "Met eigen methode"}, {"method_id", id}}, f.coordinator_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto fac = f.join(created.json.at("facilitator_token").get<std::string>(), "Begeleider");
  json welcome;
  {
    auto ws = f.connect(fac, std::nullopt, &welcome);
    const json& method = welcome.at("data").at("snapshot").at("meeting").at("method");
    CHECK(method.at("method_id") == id);
    CHECK(method.at("steps") == m.at("steps"));
    CHECK(is_type(
        ws->request("set_step", {{"meeting_id", created.json.at("meeting_id")}, {"step_index", 2}}),
        "step_changed"));
  }

  // Kept with the group: after a crash and restart the list and the meeting still have it.
  f.server.kill();
  f.server.restart();
  http = f.http();
  auto again = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  REQUIRE(again.status == 200);
  CHECK(group_methods_of(again).at(id) == m);
  auto ws = f.connect(fac, std::nullopt, &welcome);
  const json& snapshot = welcome.at("data").at("snapshot");
  CHECK(snapshot.at("meeting").at("method").at("method_id") == id);
  CHECK(snapshot.at("step_index") == 2);
}

TEST_CASE("group methods: a facilitator composes for their group, participants only read",
          "[group_methods]") {
  meeting_fixture f(1, {}, false);
  auto http = f.http();
  const auto& fac = f.facilitator.member_token;
  const auto& part = f.participants[0].member_token;

  auto saved = http.request("POST", "/api/meeting-methods", composed("Van de begeleider").dump(),
                            bearer(fac));
  INFO(saved.body);
  REQUIRE(saved.status == 201);
  const std::string id = saved.json.at("method_id").get<std::string>();

  // Every member of the group's meeting reads the group's methods, built-in ones included.
  for (const auto& token : {fac, part}) {
    auto listed = http.request("GET", "/api/meeting-methods", {}, bearer(token));
    REQUIRE(listed.status == 200);
    CHECK(builtin_ids_of(listed) == builtins);
    auto mine = group_methods_of(listed);
    REQUIRE(mine.size() == 1);
    CHECK(mine.at(id).at("title").at("nl") == "Van de begeleider");
  }
  // The coordinator sees it with the group.
  auto coord = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  CHECK(group_methods_of(coord).count(id) == 1);

  // A participant may not compose: 403 forbidden, even with a body that would be refused
  // anyway (the role is checked first), and nothing is saved.
  auto refused =
      http.request("POST", "/api/meeting-methods", composed("Stiekem").dump(), bearer(part));
  CHECK(refused.status == 403);
  CHECK(refused.error_code() == "forbidden");
  auto refused_bad = http.request("POST", "/api/meeting-methods", "{", bearer(part));
  CHECK(refused_bad.status == 403);
  CHECK(refused_bad.error_code() == "forbidden");

  // Without a valid token: 401, whatever the body; a link is not a member token.
  for (const auto& headers : std::vector<http_headers>{{},
                                                       bearer(std::string(43, 'A')),
                                                       bearer(f.meeting.facilitator_token),
                                                       bearer(f.meeting.invite_token),
                                                       {{"Authorization", fac}}}) {
    auto get = http.request("GET", "/api/meeting-methods", {}, headers);
    CHECK(get.status == 401);
    CHECK(get.error_code() == "unauthorized");
    auto post = http.request("POST", "/api/meeting-methods", composed().dump(), headers);
    CHECK(post.status == 401);
    CHECK(post.error_code() == "unauthorized");
    auto post_bad = http.request("POST", "/api/meeting-methods", "not json", headers);
    CHECK(post_bad.status == 401);
  }
  // The coordinator endpoints want the coordinator, not a member.
  auto as_member = http.request("GET", group_path(f.group_id), {}, bearer(fac));
  CHECK(as_member.status == 401);
  // A coordinator token is no member token.
  CHECK(http.request("GET", "/api/meeting-methods", {}, bearer(f.coordinator_token)).status == 401);

  auto after = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  CHECK(group_methods_of(after).size() == 1);
}

TEST_CASE("group methods: another group's method is as unknown as a made-up one",
          "[group_methods]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();
  auto other = http.post_auth("/api/groups", {{"name", "Groep Zuid"}}, f.coordinator_token);
  REQUIRE(other.status == 201);
  const std::string other_group = other.json.at("group_id").get<std::string>();
  auto saved = http.request("POST", group_path(other_group), composed("Van Zuid").dump(),
                            bearer(f.coordinator_token));
  REQUIRE(saved.status == 201);
  const std::string south_id = saved.json.at("method_id").get<std::string>();

  // Group Noord (the fixture's) does not see it, and cannot hold a meeting with it.
  auto north = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  CHECK(group_methods_of(north).empty());
  auto north_member =
      http.request("GET", "/api/meeting-methods", {}, bearer(f.facilitator.member_token));
  CHECK(group_methods_of(north_member).empty());
  for (const std::string& method_id :
       {south_id, std::string("gm_made_up"), std::string("no_such_method")}) {
    INFO(method_id);
    auto created =
        http.post_auth("/api/groups/" + f.group_id + "/meetings",
                       {{"title", "Poging"}, {"method_id", method_id}}, f.coordinator_token);
    CHECK(created.status == 404);
    CHECK(created.error_code() == "not_found");
  }
  // Nothing was created by those attempts.
  auto groups = http.request("GET", "/api/groups", {}, bearer(f.coordinator_token));
  for (const auto& g : groups.json.at("groups")) {
    if (g.at("group_id") == f.group_id) CHECK(g.at("meetings").size() == 1);
  }
  // Group Zuid can.
  auto south_meeting =
      http.post_auth("/api/groups/" + other_group + "/meetings",
                     {{"title", "Zuid 1"}, {"method_id", south_id}}, f.coordinator_token);
  CHECK(south_meeting.status == 201);

  // An unknown group: 404 for the coordinator; without the token nothing is told (401).
  auto none = http.request("GET", group_path("grp_none"), {}, bearer(f.coordinator_token));
  CHECK(none.status == 404);
  CHECK(none.error_code() == "not_found");
  auto none_post =
      http.request("POST", group_path("grp_none"), composed().dump(), bearer(f.coordinator_token));
  CHECK(none_post.status == 404);
  CHECK(http.request("GET", group_path("grp_none"), {}, {}).status == 401);
  CHECK(http.request("GET", group_path(f.group_id), {}, {}).status == 401);
}

TEST_CASE("group methods: every bad method is refused with a stable code and saves nothing",
          "[group_methods][bad_input]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();
  auto post = [&](const std::string& body) {
    return http.request("POST", group_path(f.group_id), body, bearer(f.coordinator_token));
  };
  auto expect = [&](const std::string& body, int status, const std::string& code,
                    const std::string& message_part = {}) {
    auto res = post(body);
    INFO(body.substr(0, 300));
    INFO(res.body);
    CHECK(res.status == status);
    CHECK(res.error_code() == code);
    if (!message_part.empty())
      CHECK(res.json.at("error").at("message").get<std::string>().find(message_part) !=
            std::string::npos);
  };
  auto with = [](auto change) {
    json m = composed();
    change(m);
    return m.dump();
  };

  SECTION("not JSON, not an object, too deep") {
    expect("{\"title\":", 400, "invalid_json");
    expect("[1,2]", 400, "invalid_json");
    expect("", 400, "invalid_json");
    expect(std::string(20, '[') + std::string(20, ']'), 400, "too_deep");
  }
  SECTION("an unknown step kind") {
    expect(with([](json& m) { m["steps"][0]["kind"] = "brainstorm"; }), 400, "invalid_field",
           "brainstorm");
  }
  SECTION("a missing or empty title") {
    expect(with([](json& m) { m.erase("title"); }), 400, "invalid_field", "title");
    expect(with([](json& m) { m["title"]["nl"] = "   "; }), 400, "invalid_field", "title");
    expect(with([](json& m) { m["steps"][1].erase("title"); }), 400, "invalid_field", "title");
    expect(with([](json& m) { m["steps"][1]["instructions"].erase("en"); }), 400, "invalid_field",
           "en");
  }
  SECTION("no steps, or more than 60") {
    expect(with([](json& m) { m["steps"] = json::array(); }), 400, "invalid_field");
    expect(with([](json& m) { m.erase("steps"); }), 400, "invalid_field", "steps");
    expect(with([](json& m) {
             json steps = json::array();
             for (int i = 0; i < 61; ++i)
               steps.push_back(step("info", "Stap " + std::to_string(i)));
             m["steps"] = steps;
           }),
           400, "invalid_field", "60");
  }
  SECTION("a timebox of 0, a fraction, a negative or an absurd one") {
    expect(with([](json& m) { m["steps"][0]["timebox_minutes"] = 0; }), 400, "invalid_field",
           "timebox");
    expect(with([](json& m) { m["steps"][0]["timebox_minutes"] = 1.5; }), 400, "invalid_field",
           "timebox");
    expect(with([](json& m) { m["steps"][0]["timebox_minutes"] = -5; }), 400, "invalid_field",
           "timebox");
    expect(with([](json& m) { m["steps"][0]["timebox_minutes"] = 100000; }), 400, "invalid_field",
           "timebox");
    expect(with([](json& m) { m["steps"][0]["timebox_minutes"] = "10"; }), 400, "invalid_field",
           "timebox");
  }
  SECTION("texts over their limits") {
    expect(with([](json& m) { m["steps"][0]["instructions"]["nl"] = std::string(4001, 'x'); }), 400,
           "invalid_field", "instructions");
    expect(with([](json& m) { m["steps"][0]["title"]["en"] = std::string(121, 'x'); }), 400,
           "invalid_field", "title");
    // Not UTF-8: the JSON text itself is broken.
    std::string raw = with([](json& m) { m["steps"][0]["instructions"]["nl"] = "PLACEHOLDER"; });
    raw.replace(raw.find("PLACEHOLDER"), 11, "\xff\xfe");
    expect(raw, 400, "invalid_json");
  }
  SECTION("options that do not fit the step") {
    expect(with([](json& m) { m["steps"][0]["reveal"] = "presenter_first"; }), 400, "invalid_field",
           "reveal");
    expect(with([](json& m) { m["steps"][1]["reveal"] = "sometimes"; }), 400, "invalid_field",
           "reveal");
    expect(with([](json& m) { m["steps"][1]["optional"] = "yes"; }), 400, "invalid_field",
           "optional");
  }
  SECTION("a body over 64 KiB") {
    json m = composed();
    m["steps"][0]["instructions"]["nl"] = std::string(70 * 1024, 'x');
    expect(m.dump(), 413, "body_too_large");
    CHECK(http.get("/healthz").status == 200);
  }
  SECTION("a method at the limits is fine") {
    json m = composed();
    json steps = json::array();
    for (int i = 0; i < 60; ++i) steps.push_back(step("info", "Stap " + std::to_string(i), 1));
    steps[0]["instructions"]["nl"] = std::string(4000, 'x');
    m["steps"] = steps;
    auto res = post(m.dump());
    INFO(res.body);
    CHECK(res.status == 201);
    return;  // this section saves one
  }
  SECTION("another HTTP method on the path") {
    auto res =
        http.request("PUT", group_path(f.group_id), composed().dump(), bearer(f.coordinator_token));
    CHECK(res.status == 404);
    CHECK(res.error_code() == "not_found");
  }
  // No change on error.
  auto listed = http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token));
  REQUIRE(listed.status == 200);
  CHECK(group_methods_of(listed).empty());
}

TEST_CASE("group methods: saved methods never change, and a group keeps at most 100",
          "[group_methods]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();
  // Editing is saving a new one: the first stays as it was.
  auto first = http.request("POST", group_path(f.group_id), composed("Versie 1").dump(),
                            bearer(f.coordinator_token));
  REQUIRE(first.status == 201);
  json template_method = composed("Versie 2");
  template_method["method_id"] = first.json.at("method_id");
  template_method["group"] = true;  // a listed method sent back as it came
  auto second = http.request("POST", group_path(f.group_id), template_method.dump(),
                             bearer(f.coordinator_token));
  REQUIRE(second.status == 201);
  CHECK(second.json.at("method_id") != first.json.at("method_id"));
  auto listed = group_methods_of(
      http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token)));
  REQUIRE(listed.size() == 2);
  CHECK(listed.at(first.json.at("method_id").get<std::string>()).at("title").at("nl") ==
        "Versie 1");
  CHECK(listed.at(second.json.at("method_id").get<std::string>()).at("title").at("nl") ==
        "Versie 2");

  for (int i = 2; i < 100; ++i) {
    auto res = http.request("POST", group_path(f.group_id),
                            composed("M" + std::to_string(i)).dump(), bearer(f.coordinator_token));
    REQUIRE(res.status == 201);
  }
  auto over = http.request("POST", group_path(f.group_id), composed("Te veel").dump(),
                           bearer(f.coordinator_token));
  CHECK(over.status == 409);
  CHECK(over.error_code() == "limit_reached");
  CHECK(
      group_methods_of(http.request("GET", group_path(f.group_id), {}, bearer(f.coordinator_token)))
          .size() == 100);
}

TEST_CASE("group methods: who may compose follows the meeting's roles (hand_facilitation, removal)",
          "[group_methods]") {
  meeting_fixture f(2);
  auto http = f.http();
  auto save = [&](const std::string& token) {
    return http.request("POST", "/api/meeting-methods", composed().dump(), bearer(token));
  };
  const auto& old_fac = f.facilitator.member_token;
  const auto& new_fac = f.participants[0].member_token;
  CHECK(save(new_fac).status == 403);

  // The facilitator hands over: from the committed change on, the roles swap here too.
  auto handed =
      f.fac().request("hand_facilitation", f.data({{"member_id", f.participants[0].member_id}}));
  INFO(handed.dump());
  REQUIRE(is_type(handed, "roles_changed"));
  auto by_new = save(new_fac);
  INFO(by_new.body);
  CHECK(by_new.status == 201);
  auto by_old = save(old_fac);
  CHECK(by_old.status == 403);
  CHECK(by_old.error_code() == "forbidden");

  // A removed member's token opens nothing any more, not even the list.
  auto part1 = f.participants[1].member_token;
  CHECK(http.request("GET", "/api/meeting-methods", {}, bearer(part1)).status == 200);
  auto removed =
      f.part(0).request("remove_member", f.data({{"member_id", f.participants[1].member_id}}));
  INFO(removed.dump());
  REQUIRE(is_type(removed, "member_removed"));
  auto gone = http.request("GET", "/api/meeting-methods", {}, bearer(part1));
  CHECK(gone.status == 401);
  CHECK(gone.error_code() == "unauthorized");

  auto listed = http.request("GET", "/api/meeting-methods", {}, bearer(new_fac));
  CHECK(group_methods_of(listed).size() == 1);
}

TEST_CASE("group methods: a meeting that left memory is loaded again to check the member",
          "[group_methods]") {
  meeting_fixture f(1, {"--room-idle", "1"}, false);
  auto http = f.http();
  auto live = [&](std::int64_t n) {
    for (int i = 0; i < 500; ++i) {
      auto h = http.get("/healthz");
      if (h.json.value("live_meetings", -1) == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  };
  // Joining loaded the meeting; with nobody connected it leaves memory.
  REQUIRE(live(0));
  auto saved = http.request("POST", "/api/meeting-methods", composed().dump(),
                            bearer(f.facilitator.member_token));
  INFO(saved.body);
  CHECK(saved.status == 201);
  auto refused = http.request("POST", "/api/meeting-methods", composed().dump(),
                              bearer(f.participants[0].member_token));
  CHECK(refused.status == 403);
}
