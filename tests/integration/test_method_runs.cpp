// Every shipped method (server/methods/*.json) run from its first step to its last by scripted
// clients: a facilitator and three participants, one of whom becomes the presenter. Each step is
// driven by its kind as read from the welcome snapshot (§4.2, R23-R29), so the test follows the
// method files: it does what the kind allows and checks what it forbids. Then the meeting ends
// (R30), the coordinator reads the evaluation (R29), and the group's next meeting recalls this one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

namespace {

// Members by index: the facilitator, two participants, and the presenter-to-be. The presenter
// joins last, so "the presenter's first" (takeaways) differs from join order.
constexpr std::size_t F = 0, A = 1, B = 2, PRES = 3;

std::string brief(const json& j) {
  std::string s = j.dump();
  return s.size() > 700 ? s.substr(0, 700) + "..." : s;
}

bool is_revealed_kind(const std::string& kind) {
  return kind == "case_choice" || kind == "private_write" || kind == "takeaways";
}

bool is_shared_kind(const std::string& kind) {
  return kind == "check_in" || kind == "check_out" || kind == "recall" || kind == "discussion" ||
         kind == "reflection";
}

class method_run {
public:
  explicit method_run(const std::string& method_id)
      : method_id_(method_id), f(3, {"--rate-limit", "0"}, true, method_id) {
    ws_ = {&f.fac(), &f.part(0), &f.part(1), &f.part(2)};
    members_ = {f.facilitator, f.participants[0], f.participants[1], f.participants[2]};
    seq_ = f.seq;
    // The method as the members see it: a second device of the facilitator (already online, so
    // nobody hears of it) reads the snapshot.
    json welcome;
    auto probe = f.connect(f.facilitator, std::nullopt, &welcome);
    const json& snap = welcome.at("data").at("snapshot");
    method_ = snap.at("meeting").at("method");
    REQUIRE(method_.at("method_id") == method_id);
    CHECK(snap.at("step_index") == 0);
    CHECK(snap.at("presenter_id").is_null());
    CHECK(snap.at("ended") == false);
    // The group's first meeting has nothing to recall.
    CHECK(snap.at("recall").is_null());
    probe->close();
  }

  void run() {
    const json& steps = method_.at("steps");
    REQUIRE(!steps.empty());
    const bool has_case_choice = std::any_of(
        steps.begin(), steps.end(), [](const json& s) { return s["kind"] == "case_choice"; });
    if (!has_case_choice) {
      INFO("appointing the presenter before step 0");
      appoint(std::nullopt);
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const json& s = steps[i];
      const std::string kind = s.at("kind").get<std::string>();
      INFO(method_id_ << " step " << i << " (" << kind
                      << (s.value("optional", false) ? ", optional" : "")
                      << (s.value("presenter_listens", false) ? ", presenter listens" : "") << ")");
      if (i > 0) enter_step(i, kind);
      step_ = i;
      start_timer(s);
      check_permissions(s, kind);
      if (is_shared_kind(kind)) {
        shared_step(s);
      } else if (kind == "present") {
        present_step();
      } else if (is_revealed_kind(kind)) {
        revealed_step(s, kind);
      } else if (kind == "question_round") {
        question_round();
      } else if (kind == "react") {
        react_step();
      } else if (kind == "evaluation") {
        evaluation_step();
      } else if (kind == "board") {
        board_step(s);
      } else {
        CHECK(kind == "info");  // nothing is written in an info step
      }
    }
    finish();
  }

private:
  // ---- the wire ----

  const std::string& id(std::size_t who) const { return members_[who].member_id; }
  const std::string& name(std::size_t who) const { return members_[who].name; }

  std::string unique_text(std::size_t who, const std::string& what) {
    std::ostringstream out;
    out << method_id_ << "-stap" << step_ << "-" << what << "-van-" << who << "-" << ++counter_;
    return out.str();
  }

  // A command that changes the meeting: the sender's reply is the event with the next seq (R16),
  // and every other member's next event carries that same seq, without a ref (R14). Returns each
  // member's view of it.
  std::vector<json> change(std::size_t who, const std::string& type, json extra,
                           const std::string& reply_type) {
    json reply = ws_[who]->request(type, f.data(std::move(extra)));
    INFO(name(who) << " sent " << type << ", reply " << brief(reply));
    REQUIRE(is_type(reply, reply_type));
    REQUIRE(seq_of(reply) == seq_ + 1);
    return fan_out(who, reply);
  }

