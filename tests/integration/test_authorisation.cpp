// Authorisation matrix (R10, R11, R18, §4 "who may", §6 error codes). Every refused command must
// change nothing: checked by a follow-up change whose seq is the very next one.
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

using namespace intervisie::test;

namespace {

// R18: after refused commands, the next accepted change gets seq `expected` and is the next event
// every other member receives (nothing was fanned out in between).
void expect_next_change_is(meeting_fixture& f, std::int64_t expected, int step_index) {
  json reply = f.fac().request("set_step", f.data({{"step_index", step_index}}));
  REQUIRE(is_type(reply, "step_changed"));
  CHECK(seq_of(reply) == expected);
  for (auto& ws : f.participant_ws) {
    json e = next_event(*ws);
    CHECK(is_type(e, "step_changed"));
    CHECK(seq_of(e) == expected);
  }
}

void check_error(const json& reply, const std::string& code, std::int64_t ref = -1) {
  INFO(reply.dump());
  CHECK(is_error(reply, code));
  if (ref >= 0) CHECK(reply.value("ref", std::int64_t{-1}) == ref);
  CHECK(reply.at("data").at("message").is_string());
}

}  // namespace

TEST_CASE("R18: facilitator-only commands from a participant are forbidden", "[auth]") {
  meeting_fixture f(2);
  auto& p = f.part(0);
  std::int64_t seq = f.seq;

  SECTION("set_step") {
    check_error(p.request("set_step", f.data({{"step_index", 1}})), "forbidden");
    expect_next_change_is(f, seq + 1, 2);
  }
  SECTION("appoint_presenter") {
    check_error(
        p.request("appoint_presenter", f.data({{"member_id", f.participants[0].member_id}})),
        "forbidden");
    check_error(p.request("appoint_presenter", f.data({{"member_id", nullptr}})), "forbidden");
    expect_next_change_is(f, seq + 1, 2);
  }
  SECTION("reveal, in a write step where the facilitator could reveal") {
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
    for (auto& ws : f.participant_ws) next_event(*ws);
    json saved = p.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "x"}}));
    REQUIRE(is_type(saved, "note_saved"));
    next_event(f.part(1));
    check_error(p.request("reveal", f.data()), "forbidden");
    check_error(f.part(1).request("reveal", f.data()), "forbidden");
    expect_next_change_is(f, seq + 3, 4);
  }
}

TEST_CASE(
    "R20 S4: another member's note id is not_found - note_save in a step without notes is "
    "wrong_step",
    "[auth]") {
  meeting_fixture f(2);
  auto& a = f.part(0);
  auto& b = f.part(1);

  SECTION("wrong_step in a step without notes") {
    // buiten je bubbel index 9 is Stap 6, a react step: no notes, nothing to reveal.
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 9}})), "step_changed"));
    next_event(a);
    next_event(b);
    check_error(a.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "x"}})),
                "wrong_step");
    check_error(a.request("set_done", f.data({{"done", true}})), "wrong_step");
    check_error(f.fac().request("reveal", f.data()), "wrong_step");
    expect_next_change_is(f, f.seq + 2, 1);
  }
  SECTION("someone else's note") {
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
    next_event(a);
    next_event(b);
    const std::string note = make_note_id();
    json saved = a.request("note_save", f.data({{"note_id", note}, {"text", "van A"}}));
    REQUIRE(is_type(saved, "note_saved"));
    next_event(b);
    check_error(b.request("note_delete", f.data({{"note_id", note}})), "not_found");
    check_error(b.request("note_save", f.data({{"note_id", note}, {"text", "overwritten"}})),
                "not_found");
    // The facilitator may not touch it either.
    check_error(f.fac().request("note_delete", f.data({{"note_id", note}})), "not_found");
    // A note id that never existed.
    check_error(b.request("note_delete", f.data({{"note_id", make_note_id()}})), "not_found");
    expect_next_change_is(f, seq_of(saved) + 1, 5);
    // A's note is unchanged (author's snapshot).
    json welcome;
    auto a2 = f.connect(f.participants[0], std::nullopt, &welcome);
    auto notes = welcome.at("data").at("snapshot").at("notes");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].at("text") == "van A");
  }
  SECTION("appoint_presenter of an unknown member") {
    check_error(f.fac().request("appoint_presenter", f.data({{"member_id", "member:nope"}})),
                "not_found");
    expect_next_change_is(f, f.seq + 1, 1);
  }
}

