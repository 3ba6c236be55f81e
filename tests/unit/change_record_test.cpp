// The change log's record format: every change kind survives encode -> decode unchanged, so a
// replay after a restart rebuilds exactly what was sent.
#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "support.hpp"

using namespace intervisie::unit;
namespace proto = intervisie::protocol;
namespace chg = intervisie::domain::chg;

namespace {

void same(const d::member& a, const d::member& b) {
  CHECK(a.member_id == b.member_id);
  CHECK(a.name == b.name);
  CHECK(a.cat == b.cat);
  CHECK(a.r == b.r);
}
void same(const d::note& a, const d::note& b) {
  CHECK(a.note_id == b.note_id);
  CHECK(a.author_id == b.author_id);
  CHECK(a.step_index == b.step_index);
  CHECK(a.text == b.text);
  CHECK(a.updated_at == b.updated_at);
}
void same(const d::progress& a, const d::progress& b) {
  CHECK(a.step_index == b.step_index);
  CHECK(a.member_id == b.member_id);
  CHECK(a.note_count == b.note_count);
  CHECK(a.done == b.done);
}

void same(const d::change_body& a, const d::change_body& b) {
  REQUIRE(a.index() == b.index());
  std::visit(
      overloaded{
          [&](const chg::member_joined& x) { same(x.m, std::get<chg::member_joined>(b).m); },
          [&](const chg::step_changed& x) {
            CHECK(x.step_index == std::get<chg::step_changed>(b).step_index);
          },
          [&](const chg::presenter_appointed& x) {
            CHECK(x.member_id == std::get<chg::presenter_appointed>(b).member_id);
          },
          [&](const chg::note_saved& x) {
            same(x.n, std::get<chg::note_saved>(b).n);
            same(x.after, std::get<chg::note_saved>(b).after);
          },
          [&](const chg::note_deleted& x) {
            CHECK(x.note_id == std::get<chg::note_deleted>(b).note_id);
            same(x.after, std::get<chg::note_deleted>(b).after);
          },
          [&](const chg::done_changed& x) { same(x.after, std::get<chg::done_changed>(b).after); },
          [&](const chg::revealed& x) {
            const auto& y = std::get<chg::revealed>(b);
            CHECK(x.step_index == y.step_index);
            REQUIRE(x.notes.size() == y.notes.size());
            for (std::size_t i = 0; i < x.notes.size(); ++i) same(x.notes[i], y.notes[i]);
          },
          [&](const chg::timer_changed& x) {
            const auto& y = std::get<chg::timer_changed>(b);
            REQUIRE(x.t.has_value() == y.t.has_value());
            if (!x.t) return;
            CHECK(x.t->step_index == y.t->step_index);
            CHECK(x.t->running == y.t->running);
            CHECK(x.t->ends_at == y.t->ends_at);
            CHECK(x.t->remaining_ms == y.t->remaining_ms);
          },
          // The step kinds' changes: the stable re-encoding below compares every field.
          [](const auto&) {},
      },
      a);
}

}  // namespace

