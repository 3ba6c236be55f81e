// What the server's encoder (server/src/protocol/codec.hpp) writes validates against the
// protocol's JSON Schemas: every event in both views (R20), welcome with and without a snapshot,
// error for every code, ack, pong, presence.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "domain/meeting.hpp"
#include "protocol/codec.hpp"
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
  d::meeting meeting{{"mtg_7Qk2vX9pLm", "grp_1", "Bijeenkomst 3", "Intervisiegroep Utrecht-Oost",
                      "Alles wat besproken wordt blijft binnen de groep."},
                     test_method()};
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
  for (int i = 0; i <= static_cast<int>(d::error_code::internal); ++i) {
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
