// protocol/method_json: the shipped methods parse, survive a round trip, and have the step kinds
// their seeds describe; a malformed method file is refused with a reason. The parser and
// protocol/schemas/method.json agree: every example parses, every invalid example is refused.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/method.hpp"
#include "protocol/method_json.hpp"
#include "support.hpp"

using namespace intervisie::unit;
using nlohmann::json;
namespace proto = intervisie::protocol;
namespace fs = std::filesystem;
using k = d::step_kind;

namespace {

const d::method& shipped(const std::string& method_id) {
  static const std::vector<d::method> methods = proto::load_embedded_methods();
  const d::method* m = d::find_method(methods, method_id);
  if (!m) throw std::runtime_error("no shipped method " + method_id);
  return *m;
}

void check_same(const d::method& a, const d::method& b) {
  CHECK(a.method_id == b.method_id);
  CHECK(a.title.nl == b.title.nl);
  CHECK(a.title.en == b.title.en);
  CHECK(a.first_step_number == b.first_step_number);
  REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    INFO("step " << i);
    const auto& x = a.steps[i];
    const auto& y = b.steps[i];
    CHECK(x.kind == y.kind);
    CHECK(x.title.nl == y.title.nl);
    CHECK(x.title.en == y.title.en);
    CHECK(x.instructions.nl == y.instructions.nl);
    CHECK(x.instructions.en == y.instructions.en);
    CHECK(x.timebox_minutes == y.timebox_minutes);
    CHECK(x.optional == y.optional);
    CHECK(x.reveal == y.reveal);
    CHECK(x.presenter_listens == y.presenter_listens);
  }
}

// A valid method with one private_write step; tests change one thing in it.
json good_method() {
  return json::parse(R"({
    "method_id": "proef",
    "title": {"nl": "Proef", "en": "Trial"},
    "source": "tests",
    "steps": [{
      "kind": "private_write",
      "title": {"nl": "Stap 3 — Vragen noteren", "en": "Step 3 — Writing down questions"},
      "instructions": {"nl": "Schrijf je vragen op.", "en": "Write down your questions."},
      "timebox_minutes": 5
    }]
  })");
}

