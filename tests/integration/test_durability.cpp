// Durability (R15): every acknowledged change survives SIGKILL and SIGTERM; reconnecting clients
// resume (R12) with exactly the missing events, or get a snapshot.
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <csignal>
#include <map>
#include <set>

using namespace intervisie::test;

TEST_CASE(
    "R15 R12: acknowledged changes survive a restart - resume replays exactly what is missing",
    "[durability]") {
  meeting_fixture f(2);
  auto& a = f.part(0);
  auto& b = f.part(1);
  const auto& a_id = f.participants[0].member_id;
  const auto& b_id = f.participants[1].member_id;

  // Every change waits for its own reply: that reply means "durable" (R15, R16).
  json s_step = f.fac().request("set_step", f.data({{"step_index", 3}}));
  REQUIRE(is_type(s_step, "step_changed"));
  const auto base = seq_of(s_step);
  const std::string n1 = make_note_id(), n2 = make_note_id(), n3 = make_note_id();
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", n1}, {"text", "A-eerste"}})),
                  "note_saved"));
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", n2}, {"text", "A-tweede"}})),
                  "note_saved"));
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", n1}, {"text", "A-eerste-bewerkt"}})),
                  "note_saved"));
  REQUIRE(is_type(a.request("note_delete", f.data({{"note_id", n2}})), "note_deleted"));
  REQUIRE(is_type(b.request("note_save", f.data({{"note_id", n3}, {"text", "B-enige"}})),
                  "note_saved"));
  REQUIRE(is_type(b.request("set_done", f.data({{"done", true}})), "note_progress"));
  json s_presenter =
      f.fac().request("appoint_presenter", f.data({{"member_id", f.participants[1].member_id}}));
  REQUIRE(is_type(s_presenter, "presenter_appointed"));
  const auto last = seq_of(s_presenter);
  REQUIRE(last == base + 7);

  SECTION("after SIGKILL") {
    f.server.kill();
  }
  SECTION("after SIGTERM") {
    int status = f.server.stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // Connected clients are told the server is going away (§7: 1001).
    for (ws_client* c : {&f.fac(), &a, &b}) {
      REQUIRE(c->wait_closed(5s));
      CHECK(c->close_code() == 1001);
    }
  }
  for (ws_client* c : {&f.fac(), &a, &b}) REQUIRE(c->wait_closed(5s));

  f.server.restart();
  const std::set<std::string> a_texts_expected = {"A-eerste-bewerkt"};

  // A without last_seq: a snapshot with A's surviving note, the step and the presenter.
  json a_welcome;
  auto a2 = f.connect(f.participants[0], std::nullopt, &a_welcome);
  CHECK_FALSE(a_welcome.at("data").value("resumed", false));
  CHECK(a_welcome.at("data").at("seq") == last);
  const auto& snap = a_welcome.at("data").at("snapshot");
  CHECK(snap.at("step_index") == 3);
  CHECK(snap.at("presenter_id") == b_id);
  std::set<std::string> a_texts;
  for (auto& note : snap.at("notes")) {
    CHECK(note.at("author_id") == a_id);
    a_texts.insert(note.at("text").get<std::string>());
  }
  CHECK(a_texts == a_texts_expected);
  int progress_found = 0;
  for (auto& p : snap.at("progress")) {
    if (p.at("step_index") != 3) continue;
    if (p.at("member_id") == a_id) {
      CHECK(p.at("note_count") == 1);
      ++progress_found;
    }
    if (p.at("member_id") == b_id) {
      CHECK(p.at("note_count") == 1);
      CHECK(p.at("done") == true);
      ++progress_found;
    }
  }
  CHECK(progress_found == 2);

  // B resumes from just after the step change: exactly base+1..last, filtered for B.
  json b_welcome;
  auto b2 = f.connect(f.participants[1], base, &b_welcome);
  CHECK(b_welcome.at("data").value("resumed", false) == true);
  CHECK_FALSE(b_welcome.at("data").contains("snapshot"));
  const std::vector<std::string> b_expected = {
      "note_progress", "note_progress", "note_progress",      "note_progress",
      "note_saved",    "note_progress", "presenter_appointed"};
  for (std::size_t i = 0; i < b_expected.size(); ++i) {
    json e = next_event(*b2);
    INFO("replayed event " << i << ": " << e.dump());
    CHECK(seq_of(e) == base + 1 + static_cast<std::int64_t>(i));
    CHECK(is_type(e, b_expected[i]));
    // R20 after a restart too
    CHECK(e.dump().find("A-eerste") == std::string::npos);
    CHECK(e.dump().find("A-tweede") == std::string::npos);
  }
  expect_alive(*b2);
  int b_events = 0;
  for (auto& frame : b2->frames()) b_events += is_event(json::parse(frame)) ? 1 : 0;
  CHECK(b_events == static_cast<int>(b_expected.size()));

  // The facilitator is up to date: resumed, nothing to replay.
  json fac_welcome;
  auto fac2 = f.connect(f.facilitator, last, &fac_welcome);
  CHECK(fac_welcome.at("data").value("resumed", false) == true);
  expect_alive(*fac2);
  for (auto& frame : fac2->frames()) CHECK_FALSE(is_event(json::parse(frame)));

  // A last_seq ahead of the meeting cannot be replayed: snapshot (R12).
  json ahead_welcome;
  auto ahead = f.connect(f.participants[1], last + 100, &ahead_welcome);
  CHECK_FALSE(ahead_welcome.at("data").value("resumed", false));
  CHECK(ahead_welcome.at("data").contains("snapshot"));

  // The sequence continues where it was, and B's own note is still B's (author sees the text).
  json next = fac2->request("set_step", f.data({{"step_index", 4}}));
  REQUIRE(is_type(next, "step_changed"));
  CHECK(seq_of(next) == last + 1);
  CHECK(seq_of(next_event(*a2)) == last + 1);
  json b_snapshot_welcome;
  auto b3 = f.connect(f.participants[1], std::nullopt, &b_snapshot_welcome);
  bool b_note_found = false;
  for (auto& note : b_snapshot_welcome.at("data").at("snapshot").at("notes"))
    if (note.at("note_id") == n3) {
      b_note_found = true;
      CHECK(note.at("text") == "B-enige");
    }
  CHECK(b_note_found);

  // The coordinator token survives too (only the admin key is per start, R7).
  auto groups = f.http().request("GET", "/api/groups", {},
                                 {{"Authorization", "Bearer " + f.coordinator_token}});
  CHECK(groups.status == 200);
}