  // Like change(), but a refusal is a failed CHECK and the run goes on.
  std::optional<std::vector<json>> try_change(std::size_t who, const std::string& type, json extra,
                                              const std::string& reply_type) {
    json reply = ws_[who]->request(type, f.data(std::move(extra)));
    INFO(name(who) << " sent " << type << ", reply " << brief(reply));
    CHECK(is_type(reply, reply_type));
    if (!is_type(reply, reply_type)) return std::nullopt;
    REQUIRE(seq_of(reply) == seq_ + 1);
    return fan_out(who, reply);
  }

  std::vector<json> fan_out(std::size_t who, const json& reply) {
    ++seq_;
    std::vector<json> views(ws_.size());
    for (std::size_t i = 0; i < ws_.size(); ++i) {
      if (i == who) {
        views[i] = reply;
        continue;
      }
      views[i] = next_event(*ws_[i]);
      INFO(name(i) << " got " << brief(views[i]));
      REQUIRE(seq_of(views[i]) == seq_);
      CHECK_FALSE(views[i].contains("ref"));
    }
    return views;
  }

  // A refused command: the error, and nothing changes (the next change's seq proves it).
  void refuse(std::size_t who, const std::string& type, json extra, const std::string& code) {
    json reply = ws_[who]->request(type, f.data(std::move(extra)));
    INFO(name(who) << " sent " << type << ", expected error " << code << ", got " << brief(reply));
    CHECK(is_error(reply, code));
  }

  static void expect_same(const std::vector<json>& views, const std::string& type) {
    for (const auto& v : views) {
      INFO(brief(v));
      CHECK(is_type(v, type));
      CHECK(v.at("data") == views[0].at("data"));
    }
  }

  void check_progress(const json& v, std::size_t author, int count, bool done) {
    INFO("expected note_progress of " << name(author) << ": " << brief(v));
    REQUIRE(is_type(v, "note_progress"));
    const json& d = v.at("data");
    CHECK(d.at("member_id") == id(author));
    CHECK(d.at("step_index") == step_);
    CHECK(d.at("note_count") == count);
    CHECK(d.at("done") == done);
    static const std::set<std::string> allowed = {"seq", "step_index", "member_id", "note_count",
                                                  "done"};
    for (const auto& item : d.items()) CHECK(allowed.count(item.key()) == 1);
  }

  // No frame any member outside `allowed` received so far contains `secret` (R20, R24, R29).
  void check_not_seen(const std::string& secret, const std::set<std::size_t>& allowed) {
    for (std::size_t i = 0; i < ws_.size(); ++i) {
      if (allowed.count(i)) continue;
      std::string leak;
      for (const auto& frame : ws_[i]->frames())
        if (frame.find(secret) != std::string::npos) leak = frame.substr(0, 500);
      INFO(name(i) << " received \"" << secret << "\" in: " << leak);
      CHECK(leak.empty());
    }
  }

  // ---- steps ----

  void enter_step(std::size_t i, const std::string& kind) {
    auto views = change(F, "set_step", {{"step_index", i}}, "step_changed");
    expect_same(views, "step_changed");
    const json& d = views[F].at("data");
    CHECK(d.at("step_index") == i);
    if (kind == "question_round") {
      // R27: everyone but the presenter, in join order; the first member's turn, lap 1.
      REQUIRE(d.contains("round"));
      std::vector<std::string> order;
      for (std::size_t m = 0; m < members_.size(); ++m)
        if (!presenter_ || *presenter_ != m) order.push_back(id(m));
      CHECK(d.at("round").at("step_index") == i);
      CHECK(d.at("round").at("order") == order);
      CHECK(d.at("round").at("position") == 0);
      CHECK(d.at("round").at("lap") == 1);
    } else {
      CHECK_FALSE(d.contains("round"));
    }
  }

