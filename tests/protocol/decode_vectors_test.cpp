// Runs protocol/vectors/decode.json through the server's decoder
// (intervisie::protocol::classify_command, server/src/protocol/codec.hpp).
// Format of the vectors: protocol/vectors/README.md.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "protocol/codec.hpp"
#include "protocol_files.hpp"

using intervisie::protocol_test::protocol_dir;
using intervisie::protocol_test::read_json;
using nlohmann::json;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out += to;
  }
  out.append(s, pos, std::string::npos);
  return out;
}

// The message text of one vector, with input_repeat applied.
std::string vector_input(const json& v) {
  std::string text = v.at("input").get<std::string>();
  if (v.contains("input_repeat")) {
    const json& r = v.at("input_repeat");
    const std::string unit = r.at("char").get<std::string>();
    std::string repeated;
    const auto count = r.at("count").get<std::size_t>();
    repeated.reserve(unit.size() * count);
    for (std::size_t i = 0; i < count; ++i) repeated += unit;
    text = replace_all(text, r.at("placeholder").get<std::string>(), repeated);
  }
  return text;
}

}  // namespace

TEST_CASE("decode vectors: the file is well formed", "[decode]") {
  const json vectors = read_json(protocol_dir() / "vectors" / "decode.json");
  REQUIRE(vectors.is_array());
  REQUIRE(vectors.size() >= 500);
  std::set<std::string> names;
  const std::set<std::string> types = {
      "hello", "ping", "set_step", "appoint_presenter", "note_save", "note_delete", "set_done",
      "reveal", "timer_start", "timer_pause", "timer_add",
      // step kinds (R23-R29) and facilitator tools (R30)
      "vote", "consent", "ask", "pass", "turn_skip", "turn_order", "note_mark", "rate",
      "set_auto_reveal", "hand_facilitation", "remove_member", "end_meeting",
      // boards (R31-R37)
      "board_change", "board_add", "board_lock", "board_clear", "board_view", "board_live"};
  const std::set<std::string> codes = {"invalid_json", "too_deep", "unknown_type", "invalid_field",
                                       "unsupported_protocol"};
  for (const auto& v : vectors) {
    const std::string name = v.at("name").get<std::string>();
    INFO(name);
    CHECK(names.insert(name).second);
    const json& e = v.at("expect");
    REQUIRE(e.size() == 1);
    if (e.contains("type"))
      CHECK(types.count(e.at("type").get<std::string>()) == 1);
    else
      CHECK(codes.count(e.at("error").get<std::string>()) == 1);
  }
  // Every command is accepted by at least one vector, every code given by at least one.
  std::set<std::string> seen;
  for (const auto& v : vectors) {
    const json& e = v.at("expect");
    seen.insert(e.contains("type") ? e.at("type").get<std::string>()
                                   : e.at("error").get<std::string>());
  }
  for (const auto& t : types) CHECK(seen.count(t) == 1);
  for (const auto& c : codes) CHECK(seen.count(c) == 1);
}

TEST_CASE("decode vectors: classify_command agrees with every vector", "[decode]") {
  const json vectors = read_json(protocol_dir() / "vectors" / "decode.json");
  std::size_t failed = 0;
  for (const auto& v : vectors) {
    const std::string name = v.at("name").get<std::string>();
    const std::string input = vector_input(v);
    const json& e = v.at("expect");
    const bool want_ok = e.contains("type");
    const std::string want =
        want_ok ? e.at("type").get<std::string>() : e.at("error").get<std::string>();

    const auto got = intervisie::protocol::classify_command(input);
    const bool agree = got.ok == want_ok && got.type_or_code == want;
    if (!agree) ++failed;
    INFO("vector: " << name);
    INFO("input: " << (input.size() > 200 ? input.substr(0, 200) + "... (" +
                                                std::to_string(input.size()) + " bytes)"
                                          : input));
    INFO("expected " << (want_ok ? "type " : "error ") << want << ", got "
                     << (got.ok ? "type " : "error ") << got.type_or_code);
    CHECK(agree);
  }
  INFO(failed << " of " << vectors.size() << " vectors disagree");
  CHECK(failed == 0);
}
