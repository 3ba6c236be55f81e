#pragma once
// Small builders shared by the unit tests: a method from step kinds, a meeting with members,
// and a way to run a command through decide() + apply() as the room does.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "domain/change.hpp"
#include "domain/meeting.hpp"
#include "domain/method.hpp"

namespace intervisie::unit {

namespace d = intervisie::domain;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

// prefix + number. Built by appending: GCC 12 warns (-Wrestrict, a false positive, bug 105329)
// on `"literal" + std::string`, and the test build uses -Werror.
inline std::string numbered(std::string prefix, std::uint64_t n) {
  prefix.append(std::to_string(n));
  return prefix;
}

inline d::method make_method(const std::vector<d::step_kind>& kinds) {
  d::method m{"test_method", {"Test", "Test"}, {}};
  for (auto k : kinds) m.steps.push_back(d::step{k, {"t", "t"}, {"i", "i"}, std::nullopt});
  return m;
}

// info, write, info, write: enough to test steps of both kinds and going back.
inline d::method standard_method() {
  using k = d::step_kind;
  return make_method({k::info, k::private_write, k::info, k::private_write});
}

inline d::member make_member(const std::string& id, d::role r = d::role::participant) {
  return d::member{id, "Name " + id, d::category::teacher, r};
}

// A valid client note id: "note:", the tag, "-" (so "n1" and "n10" stay distinct), padding
// up to the 16 characters the protocol asks for. Tags must not contain "-".
inline std::string note_id(const std::string& tag) {
  std::string s = "note:" + tag + "-";
  while (s.size() < 5 + 16) s.push_back('0');
  return s;
}

// A meeting with a facilitator "fac" and participants "ann", "bob", "cat" (in that join order).
class fixture {
public:
  // `on_change` sees every applied change (e.g. to record it in a store).
  using listener = std::function<void(const d::change&)>;
  explicit fixture(d::method m = standard_method(), listener on_change = {})
      : mt({"mtg_1", "grp_1", "Meeting", "Group", "Agreement"}, std::move(m)),
        on_change_(std::move(on_change)) {
    join(make_member("fac", d::role::facilitator));
    join(make_member("ann"));
    join(make_member("bob"));
    join(make_member("cat"));
  }

  void join(const d::member& m) {
    auto dec = mt.decide_join(m);
    REQUIRE(std::holds_alternative<d::change_body>(dec));
    apply(d::change{mt.seq() + 1, now, m.member_id, std::get<d::change_body>(dec)});
  }

  // Decides and, when the command changes something, applies it. Returns the decision.
  d::meeting::decision run(const std::string& actor, const d::command& c) {
    ++now;
    auto dec = mt.decide(actor, c, now);
    if (auto* body = std::get_if<d::change_body>(&dec)) {
      apply(d::change{mt.seq() + 1, now, actor, *body});
    }
    return dec;
  }

  // Runs a command that must be accepted and change something.
  d::change_body ok(const std::string& actor, const d::command& c) {
    auto dec = run(actor, c);
    INFO("expected a change, got " << describe(dec));
    REQUIRE(std::holds_alternative<d::change_body>(dec));
    return std::get<d::change_body>(dec);
  }

  static std::string describe(const d::meeting::decision& dec) {
    return std::visit(
        overloaded{
            [](const d::change_body& b) { return numbered("change #", b.index()); },
            [](const d::error& e) { return "error " + std::string(d::to_string(e.code)); },
            [](const d::meeting::no_change&) { return std::string("no_change"); },
        },
        dec);
  }

  d::meeting mt;
  std::int64_t now = 1000;

private:
  void apply(const d::change& c) {
    mt.apply(c);
    if (on_change_) on_change_(c);
  }
  listener on_change_;
};

inline bool is_no_change(const d::meeting::decision& dec) {
  return std::holds_alternative<d::meeting::no_change>(dec);
}

// The error code of a refused decision; fails the test if it was not refused.
inline d::error_code error_of(const d::meeting::decision& dec) {
  INFO("expected an error, got " << fixture::describe(dec));
  REQUIRE(std::holds_alternative<d::error>(dec));
  return std::get<d::error>(dec).code;
}

}  // namespace intervisie::unit
