// The step kinds (protocol R23-R30): what each lets each role do, who sees what, and the
// facilitator's tools. One TEST_CASE per rule, on the pure domain.
#include <algorithm>

#include "support.hpp"

using namespace intervisie::unit;
namespace cmd = intervisie::domain::cmd;
namespace chg = intervisie::domain::chg;
using intervisie::domain::error_code;
using k = intervisie::domain::step_kind;

namespace {

std::vector<std::string> visible_ids(const d::meeting& mt, const std::string& member) {
  std::vector<std::string> ids;
  for (const auto& n : mt.visible_notes(member)) ids.push_back(n.note_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool sees_full(const d::meeting& mt, const d::change_body& body, const std::string& member) {
  auto who = mt.full_audience(body);
  return !who || std::find(who->begin(), who->end(), member) != who->end();
}

// A presenter who has consented.
void presenter(fixture& f, const std::string& id) {
  f.ok("fac", cmd::appoint_presenter{id});
  f.ok(id, cmd::consent{true});
}

}  // namespace

TEST_CASE("case choice: private proposals, votes within a budget, a presenter who consents",
          "[steps][case_choice]") {
  fixture f(make_method({k::case_choice, k::react}));
  auto saved = f.ok("ann", cmd::note_save{note_id("p1"), "Hoe ga ik om met ...?", "Thuis"});
  f.ok("bob", cmd::note_save{note_id("p2"), "Wat doe ik als ...?", "School"});
  CHECK_FALSE(sees_full(f.mt, saved, "bob"));  // proposals are private until revealed
  CHECK(visible_ids(f.mt, "bob") == std::vector<std::string>{note_id("p2")});
  // A title is for proposals only; votes come after the reveal.
  CHECK(error_of(f.run("ann", cmd::vote{note_id("p2"), 1})) == error_code::wrong_step);

  f.ok("fac", cmd::reveal{});
  CHECK(visible_ids(f.mt, "cat").size() == 2);
  f.ok("cat", cmd::vote{note_id("p1"), 2});
  f.ok("cat", cmd::vote{note_id("p2"), 1});
  CHECK(error_of(f.run("cat", cmd::vote{note_id("p1"), 3})) == error_code::limit_reached);
  CHECK(is_no_change(f.run("cat", cmd::vote{note_id("p1"), 2})));
  f.ok("cat", cmd::vote{note_id("p2"), 0});
  f.ok("cat", cmd::vote{note_id("p1"), 3});
  CHECK(error_of(f.run("cat", cmd::vote{note_id("zz"), 0})) == error_code::not_found);
  REQUIRE(f.mt.votes().size() == 1);
  CHECK(f.mt.votes()[0].votes == 3);

  // The facilitator confirms ann with her proposal; ann must consent.
  CHECK(error_of(f.run("bob", cmd::appoint_presenter{"ann", note_id("p1")})) ==
        error_code::forbidden);
  CHECK(error_of(f.run("fac", cmd::appoint_presenter{"ann", note_id("nope")})) ==
        error_code::not_found);
  f.ok("fac", cmd::appoint_presenter{"ann", note_id("p1")});
  CHECK(f.mt.presenter_consent() == d::consent::pending);
  CHECK(f.mt.case_note_id() == note_id("p1"));
  CHECK(error_of(f.run("bob", cmd::consent{true})) == error_code::forbidden);
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("ann", cmd::note_mark{note_id("p2"), true})) == error_code::consent_pending);
  f.ok("ann", cmd::consent{true});
  CHECK(f.mt.presenter_consent() == d::consent::given);
  CHECK(is_no_change(f.run("ann", cmd::consent{true})));

  // Declining clears the presenter and the case.
  f.ok("fac", cmd::appoint_presenter{"bob", note_id("p2")});
  f.ok("bob", cmd::consent{false});
  CHECK_FALSE(f.mt.presenter_id().has_value());
  CHECK_FALSE(f.mt.case_note_id().has_value());
  CHECK(f.mt.presenter_consent() == d::consent::none);
}

TEST_CASE("note fields: a title only on proposals, a label only in evaluations",
          "[steps][validation]") {
  fixture f(make_method({k::private_write, k::evaluation}));
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x", "title"})) ==
        error_code::invalid_field);
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x", "", "top"})) ==
        error_code::invalid_field);
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("a"), "x", "", "top"});
  CHECK(f.mt.notes().at(note_id("a")).label == "top");
}

