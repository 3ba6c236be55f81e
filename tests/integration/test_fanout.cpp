// Fan-out of events to every member (R14, R16), presence (R19), member_joined, and resume after a
// dropped connection without a server restart (R12, R20).
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

using namespace intervisie::test;

TEST_CASE("R14 R16: set_step reaches the sender with its ref and everyone else without",
          "[fanout]") {
  meeting_fixture f(2);
  // A second connection of the facilitator is a separate recipient (R20: "all of the author's
  // connections"; here simply: every connection gets every seq).
  auto fac2 = f.connect(f.facilitator);

  json reply = f.fac().request("set_step", f.data({{"step_index", 1}}));
  REQUIRE(is_type(reply, "step_changed"));
  CHECK(reply.at("data").at("step_index") == 1);
  const auto seq = seq_of(reply);
  CHECK(seq == f.seq + 1);

  for (ws_client* other : {fac2.get(), &f.part(0), &f.part(1)}) {
    json event = next_event(*other);
    REQUIRE(is_type(event, "step_changed"));
    CHECK(seq_of(event) == seq);
    CHECK(event.at("data").at("step_index") == 1);
    CHECK_FALSE(event.contains("ref"));  // R16: only the sender's copy carries the ref
  }

  // A second change gets the next seq everywhere, in order (R14, R17).
  json reply2 = f.fac().request("set_step", f.data({{"step_index", 2}}));
  REQUIRE(is_type(reply2, "step_changed"));
  CHECK(seq_of(reply2) == seq + 1);
  for (ws_client* other : {fac2.get(), &f.part(0), &f.part(1)}) {
    json event = next_event(*other);
    CHECK(seq_of(event) == seq + 1);
  }
}

TEST_CASE("R16: appoint_presenter fans out presenter_appointed", "[fanout]") {
  meeting_fixture f(2);
  json reply =
      f.fac().request("appoint_presenter", f.data({{"member_id", f.participants[0].member_id}}));
  REQUIRE(is_type(reply, "presenter_appointed"));
  CHECK(reply.at("data").at("member_id") == f.participants[0].member_id);
  for (std::size_t i = 0; i < 2; ++i) {
    json event = next_event(f.part(i));
    REQUIRE(is_type(event, "presenter_appointed"));
    CHECK(seq_of(event) == seq_of(reply));
    CHECK(event.at("data").at("member_id") == f.participants[0].member_id);
  }
  // Clearing with null (§4).
  json cleared = f.fac().request("appoint_presenter", f.data({{"member_id", nullptr}}));
  REQUIRE(is_type(cleared, "presenter_appointed"));
  CHECK(cleared.at("data").at("member_id").is_null());
  CHECK(seq_of(cleared) == seq_of(reply) + 1);
}

