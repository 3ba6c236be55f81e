// domain::meeting: every rule of decide() and decide_join(), what apply() does, and that
// replaying the stored change records (how rooms load) gives the same state.
#include <algorithm>

#include "protocol/codec.hpp"
#include "support.hpp"

using namespace intervisie::unit;
namespace cmd = intervisie::domain::cmd;
namespace chg = intervisie::domain::chg;
using intervisie::domain::error_code;

namespace {

std::vector<std::string> note_ids(const std::vector<d::note>& notes) {
  std::vector<std::string> ids;
  for (const auto& n : notes) ids.push_back(n.note_id);
  return ids;
}

}  // namespace

TEST_CASE("only the facilitator changes step, appoints and reveals", "[meeting]") {
  fixture f;
  CHECK(error_of(f.run("ann", cmd::set_step{1})) == error_code::forbidden);
  CHECK(error_of(f.run("ann", cmd::appoint_presenter{"bob"})) == error_code::forbidden);
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("ann", cmd::reveal{})) == error_code::forbidden);
  // Someone who is not a member at all is no facilitator either.
  CHECK(error_of(f.run("stranger", cmd::set_step{0})) == error_code::forbidden);
  CHECK(f.mt.step_index() == 1);
  CHECK(f.mt.revealed_steps().empty());
  CHECK_FALSE(f.mt.presenter_id().has_value());
}

TEST_CASE("set_step: range, no-op and effect", "[meeting]") {
  fixture f;  // 4 steps
  CHECK(error_of(f.run("fac", cmd::set_step{4})) == error_code::invalid_field);
  CHECK(error_of(f.run("fac", cmd::set_step{999})) == error_code::invalid_field);
  CHECK(is_no_change(f.run("fac", cmd::set_step{0})));
  auto body = f.ok("fac", cmd::set_step{3});
  REQUIRE(std::holds_alternative<chg::step_changed>(body));
  CHECK(std::get<chg::step_changed>(body).step_index == 3);
  CHECK(f.mt.step_index() == 3);
  // Going back is allowed: a group may revisit a step.
  f.ok("fac", cmd::set_step{0});
  CHECK(f.mt.step_index() == 0);
}

TEST_CASE("appoint_presenter: unknown member, no-op, clear", "[meeting]") {
  fixture f;
  CHECK(error_of(f.run("fac", cmd::appoint_presenter{"nobody"})) == error_code::not_found);
  CHECK(is_no_change(f.run("fac", cmd::appoint_presenter{std::nullopt})));
  f.ok("fac", cmd::appoint_presenter{"bob"});
  CHECK(f.mt.presenter_id() == std::optional<std::string>("bob"));
  CHECK(is_no_change(f.run("fac", cmd::appoint_presenter{"bob"})));
  f.ok("fac", cmd::appoint_presenter{std::nullopt});
  CHECK_FALSE(f.mt.presenter_id().has_value());
}

TEST_CASE("write commands in an info step are wrong_step", "[meeting]") {
  fixture f;  // step 0 is info
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "text"})) == error_code::wrong_step);
  CHECK(error_of(f.run("ann", cmd::note_delete{note_id("a")})) == error_code::wrong_step);
  CHECK(error_of(f.run("ann", cmd::set_done{true})) == error_code::wrong_step);
  CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::wrong_step);
  CHECK(f.mt.notes().empty());
  CHECK(f.mt.all_progress().empty());
}

TEST_CASE("a non-member cannot write", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("stranger", cmd::note_save{note_id("s"), "x"})) == error_code::forbidden);
  CHECK(f.mt.notes().empty());
}

TEST_CASE("after the reveal the step is read-only", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "first"});
  f.ok("fac", cmd::reveal{});
  const auto seq = f.mt.seq();
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a1"), "edited"})) ==
        error_code::already_revealed);
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a2"), "new"})) ==
        error_code::already_revealed);
  CHECK(error_of(f.run("ann", cmd::note_delete{note_id("a1")})) == error_code::already_revealed);
  CHECK(error_of(f.run("ann", cmd::set_done{true})) == error_code::already_revealed);
  CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::already_revealed);
  // Check order: the revealed check comes before the note lookup, so a foreign id says nothing.
  CHECK(error_of(f.run("bob", cmd::note_save{note_id("a1"), "x"})) == error_code::already_revealed);
  // Role comes before state: a participant's reveal is forbidden, not already_revealed.
  CHECK(error_of(f.run("ann", cmd::reveal{})) == error_code::forbidden);
  CHECK(f.mt.seq() == seq);
  CHECK(f.mt.notes().at(note_id("a1")).text == "first");

  // Leaving and coming back does not reopen a revealed step.
  f.ok("fac", cmd::set_step{2});
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a3"), "x"})) == error_code::already_revealed);
}