TEST_CASE("present: the presenter tells, the others jot notes only they ever see",
          "[steps][present]") {
  fixture f(make_method({k::present}));
  presenter(f, "ann");
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x"})) == error_code::forbidden);
  auto jot = f.ok("bob", cmd::note_save{note_id("b"), "for me"});
  CHECK_FALSE(sees_full(f.mt, jot, "fac"));
  CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::wrong_step);
  CHECK(visible_ids(f.mt, "fac").empty());
  CHECK(visible_ids(f.mt, "bob") == std::vector<std::string>{note_id("b")});
}

TEST_CASE("presenter_listens: the presenter's input is disabled", "[steps][listen]") {
  auto m = make_method({k::discussion, k::private_write});
  m.steps[0].presenter_listens = true;
  fixture f(m);
  presenter(f, "cat");
  CHECK(error_of(f.run("cat", cmd::note_save{note_id("c"), "x"})) == error_code::forbidden);
  CHECK(error_of(f.run("cat", cmd::set_done{true})) == error_code::forbidden);
  f.ok("ann", cmd::note_save{note_id("a"), "x"});
  f.ok("fac", cmd::set_step{1});  // no listening here: the presenter writes too
  f.ok("cat", cmd::note_save{note_id("c"), "x"});
}

TEST_CASE("shared steps: everyone sees a note as soon as it is saved", "[steps][shared]") {
  for (auto kind : {k::check_in, k::recall, k::discussion, k::reflection, k::check_out}) {
    fixture f(make_method({kind}));
    auto saved = f.ok("ann", cmd::note_save{note_id("a"), "Goed"});
    CHECK(sees_full(f.mt, saved, "bob"));
    CHECK(visible_ids(f.mt, "bob") == std::vector<std::string>{note_id("a")});
    CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::wrong_step);
    // Still the author's own to edit and delete.
    CHECK(error_of(f.run("bob", cmd::note_delete{note_id("a")})) == error_code::not_found);
    f.ok("ann", cmd::note_save{note_id("a"), "Goed, en moe"});
    f.ok("ann", cmd::note_delete{note_id("a")});
  }
}

TEST_CASE("info and react steps take no notes", "[steps]") {
  fixture f(make_method({k::info, k::react, k::question_round}));
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x"})) == error_code::wrong_step);
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x"})) == error_code::wrong_step);
  f.ok("fac", cmd::set_step{2});  // questions are put with `ask`, not note_save
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x"})) == error_code::wrong_step);
}

TEST_CASE("presenter first: the first reveal goes to the presenter, the second to everyone",
          "[steps][reveal]") {
  auto m = make_method({k::private_write});
  m.steps[0].reveal = d::reveal_mode::presenter_first;
  fixture f(m);
  presenter(f, "cat");
  f.ok("ann", cmd::note_save{note_id("a"), "advies"});
  f.ok("bob", cmd::note_save{note_id("b"), "advies 2"});
  auto first = f.ok("fac", cmd::reveal{});
  REQUIRE(std::get<chg::revealed>(first).to_presenter);
  CHECK(sees_full(f.mt, first, "cat"));
  CHECK_FALSE(sees_full(f.mt, first, "ann"));
  CHECK_FALSE(sees_full(f.mt, first, "fac"));
  CHECK(visible_ids(f.mt, "cat").size() == 2);
  CHECK(visible_ids(f.mt, "ann") == std::vector<std::string>{note_id("a")});
  CHECK(visible_ids(f.mt, "fac").empty());
  // Read-only from the first reveal on.
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "edit"})) ==
        error_code::already_revealed);
  auto second = f.ok("fac", cmd::reveal{});
  CHECK_FALSE(std::get<chg::revealed>(second).to_presenter);
  CHECK(sees_full(f.mt, second, "ann"));
  CHECK(visible_ids(f.mt, "fac").size() == 2);
  CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::already_revealed);
}

TEST_CASE("presenter first without a presenter reveals to everyone at once", "[steps][reveal]") {
  auto m = make_method({k::private_write});
  m.steps[0].reveal = d::reveal_mode::presenter_first;
  fixture f(m);
  f.ok("ann", cmd::note_save{note_id("a"), "x"});
  auto r = f.ok("fac", cmd::reveal{});
  CHECK_FALSE(std::get<chg::revealed>(r).to_presenter);
  CHECK(f.mt.is_revealed(0));
}

