// Boards (protocol §4.4, R31-R37) on the real server: concurrent edits converge per property,
// strokes stream (encoded once, never stored, never answered) and commit, private boards stay
// private on the wire until the reveal, and a restart loses nothing.
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

using namespace intervisie::test;

namespace {

// buiten_je_bubbel: step 6 has a private board per member, step 8 one shared board (relations).
constexpr int private_step = 6;
constexpr int shared_step = 8;
const std::string shared_board = "s:8";

std::string private_board(const member_info& m) {
  return "p:" + std::to_string(private_step) + ":" + m.member_id;
}

json sticky(const std::string& id, const std::string& text, double x = 10, double y = 20) {
  return {{"id", id}, {"type", "sticky"}, {"x", x},       {"y", y},
          {"w", 160}, {"h", 120},         {"text", text}, {"color", "yellow"}};
}

json change(const meeting_fixture& f, const std::string& board, json ops) {
  json d = f.data(std::move(ops));
  d["board_id"] = board;
  return d;
}

const json* find_board(const json& welcome, const std::string& board_id) {
  for (const auto& b : welcome.at("data").at("snapshot").at("boards"))
    if (b.at("board_id") == board_id) return &b;
  return nullptr;
}

json objects_by_id(const json& board) {
  json out = json::object();
  for (const auto& o : board.at("objects")) out[o.at("id").get<std::string>()] = o;
  return out;
}

void set_step(meeting_fixture& f, int step) {
  REQUIRE(is_type(f.fac().request("set_step", f.data({{"step_index", step}})), "step_changed"));
}

}  // namespace

TEST_CASE("R33 two members change the same object at once: both converge, per property",
          "[boards]") {
  meeting_fixture f(2);
  auto& a = f.part(0);
  auto& b = f.part(1);
  REQUIRE(is_type(a.request("board_change",
                            change(f, shared_board, {{"put", {sticky("o:shared0001", "Gezin")}}})),
                  "board_changed"));
  // Both send at once, without waiting: a moves and recolours, b moves and retypes. x is
  // contested, color and text are not.
  const auto ref_a = a.send_command(
      "board_change", change(f, shared_board,
                             {{"set", {{{"id", "o:shared0001"}, {"x", 111}, {"color", "pink"}}}}}));
  const auto ref_b =
      b.send_command("board_change",
                     change(f, shared_board,
                            {{"set", {{{"id", "o:shared0001"}, {"x", 222}, {"text", "School"}}}}}));
  auto reply_of = [](ws_client& c, std::int64_t ref) {
    return c.wait_for([&](const json& m) { return m.value("ref", -1) == ref; });
  };
  json ra = reply_of(a, ref_a);
  json rb = reply_of(b, ref_b);
  REQUIRE(is_type(ra, "board_changed"));
  REQUIRE(is_type(rb, "board_changed"));
  // The later in the server's order wins x; both keep their other property.
  const int later_x = seq_of(ra) > seq_of(rb) ? 111 : 222;

  json views[3];
  int i = 0;
  for (const member_info* m : {&f.facilitator, &f.participants[0], &f.participants[1]}) {
    json welcome;
    auto c = f.connect(*m, std::nullopt, &welcome);
    const json* board = find_board(welcome, shared_board);
    REQUIRE(board != nullptr);
    views[i++] = objects_by_id(*board);
  }
  CHECK(views[0] == views[1]);
  CHECK(views[1] == views[2]);
  const json& o = views[0].at("o:shared0001");
  CHECK(o.at("x") == later_x);
  CHECK(o.at("color") == "pink");
  CHECK(o.at("text") == "School");
  CHECK(o.at("y") == 20);
}