  void start_timer(const json& s) {
    if (!s.contains("timebox_minutes")) {
      // R22: without a timebox the facilitator must give a duration.
      refuse(F, "timer_start", json::object(), "invalid_field");
      return;
    }
    const std::int64_t minutes = s.at("timebox_minutes").get<std::int64_t>();
    const std::int64_t before = ws_[F]->request("ping").at("data").at("server_time");
    auto views = change(F, "timer_start", json::object(), "timer_changed");
    expect_same(views, "timer_changed");
    const json& t = views[F].at("data").at("timer");
    CHECK(t.at("running") == true);
    CHECK(t.at("step_index") == step_);
    const std::int64_t ends_at = t.at("ends_at");
    CHECK(ends_at >= before + minutes * 60 * 1000);
    CHECK(ends_at < before + minutes * 60 * 1000 + 10 * 1000);
  }

  void check_permissions(const json& s, const std::string& kind) {
    // Only the facilitator leads (§4).
    refuse(A, "set_step", {{"step_index", 0}}, "forbidden");
    refuse(B, "reveal", json::object(), "forbidden");
    if (presenter_) refuse(*presenter_, "set_step", {{"step_index", 0}}, "forbidden");
    if (kind == "info" || kind == "react" || kind == "question_round" || kind == "board") {
      refuse(A, "note_save", {{"note_id", make_note_id()}, {"text", "past the rules"}},
             "wrong_step");
    }
    // (A board step takes no notes at all; board_step() checks the presenter's board changes.)
    if (presenter_ && kind != "board" &&
        (s.value("presenter_listens", false) || kind == "present")) {
      refuse(*presenter_, "note_save", {{"note_id", make_note_id()}, {"text", "I may not write"}},
             "forbidden");
      refuse(*presenter_, "set_done", {{"done", true}}, "forbidden");
    }
    const bool private_boards = kind == "board" && s.value("board", "shared") == "private";
    if (!is_revealed_kind(kind) && !private_boards) {
      refuse(F, "reveal", json::object(), "wrong_step");
      refuse(F, "set_auto_reveal", {{"on", true}}, "wrong_step");
    }
    if (kind != "evaluation") refuse(B, "rate", {{"score", 3}}, "wrong_step");
    if (kind != "question_round") refuse(A, "pass", json::object(), "wrong_step");
    if (kind != "case_choice") {
      refuse(A, "vote", {{"note_id", make_note_id()}, {"votes", 1}}, "wrong_step");
    }
  }

  // Who may write in this step (no one else is asked to).
  std::vector<std::size_t> writers(const json& s, bool with_facilitator) const {
    std::vector<std::size_t> out;
    if (with_facilitator) out.push_back(F);
    for (std::size_t m : {A, B, PRES}) {
      if (presenter_ && *presenter_ == m &&
          (s.value("presenter_listens", false) || s.at("kind") == "present"))
        continue;
      out.push_back(m);
    }
    return out;
  }

  // check_in, check_out, recall, discussion, reflection: everyone sees a note at once.
  void shared_step(const json& s) {
    for (std::size_t w : writers(s, true)) {
      const std::string note_id = make_note_id(), text = unique_text(w, "gedeeld");
      auto views = change(w, "note_save", {{"note_id", note_id}, {"text", text}}, "note_saved");
      for (const auto& v : views) {
        INFO(brief(v));
        REQUIRE(is_type(v, "note_saved"));
        CHECK(v.at("data").at("note").at("text") == text);
        CHECK(v.at("data").at("note").at("author_id") == id(w));
        CHECK(v.at("data").at("note").at("step_index") == step_);
      }
      public_notes_[step_].push_back(note_id);
    }
    // "I am done" is accepted in shared steps too.
    expect_same(change(A, "set_done", {{"done", true}}, "note_progress"), "note_progress");
  }

  // The presenter tells; the others' jottings are theirs alone, always.
  void present_step() {
    for (std::size_t w : writers(method_.at("steps")[step_], true)) {
      const std::string note_id = make_note_id(), text = unique_text(w, "aantekening");
      auto views = change(w, "note_save", {{"note_id", note_id}, {"text", text}}, "note_saved");
      CHECK(views[w].at("data").at("note").at("text") == text);
      for (std::size_t i = 0; i < views.size(); ++i)
        if (i != w) check_progress(views[i], w, 1, false);
      forever_private_.push_back({text, {w}});
      forever_private_.push_back({note_id, {w}});
    }
  }

