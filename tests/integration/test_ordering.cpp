// Ordering under concurrency (R14, R17), the replay window of resume (R12) and count limits (§8).
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <thread>

using namespace intervisie::test;

namespace {

// Sends the commands made by `make(i)` for i in [0, count) with at most `window` in flight and
// waits for every reply. Returns an empty string or what went wrong (usable from any thread:
// Catch assertions are not thread-safe).
std::string pipeline(ws_client& ws, int count, int window,
                     const std::function<std::pair<std::string, json>(int)>& make,
                     const std::string& expected_reply) {
  try {
    int sent = 0, replied = 0;
    while (replied < count) {
      while (sent < count && sent - replied < window) {
        auto [type, data] = make(sent);
        ws.send_command(type, data);
        ++sent;
      }
      json r = ws.wait_for([](const json& m) { return m.contains("ref"); }, 10s, "a reply");
      if (!is_type(r, expected_reply)) return "unexpected reply: " + r.dump();
      ++replied;
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

// The events in a connection's log, in arrival order.
std::vector<json> events_of(const ws_client& ws) {
  std::vector<json> out;
  for (auto& frame : ws.frames()) {
    json m = json::parse(frame, nullptr, false);
    if (is_event(m)) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

TEST_CASE("R14 R17: with concurrent writers every member sees every seq once - in order",
          "[ordering]") {
  constexpr int writers = 4, creates = 40, edits = 20;
  meeting_fixture f(writers, {"--rate-limit", "0"});
  json step = f.fac().request("set_step", f.data({{"step_index", 5}}));
  REQUIRE(is_type(step, "step_changed"));
  const auto base = seq_of(step);
  const auto final_seq = base + writers * (creates + edits);

  std::vector<std::string> failures(writers);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::vector<std::string> ids;
      for (int i = 0; i < creates; ++i) ids.push_back(make_note_id());
      failures[w] = pipeline(
          f.part(w), creates + edits, 8,
          [&](int i) {
            const auto& id = ids[static_cast<std::size_t>(i % creates)];
            return std::make_pair(
                std::string("note_save"),
                f.data({{"note_id", id},
                        {"text", "w" + std::to_string(w) + "-" + std::to_string(i)}}));
          },
          "note_saved");
    });
  }
  for (auto& t : threads) t.join();
  for (auto& failure : failures) CHECK(failure.empty());

  std::vector<ws_client*> everyone = {&f.fac()};
  for (auto& ws : f.participant_ws) everyone.push_back(ws.get());
  for (std::size_t c = 0; c < everyone.size(); ++c) {
    auto& ws = *everyone[c];
    ws.wait_for_seq(final_seq);
    auto events = events_of(ws);
    // Drop what came before the step change (joins etc.).
    std::vector<json> tail;
    for (auto& e : events)
      if (seq_of(e) > base) tail.push_back(e);
    INFO("connection " << c);
    REQUIRE(tail.size() == static_cast<std::size_t>(final_seq - base));
    int own = 0;
    std::map<std::string, int> last_count;
    for (std::size_t i = 0; i < tail.size(); ++i) {
      CHECK(seq_of(tail[i]) == base + 1 + static_cast<std::int64_t>(i));
      if (is_type(tail[i], "note_saved")) {
        ++own;
        REQUIRE(c > 0);  // the facilitator writes nothing
        CHECK(tail[i]["data"]["note"]["author_id"] == f.participants[c - 1].member_id);
      } else {
        REQUIRE(is_type(tail[i], "note_progress"));
        const auto who = tail[i]["data"]["member_id"].get<std::string>();
        if (c > 0) CHECK(who != f.participants[c - 1].member_id);
        const int count = tail[i]["data"]["note_count"].get<int>();
        CHECK(count >= last_count[who]);  // creates only: counts never go down
        last_count[who] = count;
      }
    }
    CHECK(own == (c == 0 ? 0 : creates + edits));
    for (auto& [who, count] : last_count) CHECK(count == creates);
  }
}

TEST_CASE("R12: resume replays up to 1000 changes - further back gets a snapshot", "[resume]") {
  meeting_fixture f(1, {"--rate-limit", "0"});
  const auto start = std::max(f.seq, f.part(0).max_event_seq());
  f.part(0).close();
  constexpr int changes = 1001;
  // Alternate between steps 1 and 2 so that every set_step is a change.
  std::string failure = pipeline(
      f.fac(), changes, 8,
      [&](int i) {
        return std::make_pair(std::string("set_step"), f.data({{"step_index", 1 + i % 2}}));
      },
      "step_changed");
  REQUIRE(failure.empty());
  const auto final_seq = start + changes;

  SECTION("exactly 1000 back: replayed") {
    json welcome;
    auto ws = f.connect(f.participants[0], final_seq - 1000, &welcome);
    CHECK(welcome["data"].value("resumed", false) == true);
    try {
      ws->wait_for_seq(final_seq);
    } catch (const std::exception& e) {
      // A replay longer than the outgoing queue limit (256) must not close the connection
      // as too slow (4001): it is the server's own burst, not a slow client.
      FAIL(e.what() << "\nconnection: " << ws->close_reason() << " code "
                    << ws->close_code().value_or(-1));
    }
    auto frames = ws->frames();
    std::int64_t expected = final_seq - 1000 + 1;
    int count = 0;
    for (auto& frame : frames) {
      json m = json::parse(frame);
      if (!is_event(m)) continue;
      CHECK(seq_of(m) == expected);
      ++expected;
      ++count;
    }
    CHECK(count == 1000);
  }
  SECTION("1001 back: snapshot") {
    json welcome;
    auto ws = f.connect(f.participants[0], final_seq - 1001, &welcome);
    CHECK_FALSE(welcome["data"].value("resumed", false));
    REQUIRE(welcome["data"].contains("snapshot"));
    CHECK(welcome["data"]["seq"] == final_seq);
    CHECK(welcome["data"]["snapshot"]["step_index"] == 1 + (changes - 1) % 2);
    expect_alive(*ws);
    for (auto& frame : ws->frames()) CHECK_FALSE(is_event(json::parse(frame)));
  }
}

TEST_CASE("S8: 50 notes per member per step - 40 members per meeting", "[limits]") {
  meeting_fixture f(1, {"--rate-limit", "0"});
  auto& p = f.part(0);

  SECTION("notes") {
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) ids.push_back(make_note_id());
    std::string failure = pipeline(
        p, 50, 8,
        [&](int i) {
          return std::make_pair(std::string("note_save"),
                                f.data({{"note_id", ids[static_cast<std::size_t>(i)]},
                                        {"text", "vraag " + std::to_string(i)}}));
        },
        "note_saved");
    REQUIRE(failure.empty());
    json over = p.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "51"}}));
    CHECK(is_error(over, "limit_reached"));
    // Editing one of the 50 is still fine, and after a delete there is room again.
    CHECK(is_type(p.request("note_save", f.data({{"note_id", ids[0]}, {"text", "bewerkt"}})),
                  "note_saved"));
    CHECK(is_type(p.request("note_delete", f.data({{"note_id", ids[1]}})), "note_deleted"));
    CHECK(is_type(p.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "x"}})),
                  "note_saved"));
    // Another member's limit is separate (the facilitator writes too).
    CHECK(is_type(
        f.fac().request("note_save", f.data({{"note_id", make_note_id()}, {"text", "fac"}})),
        "note_saved"));
    // The limit is per step: in step 5 there is room again.
    REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 5}})), "step_changed"));
    CHECK(is_type(p.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "y"}})),
                  "note_saved"));
  }
  SECTION("members") {
    // The fixture has 2 members; 38 more make 40.
    for (int i = 0; i < 38; ++i) f.join(f.meeting.invite_token, "Lid " + std::to_string(i));
    auto res = f.http().post("/api/join", {{"token", f.meeting.invite_token},
                                           {"name", "Lid 41"},
                                           {"category", "parent"},
                                           {"accept_agreement", true}});
    INFO(res.body);
    CHECK(res.status >= 400);
    CHECK(res.error_code() == "limit_reached");
    // The meeting still works.
    expect_alive(p);
  }
}

TEST_CASE("R8: a facilitator joining from two devices gets two facilitator members", "[auth]") {
  meeting_fixture f(1);
  member_info second = f.join(f.meeting.facilitator_token, "Fenna op telefoon");
  CHECK(second.member_id != f.facilitator.member_id);
  json welcome;
  auto ws = f.connect(second, std::nullopt, &welcome);
  CHECK(welcome["data"]["role"] == "facilitator");
  json reply = ws->request("set_step", f.data({{"step_index", 1}}));
  CHECK(is_type(reply, "step_changed"));
}