TEST_CASE("R37 a stroke streams to the others, encoded once and never answered, then commits",
          "[boards]") {
  meeting_fixture f(2);
  auto& drawer = f.part(0);
  auto& watcher = f.part(1);
  const auto start = std::chrono::steady_clock::now();
  json live = change(f, shared_board, {{"cursor", {{"x", 12.5}, {"y", 40}}}});
  live["stroke"] = {{"id", "o:stroke000001"},
                    {"color", "blue"},
                    {"width", 4},
                    {"tool", "pen"},
                    {"points", {12.5, 40, 13, 41.5, 15, 44}}};
  // With a ref on purpose: board_live is never answered, not even then (R37).
  drawer.send_command("board_live", live);
  auto is_live = [](const json& m) { return is_type(m, "board_live"); };
  json seen_w = watcher.wait_for(is_live);
  const auto latency = std::chrono::steady_clock::now() - start;
  json seen_f = f.fac().wait_for(is_live);
  const auto& d = seen_w.at("data");
  CHECK(d.at("member_id") == f.participants[0].member_id);
  CHECK(d.at("board_id") == shared_board);
  CHECK(d.at("stroke").at("points") == json({12.5, 40, 13, 41.5, 15, 44}));
  CHECK(d.at("cursor").at("x") == 12.5);
  CHECK_FALSE(seen_w.contains("ref"));
  CHECK_FALSE(d.contains("seq"));
  // One encoding for every receiver: the very same bytes.
  auto raw_live = [](ws_client& c) {
    for (const auto& fr : c.frames())
      if (fr.find("\"board_live\"") != std::string::npos) return fr;
    return std::string();
  };
  CHECK(raw_live(watcher) == raw_live(f.fac()));
  WARN("board_live from one member to another: "
       << std::chrono::duration_cast<std::chrono::microseconds>(latency).count() << " us");
  CHECK(latency < std::chrono::milliseconds(100));

  // The drawer hears nothing back; a malformed board_live is dropped silently too.
  drawer.send_command("board_live", change(f, shared_board, {{"cursor", {{"x", "far"}}}}));
  expect_alive(drawer);
  for (const auto& fr : drawer.frames()) {
    CHECK(fr.find("\"board_live\"") == std::string::npos);
    CHECK(fr.find("\"error\"") == std::string::npos);
  }

  // Pen-up: the whole stroke is committed as one object, with a seq, in the log.
  json stroke = {{"id", "o:stroke000001"},
                 {"type", "stroke"},
                 {"x", 12.5},
                 {"y", 40},
                 {"color", "blue"},
                 {"width", 4},
                 {"tool", "pen"},
                 {"points", {0, 0, 0.5, 1.5, 2.5, 4}}};
  json done = drawer.request("board_change", change(f, shared_board, {{"put", {stroke}}}));
  REQUIRE(is_type(done, "board_changed"));
  json got = watcher.wait_type("board_changed");
  CHECK(got.at("data").at("put").at(0).at("id") == "o:stroke000001");
  CHECK(seq_of(got) == seq_of(done));
  // Live strokes were not stored: the log (and a fresh snapshot) has only the committed one.
  json welcome;
  auto late = f.connect(f.participants[1], std::nullopt, &welcome);
  CHECK(find_board(welcome, shared_board)->at("objects").size() == 1);
}

TEST_CASE("R37 board_live has its own budget: drawing never eats the command rate", "[boards]") {
  meeting_fixture f(1);
  auto& p = f.part(0);
  for (int i = 0; i < 80; ++i)
    p.send_command("board_live", change(f, shared_board, {{"cursor", {{"x", i}, {"y", i}}}}));
  // Commands still go through; no rate_limited error was ever sent for the live messages.
  REQUIRE(is_type(
      p.request("board_change", change(f, shared_board, {{"put", {sticky("o:budget00001", "x")}}})),
      "board_changed"));
  for (const auto& fr : p.frames()) CHECK(fr.find("rate_limited") == std::string::npos);
  // The facilitator received at most the budget's burst and what refilled meanwhile.
  expect_alive(f.fac());
  std::size_t received = 0;
  for (const auto& fr : f.fac().frames())
    if (fr.find("\"board_live\"") != std::string::npos) ++received;
  CHECK(received >= 1);
  CHECK(received < 80);
}