  struct written {
    std::size_t author;
    std::string note_id, text, title;
  };

  // case_choice, private_write, takeaways: the author's until the reveal, then everyone's.
  // R31-R35: a shared board everyone draws on at once, or a private board each, revealed
  // together.
  void board_step(const json& s) {
    const bool priv = s.value("board", "shared") == "private";
    auto board_of = [&](std::size_t w) {
      return priv ? "p:" + std::to_string(step_) + ":" + id(w) : "s:" + std::to_string(step_);
    };
    auto sticky = [&](std::size_t w, const std::string& text) {
      json o = {{"id", "o:" + std::to_string(step_) + "x" + id(w).substr(4)},
                {"type", "sticky"},
                {"x", 10},
                {"y", 10},
                {"w", 100},
                {"h", 100},
                {"text", text},
                {"color", "yellow"}};
      return json{{"board_id", board_of(w)}, {"put", {o}}};
    };
    if (presenter_ && s.value("presenter_listens", false)) {
      refuse(*presenter_, "board_change", sticky(*presenter_, "luisteren"), "forbidden");
    }
    std::vector<std::pair<std::size_t, std::string>> drawn;
    for (std::size_t w : writers(s, false)) {
      const std::string text = unique_text(w, "bord");
      auto views = change(w, "board_change", sticky(w, text), "board_changed");
      for (std::size_t i = 0; i < views.size(); ++i) {
        INFO(name(i) << ": " << brief(views[i]));
        if (!priv || i == w) {
          CHECK(is_type(views[i], "board_changed"));
        } else {
          check_progress(views[i], w, 1, false);  // R35: who and how many, nothing else
        }
      }
      drawn.emplace_back(w, text);
    }
    if (!priv) return;
    for (const auto& [w, text] : drawn) check_not_seen(text, {w});
    if (!drawn.empty()) {
      const std::size_t other = drawn.front().first == A ? B : A;
      refuse(other, "board_change",
             json{{"board_id", board_of(drawn.front().first)}, {"delete", {"o:nothing0001"}}},
             "not_found");
    }
    auto views = change(F, "reveal", json::object(), "revealed");
    expect_same(views, "revealed");
    const auto& boards = views[F].at("data").at("boards");
    CHECK(boards.size() == drawn.size());
    for (std::size_t i = 0; i < drawn.size() && i < boards.size(); ++i) {
      CHECK(boards.at(i).at("owner_id") == id(drawn[i].first));
      CHECK(boards.at(i).at("objects").at(0).at("text") == drawn[i].second);
    }
    if (!drawn.empty()) {
      refuse(drawn.front().first, "board_change", sticky(drawn.front().first, "te laat"),
             "already_revealed");
    }
  }

