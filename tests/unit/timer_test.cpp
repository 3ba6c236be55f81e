// The step timer (protocol R22): only the facilitator keeps time; start, pause, resume and add
// are exact in server time; a step change clears the timer.
#include "protocol/codec.hpp"
#include "support.hpp"

using namespace intervisie::unit;
namespace cmd = intervisie::domain::cmd;
namespace chg = intervisie::domain::chg;

namespace {
d::method timed_method() {
  auto m = standard_method();
  m.steps[0].timebox_minutes = 5;  // step 0 has a timebox, step 1 has none
  return m;
}
const d::timer& current(const fixture& f) {
  REQUIRE(f.mt.step_timer().has_value());
  return *f.mt.step_timer();
}
}  // namespace

TEST_CASE("timer: only the facilitator keeps time", "[timer]") {
  fixture f(timed_method());
  CHECK(error_of(f.run("ann", cmd::timer_start{})) == d::error_code::forbidden);
  CHECK(error_of(f.run("ann", cmd::timer_pause{})) == d::error_code::forbidden);
  CHECK(error_of(f.run("ann", cmd::timer_add{60})) == d::error_code::forbidden);
  CHECK_FALSE(f.mt.step_timer().has_value());
}

TEST_CASE("timer: start from the timebox, pause, resume, add", "[timer]") {
  fixture f(timed_method());
  f.ok("fac", cmd::timer_start{});
  const std::int64_t started = f.now;
  CHECK(current(f).running);
  CHECK(current(f).ends_at == started + 5 * 60 * 1000);
  CHECK(current(f).step_index == 0);

  // Starting a running timer without a duration changes nothing.
  CHECK(is_no_change(f.run("fac", cmd::timer_start{})));

  f.now = started + 60 * 1000 - 1;  // run() adds 1 ms: exactly one minute after the start
  f.ok("fac", cmd::timer_pause{});
  CHECK_FALSE(current(f).running);
  CHECK(current(f).remaining_ms == 4 * 60 * 1000);
  CHECK(is_no_change(f.run("fac", cmd::timer_pause{})));

  f.ok("fac", cmd::timer_add{30});
  CHECK(current(f).remaining_ms == 4 * 60 * 1000 + 30 * 1000);

  f.ok("fac", cmd::timer_start{});  // resume
  CHECK(current(f).running);
  CHECK(current(f).ends_at == f.now + 4 * 60 * 1000 + 30 * 1000);

  const std::int64_t ends = current(f).ends_at;
  f.ok("fac", cmd::timer_add{60});
  CHECK(current(f).ends_at == ends + 60 * 1000);

  // An explicit duration restarts at that length.
  f.ok("fac", cmd::timer_start{std::uint32_t{90}});
  CHECK(current(f).ends_at == f.now + 90 * 1000);
}

TEST_CASE("timer: time added after it ran out counts from now", "[timer]") {
  fixture f(timed_method());
  f.ok("fac", cmd::timer_start{std::uint32_t{10}});
  f.now += 60 * 1000;  // long past the end: the meeting did not stop (R22)
  f.ok("fac", cmd::timer_add{60});
  CHECK(current(f).ends_at == f.now + 60 * 1000);
}

TEST_CASE("timer: a step without timebox needs a duration, add needs a timer", "[timer]") {
  fixture f(timed_method());
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("fac", cmd::timer_start{})) == d::error_code::invalid_field);
  CHECK(error_of(f.run("fac", cmd::timer_add{60})) == d::error_code::not_found);
  f.ok("fac", cmd::timer_start{std::uint32_t{120}});
  CHECK(current(f).step_index == 1);
}

TEST_CASE("timer: changing the step clears it", "[timer]") {
  fixture f(timed_method());
  f.ok("fac", cmd::timer_start{});
  REQUIRE(f.mt.step_timer().has_value());
  f.ok("fac", cmd::set_step{1});
  CHECK_FALSE(f.mt.step_timer().has_value());
  f.ok("fac", cmd::set_step{0});
  CHECK_FALSE(f.mt.step_timer().has_value());
}

TEST_CASE("timer: replaying the log brings the timer back", "[timer]") {
  std::vector<d::change> log;
  fixture f(timed_method(), [&](const d::change& c) { log.push_back(c); });
  f.ok("fac", cmd::timer_start{});
  f.ok("fac", cmd::timer_pause{});
  d::meeting copy(f.mt.info(), f.mt.meeting_method());
  for (const auto& c : log) {
    auto body = intervisie::protocol::decode_change_record(
        intervisie::protocol::encode_change_record(c.body));
    REQUIRE(body);
    copy.apply(d::change{c.seq, c.at, c.actor_id, *body});
  }
  REQUIRE(copy.step_timer().has_value());
  CHECK(copy.step_timer()->remaining_ms == f.mt.step_timer()->remaining_ms);
  CHECK_FALSE(copy.step_timer()->running);
}