TEST_CASE("R35 a private board stays private on the wire until the reveal", "[boards][secrecy]") {
  meeting_fixture f(2);
  auto& a = f.part(0);
  auto& b = f.part(1);
  const auto& a_member = f.participants[0];
  set_step(f, private_step);
  const std::string secret = "GEHEIM-beeld-van-de-inbreng-7f3a";
  const std::string erased = "GEWIST-beeld-nooit-tonen-c41d";
  const std::string board = private_board(a_member);

  json put = a.request(
      "board_change",
      change(f, board,
             {{"put",
               {sticky("o:private00001", secret), sticky("o:private00002", erased, 300, 20)}}}));
  REQUIRE(is_type(put, "board_changed"));
  REQUIRE(is_type(a.request("board_change", change(f, board, {{"delete", {"o:private00002"}}})),
                  "board_changed"));
  // The others learn who and how many (R35), nothing else.
  json progress = b.wait_for([&](const json& m) {
    return is_type(m, "note_progress") && m.at("data").at("note_count") == 1 &&
           m.at("data").at("member_id") == a_member.member_id;
  });
  CHECK(progress.at("data").at("step_index") == private_step);
  // Live strokes on a private board go to no one.
  a.send_command("board_live", change(f, board, {{"cursor", {{"x", 1}, {"y", 2}}}}));
  // Nobody else may touch it, and for them it does not exist.
  CHECK(is_error(b.request("board_change",
                           change(f, board, {{"set", {{{"id", "o:private00001"}, {"x", 5}}}}})),
                 "not_found"));
  CHECK(is_error(f.fac().request("board_clear", change(f, board, json::object())), "not_found"));
  json b_welcome;
  auto b2 = f.connect(f.participants[1], std::nullopt, &b_welcome);
  CHECK(find_board(b_welcome, board) == nullptr);
  expect_alive(b);
  expect_alive(f.fac());
  for (ws_client* c : {&b, &f.fac(), b2.get()})
    for (const auto& fr : c->frames()) {
      INFO(fr.substr(0, 300));
      CHECK(fr.find(secret) == std::string::npos);
      CHECK(fr.find("o:private0000") == std::string::npos);
      CHECK(fr.find("\"board_live\"") == std::string::npos);
    }

  // The reveal shows every private board at once, with only what was not erased.
  json revealed = f.fac().request("reveal", f.data());
  REQUIRE(is_type(revealed, "revealed"));
  for (ws_client* c : {&a, &b, b2.get()}) {
    json r = c->wait_type("revealed");
    CHECK(seq_of(r) == seq_of(revealed));
    const auto& boards = r.at("data").at("boards");
    REQUIRE(boards.size() == 1);
    CHECK(boards.at(0).at("board_id") == board);
    CHECK(boards.at(0).at("owner_id") == a_member.member_id);
    REQUIRE(boards.at(0).at("objects").size() == 1);
    CHECK(boards.at(0).at("objects").at(0).at("text") == secret);
  }
  for (ws_client* c : {&b, &f.fac(), b2.get()})
    for (const auto& fr : c->frames()) CHECK(fr.find(erased) == std::string::npos);
  // Read-only from now on.
  CHECK(is_error(a.request("board_change",
                           change(f, board, {{"set", {{{"id", "o:private00001"}, {"x", 9}}}}})),
                 "already_revealed"));
}