// The reason parse_method gives for refusing `j`, or "" when it accepts it.
std::string refusal(const json& j) {
  try {
    proto::parse_method(j.dump());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<k> kinds_of(const std::vector<d::step>& steps) {
  std::vector<k> out;
  for (const auto& s : steps) out.push_back(s.kind);
  return out;
}

}  // namespace

TEST_CASE("every shipped method parses and survives a round trip", "[method_json]") {
  const auto files = proto::embedded_method_files();
  REQUIRE(files.size() == 4);
  for (auto text : files) {
    const d::method m = proto::parse_method(text);
    INFO(m.method_id);
    for (const auto& s : m.steps) {
      INFO(s.title.nl);
      CHECK_FALSE(s.title.nl.empty());
      CHECK_FALSE(s.title.en.empty());
      CHECK_FALSE(s.instructions.nl.empty());
      CHECK_FALSE(s.instructions.en.empty());
    }
    const json out = proto::method_to_json(m);
    const d::method again = proto::parse_method(out.dump());
    check_same(m, again);
    // Serialising again gives the same JSON.
    CHECK(proto::method_to_json(again) == out);
  }
  for (const char* id : {"buiten_je_bubbel", "roddelmethode", "incidentmethode", "bovv"}) {
    INFO(id);
    CHECK_NOTHROW(shipped(id));
  }
}

TEST_CASE("options are written only when they differ from their defaults", "[method_json]") {
  d::method m{"proef", {"Proef", "Trial"}, {}};
  d::step plain{k::takeaways, {"Mee", "Along"}, {"Schrijf.", "Write."}, std::nullopt};
  d::step full = plain;
  full.timebox_minutes = 5;
  full.optional = true;
  full.reveal = d::reveal_mode::presenter_first;
  full.presenter_listens = true;
  m.steps = {plain, full};
  const json out = proto::method_to_json(m);
  const json& a = out.at("steps").at(0);
  CHECK(a.at("kind") == "takeaways");
  for (const char* field : {"timebox_minutes", "optional", "reveal", "presenter_listens"}) {
    INFO(field);
    CHECK_FALSE(a.contains(field));
  }
  const json& b = out.at("steps").at(1);
  CHECK(b.at("timebox_minutes") == 5);
  CHECK(b.at("optional") == true);
  CHECK(b.at("reveal") == "presenter_first");
  CHECK(b.at("presenter_listens") == true);
  CHECK(out.at("first_step_number") == 1);
  check_same(m, proto::parse_method(out.dump()));
}

TEST_CASE("every step kind parses and is written back by name", "[method_json]") {
  const std::vector<std::string> names = {
      "info",          "check_in",       "recall",   "case_choice", "present",
      "private_write", "question_round", "react",    "discussion",  "takeaways",
      "reflection",    "evaluation",     "check_out"};
  for (const auto& name : names) {
    INFO(name);
    json j = good_method();
    j["steps"][0]["kind"] = name;
    const d::method m = proto::parse_method(j.dump());
    CHECK(d::to_string(m.steps.at(0).kind) == name);
    CHECK(proto::method_to_json(m).at("steps").at(0).at("kind") == name);
  }
  // reveal is accepted on the three revealed kinds.
  for (const char* name : {"case_choice", "private_write", "takeaways"}) {
    INFO(name);
    json j = good_method();
    j["steps"][0]["kind"] = name;
    j["steps"][0]["reveal"] = "presenter_first";
    CHECK(proto::parse_method(j.dump()).steps.at(0).reveal == d::reveal_mode::presenter_first);
    j["steps"][0]["reveal"] = "everyone";
    CHECK(proto::parse_method(j.dump()).steps.at(0).reveal == d::reveal_mode::everyone);
  }
}

TEST_CASE("a malformed method is refused with the reason", "[method_json]") {
  REQUIRE(refusal(good_method()).empty());
  const auto refused_for = [](const json& j, const std::string& reason) {
    const std::string why = refusal(j);
    INFO(j.dump());
    INFO("reason: " << why);
    CHECK(why.find(reason) != std::string::npos);
  };

  SECTION("unknown kind") {
    json j = good_method();
    j["steps"][0]["kind"] = "whiteboard";
    refused_for(j, "unknown step kind 'whiteboard'");
    j["steps"][0]["kind"] = 3;
    refused_for(j, "kind: is not a string");
    j["steps"][0].erase("kind");
    refused_for(j, "'kind' is missing");
  }
  SECTION("timebox out of range") {
    json j = good_method();
    for (const json& bad : {json(0), json(241), json(-5), json(2.5), json("5"), json(1e12)}) {
      INFO(bad.dump());
      j["steps"][0]["timebox_minutes"] = bad;
      refused_for(j, "timebox_minutes: must be a whole number of 1 to 240 minutes");
    }
    j["steps"][0]["timebox_minutes"] = 240;
    CHECK(refusal(j).empty());
    j["steps"][0]["timebox_minutes"] = 1;
    CHECK(refusal(j).empty());
  }
  SECTION("reveal on a kind that is not revealed") {
    for (const char* kind : {"info", "discussion", "present", "question_round", "evaluation",
                             "check_in", "reflection"}) {
      INFO(kind);
      json j = good_method();
      j["steps"][0]["kind"] = kind;
      j["steps"][0]["reveal"] = "everyone";
      refused_for(j, "step is not revealed");
    }
    json j = good_method();
    j["steps"][0]["reveal"] = "facilitator_first";
    refused_for(j, "reveal: must be \"everyone\" or \"presenter_first\"");
  }
  SECTION("no steps") {
    json j = good_method();
    j["steps"] = json::array();
    refused_for(j, "a method needs at least one step");
    j.erase("steps");
    refused_for(j, "'steps' is missing");
  }
  SECTION("too many steps") {
    json j = good_method();
    const json step = j["steps"][0];
    while (j["steps"].size() < 60) j["steps"].push_back(step);
    CHECK(refusal(j).empty());
    j["steps"].push_back(step);
    refused_for(j, "a method has at most 60 steps, not 61");
  }
  SECTION("empty or missing titles") {
    json j = good_method();
    j["steps"][0]["title"]["nl"] = "";
    refused_for(j, "steps[0].title.nl: is empty");
    j["steps"][0]["title"]["nl"] = " \t ";
    refused_for(j, "steps[0].title.nl: is empty");
    j["steps"][0]["title"]["nl"] = std::string(121, 'x');
    refused_for(j, "steps[0].title.nl: is longer than 120 characters");
    j = good_method();
    j["steps"][0]["title"].erase("en");
    refused_for(j, "steps[0].title: 'en' is missing");
    j = good_method();
    j["title"]["en"] = "";
    refused_for(j, "method proef.title.en: is empty");
    j = good_method();
    j["steps"][0]["instructions"]["en"] = "";
    refused_for(j, "steps[0].instructions.en: is empty");
  }
  SECTION("unknown fields; only the method's source is for people") {
    json j = good_method();
    j["steps"][0]["canvas"] = true;
    refused_for(j, "steps[0]: unknown field 'canvas'");
    j = good_method();
    j["steps"][0]["board"] = "private";  // a board option on a step that is no board (R31)
    refused_for(j, "steps[0].board: only a board step has it");
    j = good_method();
    j["steps"][0]["kind"] = "board";
    j["steps"][0]["board"] = "secret";
    refused_for(j, "must be \"shared\" or \"private\"");
    j["steps"][0]["board"] = "shared";
    j["steps"][0]["template"] = "family";
    refused_for(j, "must be \"relations\"");
    j = good_method();
    j["author"] = "x";
    refused_for(j, "unknown field 'author'");
    j = good_method();
    j["steps"][0]["title"]["de"] = "Schritt";
    refused_for(j, "unknown field 'de'");
  }
  SECTION("options of the wrong type") {
    json j = good_method();
    j["steps"][0]["optional"] = "yes";
    refused_for(j, "optional: is not true or false");
    j = good_method();
    j["steps"][0]["presenter_listens"] = 1;
    refused_for(j, "presenter_listens: is not true or false");
  }
  SECTION("every step optional") {
    json j = good_method();
    j["steps"][0]["optional"] = true;
    refused_for(j, "every step is optional");
  }
  SECTION("bad method_id, first_step_number, or not JSON") {
    json j = good_method();
    j["method_id"] = "a b";
    refused_for(j, "method_id: must be 1-64 characters");
    j = good_method();
    j["first_step_number"] = 2;
    refused_for(j, "first_step_number: must be 0 or 1");
    CHECK(refusal(json::array()).find("is not an object") != std::string::npos);
    try {
      proto::parse_method("{\"method_id\": ");
      FAIL("accepted half a method");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("malformed method") != std::string::npos);
    }
  }
}