TEST_CASE("question round: turns in join order without the presenter, pass, skip, reorder",
          "[steps][question_round]") {
  fixture f(make_method({k::info, k::question_round, k::react}));
  presenter(f, "bob");
  auto entered = f.ok("fac", cmd::set_step{1});
  const auto& round = std::get<chg::step_changed>(entered).round;
  REQUIRE(round.has_value());
  CHECK(round->order == std::vector<std::string>{"fac", "ann", "cat"});
  CHECK(round->position == 0);
  CHECK(round->lap == 1);

  CHECK(error_of(f.run("ann", cmd::ask{note_id("q1"), "Wie?"})) == error_code::not_your_turn);
  auto asked = f.ok("fac", cmd::ask{note_id("q1"), "Wie was erbij?"});
  CHECK(std::get<chg::question_asked>(asked).round.position == 1);
  CHECK(sees_full(f.mt, asked, "cat"));  // questions are put to the group
  // A resent ask is taken once (R13).
  CHECK(is_no_change(f.run("fac", cmd::ask{note_id("q1"), "Wie was erbij?"})));
  f.ok("ann", cmd::pass{});
  CHECK(error_of(f.run("ann", cmd::pass{})) == error_code::not_your_turn);
  f.ok("cat", cmd::ask{note_id("q2"), "Wanneer?"});
  CHECK(f.mt.rounds().at(1).position == 0);
  CHECK(f.mt.rounds().at(1).lap == 2);

  // The facilitator skips and reorders; the position follows the member whose turn it was.
  CHECK(error_of(f.run("ann", cmd::turn_skip{})) == error_code::forbidden);
  f.ok("fac", cmd::turn_skip{});
  CHECK(*f.mt.rounds().at(1).current() == "ann");
  f.ok("fac", cmd::turn_order{{"cat", "ann"}});
  CHECK(f.mt.rounds().at(1).order == std::vector<std::string>{"cat", "ann"});
  CHECK(*f.mt.rounds().at(1).current() == "ann");
  CHECK(error_of(f.run("fac", cmd::turn_order{{"cat", "bob"}})) == error_code::not_found);
  CHECK(error_of(f.run("fac", cmd::turn_order{{"cat", "cat"}})) == error_code::invalid_field);

  // The presenter (consented) picks, rates and answers questions.
  f.ok("bob", cmd::note_mark{note_id("q1"), true, d::rating::warm, std::nullopt, std::nullopt});
  f.ok("bob", cmd::note_mark{note_id("q1"), std::nullopt, std::nullopt, true, std::nullopt});
  const auto& marks = f.mt.notes().at(note_id("q1")).m;
  CHECK(marks.picked);
  CHECK(marks.warmth == d::rating::warm);
  CHECK(marks.answered);
  CHECK(error_of(f.run("ann", cmd::note_mark{note_id("q1"), false})) == error_code::forbidden);

  // Going back to the step keeps its round.
  f.ok("fac", cmd::set_step{2});
  auto back = f.ok("fac", cmd::set_step{1});
  CHECK_FALSE(std::get<chg::step_changed>(back).round.has_value());
  CHECK(f.mt.rounds().at(1).order == std::vector<std::string>{"cat", "ann"});
}

TEST_CASE("react: the presenter marks the one revealed note that touches most", "[steps][react]") {
  fixture f(make_method({k::private_write, k::react}));
  presenter(f, "cat");
  f.ok("ann", cmd::note_save{note_id("a"), "waarneming a"});
  f.ok("bob", cmd::note_save{note_id("b"), "waarneming b"});
  // Not revealed yet: not there to be marked.
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("cat", cmd::note_mark{note_id("a"), std::nullopt, std::nullopt, std::nullopt,
                                             true})) == error_code::not_found);
  f.ok("fac", cmd::set_step{0});
  f.ok("fac", cmd::reveal{});
  f.ok("fac", cmd::set_step{1});
  f.ok("cat", cmd::note_mark{note_id("a"), std::nullopt, std::nullopt, std::nullopt, true});
  f.ok("cat", cmd::note_mark{note_id("b"), std::nullopt, std::nullopt, std::nullopt, true});
  CHECK_FALSE(f.mt.notes().at(note_id("a")).m.touches);
  CHECK(f.mt.notes().at(note_id("b")).m.touches);
  CHECK(is_no_change(
      f.run("cat", cmd::note_mark{note_id("b"), std::nullopt, std::nullopt, std::nullopt, true})));
}