  void revealed_step(const json& s, const std::string& kind) {
    std::vector<written> notes;
    for (std::size_t w : writers(s, false)) {
      written n{w, make_note_id(), unique_text(w, kind), {}};
      json extra = {{"note_id", n.note_id}, {"text", n.text}};
      if (kind == "case_choice") {
        n.title = "Casus " + std::to_string(counter_) + " van " + name(w);
        extra["title"] = n.title;
      }
      auto views = change(w, "note_save", extra, "note_saved");
      CHECK(views[w].at("data").at("note").at("text") == n.text);
      if (!n.title.empty()) CHECK(views[w].at("data").at("note").at("title") == n.title);
      for (std::size_t i = 0; i < views.size(); ++i)
        if (i != w) check_progress(views[i], w, 1, false);
      notes.push_back(n);
    }
    if (kind == "case_choice") {
      // R26: votes come after the reveal; an unrevealed proposal cannot be the case.
      refuse(A, "vote", {{"note_id", notes[0].note_id}, {"votes", 1}}, "wrong_step");
      refuse(F, "appoint_presenter", {{"member_id", id(PRES)}, {"case_note_id", notes[0].note_id}},
             "not_found");
    }
    for (const auto& n : notes) {
      auto views = change(n.author, "set_done", {{"done", true}}, "note_progress");
      for (const auto& v : views) check_progress(v, n.author, 1, true);
    }
    // Until the reveal only the author has ever received the text or the note id (R20).
    for (const auto& n : notes) {
      check_not_seen(n.text, {n.author});
      check_not_seen(n.note_id, {n.author});
    }
    // The order of the reveal: by author in join order, the presenter's first in takeaways.
    std::vector<written> order = notes;
    if (kind == "takeaways" && presenter_) {
      std::stable_partition(order.begin(), order.end(),
                            [&](const written& n) { return n.author == *presenter_; });
    }
    std::vector<std::string> expected_texts;
    for (const auto& n : order) expected_texts.push_back(n.text);
    auto texts_of = [](const json& v) {
      std::vector<std::string> out;
      for (const auto& n : v.at("data").at("notes")) out.push_back(n.at("text").get<std::string>());
      return out;
    };

    if (s.value("reveal", "everyone") == "presenter_first" && presenter_) {
      // R24: the first reveal is for the presenter's eyes only.
      auto views = change(F, "reveal", json::object(), "revealed");
      for (std::size_t i = 0; i < views.size(); ++i) {
        INFO(name(i) << ": " << brief(views[i]));
        CHECK(views[i].at("data").at("to") == "presenter");
        if (i == *presenter_) {
          CHECK(texts_of(views[i]) == expected_texts);
        } else {
          CHECK_FALSE(views[i].at("data").contains("notes"));
        }
      }
      for (const auto& n : notes) check_not_seen(n.text, {n.author, *presenter_});
      refuse(notes[0].author, "note_save", {{"note_id", notes[0].note_id}, {"text", "te laat"}},
             "already_revealed");
    }
    auto views = change(F, "reveal", json::object(), "revealed");
    expect_same(views, "revealed");
    CHECK(views[F].at("data").at("to") == "everyone");
    CHECK(views[F].at("data").at("step_index") == step_);
    CHECK(texts_of(views[F]) == expected_texts);
    for (const auto& n : notes) public_notes_[step_].push_back(n.note_id);
    // R21: read-only and one-way.
    refuse(notes[0].author, "note_save", {{"note_id", notes[0].note_id}, {"text", "te laat"}},
           "already_revealed");
    refuse(notes[0].author, "note_delete", {{"note_id", notes[0].note_id}}, "already_revealed");
    refuse(notes[0].author, "set_done", {{"done", false}}, "already_revealed");
    refuse(F, "reveal", json::object(), "already_revealed");

    if (kind == "takeaways") {
      for (const auto& n : order)
        takeaways_.push_back(json{
            {"name", name(n.author)}, {"presenter", presenter_ == n.author}, {"text", n.text}});
    }
    if (kind == "case_choice") choose_case(notes);
  }

  void vote(std::size_t who, const std::string& note_id, int votes) {
    auto views = try_change(who, "vote", {{"note_id", note_id}, {"votes", votes}}, "vote_cast");
    if (!views) return;
    expect_same(*views, "vote_cast");
    CHECK((*views)[0].at("data").at("member_id") == id(who));
    CHECK((*views)[0].at("data").at("note_id") == note_id);
    CHECK((*views)[0].at("data").at("votes") == votes);
  }

  // R26: urgency votes, then the facilitator appoints the presenter with their proposal as the
  // case, and the presenter consents.
  void choose_case(const std::vector<written>& proposals) {
    auto of = [&](std::size_t author) {
      return *std::find_if(proposals.begin(), proposals.end(),
                           [&](const written& w) { return w.author == author; });
    };
    const written the_case = of(PRES), other = of(A);
    // Each case choice has its own budget of three votes per member.
    vote(A, the_case.note_id, 3);
    vote(B, the_case.note_id, 2);
    vote(B, other.note_id, 1);
    refuse(B, "vote", {{"note_id", the_case.note_id}, {"votes", 3}}, "limit_reached");
    vote(PRES, other.note_id, 1);
    refuse(A, "vote", {{"note_id", make_note_id()}, {"votes", 1}}, "not_found");
    appoint(std::make_optional(std::make_pair(the_case.note_id, the_case)));
  }