TEST_CASE("the parser agrees with protocol/schemas/method.json on its examples", "[method_json]") {
  const fs::path examples = fs::path(INTERVISIE_PROTOCOL_DIR) / "examples";
  const json valid = json::parse(read_file(examples / "method.json"));
  REQUIRE(valid.is_array());
  for (const auto& m : valid) {
    INFO(m.dump());
    CHECK(refusal(m).empty());
  }
  std::size_t invalid = 0;
  for (const auto& entry : fs::directory_iterator(examples / "invalid")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("method.", 0) != 0) continue;
    INFO(name);
    CHECK_THROWS_AS(proto::parse_method(read_file(entry.path())), std::invalid_argument);
    ++invalid;
  }
  CHECK(invalid >= 10);
}

TEST_CASE("buiten je bubbel: Stap 0-10 in order, three variations, an optional check-out",
          "[method_json]") {
  const d::method& m = shipped("buiten_je_bubbel");
  CHECK(m.first_step_number == 0);
  std::vector<d::step> required, optional;
  for (const auto& s : m.steps) (s.optional ? optional : required).push_back(s);
  REQUIRE(required.size() == 11);
  CHECK(kinds_of(required) == std::vector<k>{k::recall, k::present, k::present, k::private_write,
                                             k::question_round, k::private_write, k::react,
                                             k::discussion, k::takeaways, k::reflection,
                                             k::evaluation});
  for (std::size_t n = 0; n < required.size(); ++n) {
    INFO("Stap " << n);
    CHECK(required[n].title.nl.rfind("Stap " + std::to_string(n) + " ", 0) == 0);
    CHECK(required[n].title.en.rfind("Step " + std::to_string(n) + " ", 0) == 0);
  }
  // Indexes 0-5 are Stap 0-5: nothing optional before them (the wire counts from index 0).
  for (std::size_t i = 0; i <= 5; ++i) CHECK_FALSE(m.steps.at(i).optional);
  CHECK(m.steps.at(3).kind == k::private_write);
  CHECK(m.steps.at(3).presenter_listens);
  CHECK(m.steps.at(5).kind == k::private_write);
  CHECK(m.steps.at(5).presenter_listens);
  CHECK_FALSE(m.steps.at(1).presenter_listens);

  // The seed's three creative variations follow Stap 5 as optional board steps (R31): each
  // alone on a private board (associations, the drawing), then the presenter in their
  // surroundings together, on the relations template.
  for (std::size_t i = 6; i <= 8; ++i) {
    INFO("index " << i);
    CHECK(m.steps.at(i).optional);
    CHECK(m.steps.at(i).kind == k::board);
    CHECK(m.steps.at(i).title.nl.rfind("Variatie", 0) == 0);
  }
  CHECK(m.steps.at(6).private_boards);
  CHECK(m.steps.at(7).private_boards);
  CHECK_FALSE(m.steps.at(8).private_boards);
  CHECK(m.steps.at(8).board_template == "relations");
  CHECK(d::is_revealed_step(m.steps.at(6)));
  CHECK_FALSE(d::is_revealed_step(m.steps.at(8)));
  // "De inbrenger doet dit zelf ook": the presenter writes associations too.
  CHECK_FALSE(m.steps.at(6).presenter_listens);
  CHECK(m.steps.at(6).instructions.nl.find("De inbrenger doet dit zelf ook") != std::string::npos);
  CHECK(m.steps.at(9).title.nl.rfind("Stap 6 ", 0) == 0);

  // Evaluation is the last step that is not optional; the check-out closes, optional.
  CHECK(required.back().kind == k::evaluation);
  CHECK(m.steps.back().kind == k::check_out);
  CHECK(m.steps.back().optional);
  CHECK(optional.size() == 4);

  // Stap 9 carries all five of the seed's leading questions, Stap 10 all four questions.
  const auto& reflect = required[9].instructions;
  for (const char* q : {"Wat is ieders rol", "Wat zijn de krachten van ieders positie",
                        "Wat kun je leren van elkaars rollen", "Welke van de conclusies",
                        "Hoe kunnen we onze conclusies met hen delen"}) {
    INFO(q);
    CHECK(reflect.nl.find(q) != std::string::npos);
  }
  CHECK(std::count(reflect.en.begin(), reflect.en.end(), '?') >= 5);
  const auto& eval = required[10].instructions;
  for (const char* q : {"Hoe heb je de bijeenkomst ervaren?", "Wat zit er nog dwars?",
                        "Hoe beviel de werkwijze/de gebruikte methode?",
                        "Wat neem je je concreet voor?", "tops en tips", "1 tot 5"}) {
    INFO(q);
    CHECK(eval.nl.find(q) != std::string::npos);
  }
  CHECK(eval.en.find("tops and tips") != std::string::npos);
}

