// What the server's encoder (server/src/protocol/codec.hpp) writes validates against the
// protocol's JSON Schemas: every event in both views (R20), welcome with and without a snapshot,
// error for every code, ack, pong, presence; the step kinds and facilitator tools (R23-R30),
// from changes built directly and from a meeting that used every kind; the coordinator's
// evaluation report (server/src/protocol/evaluation_json.hpp).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "domain/meeting.hpp"
#include "protocol/codec.hpp"
#include "protocol/evaluation_json.hpp"
#include "schema_support.hpp"

using namespace intervisie::protocol_test;
namespace d = intervisie::domain;
namespace p = intervisie::protocol;

namespace {

// Validates one encoded message against schemas/<its type>.json; returns the errors.
std::string check_message(const std::string& text) {
  const json msg = json::parse(text);
  const std::string type = msg.at("type").get<std::string>();
  return validate(schemas::get().at(type + ".json"), msg);
}

d::method test_method() {
  d::method m{
      "buiten_je_bubbel", {"Intervisie buiten je bubbel", "Intervision outside your bubble"}, {}};
  m.steps.push_back({d::step_kind::info, {"Start", "Start"}, {"Welkom.", "Welcome."}, 10u});
  m.steps.push_back({d::step_kind::private_write,
                     {"Vragen noteren", "Writing questions"},
                     {"Schrijf je vragen op.", "Write your questions."},
                     std::nullopt});
  m.steps.push_back({d::step_kind::info,
                     {"Informatieronde", "Questions round"},
                     {"Om de beurt.", "In turns."},
                     20u});
  return m;
}

struct scenario {
  explicit scenario(d::method m = test_method())
      : meeting({"mtg_7Qk2vX9pLm", "grp_1", "Bijeenkomst 3", "Intervisiegroep Utrecht-Oost",
                 "Alles wat besproken wordt blijft binnen de groep."},
                std::move(m)) {}
  d::meeting meeting;
  std::vector<d::change> log;
  std::int64_t now = 1732300800000;

  void join(const std::string& id, const std::string& name, d::category c, d::role r) {
    auto dec = meeting.decide_join({id, name, c, r});
    REQUIRE(std::holds_alternative<d::change_body>(dec));
    commit(id, std::get<d::change_body>(dec));
  }
  void run(const std::string& actor, const d::command& c) {
    auto dec = meeting.decide(actor, c, ++now);
    INFO("command refused: " << (std::holds_alternative<d::error>(dec)
                                     ? std::get<d::error>(dec).message
                                     : ""));
    REQUIRE(std::holds_alternative<d::change_body>(dec));
    commit(actor, std::get<d::change_body>(dec));
  }
  void commit(const std::string& actor, d::change_body body) {
    d::change c{meeting.seq() + 1, ++now, actor, std::move(body)};
    meeting.apply(c);
    log.push_back(std::move(c));
  }
};

}  // namespace

