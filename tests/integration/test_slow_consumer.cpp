// Slow consumer (§7 close 4001, §8 outgoing queue): a connection that stops reading is closed by
// the server and never stalls the meeting for everyone else.
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

using namespace intervisie::test;

TEST_CASE("S7 S8: a connection that stops reading is closed - the meeting keeps going", "[slow]") {
  // A queue of 64: the slow device still overflows it many times over (2.7 MB of edits), while
  // the facilitator's reader, starved for a moment on a loaded 2-core machine, does not (with 16
  // it was closed as slow in 3 of 6 runs under CPU stress).
  meeting_fixture f(1, {"--rate-limit", "0", "--queue-limit", "64"});
  auto& writer = f.part(0);
  REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", 3}})), "step_changed"));
  next_event(writer);

  // The slow connection is a second device of the writer, so every edit reaches it as a
  // note_saved carrying the full text: megabytes that no kernel buffer absorbs.
  ws_connect_options slow_options;
  slow_options.receive_buffer = 4096;
  auto slow = f.connect(f.participants[0], std::nullopt, nullptr, slow_options);
  slow->pause_reading();

  const std::string note = make_note_id();
  constexpr int edits = 1500;
  constexpr int window = 8;  // pipelined, but never more in flight than the queue limit allows
  const std::string filler(1800, 'w');
  const auto start = std::chrono::steady_clock::now();
  int sent = 0, replied = 0;
  std::int64_t last_seq = 0;
  while (replied < edits) {
    while (sent < edits && sent - replied < window) {
      writer.send_command("note_save",
                          f.data({{"note_id", note}, {"text", std::to_string(sent) + filler}}));
      ++sent;
    }
    json r =
        writer.wait_for([](const json& m) { return m.contains("ref"); }, 10s, "reply to an edit");
    REQUIRE(is_type(r, "note_saved"));
    last_seq = seq_of(r);
    ++replied;
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  INFO("edits took " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                     << " ms");
  CHECK(elapsed < 30s);

  // Everyone else still gets every event and answers promptly.
  f.fac().wait_for([&](const json& m) { return is_event(m) && seq_of(m) == last_seq; }, 10s,
                   "the last edit's progress at the facilitator");
  expect_alive(f.fac());
  expect_alive(writer);
  CHECK_FALSE(f.fac().is_closed());
  CHECK_FALSE(writer.is_closed());

  // The slow connection was closed by the server: reading it now drains what was buffered and
  // then ends with 4001 (or a reset/EOF when the server dropped the socket).
  slow->resume_reading();
  REQUIRE(slow->wait_closed(15s));
  INFO("slow connection ended: " << slow->close_reason() << " code "
                                 << slow->close_code().value_or(-1));
  if (slow->close_code()) CHECK(*slow->close_code() == 4001);
  // It did not receive everything: the server gave up on it.
  CHECK(slow->max_event_seq() < last_seq);
}