  void appoint(std::optional<std::pair<std::string, written>> the_case) {
    json extra = {{"member_id", id(PRES)}};
    if (the_case) extra["case_note_id"] = the_case->first;
    auto views = change(F, "appoint_presenter", extra, "presenter_appointed");
    expect_same(views, "presenter_appointed");
    const json& d = views[F].at("data");
    CHECK(d.at("member_id") == id(PRES));
    CHECK(d.at("consent") == "pending");
    if (the_case) {
      CHECK(d.at("case_note_id") == the_case->first);
    } else {
      CHECK(d.at("case_note_id").is_null());
    }
    presenter_ = PRES;
    // Presenter commands wait for consent; only the presenter consents.
    refuse(PRES, "note_mark", {{"note_id", make_note_id()}, {"picked", true}}, "consent_pending");
    refuse(A, "consent", {{"accept", true}}, "forbidden");
    auto consent = change(PRES, "consent", {{"accept", true}}, "presenter_consent");
    expect_same(consent, "presenter_consent");
    CHECK(consent[F].at("data").at("member_id") == id(PRES));
    CHECK(consent[F].at("data").at("accepted") == true);
    if (the_case) {
      case_ = json{{"title", the_case->second.title}, {"text", the_case->second.text}};
    }
  }

  // R27 and R28: in turns, each asks or passes; the presenter picks, rates and answers.
  void question_round() {
    REQUIRE(presenter_);
    refuse(B, "ask", {{"note_id", make_note_id()}, {"text", "voorgedrongen"}}, "not_your_turn");
    refuse(PRES, "ask", {{"note_id", make_note_id()}, {"text", "mijn eigen vraag"}},
           "not_your_turn");
    refuse(PRES, "pass", json::object(), "not_your_turn");
    refuse(A, "pass", json::object(), "not_your_turn");
    // The facilitator's turn: a pass.
    auto passed = change(F, "pass", json::object(), "turn_changed");
    expect_same(passed, "turn_changed");
    CHECK(passed[F].at("data").at("round").at("position") == 1);
    CHECK(passed[F].at("data").at("round").at("lap") == 1);
    // A and B ask; after B the turn goes back to the first, in lap 2.
    std::vector<std::string> asked;
    for (std::size_t who : {A, B}) {
      const std::string note_id = make_note_id(), text = unique_text(who, "vraag");
      auto views = change(who, "ask", {{"note_id", note_id}, {"text", text}}, "question_asked");
      expect_same(views, "question_asked");
      const json& d = views[F].at("data");
      CHECK(d.at("note").at("text") == text);
      CHECK(d.at("note").at("author_id") == id(who));
      CHECK(d.at("note").at("step_index") == step_);
      CHECK(d.at("round").at("position") == (who == A ? 2 : 0));
      CHECK(d.at("round").at("lap") == (who == A ? 1 : 2));
      asked.push_back(note_id);
    }
    refuse(A, "note_mark", {{"note_id", asked[0]}, {"picked", true}}, "forbidden");
    auto mark = [&](const std::string& note_id, json fields, const json& marks) {
      fields["note_id"] = note_id;
      auto views = change(PRES, "note_mark", fields, "note_marked");
      expect_same(views, "note_marked");
      CHECK(views[F].at("data").at("note_id") == note_id);
      CHECK(views[F].at("data").at("step_index") == step_);
      CHECK(views[F].at("data").at("marks") == marks);
    };
    mark(asked[0], {{"picked", true}, {"rating", "warm"}},
         {{"picked", true}, {"rating", "warm"}, {"answered", false}, {"touches", false}});
    mark(asked[0], {{"answered", true}},
         {{"picked", true}, {"rating", "warm"}, {"answered", true}, {"touches", false}});
    mark(asked[1], {{"rating", "cold"}},
         {{"picked", false}, {"rating", "cold"}, {"answered", false}, {"touches", false}});
    for (const auto& n : asked) public_notes_[step_].push_back(n);
  }