TEST_CASE("encoded events validate against their schemas", "[encoder]") {
  scenario s;
  s.join("mem_fac", "Marieke de Vries", d::category::professional, d::role::facilitator);
  s.join("mem_anne", "Anne Jansen", d::category::parent, d::role::participant);
  s.join("mem_sem", "Sem", d::category::young_person, d::role::participant);
  s.run("mem_fac", d::cmd::appoint_presenter{std::string("mem_anne")});
  s.run("mem_fac", d::cmd::set_step{1});
  s.run("mem_anne", d::cmd::note_save{"note:Kp3xV9qLw2mZr8sT", "Wie heeft de regie? 🤔"});
  s.run("mem_sem", d::cmd::note_save{"note:7hYb2Qe_Xr-4LmNcWv0a", "Wat wil je zelf, écht?"});
  s.run("mem_anne", d::cmd::note_save{"note:Ud5sPq8Rk1Zx3Wy9Ab", "Deze trek ik in"});
  s.run("mem_anne", d::cmd::note_delete{"note:Ud5sPq8Rk1Zx3Wy9Ab"});
  s.run("mem_sem", d::cmd::set_done{true});
  s.run("mem_fac", d::cmd::reveal{});
  s.run("mem_fac", d::cmd::set_step{2});
  s.run("mem_fac", d::cmd::appoint_presenter{std::nullopt});
  // R22: running (from the step's timebox), paused, and cleared by a step change.
  s.run("mem_fac", d::cmd::timer_start{});
  s.run("mem_fac", d::cmd::timer_pause{});
  s.run("mem_fac", d::cmd::timer_add{60});
  s.run("mem_fac", d::cmd::timer_start{std::uint32_t{90}});
  s.run("mem_fac", d::cmd::set_step{0});
  s.run("mem_fac", d::cmd::timer_start{});

  std::set<std::string> types;
  for (const auto& c : s.log) {
    for (auto v : {p::view::full, p::view::public_only}) {
      for (std::optional<std::uint64_t> ref :
           {std::optional<std::uint64_t>{}, std::optional<std::uint64_t>{42}}) {
        const std::string text = p::encode_event(c, v, ref);
        INFO(text);
        const std::string errors = check_message(text);
        INFO(errors);
        CHECK(errors.empty());
        const json msg = json::parse(text);
        types.insert(msg.at("type").get<std::string>());
        CHECK(msg.at("data").at("seq") == c.seq);
        const bool note_change = std::holds_alternative<d::chg::note_saved>(c.body) ||
                                 std::holds_alternative<d::chg::note_deleted>(c.body);
        if (v == p::view::public_only && note_change) {
          // R20: the public form of a note change is note_progress: no text, no note id.
          CHECK(msg.at("type") == "note_progress");
          CHECK(text.find("note:") == std::string::npos);
        }
      }
    }
  }
  for (const char* t : {"member_joined", "step_changed", "presenter_appointed", "note_saved",
                        "note_deleted", "note_progress", "revealed", "timer_changed"}) {
    INFO(t);
    CHECK(types.count(t) == 1);
  }

  SECTION("welcome with a snapshot, for every member, and resumed") {
    for (const char* member : {"mem_fac", "mem_anne", "mem_sem"}) {
      p::welcome_info w{
          member, std::string(member) == "mem_fac" ? d::role::facilitator : d::role::participant,
          s.now, false};
      const std::string text = p::encode_welcome(w, s.meeting, true, {"mem_anne"}, 1);
      INFO(text);
      const std::string errors = check_message(text);
      INFO(errors);
      CHECK(errors.empty());
    }
    p::welcome_info w{"mem_anne", d::role::participant, s.now, true};
    const std::string text = p::encode_welcome(w, s.meeting, false, {}, std::nullopt);
    INFO(text);
    CHECK(check_message(text).empty());
  }
}

TEST_CASE("a welcome before any write validates", "[encoder]") {
  scenario s;
  s.join("mem_fac", "Marieke", d::category::teacher, d::role::facilitator);
  p::welcome_info w{"mem_fac", d::role::facilitator, s.now, false};
  const std::string text = p::encode_welcome(w, s.meeting, true, {"mem_fac"}, std::nullopt);
  INFO(text);
  CHECK(check_message(text).empty());
}

TEST_CASE("encoded error, ack, pong and presence validate", "[encoder]") {
  // consent_pending is the last code (domain/error.hpp); meeting_ended and not_your_turn (R30,
  // R27) come after internal.
  for (int i = 0; i <= static_cast<int>(d::error_code::consent_pending); ++i) {
    const d::error e{static_cast<d::error_code>(i), "something went wrong"};
    const std::string text =
        p::encode_error(e, i % 2 ? std::optional<std::uint64_t>(7) : std::nullopt);
    INFO(text);
    const std::string errors = check_message(text);
    INFO(errors);
    CHECK(errors.empty());
  }
  CHECK(check_message(p::encode_ack(9)).empty());
  CHECK(check_message(p::encode_pong(3, 1732300800000)).empty());
  CHECK(check_message(p::encode_pong(std::nullopt, 1732300800000)).empty());
  CHECK(check_message(p::encode_presence("mem_sem", true)).empty());
  CHECK(check_message(p::encode_presence("mem_sem", false)).empty());
}

