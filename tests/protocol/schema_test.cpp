// Every schema in protocol/schemas/ is a valid draft-07 schema (checked against the draft-07
// meta-schema), every example in protocol/examples/<name>.json validates against
// schemas/<name>.json, and every instance in protocol/examples/invalid/<name>.<case>.json fails it.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "schema_support.hpp"

using namespace intervisie::protocol_test;

namespace {

const std::set<std::string> kMessages = {
    // client -> server
    "hello.json", "ping.json", "set_step.json", "appoint_presenter.json", "note_save.json",
    "note_delete.json", "set_done.json", "reveal.json", "timer_start.json", "timer_pause.json",
    "timer_add.json",
    // client -> server: step kinds (R23-R29) and facilitator tools (R30)
    "vote.json", "consent.json", "ask.json", "pass.json", "turn_skip.json", "turn_order.json",
    "note_mark.json", "rate.json", "set_auto_reveal.json", "hand_facilitation.json",
    "remove_member.json", "end_meeting.json",
    // client -> server and server -> client: boards (R31-R37)
    "board_change.json", "board_add.json", "board_lock.json", "board_clear.json", "board_view.json",
    "board_live.json", "board_changed.json", "board_added.json", "board_locked.json",
    "board_cleared.json",
    // server -> client
    "welcome.json", "pong.json", "ack.json", "error.json", "presence.json", "member_joined.json",
    "step_changed.json", "presenter_appointed.json", "note_saved.json", "note_deleted.json",
    "note_progress.json", "revealed.json", "timer_changed.json",
    // server -> client: step kinds and facilitator tools
    "vote_cast.json", "presenter_consent.json", "question_asked.json", "turn_changed.json",
    "note_marked.json", "rated.json", "auto_reveal_set.json", "roles_changed.json",
    "member_removed.json", "meeting_ended.json",
    // HTTP bodies
    "http_healthz_response.json", "http_admin_claim_request.json", "http_admin_claim_response.json",
    "http_methods_response.json", "http_groups_response.json", "http_create_group_request.json",
    "http_create_group_response.json", "http_create_meeting_request.json",
    "http_create_meeting_response.json", "http_link_inspect_request.json",
    "http_link_inspect_response.json", "http_join_request.json", "http_join_response.json",
    "http_error.json", "http_group_methods_response.json", "http_create_method_request.json",
    "http_create_method_response.json", "http_evaluation_response.json",
    "http_meeting_invite_response.json", "http_meeting_image_response.json",
    // data files
    "method.json"};

}  // namespace

TEST_CASE("every schema loads with valijson, including its $refs", "[schema]") {
  const auto names = json_files(schema_dir());
  REQUIRE(names.size() == kMessages.size() + 1);  // + common.json
  for (const auto& name : names) {
    INFO(name);
    const json doc = read_json(schema_dir() / name);
    CHECK_NOTHROW(load_schema(doc));
  }
}

TEST_CASE("every message and HTTP body has a schema", "[schema]") {
  const auto names = json_files(schema_dir());
  const std::set<std::string> have(names.begin(), names.end());
  for (const auto& m : kMessages) {
    INFO(m);
    CHECK(have.count(m) == 1);
  }
  CHECK(have.count("common.json") == 1);
}

TEST_CASE("every schema is a valid draft-07 schema (meta-schema)", "[schema][meta]") {
  const json meta_doc = read_json(schema_dir() / "meta" / "draft-07.json");
  REQUIRE(meta_doc.at("$id") == "http://json-schema.org/draft-07/schema#");
  const auto meta = load_schema(meta_doc);

  // The meta-schema itself must tell a broken schema from a good one.
  CHECK(validate(*meta, json::parse(R"({"type": "strin"})")) != "");
  CHECK(validate(*meta, json::parse(R"({"required": "type"})")) != "");
  CHECK(validate(*meta, json::parse(R"({"properties": {"a": {"minLength": -1}}})")) != "");
  CHECK(validate(*meta, json::parse(R"({"type": "object", "required": ["a"]})")) == "");

  for (const auto& name : json_files(schema_dir())) {
    INFO(name);
    const json& doc = schemas::get().docs.at(name);
    CHECK(doc.value("$schema", "") == "http://json-schema.org/draft-07/schema#");
    CHECK(doc.value("$id", "") == "https://intervisie.invalid/protocol/v1/schemas/" + name);
    const std::string errors = validate(*meta, doc);
    INFO(errors);
    CHECK(errors.empty());
  }
}

TEST_CASE("message schemas follow the envelope", "[schema]") {
  for (const auto& name : kMessages) {
    if (name.rfind("http_", 0) == 0 || name == "method.json") continue;
    INFO(name);
    const json& doc = schemas::get().docs.at(name);
    const std::string type = name.substr(0, name.size() - 5);
    CHECK(doc.at("properties").at("type").at("const") == type);
    CHECK(doc.at("properties").at("ref").at("$ref") == "common.json#/definitions/ref");
    CHECK(doc.at("additionalProperties") == false);
  }
}

