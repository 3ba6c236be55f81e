// Bounded memory: a meeting nobody is connected to leaves memory after --room-idle seconds,
// and comes back from the store, whole, when someone returns.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

namespace {
// Waits (bounded) until /healthz reports this many meetings in memory.
bool live_meetings_become(const meeting_fixture& f, std::int64_t n, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    auto h = f.http().get("/healthz");
    if (h.status == 200 && h.json.value("live_meetings", -1) == n) return true;
    // A poll interval, not a fixed wait: the loop ends as soon as the count is reached.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}
}  // namespace

TEST_CASE("rooms: an idle meeting leaves memory and comes back whole", "[rooms][idle]") {
  meeting_fixture f(1, {"--room-idle", "1"});
  const std::string note_id = make_note_id();
  CHECK(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
  auto saved =
      f.part(0).request("note_save", f.data({{"note_id", note_id}, {"text", "Wie beslist?"}}));
  REQUIRE(is_type(saved, "note_saved"));
  const std::int64_t last_seq = seq_of(saved);
  CHECK(live_meetings_become(f, 1, std::chrono::seconds(2)));

  f.fac().close();
  f.part(0).close();
  REQUIRE(live_meetings_become(f, 0, std::chrono::seconds(10)));

  // Resume from the reloaded room: nothing missing, so nothing replayed.
  json welcome;
  auto back = f.connect(f.participants[0], last_seq, &welcome);
  CHECK(welcome.at("data").value("resumed", false));
  CHECK(welcome.at("data").at("seq") == last_seq);
  CHECK(live_meetings_become(f, 1, std::chrono::seconds(2)));

  // A snapshot from the reloaded room has the step and the author's own note.
  json fresh;
  auto again = f.connect(f.participants[0], std::nullopt, &fresh);
  const json& snap = fresh.at("data").at("snapshot");
  CHECK(snap.at("step_index") == 3);
  REQUIRE(snap.at("notes").size() == 1);
  CHECK(snap.at("notes")[0].at("text") == "Wie beslist?");

  // Joining through the API works on a meeting that was retired.
  back->close();
  again->close();
  REQUIRE(live_meetings_become(f, 0, std::chrono::seconds(10)));
  auto late = f.join(f.meeting.invite_token, "Laatkomer", "student");
  json late_welcome;
  auto late_ws = f.connect(late, std::nullopt, &late_welcome);
  CHECK(late_welcome.at("data").at("snapshot").at("members").size() == 3);
}