namespace {

// Encodes one change in both views, with and without a ref, validates each against its schema
// and returns the types written.
std::set<std::string> check_both_views(const d::change& c) {
  std::set<std::string> types;
  for (auto v : {p::view::full, p::view::public_only}) {
    for (std::optional<std::uint64_t> ref :
         {std::optional<std::uint64_t>{}, std::optional<std::uint64_t>{7}}) {
      const std::string text = p::encode_event(c, v, ref);
      INFO(text);
      const std::string errors = check_message(text);
      INFO(errors);
      CHECK(errors.empty());
      const json msg = json::parse(text);
      CHECK(msg.at("data").at("seq") == c.seq);
      types.insert(msg.at("type").get<std::string>());
    }
  }
  return types;
}

json encoded(const d::change& c, p::view v) {
  return json::parse(p::encode_event(c, v, std::nullopt));
}

d::step make_step(d::step_kind k, const char* nl, const char* en) {
  return d::step{k, {nl, en}, {"Doe mee.", "Take part."}, std::nullopt};
}

// Every step kind, two presenter-first steps (one is revealed only to the presenter in the
// scenario below) and a step the presenter only listens to.
d::method every_kind_method() {
  using k = d::step_kind;
  d::method m{"gm_AllKinds01", {"Alle stappen", "Every step"}, {}};
  m.first_step_number = 0;
  m.steps.push_back(make_step(k::recall, "Terugblik", "Looking back"));  // 0
  m.steps.push_back(make_step(k::check_in, "Inchecken", "Check-in"));    // 1
  m.steps.back().optional = true;
  m.steps.push_back(make_step(k::case_choice, "Casus kiezen", "Choosing a case"));   // 2
  m.steps.push_back(make_step(k::present, "Inbreng", "The case"));                   // 3
  m.steps.push_back(make_step(k::question_round, "Vragenronde", "Question round"));  // 4
  m.steps.back().timebox_minutes = 15u;
  m.steps.push_back(make_step(k::react, "Reageren", "Reacting"));     // 5
  m.steps.push_back(make_step(k::discussion, "Roddelen", "Gossip"));  // 6
  m.steps.back().presenter_listens = true;
  m.steps.push_back(make_step(k::private_write, "Adviezen", "Advice"));  // 7
  m.steps.back().reveal = d::reveal_mode::presenter_first;
  m.steps.push_back(make_step(k::takeaways, "Meenemen", "Takeaways"));               // 8
  m.steps.push_back(make_step(k::evaluation, "Evaluatie", "Evaluation"));            // 9
  m.steps.push_back(make_step(k::reflection, "Reflectie", "Reflection"));            // 10
  m.steps.push_back(make_step(k::private_write, "Nog meer advies", "More advice"));  // 11
  m.steps.back().reveal = d::reveal_mode::presenter_first;
  m.steps.push_back(make_step(k::info, "Afsluiting", "Closing"));         // 12
  m.steps.push_back(make_step(k::check_out, "Uitchecken", "Check-out"));  // 13
  m.steps.back().optional = true;
  return m;
}

const std::string kFac = "mem_fac", kAnne = "mem_anne", kSem = "mem_sem", kFatima = "mem_fatima",
                  kJoost = "mem_joost";

std::string nid(const std::string& tag) {
  std::string s = "note:" + tag;
  while (s.size() < 5 + 16) s.push_back('0');
  return s;
}

const json& snapshot_of(const json& welcome) {
  return welcome.at("data").at("snapshot");
}

json welcome_for(const scenario& s, const std::string& member,
                 const std::set<std::string>& online) {
  const d::member* m = s.meeting.find_member(member);
  REQUIRE(m != nullptr);
  p::welcome_info w{member, m->r, s.now, false};
  const std::string text = p::encode_welcome(w, s.meeting, true, online, 1);
  INFO(text);
  const std::string errors = check_message(text);
  INFO(errors);
  CHECK(errors.empty());
  return json::parse(text);
}

std::set<std::string> note_ids(const json& snapshot) {
  std::set<std::string> ids;
  for (const auto& n : snapshot.at("notes")) ids.insert(n.at("note_id").get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("events of the step kinds and tools, built directly, validate", "[encoder][kinds]") {
  using namespace d::chg;
  const d::note question{nid("q1"), "mem_sem", 4, "Wie was erbij?", 1732301500000, "", "", {}};
  d::note proposal{nid("p1"), "mem_anne", 2, "Hoe houd ik de regie?", 1732300900000, "", "", {}};
  proposal.title = "Daan en school";
  d::note top{nid("e1"), "mem_anne", 9, "Fijne sfeer", 1732303000000, "", "top", {}};
  d::note marked = question;
  marked.m = d::marks{true, d::rating::warm, true, false};
  const d::turn_round rnd{4, {"mem_fac", "mem_anne", "mem_sem"}, 2, 3};
  const d::turn_round empty_round{4, {}, 0, 1};
  const d::progress after{9, "mem_anne", 1, false};

  const std::vector<d::change_body> bodies = {
      step_changed{4, rnd},
      step_changed{4, empty_round},
      presenter_appointed{std::string("mem_fatima"), std::nullopt},
      presenter_appointed{std::string("mem_fatima"), nid("p1")},
      presenter_appointed{std::nullopt, std::nullopt},
      presenter_consent{"mem_fatima", true},
      presenter_consent{"mem_fatima", false},
      note_saved{proposal, {2, "mem_anne", 1, false}},
      note_saved{top, {9, "mem_anne", 1, false}},
      revealed{2, {proposal}, false},
      revealed{7, {marked, question}, true},
      revealed{7, {}, true},
      vote_cast{"mem_sem", nid("p1"), 3},
      vote_cast{"mem_sem", nid("p1"), 0},
      question_asked{question, rnd},
      turn_changed{rnd},
      turn_changed{empty_round},
      note_marked{question.note_id, 4, marked.m},
      note_marked{question.note_id, 4, d::marks{}},
      note_marked{question.note_id, 5, d::marks{false, d::rating::cold, false, true}},
      rated{"mem_anne", 9, 1, after},
      rated{"mem_anne", 9, 5, after},
      auto_reveal_set{8, true},
      auto_reveal_set{8, false},
      roles_changed{{{"mem_fac", d::role::participant}, {"mem_anne", d::role::facilitator}}},
      member_removed{"mem_joost"},
      meeting_ended{},
  };
  std::set<std::string> types;
  std::uint64_t seq = 40;
  for (const auto& body : bodies) {
    const d::change c{++seq, 1732300000000, "mem_fac", body};
    const auto t = check_both_views(c);
    types.insert(t.begin(), t.end());
  }
  for (const char* t :
       {"step_changed", "presenter_appointed", "presenter_consent", "note_saved", "revealed",
        "vote_cast", "question_asked", "turn_changed", "note_marked", "rated", "note_progress",
        "auto_reveal_set", "roles_changed", "member_removed", "meeting_ended"}) {
    INFO(t);
    CHECK(types.count(t) == 1);
  }

  SECTION("presenter first: the presenter gets the notes, everyone else only that she has them") {
    const d::change c{50, 1, "mem_fac", revealed{7, {marked, question}, true}};
    const json full = encoded(c, p::view::full);
    CHECK(full.at("data").at("to") == "presenter");
    CHECK(full.at("data").at("notes").size() == 2);
    const json pub = encoded(c, p::view::public_only);
    CHECK(pub.at("type") == "revealed");
    CHECK(pub.at("data").at("to") == "presenter");
    CHECK_FALSE(pub.at("data").contains("notes"));
    // The second reveal carries the notes for everyone.
    const d::change second{51, 1, "mem_fac", revealed{7, {marked, question}, false}};
    const json all = encoded(second, p::view::public_only);
    CHECK(all.at("data").at("to") == "everyone");
    CHECK(all.at("data").at("notes").size() == 2);
  }
  SECTION("rated: its public form is note_progress, without the score") {
    const d::change c{52, 1, "mem_anne", rated{"mem_anne", 9, 4, after}};
    CHECK(encoded(c, p::view::full).at("type") == "rated");
    const json pub = encoded(c, p::view::public_only);
    CHECK(pub.at("type") == "note_progress");
    CHECK_FALSE(pub.at("data").contains("score"));
  }
  SECTION("a cleared presenter has no consent and no case") {
    const json j =
        encoded(d::change{53, 1, "mem_fac", presenter_appointed{std::nullopt, std::nullopt}},
                p::view::full);
    CHECK(j.at("data").at("consent").is_null());
    CHECK(j.at("data").at("case_note_id").is_null());
  }
}

TEST_CASE("a meeting that used every step kind and tool: events, snapshots and evaluation validate",
          "[encoder][kinds]") {
  scenario s(every_kind_method());
  s.meeting.set_recall(d::recall{"Bijeenkomst 2",
                                 std::string("Anne Jansen"),
                                 std::make_pair(std::string("Daan en de mentor"),
                                                std::string("Hoe werk ik samen met de mentor?")),
                                 {{"Anne Jansen", true, "Een vast moment in de week."},
                                  {"Sem", false, "Vaker vragen hoe het gaat."}}});
  s.join(kFac, "Marieke de Vries", d::category::professional, d::role::facilitator);
  s.join(kAnne, "Anne Jansen", d::category::parent, d::role::participant);
  s.join(kSem, "Sem", d::category::young_person, d::role::participant);
  s.join(kFatima, "Fatima El Amrani", d::category::teacher, d::role::participant);
  s.join(kJoost, "Joost Bakker", d::category::student, d::role::participant);
  const std::set<std::string> online{kFac, kAnne, kSem, kFatima};
  namespace cmd = d::cmd;

  // 0 recall, 1 check-in: shared notes.
  s.run(kAnne, cmd::note_save{nid("recall"), "Het gesprek met school is gelukt."});
  s.run(kFac, cmd::set_step{1});
  s.run(kSem, cmd::note_save{nid("checkin"), "Moe maar blij 😊"});
  // 2 case choice: proposals with titles, auto reveal on and off, reveal, votes, a presenter who
  // declines and one who consents.
  s.run(kFac, cmd::set_step{2});
  s.run(kAnne, cmd::note_save{nid("p1"), "Hoe houd ik de regie bij?", "Daan en school"});
  s.run(kFatima, cmd::note_save{nid("p2"), "Hoe spreek ik een collega aan?", "Een collega"});
  s.run(kFatima, cmd::set_done{true});
  s.run(kFac, cmd::set_auto_reveal{true});
  s.run(kFac, cmd::set_auto_reveal{false});
  s.run(kFac, cmd::reveal{});
  s.run(kSem, cmd::vote{nid("p2"), 2});
  s.run(kAnne, cmd::vote{nid("p2"), 1});
  s.run(kJoost, cmd::vote{nid("p1"), 3});
  s.run(kJoost, cmd::vote{nid("p1"), 0});
  s.run(kJoost, cmd::vote{nid("p2"), 1});
  s.run(kFac, cmd::appoint_presenter{kAnne, nid("p1")});
  s.run(kAnne, cmd::consent{false});
  s.run(kFac, cmd::appoint_presenter{kFatima, nid("p2")});
  {
    // Consent pending, in the snapshot too.
    const json w = welcome_for(s, kSem, online);
    CHECK(snapshot_of(w).at("presenter_consent") == "pending");
    CHECK(snapshot_of(w).at("case_note_id") == nid("p2"));
  }
  s.run(kFatima, cmd::consent{true});
  // 3 present: jottings for their author only.
  s.run(kFac, cmd::set_step{3});
  s.run(kFac, cmd::note_save{nid("jotfac"), "Vraag naar de teamleider."});
  s.run(kSem, cmd::note_save{nid("jotsem"), "Wie is die collega?"});
  // 4 question round: the round starts, turns pass, questions are asked, skipped, reordered,
  // and marked by the presenter; a timer runs.
  s.run(kFac, cmd::set_step{4});
  s.run(kFac, cmd::timer_start{});
  s.run(kFac, cmd::pass{});
  s.run(kAnne, cmd::ask{nid("q1"), "Wat wil je bereiken?"});
  s.run(kSem, cmd::ask{nid("q2"), "Wie was erbij?"});
  s.run(kFac, cmd::turn_skip{});
  s.run(kFac, cmd::turn_order{{kSem, kAnne, kJoost}});
  s.run(kFatima, cmd::note_mark{nid("q1"), true, d::rating::warm, std::nullopt, std::nullopt});
  s.run(kFatima, cmd::note_mark{nid("q1"), std::nullopt, std::nullopt, true, std::nullopt});
  s.run(kFatima,
        cmd::note_mark{nid("q2"), std::nullopt, d::rating::lukewarm, std::nullopt, std::nullopt});
  s.run(kFatima,
        cmd::note_mark{nid("q2"), std::nullopt, d::rating::none, std::nullopt, std::nullopt});
  // 6 discussion, the presenter listening.
  s.run(kFac, cmd::set_step{6});
  s.run(kAnne, cmd::note_save{nid("gossip"), "Ik denk dat het al lang speelt."});
  // 7 advice, presenter first: the presenter sees it, then everyone.
  s.run(kFac, cmd::set_step{7});
  s.run(kAnne, cmd::note_save{nid("adv1"), "Eerst samen koffie drinken?"});
  s.run(kSem, cmd::note_save{nid("adv2"), "Vraag de teamleider mee te denken."});
  s.run(kFac, cmd::reveal{});
  {
    const d::change& first = s.log.back();
    REQUIRE(std::get<d::chg::revealed>(first.body).to_presenter);
    const json full = encoded(first, p::view::full);
    const json pub = encoded(first, p::view::public_only);
    CHECK(full.at("data").at("notes").size() == 2);
    CHECK_FALSE(pub.at("data").contains("notes"));
    const json presenter = welcome_for(s, kFatima, online);
    CHECK(snapshot_of(presenter).at("presenter_revealed_steps") == json::array({7}));
    CHECK(note_ids(snapshot_of(presenter)).count(nid("adv1")) == 1);
    const json other = welcome_for(s, kFac, online);
    CHECK(note_ids(snapshot_of(other)).count(nid("adv1")) == 0);
  }
  s.run(kFac, cmd::reveal{});
  // 5 react (going back): the presenter marks what touches most.
  s.run(kFac, cmd::set_step{5});
  s.run(kFatima, cmd::note_mark{nid("adv1"), std::nullopt, std::nullopt, std::nullopt, true});
  s.run(kFatima, cmd::note_mark{nid("adv2"), std::nullopt, std::nullopt, std::nullopt, true});
  // 8 takeaways, revealed by the server when everyone online is done (R25).
  s.run(kFac, cmd::set_step{8});
  s.run(kFac, cmd::set_auto_reveal{true});
  CHECK(snapshot_of(welcome_for(s, kAnne, online)).at("auto_reveal_steps") == json::array({8}));
  s.run(kFatima, cmd::note_save{nid("take1"), "Ik plan deze week een gesprek."});
  s.run(kAnne, cmd::note_save{nid("take2"), "Eerder vragen wat iemand wil."});
  s.run(kFatima, cmd::set_done{true});
  s.run(kAnne, cmd::set_done{true});
  s.run(kSem, cmd::set_done{true});
  {
    auto due = s.meeting.auto_reveal_due(online);
    REQUIRE(due.has_value());
    s.commit(d::server_actor, *due);
  }
  // 9 evaluation: tops and tips and ratings, for the author and the facilitator.
  s.run(kFac, cmd::set_step{9});
  s.run(kAnne, cmd::note_save{nid("top"), "Fijn dat iedereen aan de beurt kwam.", "", "top"});
  s.run(kSem, cmd::note_save{nid("tip"), "Meer tijd voor de adviezen.", "", "tip"});
  s.run(kSem, cmd::note_save{nid("gone"), "Toch niet", "", "tip"});
  s.run(kSem, cmd::note_delete{nid("gone")});
  s.run(kFac, cmd::note_save{nid("evalfac"), "Rustig tempo."});
  s.run(kAnne, cmd::rate{4});
  s.run(kSem, cmd::rate{5});
  s.run(kSem, cmd::set_done{true});
  // 10 reflection; 11 more advice, revealed to the presenter only.
  s.run(kFac, cmd::set_step{10});
  s.run(kAnne, cmd::note_save{nid("refl"), "Ik wil snel advies geven."});
  s.run(kFac, cmd::set_step{11});
  s.run(kSem, cmd::note_save{nid("adv3"), "Schrijf het gesprek uit."});
  s.run(kFac, cmd::reveal{});
  // The tools: hand over, remove, end.
  s.run(kFac, cmd::hand_facilitation{kAnne});
  s.run(kAnne, cmd::remove_member{kJoost});
  s.run(kAnne, cmd::set_step{12});
  s.run(kAnne, cmd::end_meeting{});

  std::set<std::string> types;
  for (const auto& c : s.log) {
    const auto t = check_both_views(c);
    types.insert(t.begin(), t.end());
    // Who sees the full form is the room's business; whatever they get validates. The public
    // form of a presenter-first reveal has no notes, of a rating no score.
    if (const auto* r = std::get_if<d::chg::revealed>(&c.body); r && r->to_presenter) {
      CHECK_FALSE(encoded(c, p::view::public_only).at("data").contains("notes"));
    }
    if (std::holds_alternative<d::chg::rated>(c.body)) {
      CHECK(encoded(c, p::view::public_only).at("type") == "note_progress");
    }
  }
  for (const char* t : {"member_joined", "step_changed", "presenter_appointed", "presenter_consent",
                        "note_saved", "note_deleted", "note_progress", "revealed", "timer_changed",
                        "vote_cast", "question_asked", "turn_changed", "note_marked", "rated",
                        "auto_reveal_set", "roles_changed", "member_removed", "meeting_ended"}) {
    INFO(t);
    CHECK(types.count(t) == 1);
  }

  SECTION("the welcome snapshot of every member, the removed one included") {
    for (const auto& m : {kFac, kAnne, kSem, kFatima, kJoost}) {
      INFO(m);
      const json w = welcome_for(s, m, online);
      const json& snap = snapshot_of(w);
      CHECK(snap.at("ended") == true);
      CHECK(snap.at("presenter_consent") == "given");
      CHECK(snap.at("case_note_id") == nid("p2"));
      // Step 7 went to the presenter first, then to everyone; step 11 only to the presenter.
      CHECK(snap.at("presenter_revealed_steps") == json::array({7, 11}));
      CHECK(snap.at("revealed_steps") == json::array({2, 7, 8}));
      CHECK(snap.at("auto_reveal_steps").empty());  // the reveal switched it off
      CHECK(snap.at("votes").size() == 2);          // the removed member's votes are gone
      REQUIRE(snap.at("rounds").size() == 1);
      CHECK(snap.at("rounds")[0].at("order") == json::array({kSem, kAnne}));  // Joost removed
      CHECK(snap.at("recall").at("case").at("title") == "Daan en de mentor");
      const auto ids = note_ids(snap);
      // Shared steps and revealed steps: everyone.
      for (const char* tag : {"recall", "checkin", "p1", "q1", "gossip", "adv1", "take1", "refl"}) {
        INFO(tag);
        CHECK(ids.count(nid(tag)) == 1);
      }
      // Jottings: the author only. Evaluation notes: the author and the facilitator (Anne now).
      CHECK(ids.count(nid("jotfac")) == (m == kFac ? 1u : 0u));
      CHECK(ids.count(nid("jotsem")) == (m == kSem ? 1u : 0u));
      CHECK(ids.count(nid("tip")) == (m == kSem || m == kAnne ? 1u : 0u));
      CHECK(ids.count(nid("evalfac")) == (m == kFac || m == kAnne ? 1u : 0u));
      // Revealed to the presenter only: the presenter and the author.
      CHECK(ids.count(nid("adv3")) == (m == kFatima || m == kSem ? 1u : 0u));
      CHECK(snap.at("ratings").size() == (m == kAnne ? 2u : m == kSem ? 1u : 0u));
      const auto& members = snap.at("members");
      const auto joost = std::find_if(members.begin(), members.end(),
                                      [&](const json& j) { return j.at("member_id") == kJoost; });
      REQUIRE(joost != members.end());
      CHECK(joost->value("removed", false));
    }
  }

  SECTION("the coordinator's evaluation report") {
    const json report = json::parse(p::encode_evaluation(s.meeting));
    INFO(report.dump());
    const std::string errors = validate(schemas::get().at("http_evaluation_response.json"), report);
    INFO(errors);
    CHECK(errors.empty());
    REQUIRE(report.at("steps").size() == 1);
    CHECK(report.at("steps")[0].at("ratings").size() == 2);
    CHECK(report.at("steps")[0].at("notes").size() == 3);
    CHECK(report.at("ended") == true);
  }
}

TEST_CASE("the evaluation report of a meeting without evaluation steps validates", "[encoder]") {
  scenario s;
  s.join("mem_fac", "Marieke", d::category::teacher, d::role::facilitator);
  const json report = json::parse(p::encode_evaluation(s.meeting));
  CHECK(report.at("steps").empty());
  CHECK(validate(schemas::get().at("http_evaluation_response.json"), report).empty());
}