TEST_CASE("S4: a command for another meeting gets not_in_meeting", "[auth]") {
  meeting_fixture f(1);
  meeting_links other = f.create_meeting("Andere bijeenkomst");
  json data = {{"meeting_id", other.meeting_id}, {"step_index", 1}};
  check_error(f.fac().request("set_step", data), "not_in_meeting");
  check_error(f.fac().request("reveal", {{"meeting_id", other.meeting_id}}), "not_in_meeting");
  check_error(f.part(0).request(
                  "note_save",
                  {{"meeting_id", other.meeting_id}, {"note_id", make_note_id()}, {"text", "x"}}),
              "not_in_meeting");
  check_error(
      f.fac().request("set_step", {{"meeting_id", "meeting:doesnotexist"}, {"step_index", 1}}),
      "not_in_meeting");
  expect_next_change_is(f, f.seq + 1, 1);
}

TEST_CASE("R10 R11: hello rules", "[auth][hello]") {
  meeting_fixture f(1);

  SECTION("commands before hello are not_authenticated") {
    auto ws = f.open_ws();
    check_error(ws->request("set_step", f.data({{"step_index", 1}})), "not_authenticated");
    check_error(ws->request("note_save", f.data({{"note_id", make_note_id()}, {"text", "x"}})),
                "not_authenticated");
    check_error(ws->request("reveal", f.data()), "not_authenticated");
    // The connection stays usable: a proper hello still works.
    ws->send(hello_message(f.facilitator.member_token));
    CHECK(is_type(
        ws->wait_for([](const json& m) { return is_type(m, "welcome") || is_type(m, "error"); }),
        "welcome"));
    expect_next_change_is(f, f.seq + 1, 1);
  }
  SECTION("a second hello is already_joined") {
    json reply = f.part(0).request("hello", hello_message(f.participants[0].member_token)["data"]);
    check_error(reply, "already_joined");
    expect_alive(f.part(0));
  }
  SECTION("protocol 2 is unsupported_protocol and closes with 4500") {
    auto ws = f.open_ws();
    ws->send(hello_message(f.participants[0].member_token, std::nullopt, 2));
    json reply = ws->next();
    check_error(reply, "unsupported_protocol");
    REQUIRE(ws->wait_closed(5s));
    CHECK(ws->close_code() == 4500);
  }
  SECTION("a forged token is invalid_token and the connection stays usable") {
    auto ws = f.open_ws();
    const std::string forged(43, 'A');
    ws->send(hello_message(forged));
    check_error(ws->next(), "invalid_token");
    // Another member's token with a flipped character is forged too.
    std::string flipped = f.participants[0].member_token;
    flipped[5] = flipped[5] == 'x' ? 'y' : 'x';
    ws->send(hello_message(flipped));
    check_error(ws->next(), "invalid_token");
    // An invite link is not a member token.
    ws->send(hello_message(f.meeting.invite_token));
    check_error(ws->next(), "invalid_token");
    ws->send(hello_message(f.participants[0].member_token));
    json welcome = ws->next();
    REQUIRE(is_type(welcome, "welcome"));
    CHECK(welcome.at("data").at("member_id") == f.participants[0].member_id);
    CHECK(welcome.at("data").at("protocol") == 1);
    CHECK(welcome.at("data").at("meeting_id") == f.meeting.meeting_id);
    expect_alive(*ws);
  }
}