TEST_CASE("every example validates against its schema", "[examples]") {
  const auto& s = schemas::get();
  const auto files = json_files(protocol_dir() / "examples");
  std::set<std::string> covered;
  std::size_t count = 0;
  const json envelope_doc = {
      {"$id", "https://intervisie.invalid/protocol/v1/schemas/envelope_test.json"},
      {"allOf", {{{"$ref", "common.json#/definitions/envelope"}}}}};
  const auto envelope = load_schema(envelope_doc);
  for (const auto& file : files) {
    INFO("examples/" << file);
    REQUIRE(s.parsed.count(file) == 1);
    const json examples = read_json(protocol_dir() / "examples" / file);
    REQUIRE(examples.is_array());
    REQUIRE(!examples.empty());
    covered.insert(file);
    const bool is_message = file.rfind("http_", 0) != 0 && file != "method.json";
    for (std::size_t i = 0; i < examples.size(); ++i) {
      INFO("example #" << i);
      const std::string errors = validate(s.at(file), examples[i]);
      INFO(errors);
      CHECK(errors.empty());
      // Every WebSocket message is also a valid generic envelope.
      if (is_message) CHECK(validate(*envelope, examples[i]) == "");
      ++count;
    }
  }
  for (const auto& m : kMessages) {
    INFO("no examples/" << m);
    CHECK(covered.count(m) == 1);
  }
  CHECK(count >= kMessages.size());
}

TEST_CASE("every invalid example fails its schema", "[examples]") {
  const auto& s = schemas::get();
  const auto files = json_files(protocol_dir() / "examples" / "invalid");
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    INFO("examples/invalid/" << file);
    // <schema>.<case>.json
    const auto dot = file.find('.');
    REQUIRE(dot != std::string::npos);
    const std::string schema = file.substr(0, dot) + ".json";
    REQUIRE(s.parsed.count(schema) == 1);
    const json instance = read_json(protocol_dir() / "examples" / "invalid" / file);
    CHECK(validate(s.at(schema), instance) != "");
  }
}

TEST_CASE("schemas check what they promise", "[schema]") {
  const auto& s = schemas::get();
  const auto save = [](const json& text) {
    return json{
        {"type", "note_save"},
        {"data", {{"meeting_id", "m1"}, {"note_id", "note:abcdefghijklmnop"}, {"text", text}}}};
  };
  // Lengths are in code points: 2000 emoji are 8000 bytes of UTF-8.
  std::string emoji;
  for (int i = 0; i < 2000; ++i) emoji += "\xF0\x9F\x98\x80";
  CHECK(validate(s.at("note_save.json"), save(emoji)) == "");
  CHECK(validate(s.at("note_save.json"), save(emoji + "\xF0\x9F\x98\x80")) != "");
  CHECK(validate(s.at("note_save.json"), save(std::string(2000, 'x'))) == "");
  CHECK(validate(s.at("note_save.json"), save(std::string(2001, 'x'))) != "");
  CHECK(validate(s.at("note_save.json"), save(42)) != "");

  const auto step = [](const json& v) {
    return json{
        {"type", "set_step"}, {"ref", 1}, {"data", {{"meeting_id", "m1"}, {"step_index", v}}}};
  };
  CHECK(validate(s.at("set_step.json"), step(0)) == "");
  CHECK(validate(s.at("set_step.json"), step(999)) == "");
  CHECK(validate(s.at("set_step.json"), step(1000)) != "");
  CHECK(validate(s.at("set_step.json"), step(-1)) != "");
  CHECK(validate(s.at("set_step.json"), step(3.5)) != "");

  const auto with_ref = [](const json& r) { return json{{"type", "ping"}, {"ref", r}}; };
  CHECK(validate(s.at("ping.json"), with_ref(0)) == "");
  CHECK(validate(s.at("ping.json"), with_ref(9007199254740991LL)) == "");
  CHECK(validate(s.at("ping.json"), with_ref(9007199254740992LL)) != "");
  CHECK(validate(s.at("ping.json"), with_ref(-1)) != "");
  CHECK(validate(s.at("ping.json"), with_ref("1")) != "");

  const auto id = [](const std::string& v) {
    return json{{"type", "reveal"}, {"data", {{"meeting_id", v}}}};
  };
  CHECK(validate(s.at("reveal.json"), id(std::string(64, 'a'))) == "");
  CHECK(validate(s.at("reveal.json"), id(std::string(65, 'a'))) != "");
  CHECK(validate(s.at("reveal.json"), id("")) != "");
  CHECK(validate(s.at("reveal.json"), id("a.b")) != "");

  const auto note_id = [](const std::string& v) {
    return json{{"type", "note_delete"}, {"data", {{"meeting_id", "m1"}, {"note_id", v}}}};
  };
  CHECK(validate(s.at("note_delete.json"), note_id("note:" + std::string(16, 'a'))) == "");
  CHECK(validate(s.at("note_delete.json"), note_id("note:" + std::string(59, 'a'))) == "");
  CHECK(validate(s.at("note_delete.json"), note_id("note:" + std::string(15, 'a'))) != "");
  CHECK(validate(s.at("note_delete.json"), note_id("note:" + std::string(60, 'a'))) != "");
  CHECK(validate(s.at("note_delete.json"), note_id("note:" + std::string(15, 'a') + ":")) != "");

  for (const char* c : {"professional", "student", "parent", "young_person", "teacher"}) {
    INFO(c);
    json join = {{"token", std::string(43, 'A')},
                 {"name", "Anne"},
                 {"category", c},
                 {"accept_agreement", true}};
    CHECK(validate(s.at("http_join_request.json"), join) == "");
  }
}