TEST_CASE("R15: a burst of acknowledged notes survives SIGKILL", "[durability]") {
  meeting_fixture f(1);
  auto& a = f.part(0);
  REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 5}})), "step_changed"));
  // Send 40 notes pipelined, then collect the replies: each reply is a durability promise.
  std::map<std::int64_t, std::string> texts_by_ref;
  for (int i = 0; i < 40; ++i) {
    std::string text = "waarneming-" + std::to_string(i);
    texts_by_ref[a.send_command("note_save",
                                f.data({{"note_id", make_note_id()}, {"text", text}}))] = text;
  }
  std::set<std::string> acknowledged;
  for (std::size_t got = 0; got < texts_by_ref.size(); ++got) {
    json r = a.wait_for([](const json& m) { return m.contains("ref"); });
    REQUIRE(is_type(r, "note_saved"));
    acknowledged.insert(texts_by_ref.at(r.at("ref").get<std::int64_t>()));
  }
  f.server.kill();
  f.server.restart();
  json welcome;
  auto a2 = f.connect(f.participants[0], std::nullopt, &welcome);
  std::set<std::string> texts;
  for (auto& note : welcome.at("data").at("snapshot").at("notes"))
    texts.insert(note.at("text").get<std::string>());
  CHECK(texts == acknowledged);
}
