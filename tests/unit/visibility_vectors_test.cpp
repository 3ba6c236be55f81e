// protocol/vectors/visibility.json against the domain: each change goes through decide() and
// apply(), as in the room; each member's event is chosen with meeting::full_audience and
// encoded, and the end state is compared member by member (R20, R21).
#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "support.hpp"

using namespace intervisie::unit;
using nlohmann::json;
namespace cmd = intervisie::domain::cmd;
namespace proto = intervisie::protocol;

namespace {

json load_vectors() {
  std::ifstream in(std::string(INTERVISIE_PROTOCOL_DIR) + "/vectors/visibility.json");
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

d::command command_of(const json& c) {
  const std::string op = c.at("op");
  if (op == "set_step") return cmd::set_step{c.at("step_index").get<std::uint32_t>()};
  if (op == "note_save") return cmd::note_save{c.at("note_id"), c.at("text")};
  if (op == "note_delete") return cmd::note_delete{c.at("note_id")};
  if (op == "set_done") return cmd::set_done{c.at("done").get<bool>()};
  if (op == "reveal") return cmd::reveal{};
  FAIL("unknown op " << op);
  return cmd::reveal{};
}

// The decision as the vector writes it: "changed", "unchanged" or "error:CODE".
std::string outcome(const d::meeting::decision& dec) {
  return std::visit(
      overloaded{
          [](const d::change_body&) { return std::string("changed"); },
          [](const d::error& e) { return std::string("error:").append(d::to_string(e.code)); },
          [](const d::meeting::no_change&) { return std::string("unchanged"); },
      },
      dec);
}

// What `member_id` receives for this change, encoded as the room would send it (the audience is
// decided on the state after the change, as the room does after the commit).
std::string event_for(const d::meeting& mt, const d::change& c, const std::string& member_id) {
  auto audience = mt.full_audience(c.body);
  const bool full =
      !audience || std::find(audience->begin(), audience->end(), member_id) != audience->end();
  auto v = full ? proto::view::full : proto::view::public_only;
  return proto::encode_event(c, v, std::nullopt);
}

json note_json(const d::note& n) {
  return {{"note_id", n.note_id},
          {"author_id", n.author_id},
          {"step_index", n.step_index},
          {"text", n.text}};
}

std::vector<std::string> dumped_sorted(const json& arr) {
  std::vector<std::string> out;
  for (const auto& x : arr) out.push_back(x.dump());
  std::sort(out.begin(), out.end());
  return out;
}

void run_vector(const json& v) {
  std::vector<d::step_kind> kinds;
  for (const auto& k : v.at("steps")) {
    kinds.push_back(k == "info" ? d::step_kind::info : d::step_kind::private_write);
  }
  d::meeting mt({"mtg", "grp", "t", "g", ""}, make_method(kinds));
  for (const auto& m : v.at("members")) {
    auto r = m.at("role") == "facilitator" ? d::role::facilitator : d::role::participant;
    auto mem = make_member(m.at("member_id"), r);
    mt.apply(d::change{mt.seq() + 1, 0, mem.member_id, d::chg::member_joined{mem}});
  }

  std::int64_t now = 1000;
  int index = 0;
  for (const auto& c : v.at("changes")) {
    ++index;
    ++now;
    const std::string op = c.at("op");
    const std::string by = c.at("by");
    INFO("change #" << index << ": " << op << " by " << by);
    if (op != "set_step") CHECK(mt.step_index() == c.at("step_index").get<std::uint32_t>());

    auto dec = mt.decide(by, command_of(c), now);
    std::string want = c.at("result");
    if (want == "error") want.append(":").append(c.at("error").get<std::string>());
    REQUIRE(outcome(dec) == want);
    if (!std::holds_alternative<d::change_body>(dec)) continue;

    d::change change{mt.seq() + 1, now, by, std::get<d::change_body>(dec)};
    mt.apply(change);
    CHECK(mt.seq() == change.seq);
    for (const auto& [member_id, type] : c.at("events").items()) {
      INFO("event for " << member_id);
      const std::string text = event_for(mt, change, member_id);
      const json ev = json::parse(text);
      CHECK(ev.at("type") == type);
      CHECK(ev.at("data").at("seq") == change.seq);
      // R20: the text of a private note never reaches anyone but its author.
      if (op == "note_save" && member_id != by) {
        CHECK(text.find(c.at("text").get<std::string>()) == std::string::npos);
        CHECK(text.find(c.at("note_id").get<std::string>()) == std::string::npos);
      }
    }
  }

  const json& e = v.at("expect");
  CHECK(mt.step_index() == e.at("step_index").get<std::uint32_t>());
  CHECK(json(mt.revealed_steps()) == e.at("revealed_steps"));
  for (const auto& [member_id, notes] : e.at("visible_notes").items()) {
    INFO("visible notes of " << member_id);
    json got = json::array();
    for (const auto& n : mt.visible_notes(member_id)) got.push_back(note_json(n));
    CHECK(dumped_sorted(got) == dumped_sorted(notes));
  }
  json progress = json::array();
  for (const auto& p : mt.all_progress()) {
    if (p.note_count == 0 && !p.done) continue;
    progress.push_back({{"member_id", p.member_id},
                        {"step_index", p.step_index},
                        {"note_count", p.note_count},
                        {"done", p.done}});
  }
  CHECK(dumped_sorted(progress) == dumped_sorted(e.at("progress")));
}

}  // namespace

TEST_CASE("visibility vectors", "[vectors][meeting]") {
  const json doc = load_vectors();
  REQUIRE(doc.at("format") == 1);
  REQUIRE(doc.at("vectors").size() >= 10);
  for (const auto& v : doc.at("vectors")) {
    DYNAMIC_SECTION(v.at("name").get<std::string>()) {
      run_vector(v);
    }
  }
}