TEST_CASE("someone else's note is not_found, for save and delete", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "ann's text"});
  CHECK(error_of(f.run("bob", cmd::note_save{note_id("a1"), "hijack"})) == error_code::not_found);
  CHECK(error_of(f.run("bob", cmd::note_delete{note_id("a1")})) == error_code::not_found);
  // The facilitator has no special rights over notes either.
  CHECK(error_of(f.run("fac", cmd::note_delete{note_id("a1")})) == error_code::not_found);
  CHECK(error_of(f.run("ann", cmd::note_delete{note_id("never")})) == error_code::not_found);
  CHECK(f.mt.notes().at(note_id("a1")).text == "ann's text");
  CHECK(f.mt.notes().at(note_id("a1")).author_id == "ann");
}

TEST_CASE("one's own note of another step is not_found", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "in step 1"});
  f.ok("fac", cmd::set_step{3});
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a1"), "moved"})) == error_code::not_found);
  CHECK(error_of(f.run("ann", cmd::note_delete{note_id("a1")})) == error_code::not_found);
  CHECK(f.mt.notes().at(note_id("a1")).step_index == 1);
  CHECK(f.mt.notes().at(note_id("a1")).text == "in step 1");

  // Back to the unrevealed step: the note is editable again.
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "edited"});
  CHECK(f.mt.notes().at(note_id("a1")).text == "edited");
}

TEST_CASE("note_save: create, edit, idempotent resend", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  auto body = f.ok("ann", cmd::note_save{note_id("a1"), "hello"});
  REQUIRE(std::holds_alternative<chg::note_saved>(body));
  const auto& saved = std::get<chg::note_saved>(body);
  CHECK(saved.n.author_id == "ann");
  CHECK(saved.n.step_index == 1);
  CHECK(saved.n.updated_at == f.now);
  CHECK(saved.after.member_id == "ann");
  CHECK(saved.after.step_index == 1);
  CHECK(saved.after.note_count == 1);

  const auto seq = f.mt.seq();
  CHECK(is_no_change(f.run("ann", cmd::note_save{note_id("a1"), "hello"})));
  CHECK(f.mt.seq() == seq);

  // An edit keeps the count.
  auto edit = f.ok("ann", cmd::note_save{note_id("a1"), "hello again"});
  CHECK(std::get<chg::note_saved>(edit).after.note_count == 1);
  CHECK(f.mt.notes().at(note_id("a1")).text == "hello again");
  CHECK(f.mt.progress_of(1, "ann").note_count == 1);
}

TEST_CASE("50 notes per member per step", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  for (int i = 0; i < 50; ++i) f.ok("ann", cmd::note_save{note_id(numbered("n", i)), "x"});
  CHECK(f.mt.progress_of(1, "ann").note_count == 50);
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("n50"), "x"})) == error_code::limit_reached);
  // Editing an existing note is not a new note.
  f.ok("ann", cmd::note_save{note_id("n0"), "edited"});
  // The limit is per member and per step.
  f.ok("bob", cmd::note_save{note_id("b0"), "x"});
  f.ok("fac", cmd::set_step{3});
  f.ok("ann", cmd::note_save{note_id("s3"), "x"});
  f.ok("fac", cmd::set_step{1});
  // Deleting one makes room for one.
  f.ok("ann", cmd::note_delete{note_id("n1")});
  f.ok("ann", cmd::note_save{note_id("n50"), "x"});
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("n51"), "x"})) == error_code::limit_reached);
  CHECK(f.mt.progress_of(1, "ann").note_count == 50);
}

TEST_CASE("note_delete lowers the count and removes the note", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "one"});
  f.ok("ann", cmd::note_save{note_id("a2"), "two"});
  auto body = f.ok("ann", cmd::note_delete{note_id("a1")});
  REQUIRE(std::holds_alternative<chg::note_deleted>(body));
  const auto& del = std::get<chg::note_deleted>(body);
  CHECK(del.note_id == note_id("a1"));
  CHECK(del.after.member_id == "ann");
  CHECK(del.after.step_index == 1);
  CHECK(del.after.note_count == 1);
  CHECK(f.mt.notes().count(note_id("a1")) == 0);
  CHECK(f.mt.progress_of(1, "ann").note_count == 1);
  // A second delete of the same id: it no longer exists.
  CHECK(error_of(f.run("ann", cmd::note_delete{note_id("a1")})) == error_code::not_found);
}