TEST_CASE("R19: presence on disconnect and connect - member_joined on join", "[fanout][presence]") {
  meeting_fixture f(2);
  const auto leaver = f.participants[1].member_id;

  f.part(1).close();
  for (ws_client* other : {&f.fac(), &f.part(0)}) {
    json p = other->wait_for(
        [&](const json& m) {
          // The leaver's own "online" presence from the fixture's connects may still be queued:
          // wait for the offline one.
          return is_type(m, "presence") && m["data"].value("member_id", "") == leaver &&
                 !m["data"].value("online", true);
        },
        5s, "presence of the leaver");
    CHECK(p.at("data").at("online") == false);
    CHECK_FALSE(p.at("data").contains("seq"));  // R19: presence is not in the change sequence
  }

  // A new member joins over HTTP: everyone connected gets member_joined with the next seq.
  member_info newcomer = f.join(f.meeting.invite_token, "Nieuwkomer", "teacher");
  for (ws_client* other : {&f.fac(), &f.part(0)}) {
    json joined = next_event(*other);
    REQUIRE(is_type(joined, "member_joined"));
    CHECK(seq_of(joined) == f.seq + 1);
    const auto& member = joined.at("data").at("member");
    CHECK(member.at("member_id") == newcomer.member_id);
    CHECK(member.at("name") == "Nieuwkomer");
    CHECK(member.at("category") == "teacher");
    CHECK(member.at("role") == "participant");
  }

  // The newcomer connects: the others see them come online.
  json welcome;
  auto ws = f.connect(newcomer, std::nullopt, &welcome);
  CHECK(welcome.at("data").at("member_id") == newcomer.member_id);
  CHECK(welcome.at("data").at("role") == "participant");
  for (ws_client* other : {&f.fac(), &f.part(0)}) {
    json p = other->wait_for(
        [&](const json& m) {
          return is_type(m, "presence") && m["data"].value("member_id", "") == newcomer.member_id;
        },
        5s, "presence of the newcomer");
    CHECK(p.at("data").at("online") == true);
  }

  // The snapshot lists members with their online state (R19).
  bool found_leaver = false;
  for (auto& m : welcome.at("data").at("snapshot").at("members")) {
    if (m.at("member_id") == leaver) {
      found_leaver = true;
      CHECK(m.at("online") == false);
    }
    if (m.at("member_id") == f.facilitator.member_id) CHECK(m.at("online") == true);
  }
  CHECK(found_leaver);
}

TEST_CASE("R12 R20: resume without restart replays exactly the missed events - filtered",
          "[resume]") {
  meeting_fixture f(2);
  auto& a = f.part(0);
  const auto& b_member = f.participants[1];
  const std::int64_t a_last = std::max(f.seq, a.max_event_seq());

  a.close();
  // While A is away: a step change, B writes a note and marks done.
  json s1 = f.fac().request("set_step", f.data({{"step_index", 3}}));
  REQUIRE(is_type(s1, "step_changed"));
  next_event(f.part(1));
  const std::string b_text = "B-private-resume-text-7f3a";
  const std::string b_note = make_note_id();
  json s2 = f.part(1).request("note_save", f.data({{"note_id", b_note}, {"text", b_text}}));
  REQUIRE(is_type(s2, "note_saved"));
  json s3 = f.part(1).request("set_done", f.data({{"done", true}}));
  REQUIRE(is_type(s3, "note_progress"));
  CHECK(seq_of(s1) == a_last + 1);
  CHECK(seq_of(s3) == a_last + 3);

  json welcome;
  auto a2 = f.connect(f.participants[0], a_last, &welcome);
  CHECK(welcome.at("data").value("resumed", false) == true);
  CHECK_FALSE(welcome.at("data").contains("snapshot"));

  json e1 = next_event(*a2);
  json e2 = next_event(*a2);
  json e3 = next_event(*a2);
  CHECK(is_type(e1, "step_changed"));
  CHECK(seq_of(e1) == a_last + 1);
  CHECK(e1.at("data").at("step_index") == 3);
  // B's note reaches A only as progress (R20).
  CHECK(is_type(e2, "note_progress"));
  CHECK(seq_of(e2) == a_last + 2);
  CHECK(e2.at("data").at("member_id") == b_member.member_id);
  CHECK(e2.at("data").at("note_count") == 1);
  CHECK(is_type(e3, "note_progress"));
  CHECK(seq_of(e3) == a_last + 3);
  CHECK(e3.at("data").at("done") == true);
  // Nothing more: the next thing after the replay is our pong (R17).
  json reply = a2->request("ping");
  CHECK(is_type(reply, "pong"));
  for (auto& frame : a2->frames()) {
    CHECK(frame.find(b_text) == std::string::npos);
    CHECK(frame.find(b_note) == std::string::npos);
  }
  // Events between the last replayed one and the pong, if any, would have been dropped by
  // request(): check the whole log holds exactly three events.
  int events = 0;
  for (auto& frame : a2->frames())
    if (is_event(json::parse(frame))) ++events;
  CHECK(events == 3);
}
