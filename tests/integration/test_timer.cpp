// The step timer over the wire (R22): facilitator-only, fanned out to everyone with server
// times, kept across a SIGKILL, cleared by a step change.
#include <catch2/catch.hpp>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

TEST_CASE("R22: the facilitator's timer reaches everyone and survives a crash", "[timer]") {
  meeting_fixture f(1);
  auto& p = f.part(0);

  // Participants do not keep time; nothing changes (R18).
  CHECK(is_error(p.request("timer_start", f.data({{"duration_seconds", 60}})), "forbidden"));
  CHECK(is_error(p.request("timer_add", f.data({{"seconds", 60}})), "forbidden"));
  // buiten je bubbel Stap 0 has no timebox: a duration is needed; no timer to add to yet.
  CHECK(is_error(f.fac().request("timer_start", f.data()), "invalid_field"));
  CHECK(is_error(f.fac().request("timer_add", f.data({{"seconds", 60}})), "not_found"));

  json pong = p.request("ping");
  const std::int64_t before = pong.at("data").at("server_time");
  json started = f.fac().request("timer_start", f.data({{"duration_seconds", 300}}));
  REQUIRE(is_type(started, "timer_changed"));
  const json timer = started.at("data").at("timer");
  CHECK(timer.at("running") == true);
  CHECK(timer.at("step_index") == 0);
  const std::int64_t ends_at = timer.at("ends_at");
  CHECK(ends_at >= before + 300 * 1000);
  CHECK(ends_at < before + 310 * 1000);

  json seen = next_event(p);
  CHECK(is_type(seen, "timer_changed"));
  CHECK(seen.at("data").at("timer") == timer);
  CHECK_FALSE(seen.contains("ref"));

  json paused = f.fac().request("timer_pause", f.data());
  REQUIRE(is_type(paused, "timer_changed"));
  const std::int64_t remaining = paused.at("data").at("timer").at("remaining_ms");
  CHECK(remaining > 290 * 1000);
  CHECK(remaining <= 300 * 1000);
  json added = f.fac().request("timer_add", f.data({{"seconds", 60}}));
  CHECK(added.at("data").at("timer").at("remaining_ms") == remaining + 60 * 1000);
  const std::int64_t last = seq_of(added);
  p.wait_for_seq(last);

  // Acknowledged means durable: after SIGKILL the paused timer is in the snapshot.
  f.server.kill();
  f.server.restart();
  json welcome;
  auto again = f.connect(f.participants[0], std::nullopt, &welcome);
  const json& snap_timer = welcome.at("data").at("snapshot").at("timer");
  CHECK(snap_timer.at("running") == false);
  CHECK(snap_timer.at("remaining_ms") == remaining + 60 * 1000);

  // A new step starts without a timer, on the server and in every snapshot.
  auto fac2 = f.connect(f.facilitator);
  REQUIRE(is_type(fac2->request("set_step", f.data({{"step_index", 1}})), "step_changed"));
  json later;
  auto third = f.connect(f.participants[0], std::nullopt, &later);
  CHECK(later.at("data").at("snapshot").at("timer").is_null());
}