  // R28: the presenter marks the note that touches most; one per step.
  void react_step() {
    REQUIRE(presenter_);
    std::optional<std::size_t> source;
    for (const auto& [step, ids] : public_notes_)
      if (step < step_ && ids.size() >= 2) source = step;
    REQUIRE(source);
    INFO("marking notes of step " << *source);
    const std::string first = public_notes_[*source][0], second = public_notes_[*source][1];
    for (const auto& n : {first, second}) {
      auto views = change(PRES, "note_mark", {{"note_id", n}, {"touches", true}}, "note_marked");
      expect_same(views, "note_marked");
      CHECK(views[F].at("data").at("note_id") == n);
      CHECK(views[F].at("data").at("marks").at("touches") == true);
    }
    // Touching the second took it off the first.
    json welcome;
    auto probe = f.connect(members_[F], std::nullopt, &welcome);
    std::map<std::string, json> by_id;
    for (const auto& n : welcome.at("data").at("snapshot").at("notes"))
      by_id[n.at("note_id").get<std::string>()] = n;
    REQUIRE(by_id.count(first) == 1);
    REQUIRE(by_id.count(second) == 1);
    CHECK(by_id[second].at("marks").at("touches") == true);
    CHECK(by_id[first].value("marks", json{{"touches", false}}).at("touches") == false);
    probe->close();
  }

  // R29: tops and tips for the author and the facilitator; ratings likewise.
  void evaluation_step() {
    const std::map<std::size_t, std::string> labels = {{A, "top"}, {B, "tip"}, {PRES, ""}};
    for (const auto& [w, label] : labels) {
      const std::string note_id = make_note_id(), text = unique_text(w, "evaluatie");
      json extra = {{"note_id", note_id}, {"text", text}};
      if (!label.empty()) extra["label"] = label;
      auto views = change(w, "note_save", extra, "note_saved");
      for (std::size_t i : {w, F}) {
        INFO(name(i) << ": " << brief(views[i]));
        REQUIRE(is_type(views[i], "note_saved"));
        CHECK(views[i].at("data").at("note").at("text") == text);
        CHECK(views[i].at("data").at("note").value("label", "") == label);
      }
      for (std::size_t i = 0; i < views.size(); ++i)
        if (i != w && i != F) check_progress(views[i], w, 1, false);
      forever_private_.push_back({text, {w, F}});
      json expected = {{"name", name(w)}, {"text", text}};
      if (!label.empty()) expected["label"] = label;
      evaluation_notes_[step_].push_back(expected);
    }
    const std::map<std::size_t, int> scores = {{F, 4}, {A, 5}, {B, 2}, {PRES, 3}};
    for (const auto& [w, score] : scores) {
      auto views = change(w, "rate", {{"score", score}}, "rated");
      for (std::size_t i = 0; i < views.size(); ++i) {
        INFO(name(i) << ": " << brief(views[i]));
        if (i == w || i == F) {
          REQUIRE(is_type(views[i], "rated"));
          CHECK(views[i].at("data").at("member_id") == id(w));
          CHECK(views[i].at("data").at("step_index") == step_);
          CHECK(views[i].at("data").at("score") == score);
        } else {
          REQUIRE(is_type(views[i], "note_progress"));
          CHECK(views[i].at("data").at("member_id") == id(w));
          CHECK_FALSE(views[i].at("data").contains("score"));
        }
      }
      evaluation_ratings_[step_].push_back(json{{"name", name(w)}, {"score", score}});
    }
  }

  // ---- the end, the report, the next meeting ----

  void finish() {
    INFO(method_id_ << ": after the last step");
    for (const auto& [secret, allowed] : forever_private_) check_not_seen(secret, allowed);

    expect_same(change(F, "end_meeting", json::object(), "meeting_ended"), "meeting_ended");
    // R30: nothing changes any more.
    refuse(F, "set_step", {{"step_index", 0}}, "meeting_ended");
    refuse(F, "end_meeting", json::object(), "meeting_ended");
    refuse(F, "timer_start", {{"duration_seconds", 60}}, "meeting_ended");
    refuse(A, "note_save", {{"note_id", make_note_id()}, {"text", "na afloop"}}, "meeting_ended");
    refuse(PRES, "consent", {{"accept", false}}, "meeting_ended");
    refuse(B, "rate", {{"score", 1}}, "meeting_ended");
    for (auto* c : ws_) expect_alive(*c);
    for (const auto& token : {f.meeting.invite_token, f.meeting.facilitator_token}) {
      auto res = f.http().post("/api/join", {{"token", token},
                                             {"name", "Laatkomer"},
                                             {"category", "teacher"},
                                             {"accept_agreement", true}});
      INFO(res.body);
      CHECK(res.status == 409);
      CHECK(res.error_code() == "meeting_ended");
    }
    // The meeting can still be read: a fresh snapshot says it ended.
    json welcome;
    auto reader = f.connect(members_[B], std::nullopt, &welcome);
    CHECK(welcome.at("data").at("snapshot").at("ended") == true);
    CHECK(welcome.at("data").at("seq") == seq_);
    reader->close();

    check_evaluation_report();
    check_recall();
  }