TEST_CASE("roddel- and incidentmethode: six timed steps, the presenter listens to the roddel",
          "[method_json]") {
  for (const char* id : {"roddelmethode", "incidentmethode"}) {
    INFO(id);
    const d::method& m = shipped(id);
    CHECK(m.first_step_number == 1);
    std::vector<d::step> required;
    std::vector<std::uint32_t> minutes;
    for (const auto& s : m.steps) {
      if (s.optional) continue;
      required.push_back(s);
      minutes.push_back(s.timebox_minutes.value_or(0));
    }
    CHECK(minutes == std::vector<std::uint32_t>{5, 10, 10, 5, 5, 5});
    CHECK(kinds_of(required) == std::vector<k>{k::present, k::question_round, k::discussion,
                                               k::discussion, k::react, k::takeaways});
    const auto roddel = std::find_if(m.steps.begin(), m.steps.end(), [](const d::step& s) {
      return s.title.nl == "De groep roddelt";
    });
    REQUIRE(roddel != m.steps.end());
    CHECK(roddel->kind == k::discussion);
    CHECK(roddel->presenter_listens);
    // Only the roddel step silences the presenter.
    CHECK(std::count_if(m.steps.begin(), m.steps.end(),
                        [](const d::step& s) { return s.presenter_listens; }) == 1);
    CHECK(m.steps.front().kind == k::check_in);
    CHECK(m.steps.front().optional);
    CHECK(m.steps.back().kind == k::check_out);
    CHECK(m.steps.back().optional);
  }
}

TEST_CASE("bovv: the six steps twice, 30 minutes each", "[method_json]") {
  const d::method& m = shipped("bovv");
  REQUIRE(m.steps.size() == 12);
  const std::vector<k> round{k::case_choice, k::present,    k::question_round,
                             k::react,       k::discussion, k::takeaways};
  std::vector<k> both = round;
  both.insert(both.end(), round.begin(), round.end());
  CHECK(kinds_of(m.steps) == both);
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint32_t total = 0;
    for (std::size_t i = 0; i < 6; ++i) {
      const auto& s = m.steps.at(half * 6 + i);
      INFO(s.title.nl);
      CHECK_FALSE(s.optional);
      CHECK(s.title.nl.rfind(half == 0 ? "Praktijkcasus: Stap " : "Businesscasus: Stap ", 0) == 0);
      CHECK(s.title.nl.find("Stap " + std::to_string(i + 1) + " ") != std::string::npos);
      total += s.timebox_minutes.value_or(0);
    }
    CHECK(total == 30);
  }
}