TEST_CASE("R34 R36 locks, clear, bring to view and the end of the meeting", "[boards]") {
  meeting_fixture f(1);
  auto& p = f.part(0);
  REQUIRE(is_type(f.fac().request("board_lock", change(f, shared_board, {{"locked", true}})),
                  "board_locked"));
  CHECK(is_error(
      p.request("board_change", change(f, shared_board, {{"put", {sticky("o:locked00001", "x")}}})),
      "board_locked"));
  CHECK(
      is_error(p.request("board_lock", change(f, shared_board, {{"locked", false}})), "forbidden"));
  CHECK(is_type(f.fac().request("board_change",
                                change(f, shared_board, {{"put", {sticky("o:locked00002", "y")}}})),
                "board_changed"));
  CHECK(is_error(p.request("board_clear", change(f, shared_board, json::object())), "forbidden"));
  REQUIRE(is_type(f.fac().request("board_clear", change(f, shared_board, json::object())),
                  "board_cleared"));
  CHECK(is_error(
      f.fac().request("board_change",
                      change(f, shared_board, {{"set", {{{"id", "o:locked00002"}, {"x", 1}}}}})),
      "not_found"));
  CHECK(is_error(p.request("board_change", change(f, "s:1", {{"delete", {"o:whatever01"}}})),
                 "not_found"));

  // Bring everyone here: not stored, passed on, acknowledged.
  json view = change(f, shared_board, {{"x", 100}, {"y", -50}, {"zoom", 1.5}});
  CHECK(is_error(p.request("board_view", view), "forbidden"));
  CHECK(is_type(f.fac().request("board_view", view), "ack"));
  json nudge = p.wait_type("board_view");
  CHECK(nudge.at("data").at("zoom") == 1.5);
  CHECK(nudge.at("data").at("member_id") == f.facilitator.member_id);
  CHECK_FALSE(nudge.at("data").contains("seq"));

  // An added board, then the end: nothing changes any more.
  json added = f.fac().request(
      "board_add",
      f.data({{"board_id", "b:extra0001"}, {"title", "Samen"}, {"template", nullptr}}));
  REQUIRE(is_type(added, "board_added"));
  CHECK(added.at("data").at("board").at("kind") == "shared");
  CHECK(is_error(p.request("board_add", f.data({{"board_id", "b:extra0002"}, {"title", "Nee"}})),
                 "forbidden"));
  REQUIRE(is_type(f.fac().request("end_meeting", f.data()), "meeting_ended"));
  CHECK(is_error(f.fac().request("board_change", change(f, "b:extra0001",
                                                        {{"put", {sticky("o:ended000001", "z")}}})),
                 "meeting_ended"));
}

TEST_CASE("R15 boards survive a restart: objects, locks and added boards", "[boards][durability]") {
  meeting_fixture f(1);
  auto& p = f.part(0);
  REQUIRE(is_type(f.fac().request("board_add", f.data({{"board_id", "b:restart001"},
                                                       {"title", "Relaties"},
                                                       {"template", "relations"}})),
                  "board_added"));
  json line = {{"id", "o:arrow0000001"},   {"type", "arrow"}, {"x", 0},    {"y", 0},
               {"points", {0, 0, 50, 60}}, {"color", "red"},  {"width", 3}};
  REQUIRE(is_type(
      p.request("board_change", change(f, "b:restart001",
                                       {{"put",
                                         {sticky("o:restart0001", "Moeder"),
                                          sticky("o:restart0002", "School", 400, 0), line}}})),
      "board_changed"));
  json connector = {{"id", "o:connect00001"},
                    {"type", "connector"},
                    {"x", 0},
                    {"y", 0},
                    {"from", "o:restart0001"},
                    {"to", "o:restart0002"},
                    {"style", "strained"},
                    {"label", "ruzie"}};
  REQUIRE(is_type(p.request("board_change", change(f, "b:restart001", {{"put", {connector}}})),
                  "board_changed"));
  REQUIRE(is_type(
      p.request("board_change", change(f, "b:restart001", {{"delete", {"o:arrow0000001"}}})),
      "board_changed"));
  REQUIRE(is_type(f.fac().request("board_lock", change(f, "b:restart001", {{"locked", true}})),
                  "board_locked"));
  json before;
  auto c1 = f.connect(f.participants[0], std::nullopt, &before);
  c1->close();
  f.facilitator_ws->close();
  p.close();

  f.server.stop();
  f.server.restart();
  json after;
  auto c2 = f.connect(f.participants[0], std::nullopt, &after);
  const json* b = find_board(after, "b:restart001");
  REQUIRE(b != nullptr);
  CHECK(*b == *find_board(before, "b:restart001"));
  CHECK(b->at("locked") == true);
  CHECK(b->at("template") == "relations");
  CHECK(b->at("title") == "Relaties");
  auto objects = objects_by_id(*b);
  CHECK(objects.at("o:connect00001").at("style") == "strained");
  CHECK(objects.at("o:arrow0000001").at("deleted") == true);
  CHECK(objects.size() == 4);
  // Still locked for the participant after the restart.
  CHECK(is_error(
      c2->request("board_change",
                  change(f, "b:restart001", {{"set", {{{"id", "o:restart0001"}, {"x", 5}}}}})),
      "board_locked"));
}
