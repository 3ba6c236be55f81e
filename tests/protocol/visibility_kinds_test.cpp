// protocol/vectors/visibility_kinds.json against the domain and the encoder: the note visibility
// of the step kinds (R23, R24, R29, R30). Each change goes through decide() and apply(), as in
// the room; each member's event is chosen with meeting::full_audience, encoded, and validated
// against its schema; the end state, and every member's welcome snapshot, are compared with the
// vector. (visibility.json, for private_write and info steps, is run by
// tests/unit/visibility_vectors_test.cpp.)
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "domain/meeting.hpp"
#include "protocol/codec.hpp"
#include "schema_support.hpp"

using namespace intervisie::protocol_test;
namespace d = intervisie::domain;
namespace cmd = intervisie::domain::cmd;
namespace proto = intervisie::protocol;

namespace {

d::method method_of(const json& steps) {
  d::method m{"test_kinds", {"Test", "Test"}, {}};
  for (const auto& s : steps) {
    const auto kind = d::step_kind_from(s.at("kind").get<std::string>());
    REQUIRE(kind.has_value());
    d::step st{*kind, {"t", "t"}, {"i", "i"}, std::nullopt};
    if (s.value("reveal", std::string("everyone")) == "presenter_first")
      st.reveal = d::reveal_mode::presenter_first;
    st.presenter_listens = s.value("presenter_listens", false);
    m.steps.push_back(st);
  }
  return m;
}

d::command command_of(const json& c) {
  const std::string op = c.at("op");
  if (op == "set_step") return cmd::set_step{c.at("step_index").get<std::uint32_t>()};
  if (op == "note_save") {
    return cmd::note_save{c.at("note_id"), c.at("text"), c.value("title", std::string()),
                          c.value("label", std::string())};
  }
  if (op == "note_delete") return cmd::note_delete{c.at("note_id")};
  if (op == "set_done") return cmd::set_done{c.at("done").get<bool>()};
  if (op == "reveal") return cmd::reveal{};
  if (op == "appoint_presenter") {
    const json& m = c.at("member_id");
    return cmd::appoint_presenter{m.is_null() ? std::nullopt : std::optional(m.get<std::string>()),
                                  std::nullopt};
  }
  if (op == "consent") return cmd::consent{c.at("accept").get<bool>()};
  if (op == "rate") return cmd::rate{c.at("score").get<std::uint32_t>()};
  if (op == "hand_facilitation") return cmd::hand_facilitation{c.at("member_id")};
  FAIL("unknown op " << op);
  return cmd::reveal{};
}

std::string outcome(const d::meeting::decision& dec) {
  if (std::holds_alternative<d::change_body>(dec)) return "changed";
  if (const auto* e = std::get_if<d::error>(&dec))
    return std::string("error:").append(d::to_string(e->code));
  return "unchanged";
}

// The note as the vector writes it: without updated_at and marks.
json note_json(const json& n) {
  json out = {{"note_id", n.at("note_id")},
              {"author_id", n.at("author_id")},
              {"step_index", n.at("step_index")},
              {"text", n.at("text")}};
  for (const char* k : {"title", "label"})
    if (n.contains(k)) out[k] = n.at(k);
  return out;
}
json note_json(const d::note& n) {
  json j = {{"note_id", n.note_id},
            {"author_id", n.author_id},
            {"step_index", n.step_index},
            {"text", n.text}};
  if (!n.title.empty()) j["title"] = n.title;
  if (!n.label.empty()) j["label"] = n.label;
  return j;
}

std::vector<std::string> dumped_sorted(const json& arr) {
  std::vector<std::string> out;
  for (const auto& x : arr) out.push_back(x.dump());
  std::sort(out.begin(), out.end());
  return out;
}

std::string validated(const std::string& text) {
  const json msg = json::parse(text);
  const std::string errors =
      validate(schemas::get().at(msg.at("type").get<std::string>() + ".json"), msg);
  INFO(text);
  INFO(errors);
  CHECK(errors.empty());
  return text;
}

void run_vector(const json& v) {
  d::meeting mt({"mtg", "grp", "t", "g", ""}, method_of(v.at("steps")));
  for (const auto& m : v.at("members")) {
    auto r = m.at("role") == "facilitator" ? d::role::facilitator : d::role::participant;
    const std::string id = m.at("member_id");
    d::member mem{id, "Name " + id, d::category::teacher, r};
    mt.apply(d::change{mt.seq() + 1, 0, id, d::chg::member_joined{mem}});
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
    const auto audience = mt.full_audience(change.body);
    for (const auto& [member_id, type] : c.at("events").items()) {
      INFO("event for " << member_id);
      const bool full =
          !audience || std::find(audience->begin(), audience->end(), member_id) != audience->end();
      const std::string text = validated(proto::encode_event(
          change, full ? proto::view::full : proto::view::public_only, std::nullopt));
      const json ev = json::parse(text);
      CHECK(ev.at("type") == type);
      CHECK(ev.at("data").at("seq") == change.seq);
      if (c.contains("with_notes")) {
        const auto& with = c.at("with_notes");
        const bool gets = std::find(with.begin(), with.end(), member_id) != with.end();
        CHECK(ev.at("data").contains("notes") == gets);
      }
      // What is not this member's to see never reaches them: no text, no note id.
      if (op == "note_save" && type == "note_progress") {
        CHECK(text.find(c.at("text").get<std::string>()) == std::string::npos);
        CHECK(text.find(c.at("note_id").get<std::string>()) == std::string::npos);
      }
    }
  }

  const json& e = v.at("expect");
  CHECK(mt.step_index() == e.at("step_index").get<std::uint32_t>());
  CHECK(json(mt.revealed_steps()) == e.at("revealed_steps"));
  CHECK(json(mt.presenter_revealed_steps()) == e.at("presenter_revealed_steps"));
  CHECK((mt.presenter_id() ? json(*mt.presenter_id()) : json(nullptr)) == e.at("presenter_id"));
  for (const auto& [member_id, role] : e.at("roles").items()) {
    INFO("role of " << member_id);
    CHECK(std::string(d::to_string(mt.find_member(member_id)->r)) == role.get<std::string>());
  }
  for (const auto& [member_id, notes] : e.at("visible_notes").items()) {
    INFO("visible notes of " << member_id);
    json got = json::array();
    for (const auto& n : mt.visible_notes(member_id)) got.push_back(note_json(n));
    CHECK(dumped_sorted(got) == dumped_sorted(notes));
    // The welcome snapshot holds the same notes and ratings, and validates.
    proto::welcome_info w{member_id, mt.find_member(member_id)->r, now, false};
    const json welcome = json::parse(validated(proto::encode_welcome(w, mt, true, {}, 1)));
    const json& snap = welcome.at("data").at("snapshot");
    json in_snapshot = json::array();
    for (const auto& n : snap.at("notes")) in_snapshot.push_back(note_json(n));
    CHECK(dumped_sorted(in_snapshot) == dumped_sorted(notes));
    CHECK(dumped_sorted(snap.at("ratings")) == dumped_sorted(e.at("ratings").at(member_id)));
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

TEST_CASE("visibility vectors of the step kinds", "[vectors][kinds]") {
  const json doc = read_json(protocol_dir() / "vectors" / "visibility_kinds.json");
  REQUIRE(doc.at("format") == 1);
  REQUIRE(doc.at("vectors").size() >= 10);
  for (const auto& v : doc.at("vectors")) {
    DYNAMIC_SECTION(v.at("name").get<std::string>()) {
      run_vector(v);
    }
  }
}