TEST_CASE("set_done toggles and is independent of notes", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  CHECK(is_no_change(f.run("ann", cmd::set_done{false})));
  auto body = f.ok("ann", cmd::set_done{true});
  REQUIRE(std::holds_alternative<chg::done_changed>(body));
  CHECK(std::get<chg::done_changed>(body).after.done);
  CHECK(is_no_change(f.run("ann", cmd::set_done{true})));
  CHECK(f.mt.progress_of(1, "ann").done);
  CHECK_FALSE(f.mt.progress_of(1, "bob").done);
  CHECK_FALSE(f.mt.progress_of(3, "ann").done);  // per step
  f.ok("ann", cmd::note_save{note_id("a1"), "after done"});
  CHECK(f.mt.progress_of(1, "ann").done);
  f.ok("ann", cmd::set_done{false});
  CHECK_FALSE(f.mt.progress_of(1, "ann").done);
  CHECK(f.mt.progress_of(1, "ann").note_count == 1);
}

TEST_CASE("reveal carries every note of the step, grouped by author in join order", "[meeting]") {
  fixture f;  // join order: fac, ann, bob, cat
  f.ok("fac", cmd::set_step{3});
  f.ok("bob", cmd::note_save{note_id("other_step"), "not in step 1"});
  f.ok("fac", cmd::set_step{1});
  // Ids chosen so that id order differs from join order and from time order.
  f.ok("cat", cmd::note_save{note_id("a_cat"), "cat 1"});
  f.ok("ann", cmd::note_save{note_id("z_ann1"), "ann 1"});
  f.ok("fac", cmd::note_save{note_id("m_fac"), "fac 1"});
  f.ok("ann", cmd::note_save{note_id("b_ann2"), "ann 2"});
  f.ok("ann", cmd::note_save{note_id("del_ann"), "gone"});
  f.ok("ann", cmd::note_delete{note_id("del_ann")});

  auto body = f.ok("fac", cmd::reveal{});
  REQUIRE(std::holds_alternative<chg::revealed>(body));
  const auto& r = std::get<chg::revealed>(body);
  CHECK(r.step_index == 1);
  CHECK(note_ids(r.notes) == std::vector<std::string>{note_id("m_fac"), note_id("z_ann1"),
                                                      note_id("b_ann2"), note_id("a_cat")});
  for (const auto& n : r.notes) CHECK_FALSE(n.text.empty());
  CHECK(f.mt.is_revealed(1));
  CHECK_FALSE(f.mt.is_revealed(3));
}

TEST_CASE("reveal of an empty step is a change", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  auto body = f.ok("fac", cmd::reveal{});
  CHECK(std::get<chg::revealed>(body).notes.empty());
  CHECK(f.mt.revealed_steps() == std::set<std::uint32_t>{1});
}

TEST_CASE("decide_join: up to 40 members, rejoining is no change", "[meeting]") {
  fixture f;  // 4 members
  CHECK(is_no_change(f.mt.decide_join(make_member("ann"))));
  for (int i = 4; i < 40; ++i) f.join(make_member(numbered("m", i)));
  CHECK(f.mt.members().size() == 40);
  CHECK(error_of(f.mt.decide_join(make_member("one_too_many"))) == error_code::limit_reached);
  CHECK(f.mt.members().size() == 40);
}

TEST_CASE("apply() advances seq and keeps members in join order", "[meeting]") {
  fixture f;
  CHECK(f.mt.seq() == 4);  // four joins
  std::vector<std::string> ids;
  for (const auto& m : f.mt.members()) ids.push_back(m.member_id);
  CHECK(ids == std::vector<std::string>{"fac", "ann", "bob", "cat"});
  f.ok("fac", cmd::set_step{1});
  CHECK(f.mt.seq() == 5);
  // A stored change sets seq to its own number (loading a log replays its seqs).
  f.mt.apply(d::change{42, 0, "fac", chg::step_changed{2}});
  CHECK(f.mt.seq() == 42);
  CHECK(f.mt.step_index() == 2);
}

