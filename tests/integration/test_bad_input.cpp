// Bad input (§6, §8): each case gets its error, and afterwards the connection and the meeting
// still work and nothing changed (R18).
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace intervisie::test;

namespace {

// The connection answers a ping, and a valid change gets the next seq (nothing changed before).
void expect_unharmed(meeting_fixture& f, ws_client& ws, std::int64_t expected_seq) {
  expect_alive(ws);
  json reply = f.fac().request("set_step", f.data({{"step_index", 1}}));
  REQUIRE(is_type(reply, "step_changed"));
  CHECK(seq_of(reply) == expected_seq);
}

json next_error(ws_client& ws) {
  return ws.wait_type("error");
}

std::string nested(int depth) {
  // depth levels in total: the envelope object is level 1, data level 2, ...
  std::string open = "{\"type\":\"ping\",\"data\":";
  std::string close = "}";
  for (int i = 2; i < depth; ++i) {
    open += "{\"a\":";
    close += "}";
  }
  return open + "{}" + close;
}

}  // namespace

TEST_CASE("S6: malformed WebSocket messages get an error and change nothing", "[bad_input]") {
  meeting_fixture f(1);
  auto& p = f.part(0);
  const auto seq = f.seq;

  SECTION("invalid JSON") {
    p.send_raw("{\"type\": \"ping\", ");
    CHECK(is_error(next_error(p), "invalid_json"));
    p.send_raw("[1,2,3]");  // JSON, but not one object
    CHECK(is_error(next_error(p), "invalid_json"));
    p.send_raw("");
    CHECK(is_error(next_error(p), "invalid_json"));
    expect_unharmed(f, p, seq + 1);
  }
  SECTION("invalid UTF-8 in a text frame") {
    // Beast may fail the frame itself (close 1007, RFC 6455 §8.1); otherwise it is not JSON.
    p.send_raw("{\"type\":\"ping\",\"x\":\"\xff\xfe\"}");
    auto m = p.try_next(3s);
    if (p.is_closed()) {
      CHECK(p.close_code() == 1007);
      auto again = f.connect(f.participants[0]);
      expect_unharmed(f, *again, seq + 1);
    } else {
      REQUIRE(m.has_value());
      CHECK(is_error(*m, "invalid_json"));
      expect_unharmed(f, p, seq + 1);
    }
  }
  SECTION("unknown type") {
    json reply = p.request("launch_rockets", f.data());
    CHECK(is_error(reply, "unknown_type"));
    p.send_raw(R"({"ref": 5, "data": {}})");  // no type at all
    json e = next_error(p);
    CHECK((is_error(e, "unknown_type") || is_error(e, "invalid_field") ||
           is_error(e, "invalid_json")));
    expect_unharmed(f, p, seq + 1);
  }
  SECTION("missing field") {
    json reply = f.fac().request("set_step", f.data());
    CHECK(is_error(reply, "invalid_field"));
    CHECK(reply["data"]["message"].get<std::string>().find("step_index") != std::string::npos);
    reply = f.fac().request("set_step", {{"step_index", 1}});  // no meeting_id
    CHECK(is_error(reply, "invalid_field"));
    reply = p.request("hello", {{"protocol", 1}});  // no member_token (already joined or not)
    CHECK(reply.value("type", "") == "error");
    expect_unharmed(f, p, seq + 1);
  }
  SECTION("wrongly typed field") {
    CHECK(is_error(f.fac().request("set_step", f.data({{"step_index", "3"}})), "invalid_field"));
    CHECK(is_error(f.fac().request("set_step", f.data({{"step_index", 2.5}})), "invalid_field"));
    CHECK(is_error(f.fac().request("set_step", f.data({{"step_index", true}})), "invalid_field"));
    CHECK(is_error(f.fac().request("set_step", {{"meeting_id", 42}, {"step_index", 1}}),
                   "invalid_field"));
    f.fac().send_raw(R"({"type":"ping","ref":"seven"})");  // ref must be an integer
    CHECK(is_error(next_error(f.fac()), "invalid_field"));
    f.fac().send_raw(R"({"type":"set_step","ref":8,"data":"step 1"})");  // data not an object
    CHECK(is_error(next_error(f.fac()), "invalid_field"));
    expect_unharmed(f, p, seq + 1);
  }
  SECTION("numbers that do not fit") {
    const std::string mid = f.meeting.meeting_id;
    for (std::string number : {"1e30", "18446744073709551616", "-1", "9223372036854775808",
                               "-9223372036854775809", "4294967296", "999", "1e400"}) {
      INFO("step_index " << number);
      f.fac().send_raw(R"({"type":"set_step","ref":900,"data":{"meeting_id":")" + mid +
                       R"(","step_index":)" + number + "}}");
      json e = next_error(f.fac());
      // 999 is a valid step_index but past the method's last step: out of range.
      CHECK((is_error(e, "invalid_field") || (number == "1e400" && is_error(e, "invalid_json")) ||
             (number == "999" && is_error(e, "wrong_step"))));
    }
    // A huge last_seq must not crash hello either.
    auto ws = f.open_ws();
    ws->send_raw(R"({"type":"hello","data":{"protocol":1,"member_token":")" +
                 f.participants[0].member_token + R"(","last_seq":1e30}})");
    json r = ws->next();
    CHECK((is_error(r, "invalid_field") || is_type(r, "welcome")));
    expect_unharmed(f, p, seq + 1);
  }
  SECTION("message over 64 KiB is discarded with message_too_large") {
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
    next_event(p);
    json big = {
        {"type", "note_save"},
        {"ref", 77},
        {"data", f.data({{"note_id", make_note_id()}, {"text", std::string(70 * 1024, 'x')}})}};
    p.send(big);
    json e = next_error(p);
    CHECK(is_error(e, "message_too_large"));
    CHECK_FALSE(p.is_closed());
    // Text over 2000 characters within the size limit is an invalid field.
    json long_text = p.request(
        "note_save", f.data({{"note_id", make_note_id()}, {"text", std::string(2001, 'y')}}));
    CHECK(is_error(long_text, "invalid_field"));
    // Empty text is invalid too.
    CHECK(is_error(p.request("note_save", f.data({{"note_id", make_note_id()}, {"text", ""}})),
                   "invalid_field"));
    // A malformed note id.
    CHECK(is_error(p.request("note_save", f.data({{"note_id", "note:short"}, {"text", "x"}})),
                   "invalid_field"));
    expect_unharmed(f, p, seq + 2);
  }
  SECTION("message over 1 MiB closes with 1009") {
    json huge = {{"type", "ping"}, {"data", {{"pad", std::string(1100 * 1024, 'z')}}}};
    p.send_frame_direct(huge.dump());
    REQUIRE(p.wait_closed(10s));
    INFO("ended with: " << p.close_reason());
    CHECK(p.close_code() == 1009);
    // The meeting still works for everyone else, and the member can come back.
    auto again = f.connect(f.participants[0]);
    expect_unharmed(f, *again, seq + 1);
  }
  SECTION("nesting deeper than 8 is too_deep") {
    p.send_raw(nested(9));
    CHECK(is_error(next_error(p), "too_deep"));
    p.send_raw("[[[[[[[[[]]]]]]]]]");  // 9 levels of arrays
    CHECK(is_error(next_error(p), "too_deep"));
    // Far deeper: must not blow the parser's stack.
    p.send_raw(std::string(20000, '[') + std::string(20000, ']'));
    CHECK(is_error(next_error(p), "too_deep"));
    // Brackets inside strings do not count.
    p.send_raw(R"({"type":"ping","ref":3,"data":{"x":"[[[[[[[[[[[[{{{{{{{{{{{"}})");
    json r = p.next();
    CHECK_FALSE(is_error(r, "too_deep"));
    expect_unharmed(f, p, seq + 1);
  }
}

TEST_CASE("R5 R6: forged links on the HTTP API reveal nothing", "[bad_input][http]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();
  auto check_invalid_link = [&](const http_response& res, bool empty_token = false) {
    INFO(res.body);
    if (empty_token && res.status == 400) {
      // An empty token is a missing field; invalid_field reveals nothing either.
      CHECK(res.error_code() == "invalid_field");
    } else {
      CHECK(res.status == 404);
      CHECK(res.error_code() == "invalid_link");
    }
    REQUIRE(res.json.is_object());
    CHECK(res.json.size() == 1);  // only "error"
    for (auto& [key, value] : res.json.at("error").items()) {
      CHECK((key == "code" || key == "message"));
      (void)value;
    }
    CHECK(res.body.find("Intervisiegroep") == std::string::npos);
    CHECK(res.body.find("Bijeenkomst") == std::string::npos);
    CHECK(res.body.find(f.meeting.meeting_id) == std::string::npos);
  };
  std::string flipped = f.meeting.invite_token;
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  const std::vector<std::string> forged = {
      std::string(43, 'A'), flipped, "abc", "", f.meeting.invite_token + "x", "../../etc/passwd"};
  for (auto& token : forged) {
    INFO("token " << token);
    check_invalid_link(http.post("/api/join", {{"token", token},
                                               {"name", "Indringer"},
                                               {"category", "student"},
                                               {"accept_agreement", true}}),
                       token.empty());
    check_invalid_link(http.post("/api/links/inspect", {{"token", token}}), token.empty());
  }
  // A member token is not a link either.
  member_info m = f.join(f.meeting.invite_token, "Echte deelnemer");
  check_invalid_link(http.post("/api/links/inspect", {{"token", m.member_token}}));

  // The real link works (sanity of the above).
  auto ok = http.post("/api/links/inspect", {{"token", f.meeting.invite_token}});
  CHECK(ok.status == 200);
  CHECK(ok.json.value("role", "") == "participant");
  CHECK(ok.json.value("meeting_title", "") == "Bijeenkomst 1");
  auto fac = http.post("/api/links/inspect", {{"token", f.meeting.facilitator_token}});
  CHECK(fac.json.value("role", "") == "facilitator");
}

TEST_CASE("R6 R7: the coordinator API needs the bearer token", "[bad_input][http]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();
  auto check_unauthorized = [](const http_response& res) {
    INFO(res.body);
    CHECK(res.status == 401);
    CHECK(res.error_code() == "unauthorized");
    CHECK(res.body.find("Intervisiegroep") == std::string::npos);
  };
  const std::vector<http_headers> bad = {{},
                                         {{"Authorization", "Bearer " + std::string(43, 'A')}},
                                         {{"Authorization", "Bearer"}},
                                         {{"Authorization", f.coordinator_token}},
                                         {{"Authorization", "Basic " + f.coordinator_token}},
                                         {{"Authorization", "Bearer " + f.meeting.invite_token}}};
  for (auto& headers : bad) {
    check_unauthorized(http.request("GET", "/api/groups", {}, headers));
    check_unauthorized(http.request("POST", "/api/groups", R"({"name":"X"})", headers));
    check_unauthorized(http.request("POST", "/api/groups/" + f.group_id + "/meetings",
                                    R"({"title":"X","method_id":"buiten_je_bubbel"})", headers));
  }
  // The admin key is one-time (R7).
  check_unauthorized(http.post("/api/admin/claim", {{"admin_key", f.server.admin_key()}}));
  check_unauthorized(http.post("/api/admin/claim", {{"admin_key", std::string(43, 'A')}}));
  // With the right token the group list shows exactly one group.
  auto ok =
      http.request("GET", "/api/groups", {}, {{"Authorization", "Bearer " + f.coordinator_token}});
  CHECK(ok.status == 200);
  CHECK(ok.json.at("groups").size() == 1);
}

TEST_CASE("S8 R8: HTTP body limit and the agreement", "[bad_input][http]") {
  meeting_fixture f(0, {}, false);
  auto http = f.http();

  SECTION("body over 64 KiB") {
    json body = {{"token", f.meeting.invite_token},
                 {"name", std::string(70 * 1024, 'n')},
                 {"category", "student"},
                 {"accept_agreement", true}};
    auto res = http.post("/api/join", body);
    INFO(res.body);
    CHECK(res.status == 413);
    CHECK(res.error_code() == "body_too_large");
    // The server still serves.
    CHECK(http.get("/healthz").status == 200);
  }
  SECTION("join without accepting the agreement") {
    for (json accept : {json(false), json(nullptr), json("true"), json(1)}) {
      json body = {
          {"token", f.meeting.invite_token}, {"name", "Twijfelaar"}, {"category", "student"}};
      if (!accept.is_null()) body["accept_agreement"] = accept;
      auto res = http.post("/api/join", body);
      INFO(res.body);
      CHECK((res.status >= 400 && res.status < 500));
      CHECK((res.error_code() == "agreement_required" ||
             (!accept.is_boolean() && res.error_code() == "invalid_field")));
    }
  }
  SECTION("invalid join fields") {
    auto join = [&](json name, json category) {
      return http.post("/api/join", {{"token", f.meeting.invite_token},
                                     {"name", name},
                                     {"category", category},
                                     {"accept_agreement", true}});
    };
    CHECK(join("", "student").error_code() == "invalid_field");
    CHECK(join("   ", "student").error_code() == "invalid_field");
    CHECK(join(std::string(61, 'a'), "student").error_code() == "invalid_field");
    CHECK(join("Naam", "astronaut").error_code() == "invalid_field");
    CHECK(join(42, "student").error_code() == "invalid_field");
    auto raw = http.request("POST", "/api/join", "{not json");
    CHECK(raw.status == 400);
    CHECK(raw.error_code() == "invalid_json");
  }
}