TEST_CASE("schemas of the step kinds check their limits (R23-R30)", "[schema]") {
  const auto& s = schemas::get();
  const auto cmd = [](const char* type, json data) {
    data["meeting_id"] = "m1";
    return json{{"type", type}, {"ref", 1}, {"data", std::move(data)}};
  };
  const std::string note = "note:abcdefghijklmnop";
  for (int v : {0, 1, 3})
    CHECK(validate(s.at("vote.json"), cmd("vote", {{"note_id", note}, {"votes", v}})) == "");
  for (int v : {-1, 4})
    CHECK(validate(s.at("vote.json"), cmd("vote", {{"note_id", note}, {"votes", v}})) != "");
  for (int v : {1, 5}) CHECK(validate(s.at("rate.json"), cmd("rate", {{"score", v}})) == "");
  for (int v : {0, 6}) CHECK(validate(s.at("rate.json"), cmd("rate", {{"score", v}})) != "");

  json ids = json::array();
  for (int i = 0; i < 40; ++i) ids.push_back("mem_" + std::to_string(i));
  CHECK(validate(s.at("turn_order.json"), cmd("turn_order", {{"member_ids", ids}})) == "");
  ids.push_back("mem_40");
  CHECK(validate(s.at("turn_order.json"), cmd("turn_order", {{"member_ids", ids}})) != "");

  for (const json& r : {json("cold"), json("lukewarm"), json("warm"), json(nullptr)})
    CHECK(validate(s.at("note_mark.json"), cmd("note_mark", {{"note_id", note}, {"rating", r}})) ==
          "");
  CHECK(validate(s.at("note_mark.json"),
                 cmd("note_mark", {{"note_id", note}, {"rating", "hot"}})) != "");

  // A proposal's title: 1-120 code points (120 emoji are 480 bytes).
  std::string emoji;
  for (int i = 0; i < 120; ++i) emoji += "\xF0\x9F\x98\x80";
  const auto titled = [&](const std::string& title) {
    return cmd("note_save", {{"note_id", note}, {"text", "De vraag"}, {"title", title}});
  };
  CHECK(validate(s.at("note_save.json"), titled(emoji)) == "");
  CHECK(validate(s.at("note_save.json"), titled(emoji + "x")) != "");
  CHECK(validate(s.at("note_save.json"), titled("")) != "");
  for (const char* label : {"top", "tip"})
    CHECK(validate(s.at("note_save.json"),
                   cmd("note_save", {{"note_id", note}, {"text", "x"}, {"label", label}})) == "");
  CHECK(validate(s.at("note_save.json"),
                 cmd("note_save", {{"note_id", note}, {"text", "x"}, {"label", "other"}})) != "");

  // R24: `to` always; notes may be left out only in a reveal to the presenter.
  const auto revealed = [](json data) {
    data["seq"] = 5;
    data["step_index"] = 2;
    return json{{"type", "revealed"}, {"data", std::move(data)}};
  };
  CHECK(validate(s.at("revealed.json"), revealed({{"to", "presenter"}})) == "");
  CHECK(validate(s.at("revealed.json"),
                 revealed({{"to", "presenter"}, {"notes", json::array()}})) == "");
  CHECK(validate(s.at("revealed.json"), revealed({{"to", "everyone"}, {"notes", json::array()}})) ==
        "");
  CHECK(validate(s.at("revealed.json"), revealed({{"to", "everyone"}})) != "");
  CHECK(validate(s.at("revealed.json"), revealed({{"notes", json::array()}})) != "");
}

TEST_CASE("the server's method files validate against method.json", "[examples]") {
  const fs::path dir = protocol_dir().parent_path() / "server" / "methods";
  if (!fs::exists(dir)) {
    WARN("no server/methods/ directory");
    return;
  }
  const auto files = json_files(dir);
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    INFO("server/methods/" << file);
    const std::string errors = validate(schemas::get().at("method.json"), read_json(dir / file));
    INFO(errors);
    CHECK(errors.empty());
  }
}