TEST_CASE("takeaways: the presenter's come first in the reveal and are recalled next time",
          "[steps][takeaways][recall]") {
  fixture f(make_method({k::takeaways}));
  f.ok("fac", cmd::appoint_presenter{"cat"});
  f.ok("cat", cmd::consent{true});
  f.ok("ann", cmd::note_save{note_id("a"), "rust nemen"});
  f.ok("cat", cmd::note_save{note_id("c"), "bellen met school"});
  auto r = f.ok("fac", cmd::reveal{});
  const auto& notes = std::get<chg::revealed>(r).notes;
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].author_id == "cat");

  auto recall = f.mt.recall_for_next();
  REQUIRE(recall.has_value());
  CHECK(recall->presenter_name == "Name cat");
  REQUIRE(recall->takeaways.size() == 2);
  CHECK(recall->takeaways[0].presenter);
  CHECK(recall->takeaways[0].text == "bellen met school");
  CHECK(recall->takeaways[1].name == "Name ann");
}

TEST_CASE("recall: the chosen case travels to the next meeting; nothing to recall is none",
          "[steps][recall]") {
  fixture empty(make_method({k::info}));
  CHECK_FALSE(empty.mt.recall_for_next().has_value());

  fixture f(make_method({k::case_choice}));
  f.ok("ann", cmd::note_save{note_id("p"), "De vraag", "De titel"});
  f.ok("fac", cmd::reveal{});
  f.ok("fac", cmd::appoint_presenter{"ann", note_id("p")});
  auto recall = f.mt.recall_for_next();
  REQUIRE(recall.has_value());
  REQUIRE(recall->case_title_text.has_value());
  CHECK(recall->case_title_text->first == "De titel");
  CHECK(recall->case_title_text->second == "De vraag");
  CHECK(recall->takeaways.empty());
}

TEST_CASE("evaluation: notes and ratings for the author and the facilitator only",
          "[steps][evaluation]") {
  fixture f(make_method({k::evaluation}));
  auto top = f.ok("ann", cmd::note_save{note_id("t"), "fijne sfeer", "", "top"});
  CHECK(sees_full(f.mt, top, "ann"));
  CHECK(sees_full(f.mt, top, "fac"));
  CHECK_FALSE(sees_full(f.mt, top, "bob"));
  CHECK(visible_ids(f.mt, "fac") == std::vector<std::string>{note_id("t")});
  CHECK(visible_ids(f.mt, "bob").empty());

  CHECK(error_of(f.run("ann", cmd::rate{0})) == error_code::invalid_field);
  auto rated = f.ok("ann", cmd::rate{4});
  CHECK(sees_full(f.mt, rated, "fac"));
  CHECK_FALSE(sees_full(f.mt, rated, "bob"));
  CHECK(is_no_change(f.run("ann", cmd::rate{4})));
  f.ok("bob", cmd::rate{5});
  CHECK(f.mt.visible_scores("fac").size() == 2);
  REQUIRE(f.mt.visible_scores("ann").size() == 1);
  CHECK(f.mt.visible_scores("ann")[0].value == 4);
  CHECK(error_of(f.run("fac", cmd::reveal{})) == error_code::wrong_step);
}

TEST_CASE("rate is for evaluation steps only", "[steps][evaluation]") {
  fixture f(make_method({k::discussion}));
  CHECK(error_of(f.run("ann", cmd::rate{3})) == error_code::wrong_step);
}

TEST_CASE("reveal when everyone is done (R25)", "[steps][auto_reveal]") {
  auto m = make_method({k::private_write, k::discussion});
  m.steps[0].presenter_listens = true;
  fixture f(m);
  presenter(f, "cat");
  const std::set<std::string> online{"fac", "ann", "bob", "cat"};
  CHECK(error_of(f.run("ann", cmd::set_auto_reveal{true})) == error_code::forbidden);
  f.ok("fac", cmd::set_auto_reveal{true});
  CHECK_FALSE(f.mt.auto_reveal_due(online).has_value());  // nobody is done yet
  f.ok("ann", cmd::note_save{note_id("a"), "x"});
  f.ok("ann", cmd::set_done{true});
  CHECK_FALSE(f.mt.auto_reveal_due(online).has_value());  // bob is not
  // bob is not online: the online ones are done (the listening presenter and the facilitator
  // without notes do not count).
  CHECK(f.mt.auto_reveal_due({"fac", "ann", "cat"}).has_value());
  f.ok("bob", cmd::set_done{true});
  auto due = f.mt.auto_reveal_due(online);
  REQUIRE(due.has_value());
  CHECK(std::get<chg::revealed>(*due).notes.size() == 1);
  // A facilitator who wrote counts too.
  f.ok("fac", cmd::note_save{note_id("f"), "y"});
  CHECK_FALSE(f.mt.auto_reveal_due(online).has_value());
  f.ok("fac", cmd::set_auto_reveal{false});
  f.ok("fac", cmd::set_done{true});
  CHECK_FALSE(f.mt.auto_reveal_due(online).has_value());  // switched off
  // Not in steps that are not revealed.
  f.ok("fac", cmd::set_step{1});
  CHECK(error_of(f.run("fac", cmd::set_auto_reveal{true})) == error_code::wrong_step);
}