  void check_evaluation_report() {
    const std::string path = "/api/meetings/" + f.meeting.meeting_id + "/evaluation";
    // The coordinator's only: a member token (even the facilitator's) or none is 401.
    for (const std::string& token : {std::string(), members_[F].member_token}) {
      http_headers headers;
      if (!token.empty()) headers.push_back({"Authorization", "Bearer " + token});
      auto refused = f.http().get(path, headers);
      INFO(refused.body);
      CHECK(refused.status == 401);
      CHECK(refused.error_code() == "unauthorized");
    }
    auto res = f.http().get(path, {{"Authorization", "Bearer " + f.coordinator_token}});
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(res.json.at("meeting_id") == f.meeting.meeting_id);
    CHECK(res.json.at("ended") == true);
    const json& steps = res.json.at("steps");
    std::vector<std::size_t> evaluation_steps;
    for (std::size_t i = 0; i < method_.at("steps").size(); ++i)
      if (method_.at("steps")[i].at("kind") == "evaluation") evaluation_steps.push_back(i);
    REQUIRE(steps.size() == evaluation_steps.size());
    auto sorted = [](json list) {
      std::vector<std::string> out;
      for (const auto& x : list) out.push_back(x.dump());
      std::sort(out.begin(), out.end());
      return out;
    };
    for (std::size_t k = 0; k < evaluation_steps.size(); ++k) {
      const std::size_t i = evaluation_steps[k];
      INFO("evaluation step " << i);
      CHECK(steps[k].at("step_index") == i);
      CHECK(sorted(steps[k].at("ratings")) == sorted(evaluation_ratings_[i]));
      CHECK(sorted(steps[k].at("notes")) == sorted(evaluation_notes_[i]));
    }
  }

  // The group's next meeting recalls this one: presenter, case, takeaways (presenter's first).
  void check_recall() {
    auto next = f.create_meeting("Bijeenkomst 2");
    auto fac = f.join(next.facilitator_token, "Begeleider Volgende Keer");
    json welcome;
    auto ws = f.connect(fac, std::nullopt, &welcome);
    const json& recall = welcome.at("data").at("snapshot").at("recall");
    INFO("recall " << brief(recall));
    REQUIRE(recall.is_object());
    CHECK(recall.at("meeting_title") == "Bijeenkomst 1");
    CHECK(recall.at("presenter_name") == name(PRES));
    CHECK(recall.at("case") == case_);
    CHECK(recall.at("takeaways") == takeaways_);
    CHECK_FALSE(takeaways_.empty());
  }

  std::string method_id_;

public:
  meeting_fixture f;

private:
  std::vector<ws_client*> ws_;
  std::vector<member_info> members_;
  json method_;
  std::int64_t seq_ = 0;
  std::size_t step_ = 0;
  int counter_ = 0;
  std::optional<std::size_t> presenter_;
  std::map<std::size_t, std::vector<std::string>> public_notes_;
  std::vector<std::pair<std::string, std::set<std::size_t>>> forever_private_;
  std::map<std::size_t, json> evaluation_notes_ = {}, evaluation_ratings_ = {};
  json takeaways_ = json::array();
  json case_ = nullptr;
};

}  // namespace

TEST_CASE("R23-R30 method run: buiten_je_bubbel start to end, then recalled", "[method_runs]") {
  method_run("buiten_je_bubbel").run();
}

TEST_CASE("R23-R30 method run: roddelmethode start to end, then recalled", "[method_runs]") {
  method_run("roddelmethode").run();
}

TEST_CASE("R23-R30 method run: incidentmethode start to end, then recalled", "[method_runs]") {
  method_run("incidentmethode").run();
}

TEST_CASE("R23-R30 method run: bovv start to end with case choice, then recalled",
          "[method_runs]") {
  method_run("bovv").run();
}
