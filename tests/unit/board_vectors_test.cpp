// protocol/vectors/board.json against the server: each step is decoded as a client message
// (so shape errors come from the decoder, as on the wire), decided and applied by the meeting,
// and its board_changed event and the board's final objects are compared with the vector's.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "support.hpp"

using namespace intervisie::unit;
using nlohmann::json;
namespace proto = intervisie::protocol;

namespace {

const char* const board_id = "b:vectors01";

json load_vectors() {
  std::ifstream in(std::string(INTERVISIE_PROTOCOL_DIR) + "/vectors/board.json");
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

// The wire text of a step: board_change, board_lock or board_clear on the vectors' board.
std::string message_of(const json& step) {
  json data = {{"meeting_id", "mtg_1"}, {"board_id", board_id}};
  std::string type;
  if (step.contains("change")) {
    type = "board_change";
    for (const auto& [k, v] : step.at("change").items()) data[k] = v;
  } else if (step.contains("lock")) {
    type = "board_lock";
    data["locked"] = step.at("lock");
  } else {
    type = "board_clear";
  }
  return json{{"type", type}, {"data", data}}.dump();
}

// The event as the vectors write it: without empty lists.
json trimmed_event(const d::change& c) {
  json ev = json::parse(proto::encode_event(c, proto::view::full, std::nullopt)).at("data");
  json out = json::object();
  for (const char* list : {"put", "set", "delete"})
    if (!ev.at(list).empty()) out[list] = ev.at(list);
  return out;
}

json board_objects(const d::meeting& mt) {
  for (const auto& b : mt.visible_boards("fac")) {
    if (b.info.board_id != board_id) continue;
    json snapshot = json::parse(
        proto::encode_welcome({"fac", d::role::facilitator, 0, false}, mt, true, {}, std::nullopt));
    for (const auto& jb : snapshot.at("data").at("snapshot").at("boards"))
      if (jb.at("board_id") == board_id) return jb.at("objects");
  }
  FAIL("the vectors' board is missing");
  return json();
}

}  // namespace

TEST_CASE("board vectors: every case of protocol/vectors/board.json", "[board][vectors]") {
  const json vectors = load_vectors();
  REQUIRE(vectors.at("cases").size() >= 40);
  for (const auto& vc : vectors.at("cases")) {
    const std::string name = vc.at("name");
    INFO("case: " << name);
    fixture f(make_method({d::step_kind::info}));
    f.ok("fac", d::cmd::board_add{board_id, "Vectors", std::nullopt});
    std::size_t index = 0;
    for (const auto& step : vc.at("steps")) {
      INFO("step " << index++);
      const json& expect = step.at("expect");
      const std::string want = expect.at("result");
      auto decoded = proto::decode(message_of(step));
      if (auto* failure = std::get_if<proto::decode_failure>(&decoded)) {
        INFO("decoder: " << failure->err.message);
        REQUIRE(want == "error");
        CHECK(expect.at("code") == d::to_string(failure->err.code));
        continue;
      }
      const auto& mc = std::get<proto::meeting_command>(std::get<proto::inbound>(decoded).msg);
      const std::uint64_t seq_before = f.mt.seq();
      auto decision = f.run(step.at("actor"), mc.cmd);
      INFO("decision: " << fixture::describe(decision));
      if (want == "error") {
        REQUIRE(std::holds_alternative<d::error>(decision));
        INFO("message: " << std::get<d::error>(decision).message);
        CHECK(expect.at("code") == d::to_string(std::get<d::error>(decision).code));
        CHECK(f.mt.seq() == seq_before);
      } else if (want == "ack") {
        CHECK(is_no_change(decision));
        CHECK(f.mt.seq() == seq_before);
      } else {
        REQUIRE(std::holds_alternative<d::change_body>(decision));
        CHECK(f.mt.seq() == seq_before + 1);
        if (expect.contains("event")) {
          d::change c{f.mt.seq(), f.now, step.at("actor"), std::get<d::change_body>(decision)};
          CHECK(trimmed_event(c) == expect.at("event"));
        }
      }
    }
    CHECK(board_objects(f.mt) == vc.at("final"));
  }
}