TEST_CASE("visible_notes: one's own of any step, and every note of a revealed step", "[meeting]") {
  fixture f;
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "ann step 1"});
  f.ok("bob", cmd::note_save{note_id("b1"), "bob step 1"});
  f.ok("fac", cmd::set_step{3});
  f.ok("ann", cmd::note_save{note_id("a3"), "ann step 3"});
  f.ok("bob", cmd::note_save{note_id("b3"), "bob step 3"});

  auto sorted_ids = [&](const std::string& who) {
    auto ids = note_ids(f.mt.visible_notes(who));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  CHECK(sorted_ids("ann") == std::vector<std::string>{note_id("a1"), note_id("a3")});
  CHECK(sorted_ids("fac").empty());  // the facilitator is no special reader
  CHECK(sorted_ids("cat").empty());

  f.ok("fac", cmd::set_step{1});
  f.ok("fac", cmd::reveal{});
  CHECK(sorted_ids("ann") == std::vector<std::string>{note_id("a1"), note_id("a3"), note_id("b1")});
  CHECK(sorted_ids("bob") == std::vector<std::string>{note_id("a1"), note_id("b1"), note_id("b3")});
  CHECK(sorted_ids("fac") == std::vector<std::string>{note_id("a1"), note_id("b1")});
}

TEST_CASE("replaying the change records gives the same state as applying the changes",
          "[meeting]") {
  std::vector<d::change> log;
  fixture f(standard_method(), [&](const d::change& c) { log.push_back(c); });
  f.ok("fac", cmd::appoint_presenter{"bob"});
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a1"), "one"});
  f.ok("ann", cmd::note_save{note_id("a2"), "two"});
  f.ok("ann", cmd::note_delete{note_id("a2")});
  f.ok("bob", cmd::note_save{note_id("b1"), "bob"});
  f.ok("bob", cmd::set_done{true});
  f.ok("cat", cmd::set_done{true});
  f.ok("cat", cmd::set_done{false});
  f.ok("fac", cmd::reveal{});
  f.ok("fac", cmd::set_step{3});
  f.ok("cat", cmd::note_save{note_id("c3"), "cat 3"});
  f.ok("cat", cmd::note_save{note_id("c3b"), "cat 3b"});
  f.ok("ann", cmd::set_done{true});

  // What the store keeps: each change as its JSON record. Replay decodes and applies them.
  const d::meeting& a = f.mt;
  d::meeting b(a.info(), a.meeting_method());
  for (const auto& c : log) {
    auto body = intervisie::protocol::decode_change_record(
        intervisie::protocol::encode_change_record(c.body));
    REQUIRE(body);
    b.apply(d::change{c.seq, c.at, c.actor_id, *body});
  }

  CHECK(b.seq() == a.seq());
  CHECK(b.step_index() == a.step_index());
  CHECK(b.presenter_id() == a.presenter_id());
  REQUIRE(b.members().size() == a.members().size());
  for (std::size_t i = 0; i < a.members().size(); ++i) {
    CHECK(b.members()[i].member_id == a.members()[i].member_id);
  }
  CHECK(b.revealed_steps() == a.revealed_steps());
  REQUIRE(b.notes().size() == a.notes().size());
  for (const auto& [id, n] : a.notes()) {
    const auto& m = b.notes().at(id);
    CHECK(m.author_id == n.author_id);
    CHECK(m.step_index == n.step_index);
    CHECK(m.text == n.text);
    CHECK(m.updated_at == n.updated_at);
  }
  // Every (step, member) pair reads the same.
  for (std::uint32_t s = 0; s < 4; ++s) {
    for (const auto& m : a.members()) {
      INFO("step " << s << " member " << m.member_id);
      CHECK(b.progress_of(s, m.member_id).note_count == a.progress_of(s, m.member_id).note_count);
      CHECK(b.progress_of(s, m.member_id).done == a.progress_of(s, m.member_id).done);
    }
  }
  for (const auto& m : a.members()) {
    auto va = note_ids(a.visible_notes(m.member_id));
    auto vb = note_ids(b.visible_notes(m.member_id));
    CHECK(va == vb);
  }
  // And the replayed meeting decides the same way: resends, counts, ownership.
  CHECK(is_no_change(b.decide("cat", cmd::note_save{note_id("c3"), "cat 3"}, 0)));
  auto next = b.decide("cat", cmd::note_save{note_id("c3c"), "cat 3c"}, 0);
  REQUIRE(std::holds_alternative<d::change_body>(next));
  CHECK(std::get<chg::note_saved>(std::get<d::change_body>(next)).after.note_count == 3);
  CHECK(is_no_change(b.decide("ann", cmd::set_done{true}, 0)));
  CHECK(error_of(b.decide("bob", cmd::note_delete{note_id("c3")}, 0)) == error_code::not_found);
}