TEST_CASE("change records round-trip for every change kind", "[codec][record]") {
  const d::note n1{"note:aaaaaaaaaaaaaaaa", "mbr_ann", 3,
                   "\"quotes\", \\ and caf\xC3\xA9 \xF0\x9F\x98\x80", 1700000000123};
  const d::note n2{"note:bbbbbbbbbbbbbbbb", "mbr_bob", 3, "second", 1700000000456};
  const std::vector<d::change_body> bodies = {
      chg::member_joined{
          {"mbr_ann", "Anne \xC3\xA9", d::category::young_person, d::role::facilitator}},
      chg::member_joined{{"mbr_bob", "Bob", d::category::parent, d::role::participant}},
      chg::step_changed{999},
      chg::presenter_appointed{std::string("mbr_bob")},
      chg::presenter_appointed{std::nullopt},
      chg::note_saved{n1, {3, "mbr_ann", 50, true}},
      chg::note_deleted{"note:aaaaaaaaaaaaaaaa", {3, "mbr_ann", 0, false}},
      chg::done_changed{{3, "mbr_bob", 0, true}},
      chg::done_changed{{3, "mbr_bob", 2, false}},
      chg::revealed{3, {n1, n2}},
      chg::revealed{5, {}},
      chg::timer_changed{d::timer{2, true, 1795000000000, 0}},
      chg::timer_changed{d::timer{2, false, 0, 61000}},
      chg::timer_changed{},
      chg::step_changed{4, d::turn_round{4, {"mbr_ann", "mbr_bob"}, 1, 2}},
      chg::presenter_appointed{std::string("mbr_bob"), std::string("note:cccccccccccccccc")},
      chg::presenter_consent{"mbr_bob", true},
      chg::presenter_consent{"mbr_bob", false},
      chg::note_saved{d::note{"note:dddddddddddddddd", "mbr_ann", 1, "Wat nu?", 5, "Titel", "",
                              d::marks{true, d::rating::warm, false, true}},
                      {1, "mbr_ann", 1, false}},
      chg::note_saved{d::note{"note:eeeeeeeeeeeeeeee", "mbr_ann", 9, "goed", 6, "", "top", {}},
                      {9, "mbr_ann", 1, false}},
      chg::revealed{6, {n1}, true},
      chg::vote_cast{"mbr_ann", "note:cccccccccccccccc", 2},
      chg::question_asked{n2, d::turn_round{4, {"mbr_ann", "mbr_bob"}, 0, 2}},
      chg::turn_changed{d::turn_round{4, {"mbr_bob"}, 0, 1}},
      chg::note_marked{"note:bbbbbbbbbbbbbbbb", 4, d::marks{true, d::rating::cold, true, false}},
      chg::note_marked{"note:bbbbbbbbbbbbbbbb", 4, d::marks{}},
      chg::rated{"mbr_bob", 10, 4, {10, "mbr_bob", 2, true}},
      chg::auto_reveal_set{3, true},
      chg::roles_changed{{{"mbr_ann", d::role::participant}, {"mbr_bob", d::role::facilitator}}},
      chg::member_removed{"mbr_bob"},
      chg::meeting_ended{},
      // Boards (R31-R36): numbers, texts, flags and point lists survive the log.
      chg::board_changed{"s:8",
                         {{{"o:sticky000001",
                            "sticky",
                            {{"x", 1.5},
                             {"y", -20.0},
                             {"w", 160.0},
                             {"h", 120.0},
                             {"text", std::string("Moeder \xC3\xA9")},
                             {"color", std::string("pink")},
                             {"rotation", 0.0},
                             {"z", 3.0},
                             {"deleted", false}}}},
                          {{"o:stroke000001", {{"points", std::vector<double>{0, 0, 2.5, 4}}}}},
                          {"o:gone00000001"}},
                         std::nullopt},
      chg::board_changed{"p:6:mbr_ann",
                         {{}, {}, {"o:private00001"}},
                         d::progress{6, "mbr_ann", 2, false}},
      chg::board_added{{"b:extra00001", d::board_kind::shared, std::string("Samen"), std::nullopt,
                        std::nullopt, std::string("relations"), false}},
      chg::board_locked{"s:8", true},
      chg::board_cleared{"s:8", std::nullopt},
      chg::board_cleared{"p:6:mbr_ann", d::progress{6, "mbr_ann", 0, true}},
      chg::revealed{6,
                    {},
                    false,
                    {{{"p:6:mbr_ann", d::board_kind::private_board, std::nullopt, 6u,
                       std::string("mbr_ann"), std::nullopt, false},
                      {{"o:private00002",
                        "ellipse",
                        {{"x", 0.0},
                         {"y", 0.0},
                         {"w", 10.0},
                         {"h", 10.0},
                         {"color", std::string("red")},
                         {"fill", std::string("none")},
                         {"width", 2.0},
                         {"rotation", 0.0},
                         {"z", 0.0},
                         {"deleted", false}}}}}}},
  };
  std::set<std::size_t> kinds;
  for (const auto& body : bodies) {
    kinds.insert(body.index());
    const std::string text = proto::encode_change_record(body);
    INFO(text);
    auto back = proto::decode_change_record(text);
    REQUIRE(back.has_value());
    same(body, *back);
    // Stable: encoding the decoded record gives the same text.
    CHECK(proto::encode_change_record(*back) == text);
  }
  CHECK(kinds.size() == std::variant_size_v<d::change_body>);
}

TEST_CASE("decode_change_record refuses what it cannot read", "[codec][record]") {
  CHECK_FALSE(proto::decode_change_record("").has_value());
  CHECK_FALSE(proto::decode_change_record("not json").has_value());
  CHECK_FALSE(proto::decode_change_record(R"({"kind":"step_changed"})").has_value());
  CHECK_FALSE(proto::decode_change_record(R"({"kind":"nonsense","data":{}})").has_value());
  CHECK_FALSE(proto::decode_change_record(R"({"kind":"step_changed","data":{"step_index":"1"}})")
                  .has_value());
  // A note change without the progress others saw cannot be replayed faithfully.
  CHECK_FALSE(
      proto::decode_change_record(
          R"({"kind":"note_deleted","data":{"note_id":"note:aaaaaaaaaaaaaaaa","step_index":1}})")
          .has_value());
  CHECK_FALSE(
      proto::decode_change_record(
          R"({"kind":"member_joined","data":{"member":{"member_id":"m","name":"n","category":"alien","role":"participant"}}})")
          .has_value());
}