TEST_CASE("hand facilitation: roles swap and the old facilitator is a participant",
          "[tools][hand_facilitation]") {
  fixture f(make_method({k::info, k::info}));
  CHECK(error_of(f.run("ann", cmd::hand_facilitation{"ann"})) == error_code::forbidden);
  CHECK(error_of(f.run("fac", cmd::hand_facilitation{"nobody"})) == error_code::not_found);
  CHECK(is_no_change(f.run("fac", cmd::hand_facilitation{"fac"})));
  f.ok("fac", cmd::hand_facilitation{"ann"});
  CHECK(f.mt.find_member("ann")->r == d::role::facilitator);
  CHECK(f.mt.find_member("fac")->r == d::role::participant);
  CHECK(error_of(f.run("fac", cmd::set_step{1})) == error_code::forbidden);
  f.ok("ann", cmd::set_step{1});
}

TEST_CASE("remove a participant: no more commands, unrevealed notes gone, out of the round",
          "[tools][remove]") {
  fixture f(make_method({k::private_write, k::question_round}));
  f.ok("fac", cmd::appoint_presenter{"bob"});
  f.ok("ann", cmd::note_save{note_id("a"), "secret"});
  CHECK(error_of(f.run("ann", cmd::remove_member{"bob"})) == error_code::forbidden);
  CHECK(error_of(f.run("fac", cmd::remove_member{"fac"})) == error_code::forbidden);
  f.ok("fac", cmd::set_step{1});
  f.ok("fac", cmd::turn_skip{});  // ann's turn (order: fac, ann, cat)
  f.ok("fac", cmd::remove_member{"ann"});
  f.ok("fac", cmd::remove_member{"bob"});
  CHECK(f.mt.find_member("ann")->removed);
  CHECK_FALSE(f.mt.presenter_id().has_value());  // bob was the presenter
  CHECK(f.mt.notes().count(note_id("a")) == 0);  // never revealed
  CHECK(f.mt.rounds().at(1).order == std::vector<std::string>{"fac", "cat"});
  CHECK(*f.mt.rounds().at(1).current() == "cat");
  CHECK(error_of(f.run("ann", cmd::pass{})) == error_code::forbidden);
  CHECK(error_of(f.run("fac", cmd::remove_member{"ann"})) == error_code::not_found);
  CHECK(error_of(f.run("fac", cmd::appoint_presenter{"ann"})) == error_code::not_found);
}

TEST_CASE("end the meeting: nothing changes any more, nobody joins", "[tools][end]") {
  fixture f(make_method({k::private_write, k::info}));
  CHECK(error_of(f.run("ann", cmd::end_meeting{})) == error_code::forbidden);
  f.ok("fac", cmd::end_meeting{});
  CHECK(f.mt.ended());
  CHECK(error_of(f.run("fac", cmd::set_step{1})) == error_code::meeting_ended);
  CHECK(error_of(f.run("ann", cmd::note_save{note_id("a"), "x"})) == error_code::meeting_ended);
  CHECK(error_of(f.mt.decide_join(make_member("new"))) == error_code::meeting_ended);
}

TEST_CASE("case choice: every case choice step has its own budget of votes",
          "[steps][case_choice]") {
  fixture f(make_method({k::case_choice, k::case_choice}));
  f.ok("ann", cmd::note_save{note_id("p1"), "vraag 1", "praktijk"});
  f.ok("fac", cmd::reveal{});
  f.ok("bob", cmd::vote{note_id("p1"), 3});
  f.ok("fac", cmd::set_step{1});
  f.ok("ann", cmd::note_save{note_id("p2"), "vraag 2", "business"});
  f.ok("fac", cmd::reveal{});
  f.ok("bob", cmd::vote{note_id("p2"), 3});
  CHECK(f.mt.votes().size() == 2);
  // Votes go to proposals of the current step only.
  CHECK(error_of(f.run("bob", cmd::vote{note_id("p1"), 1})) == error_code::not_found);
}
