// The step kinds' secrecy and the facilitator's tools on the wire (protocol README §4.2, §4.3):
// presenter-first reveal (R24), evaluation secrecy (R29), reveal when everyone is done (R25),
// handing over facilitation, removing a member and ending the meeting (R30), also across a
// SIGKILL, and bad input for the new commands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

namespace {

// Members by index in a crowd: the facilitator, then the participants in join order.
constexpr std::size_t F = 0, A = 1, B = 2, C = 3;

std::string brief(const json& j) {
  std::string s = j.dump();
  return s.size() > 700 ? s.substr(0, 700) + "..." : s;
}

// The fixture's members as a list, with the meeting's seq: every change is checked to reach
// everyone with the next seq (R14, R16).
struct crowd {
  explicit crowd(meeting_fixture& fixture) : f(fixture) {
    ws.push_back(&f.fac());
    members.push_back(f.facilitator);
    for (std::size_t i = 0; i < f.participants.size(); ++i) {
      ws.push_back(&f.part(i));
      members.push_back(f.participants[i]);
    }
    seq = f.seq;
  }

  meeting_fixture& f;
  std::vector<ws_client*> ws;
  std::vector<member_info> members;
  std::int64_t seq = 0;

  const std::string& id(std::size_t who) const { return members.at(who).member_id; }
  const std::string& name(std::size_t who) const { return members.at(who).name; }

  // The sender's reply is the event with the next seq; every other connected member's next event
  // has that seq, without a ref. Returns each member's view (null for those not connected).
  std::vector<json> change(std::size_t who, const std::string& type, json extra,
                           const std::string& reply_type) {
    json reply = ws[who]->request(type, f.data(std::move(extra)));
    INFO(name(who) << " sent " << type << ", reply " << brief(reply));
    REQUIRE(is_type(reply, reply_type));
    REQUIRE(seq_of(reply) == seq + 1);
    ++seq;
    std::vector<json> views(ws.size());
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (i == who) {
        views[i] = reply;
      } else if (ws[i] != nullptr) {
        views[i] = next_event(*ws[i]);
        INFO(name(i) << " got " << brief(views[i]));
        REQUIRE(seq_of(views[i]) == seq);
        CHECK_FALSE(views[i].contains("ref"));
      }
    }
    return views;
  }

  // An event the server made by itself (R25): every connected member's next event.
  std::vector<json> server_change(const std::string& type) {
    ++seq;
    std::vector<json> views(ws.size());
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (ws[i] == nullptr) continue;
      views[i] = next_event(*ws[i]);
      INFO(name(i) << " got " << brief(views[i]));
      REQUIRE(is_type(views[i], type));
      REQUIRE(seq_of(views[i]) == seq);
      CHECK_FALSE(views[i].contains("ref"));
    }
    return views;
  }

  void refuse(std::size_t who, const std::string& type, json extra, const std::string& code) {
    json reply = ws[who]->request(type, f.data(std::move(extra)));
    INFO(name(who) << " sent " << type << ", expected error " << code << ", got " << brief(reply));
    CHECK(is_error(reply, code));
  }

  // The presenter is appointed and consents (R26).
  void appoint(std::size_t who) {
    change(F, "appoint_presenter", {{"member_id", id(who)}}, "presenter_appointed");
    change(who, "consent", {{"accept", true}}, "presenter_consent");
  }

  std::string save(std::size_t who, const std::string& text, json extra = json::object()) {
    const std::string note_id = make_note_id();
    extra["note_id"] = note_id;
    extra["text"] = text;
    auto views = change(who, "note_save", extra, "note_saved");
    CHECK(views[who].at("data").at("note").at("text") == text);
    return note_id;
  }

  // No frame received by a member outside `allowed` contains `secret`.
  void check_not_seen(const std::string& secret, const std::set<std::size_t>& allowed) const {
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (allowed.count(i) || ws[i] == nullptr) continue;
      check_not_in(*ws[i], secret, name(i));
    }
  }

  static void check_not_in(const ws_client& c, const std::string& secret, const std::string& who) {
    std::string leak;
    for (const auto& frame : c.frames())
      if (frame.find(secret) != std::string::npos) leak = frame.substr(0, 500);
    INFO(who << " received \"" << secret << "\" in: " << leak);
    CHECK(leak.empty());
  }
};

// A fresh snapshot for this member over a second connection (closed again).
json snapshot_of(meeting_fixture& f, const member_info& m) {
  json welcome;
  auto ws = f.connect(m, std::nullopt, &welcome);
  ws->close();
  return welcome.at("data").at("snapshot");
}

// Indices of the method's steps of this kind, from the snapshot.
std::vector<std::size_t> steps_of_kind(const json& snapshot, const std::string& kind) {
  std::vector<std::size_t> out;
  const json& steps = snapshot.at("meeting").at("method").at("steps");
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].at("kind") == kind) out.push_back(i);
  return out;
}

std::set<std::string> texts_of(const json& notes) {
  std::set<std::string> out;
  for (const auto& n : notes) out.insert(n.at("text").get<std::string>());
  return out;
}

const json* find_note(const json& notes, const std::string& note_id) {
  for (const auto& n : notes)
    if (n.at("note_id") == note_id) return &n;
  return nullptr;
}

// Moves a fixture made without connections to a new meeting of its group that follows
// `method_id`: the facilitator and the participants join it and connect.
void open_meeting(meeting_fixture& f, const std::string& method_id) {
  f.meeting = f.create_meeting("Met eigen methode", method_id);
  f.facilitator = f.join(f.meeting.facilitator_token, f.facilitator.name);
  for (auto& p : f.participants) p = f.join(f.meeting.invite_token, p.name);
  json welcome;
  f.facilitator_ws = f.connect(f.facilitator, std::nullopt, &welcome);
  f.participant_ws.clear();
  for (auto& p : f.participants) f.participant_ws.push_back(f.connect(p, std::nullopt, &welcome));
  f.seq = welcome.at("data").at("seq").get<std::int64_t>();
  expect_alive(*f.facilitator_ws);
  for (auto& ws : f.participant_ws) expect_alive(*ws);
}

json localized(const std::string& nl, const std::string& en) {
  return {{"nl", nl}, {"en", en}};
}

}  // namespace

TEST_CASE("R24 presenter first: the presenter reads the notes before anyone else does",
          "[tools][reveal]") {
  meeting_fixture f(3, {}, false);
  json questions = {{"kind", "private_write"},
                    {"title", localized("Vragen", "Questions")},
                    {"instructions", localized("Schrijf je vragen op.", "Write your questions.")},
                    {"reveal", "presenter_first"}};
  json welcome_step = {{"kind", "info"},
                       {"title", localized("Welkom", "Welcome")},
                       {"instructions", localized("Welkom allemaal.", "Welcome all.")}};
  json method = {{"title", localized("Eerst de inbrenger", "Presenter first")},
                 {"steps", json::array({welcome_step, questions})}};
  auto saved = f.http().request(
      "POST", "/api/groups/" + f.group_id + "/methods", method.dump(),
      {{"Authorization", "Bearer " + f.coordinator_token}, {"Content-Type", "application/json"}});
  INFO(saved.body);
  REQUIRE(saved.status == 201);
  open_meeting(f, saved.json.at("method_id").get<std::string>());
  crowd c(f);
  const std::size_t P = C;  // the presenter
  c.appoint(P);
  c.change(F, "set_step", {{"step_index", 1}}, "step_changed");

  std::map<std::size_t, std::string> texts = {{A, "PF-vraag-van-A-waarom-nu-3f1a"},
                                              {B, "PF-vraag-van-B-wie-nog-meer-77c0"},
                                              {P, "PF-vraag-van-de-inbrenger-zelf-0b9e"}};
  std::map<std::size_t, std::string> ids;
  for (const auto& [who, text] : texts) {
    ids[who] = c.save(who, text);
    c.change(who, "set_done", {{"done", true}}, "note_progress");
  }
  std::set<std::string> all_texts;
  for (const auto& [who, text] : texts) all_texts.insert(text);

  // First reveal: to the presenter only.
  auto first = c.change(F, "reveal", json::object(), "revealed");
  for (std::size_t i = 0; i < first.size(); ++i) {
    INFO(c.name(i) << ": " << brief(first[i]));
    CHECK(first[i].at("data").at("to") == "presenter");
    CHECK(first[i].at("data").at("step_index") == 1);
    if (i == P) {
      REQUIRE(first[i].at("data").contains("notes"));
      CHECK(texts_of(first[i].at("data").at("notes")) == all_texts);
    } else {
      CHECK_FALSE(first[i].at("data").contains("notes"));
    }
  }
  // Fresh snapshots agree: the presenter has them all, the others only their own.
  json p_snap = snapshot_of(f, c.members[P]);
  CHECK(texts_of(p_snap.at("notes")) == all_texts);
  CHECK(p_snap.at("presenter_revealed_steps") == json::array({1}));
  CHECK(p_snap.at("revealed_steps") == json::array());
  for (std::size_t who : {F, A}) {
    json snap = snapshot_of(f, c.members[who]);
    std::set<std::string> own;
    if (texts.count(who)) own.insert(texts[who]);
    CHECK(texts_of(snap.at("notes")) == own);
  }
  // The notes are read-only now; a second reveal is for everyone.
  c.refuse(A, "note_save", {{"note_id", ids[A]}, {"text", "nog even aanpassen"}},
           "already_revealed");
  c.refuse(B, "set_done", {{"done", false}}, "already_revealed");
  c.refuse(F, "set_auto_reveal", {{"on", true}}, "already_revealed");
  // Until the second reveal no non-presenter ever received another author's note.
  for (const auto& [who, text] : texts) {
    c.check_not_seen(text, {who, P});
    c.check_not_seen(ids[who], {who, P});
  }

  auto second = c.change(F, "reveal", json::object(), "revealed");
  for (std::size_t i = 0; i < second.size(); ++i) {
    INFO(c.name(i) << ": " << brief(second[i]));
    CHECK(second[i].at("data").at("to") == "everyone");
    REQUIRE(second[i].at("data").contains("notes"));
    CHECK(texts_of(second[i].at("data").at("notes")) == all_texts);
  }
  c.refuse(F, "reveal", json::object(), "already_revealed");
  json b_snap = snapshot_of(f, c.members[B]);
  CHECK(texts_of(b_snap.at("notes")) == all_texts);
  CHECK(b_snap.at("revealed_steps") == json::array({1}));
}

TEST_CASE("R29 evaluation notes and ratings reach their author and the facilitator only",
          "[tools][evaluation]") {
  meeting_fixture f(3);
  crowd c(f);
  const json snap = snapshot_of(f, f.facilitator);
  const auto evaluation = steps_of_kind(snap, "evaluation");
  REQUIRE(evaluation.size() == 1);
  const std::size_t step = evaluation[0];
  c.change(F, "set_step", {{"step_index", step}}, "step_changed");

  const std::map<std::size_t, std::string> texts = {{A, "EVAL-top-van-A-fijne-sfeer-a1"},
                                                    {B, "EVAL-tip-van-B-strakker-tijd-b2"},
                                                    {C, "EVAL-zonder-label-van-C-c3"}};
  const std::map<std::size_t, std::string> labels = {{A, "top"}, {B, "tip"}, {C, ""}};
  const std::map<std::size_t, int> scores = {{A, 5}, {B, 1}, {C, 2}, {F, 4}};
  for (const auto& [who, text] : texts) {
    json extra = {{"note_id", make_note_id()}, {"text", text}};
    if (!labels.at(who).empty()) extra["label"] = labels.at(who);
    auto views = c.change(who, "note_save", extra, "note_saved");
    for (std::size_t i = 0; i < views.size(); ++i) {
      INFO(c.name(i) << ": " << brief(views[i]));
      if (i == who || i == F) {
        REQUIRE(is_type(views[i], "note_saved"));
        CHECK(views[i].at("data").at("note").at("text") == text);
        CHECK(views[i].at("data").at("note").value("label", "") == labels.at(who));
      } else {
        CHECK(is_type(views[i], "note_progress"));
      }
    }
  }
  for (const auto& [who, score] : scores) {
    auto views = c.change(who, "rate", {{"score", score}}, "rated");
    for (std::size_t i = 0; i < views.size(); ++i) {
      INFO(c.name(i) << ": " << brief(views[i]));
      CHECK(is_type(views[i], i == who || i == F ? "rated" : "note_progress"));
    }
  }
  // Leaving the step keeps them private.
  c.change(F, "set_step", {{"step_index", step + 1}}, "step_changed");

  // Fresh snapshots: each participant has their own note and rating, the facilitator all.
  for (std::size_t who : {A, B, C}) {
    json s = snapshot_of(f, c.members[who]);
    INFO(c.name(who) << ": " << brief(s.at("notes")) << " " << brief(s.at("ratings")));
    CHECK(texts_of(s.at("notes")) == std::set<std::string>{texts.at(who)});
    REQUIRE(s.at("ratings").size() == 1);
    CHECK(s.at("ratings")[0].at("member_id") == c.id(who));
    CHECK(s.at("ratings")[0].at("score") == scores.at(who));
  }
  json fs = snapshot_of(f, f.facilitator);
  CHECK(texts_of(fs.at("notes")) == std::set<std::string>{texts.at(A), texts.at(B), texts.at(C)});
  CHECK(fs.at("ratings").size() == 4);

  // On the wire: no participant ever received another's evaluation text, or a rating not theirs.
  for (const auto& [who, text] : texts) c.check_not_seen(text, {who, F});
  for (std::size_t i : {A, B, C}) {
    for (const auto& frame : c.ws[i]->frames()) {
      json m = json::parse(frame);
      if (is_type(m, "rated")) {
        INFO(c.name(i) << " got " << frame);
        CHECK(m.at("data").at("member_id") == c.id(i));
      }
      if (is_type(m, "note_progress")) {
        INFO(c.name(i) << " got " << frame);
        CHECK_FALSE(m.at("data").contains("score"));
      }
    }
  }
}

TEST_CASE("R25 reveal when everyone is done: the server reveals after the last writer",
          "[tools][auto_reveal]") {
  meeting_fixture f(3);
  crowd c(f);
  const json snap = snapshot_of(f, f.facilitator);
  const json& steps = snap.at("meeting").at("method").at("steps");
  // A private step everyone writes in, and one in which the presenter listens.
  std::optional<std::size_t> open_step, listening_step;
  // (buiten je bubbel's open private step is a board since issue 4: its takeaways step
  // is the revealed step everyone writes in.)
  auto candidates = steps_of_kind(snap, "private_write");
  for (std::size_t i : steps_of_kind(snap, "takeaways")) candidates.push_back(i);
  for (std::size_t i : candidates) {
    if (steps[i].value("presenter_listens", false)) {
      if (!listening_step) listening_step = i;
    } else if (!open_step) {
      open_step = i;
    }
  }
  REQUIRE(open_step);
  REQUIRE(listening_step);
  const std::size_t P = C;
  c.appoint(P);

  // A reply that depends on the meeting is held back until every change decided before it has
  // been sent (R17): a reveal the server decided by itself would arrive before it. (A pong would
  // not do: it does not wait for the meeting.)
  std::size_t step_now = 0;
  auto no_reveal_yet = [&] {
    for (std::size_t i = 0; i < c.ws.size(); ++i) {
      if (c.ws[i] == nullptr) continue;
      INFO(c.name(i));
      if (i == F) {
        CHECK(is_type(c.ws[F]->request("set_step", f.data({{"step_index", step_now}})), "ack"));
      } else {
        CHECK(is_error(c.ws[i]->request("reveal", f.data()), "forbidden"));
      }
      CHECK(c.ws[i]->pending() == 0);
      CHECK(c.ws[i]->max_event_seq() == c.seq);
      for (const auto& frame : c.ws[i]->frames())
        CHECK(frame.find("\"revealed\"") == std::string::npos);
    }
  };

  SECTION("the last one done, the facilitator with a note counting") {
    step_now = *open_step;
    c.change(F, "set_step", {{"step_index", step_now}}, "step_changed");
    c.refuse(A, "set_auto_reveal", {{"on", true}}, "forbidden");
    auto on = c.change(F, "set_auto_reveal", {{"on", true}}, "auto_reveal_set");
    for (const auto& v : on) {
      CHECK(v.at("data").at("step_index") == *open_step);
      CHECK(v.at("data").at("on") == true);
    }
    CHECK(snapshot_of(f, f.facilitator).at("auto_reveal_steps") == json::array({*open_step}));
    std::set<std::string> texts;
    for (std::size_t who : {A, B, P, F}) {
      texts.insert("AUTO-" + c.name(who) + "-schrijft");
      c.save(who, "AUTO-" + c.name(who) + "-schrijft");
    }
    for (std::size_t who : {A, B, P}) {
      c.change(who, "set_done", {{"done", true}}, "note_progress");
      INFO("after " << c.name(who) << " is done");
      no_reveal_yet();
    }
    // The facilitator wrote, so the facilitator is a writer too: done last, and the reveal comes.
    c.change(F, "set_done", {{"done", true}}, "note_progress");
    auto revealed = c.server_change("revealed");
    for (const auto& v : revealed) {
      CHECK(v.at("data").at("to") == "everyone");
      CHECK(v.at("data").at("step_index") == *open_step);
      CHECK(texts_of(v.at("data").at("notes")) == texts);
    }
    json after = snapshot_of(f, c.members[A]);
    CHECK(after.at("revealed_steps") == json::array({*open_step}));
    CHECK(after.at("auto_reveal_steps") == json::array());
  }

  SECTION("a writer who was not done leaves") {
    step_now = *listening_step;
    c.change(F, "set_step", {{"step_index", step_now}}, "step_changed");
    c.change(F, "set_auto_reveal", {{"on", true}}, "auto_reveal_set");
    // The presenter listens and the facilitator has no note: A and B are the writers.
    const std::string a_text = "AUTO-A-klaar-4c1d", b_text = "AUTO-B-nog-bezig-9e2f";
    c.save(A, a_text);
    c.change(A, "set_done", {{"done", true}}, "note_progress");
    c.save(B, b_text);
    no_reveal_yet();
    // B goes offline without saying done: every online writer is done now.
    c.ws[B]->close();
    c.ws[B] = nullptr;
    for (std::size_t who : {F, A, P}) {
      json presence = c.ws[who]->wait_type("presence");
      CHECK(presence.at("data").at("member_id") == c.id(B));
      CHECK(presence.at("data").at("online") == false);
    }
    auto revealed = c.server_change("revealed");
    for (const auto& v : revealed) {
      if (v.is_null()) continue;
      CHECK(v.at("data").at("to") == "everyone");
      CHECK(texts_of(v.at("data").at("notes")) == std::set<std::string>{a_text, b_text});
    }
  }
}

TEST_CASE("R30 hand_facilitation: both get a fresh welcome and the roles change hands",
          "[tools][hand_facilitation]") {
  meeting_fixture f(3);
  crowd c(f);
  const json snap = snapshot_of(f, f.facilitator);
  const auto evaluation = steps_of_kind(snap, "evaluation");
  REQUIRE(evaluation.size() == 1);
  const std::size_t step = evaluation[0];
  c.change(F, "set_step", {{"step_index", step}}, "step_changed");
  const std::string a_text = "HAND-top-van-A-5a5a", b_text = "HAND-tip-van-B-6b6b";
  c.save(A, a_text, {{"label", "top"}});
  c.save(B, b_text, {{"label", "tip"}});
  c.change(A, "rate", {{"score", 4}}, "rated");
  c.change(B, "rate", {{"score", 2}}, "rated");
  // C has seen none of it.
  c.check_not_seen(a_text, {A, F});
  c.check_not_seen(b_text, {B, F});

  // Only the facilitator hands over.
  c.refuse(A, "hand_facilitation", {{"member_id", c.id(A)}}, "forbidden");
  auto views = c.change(F, "hand_facilitation", {{"member_id", c.id(C)}}, "roles_changed");
  const json expected_roles = json::array({{{"member_id", c.id(F)}, {"role", "participant"}},
                                           {{"member_id", c.id(C)}, {"role", "facilitator"}}});
  for (const auto& v : views) CHECK(v.at("data").at("members") == expected_roles);

  // The giver and the taker each get a welcome with a snapshot right after the event.
  json giver = c.ws[F]->next();
  json taker = c.ws[C]->next();
  INFO("giver " << brief(giver));
  INFO("taker " << brief(taker));
  REQUIRE(is_type(giver, "welcome"));
  REQUIRE(is_type(taker, "welcome"));
  CHECK(giver.at("data").at("role") == "participant");
  CHECK(giver.at("data").at("member_id") == c.id(F));
  CHECK(giver.at("data").at("seq") == c.seq);
  CHECK(taker.at("data").at("role") == "facilitator");
  CHECK(taker.at("data").at("member_id") == c.id(C));
  CHECK(taker.at("data").at("seq") == c.seq);
  const json& taker_snap = taker.at("data").at("snapshot");
  const json& giver_snap = giver.at("data").at("snapshot");
  // The new facilitator now reads the evaluation written before; the old one no longer does.
  CHECK(texts_of(taker_snap.at("notes")) == std::set<std::string>{a_text, b_text});
  CHECK(taker_snap.at("ratings").size() == 2);
  CHECK(texts_of(giver_snap.at("notes")).empty());
  CHECK(giver_snap.at("ratings").empty());
  for (const auto& m : taker_snap.at("members")) {
    if (m.at("member_id") == c.id(F)) CHECK(m.at("role") == "participant");
    if (m.at("member_id") == c.id(C)) CHECK(m.at("role") == "facilitator");
  }
  // The others keep their session: no new welcome for them.
  for (std::size_t who : {A, B}) {
    expect_alive(*c.ws[who]);
    int welcomes = 0;
    for (const auto& frame : c.ws[who]->frames())
      if (is_type(json::parse(frame), "welcome")) ++welcomes;
    CHECK(welcomes == 1);
  }

  // The old facilitator's set_step is refused, the new one's works.
  c.refuse(F, "set_step", {{"step_index", 0}}, "forbidden");
  c.refuse(F, "end_meeting", json::object(), "forbidden");
  // A new evaluation note reaches the new facilitator, and not the old one.
  const std::string later = "HAND-later-van-A-7c7c";
  auto saved =
      c.change(A, "note_save", {{"note_id", make_note_id()}, {"text", later}, {"label", "top"}},
               "note_saved");
  CHECK(is_type(saved[C], "note_saved"));
  CHECK(is_type(saved[F], "note_progress"));
  auto stepped = c.change(C, "set_step", {{"step_index", 0}}, "step_changed");
  for (const auto& v : stepped) CHECK(v.at("data").at("step_index") == 0);
  c.check_not_seen(later, {A, C});
}

TEST_CASE("R30 remove_member: closed with 4501, token dead, notes gone, all kept after SIGKILL",
          "[tools][remove_member]") {
  meeting_fixture f(3);
  crowd c(f);
  const json snap = snapshot_of(f, f.facilitator);
  const auto writes = steps_of_kind(snap, "private_write");
  const auto rounds = steps_of_kind(snap, "question_round");
  REQUIRE(!writes.empty());
  REQUIRE(!rounds.empty());
  const std::size_t write_step = writes[0], round_step = rounds[0];
  const std::size_t P = C;  // the presenter; A is removed
  c.appoint(P);

  c.change(F, "set_step", {{"step_index", write_step}}, "step_changed");
  const std::string a_secret = "REMOVED-A-nooit-onthuld-1d2d", b_text = "REMOVED-B-blijft-3e4e";
  c.save(A, a_secret);
  c.change(A, "set_done", {{"done", true}}, "note_progress");
  const std::string b_note = c.save(B, b_text);

  // The question round: order F, A, B. The facilitator asks; then it is A's turn.
  auto entered = c.change(F, "set_step", {{"step_index", round_step}}, "step_changed");
  CHECK(entered[F].at("data").at("round").at("order") == json::array({c.id(F), c.id(A), c.id(B)}));
  const std::string q1 = make_note_id();
  auto asked =
      c.change(F, "ask", {{"note_id", q1}, {"text", "REMOVED-vraag-van-F"}}, "question_asked");
  CHECK(asked[F].at("data").at("round").at("position") == 1);
  c.change(P, "note_mark", {{"note_id", q1}, {"picked", true}, {"rating", "warm"}}, "note_marked");

  // Only the facilitator removes, and not themselves.
  c.refuse(B, "remove_member", {{"member_id", c.id(A)}}, "forbidden");
  c.refuse(F, "remove_member", {{"member_id", c.id(F)}}, "forbidden");
  auto removed = c.change(F, "remove_member", {{"member_id", c.id(A)}}, "member_removed");
  for (const auto& v : removed) CHECK(v.at("data").at("member_id") == c.id(A));
  // A's connection is closed with 4501 right after the event.
  REQUIRE(c.ws[A]->wait_closed(5s));
  CHECK(c.ws[A]->close_code() == 4501);
  c.ws[A] = nullptr;
  for (std::size_t who : {F, B, P}) {
    json presence = c.ws[who]->wait_type("presence");
    CHECK(presence.at("data").at("member_id") == c.id(A));
    CHECK(presence.at("data").at("online") == false);
  }
  c.refuse(F, "remove_member", {{"member_id", c.id(A)}}, "not_found");
  c.refuse(F, "hand_facilitation", {{"member_id", c.id(A)}}, "not_found");

  // Their token no longer works: invalid_token, then 4501.
  auto check_token_dead = [&] {
    auto ws = f.open_ws();
    ws->send(hello_message(c.members[A].member_token));
    json reply = ws->next();
    INFO(brief(reply));
    CHECK(is_error(reply, "invalid_token"));
    REQUIRE(ws->wait_closed(5s));
    CHECK(ws->close_code() == 4501);
  };
  check_token_dead();

  // The round went on without A: it is B's turn.
  c.refuse(F, "pass", json::object(), "not_your_turn");
  const std::string q2 = make_note_id();
  auto b_asked =
      c.change(B, "ask", {{"note_id", q2}, {"text", "REMOVED-vraag-van-B"}}, "question_asked");
  const json round_after = b_asked[F].at("data").at("round");
  CHECK(round_after.at("order") == json::array({c.id(F), c.id(B)}));
  CHECK(round_after.at("position") == 0);
  CHECK(round_after.at("lap") == 2);
  c.change(P, "note_mark", {{"note_id", q2}, {"answered", true}}, "note_marked");
  c.refuse(F, "turn_order", {{"member_ids", json::array({c.id(B), c.id(A)})}}, "not_found");

  // Back to the private step: the reveal holds B's note, never A's.
  c.change(F, "set_step", {{"step_index", write_step}}, "step_changed");
  auto revealed = c.change(F, "reveal", json::object(), "revealed");
  for (const auto& v : revealed) {
    if (v.is_null()) continue;
    CHECK(texts_of(v.at("data").at("notes")) == std::set<std::string>{b_text});
  }
  c.check_not_seen(a_secret, {A});

  // SIGKILL, restart: the room replays its log; everything is still there.
  const std::int64_t last = c.seq;
  f.server.kill();
  f.server.restart();
  json welcome;
  auto fac = f.connect(f.facilitator, std::nullopt, &welcome);
  CHECK(welcome.at("data").at("seq") == last);
  const json& s = welcome.at("data").at("snapshot");
  CHECK(s.at("step_index") == write_step);
  CHECK(s.at("presenter_id") == c.id(P));
  for (const auto& m : s.at("members")) {
    INFO(brief(m));
    CHECK(m.value("removed", false) == (m.at("member_id") == c.id(A)));
  }
  REQUIRE(s.at("rounds").size() == 1);
  CHECK(s.at("rounds")[0] == round_after);
  const json* n1 = find_note(s.at("notes"), q1);
  const json* n2 = find_note(s.at("notes"), q2);
  REQUIRE(n1 != nullptr);
  REQUIRE(n2 != nullptr);
  CHECK(n1->at("marks") ==
        json({{"picked", true}, {"rating", "warm"}, {"answered", false}, {"touches", false}}));
  CHECK(n2->at("marks") ==
        json({{"picked", false}, {"rating", nullptr}, {"answered", true}, {"touches", false}}));
  CHECK(find_note(s.at("notes"), b_note) != nullptr);
  CHECK(s.at("revealed_steps") == json::array({write_step}));
  for (const auto& n : s.at("notes")) CHECK(n.at("author_id") != c.id(A));
  CHECK(welcome.dump().find(a_secret) == std::string::npos);
  check_token_dead();
  // The round goes on where it was: the facilitator's turn, then B's.
  REQUIRE(is_type(fac->request("set_step", f.data({{"step_index", round_step}})), "step_changed"));
  json passed = fac->request("pass", f.data());
  REQUIRE(is_type(passed, "turn_changed"));
  CHECK(passed.at("data").at("round").at("position") == 1);
}

TEST_CASE("R30 end_meeting: ended stays ended after a restart", "[tools][end_meeting]") {
  meeting_fixture f(1);
  crowd c(f);
  c.refuse(A, "end_meeting", json::object(), "forbidden");
  auto ended = c.change(F, "end_meeting", json::object(), "meeting_ended");
  for (const auto& v : ended) CHECK(v.at("data") == json({{"seq", c.seq}}));
  c.refuse(F, "set_step", {{"step_index", 1}}, "meeting_ended");

  f.server.kill();
  f.server.restart();
  json welcome;
  auto fac = f.connect(f.facilitator, std::nullopt, &welcome);
  CHECK(welcome.at("data").at("snapshot").at("ended") == true);
  CHECK(welcome.at("data").at("seq") == c.seq);
  CHECK(is_error(fac->request("set_step", f.data({{"step_index", 1}})), "meeting_ended"));
  CHECK(is_error(fac->request("end_meeting", f.data()), "meeting_ended"));
  auto part = f.connect(f.participants[0]);
  CHECK(is_error(
      part->request("note_save", f.data({{"note_id", make_note_id()}, {"text", "na afloop"}})),
      "meeting_ended"));
  auto join = f.http().post("/api/join", {{"token", f.meeting.invite_token},
                                          {"name", "Laatkomer"},
                                          {"category", "parent"},
                                          {"accept_agreement", true}});
  INFO(join.body);
  CHECK(join.status == 409);
  CHECK(join.error_code() == "meeting_ended");
}

TEST_CASE("R26-R30 bad input for the new commands is invalid_field", "[tools][bad_input]") {
  meeting_fixture f(1);
  auto& p = f.part(0);
  const std::string note = make_note_id();
  CHECK(is_error(p.request("vote", f.data({{"note_id", note}, {"votes", 4}})), "invalid_field"));
  CHECK(is_error(p.request("rate", f.data({{"score", 0}})), "invalid_field"));
  CHECK(is_error(f.fac().request("turn_order", f.data({{"member_ids", json::array()}})),
                 "invalid_field"));
  CHECK(is_error(p.request("note_mark", f.data({{"note_id", note}, {"rating", "hot"}})),
                 "invalid_field"));
  CHECK(is_error(
      p.request("note_save", f.data({{"note_id", note}, {"text", "goed"}, {"label", "other"}})),
      "invalid_field"));
  CHECK(is_error(p.request("ask", f.data({{"note_id", "note:short"}, {"text", "vraag?"}})),
                 "invalid_field"));
  // The connections stay usable, and nothing changed (R18): the next change is the next seq.
  expect_alive(p);
  json stepped = f.fac().request("set_step", f.data({{"step_index", 1}}));
  REQUIRE(is_type(stepped, "step_changed"));
  CHECK(seq_of(stepped) == f.seq + 1);
  CHECK(seq_of(next_event(p)) == f.seq + 1);
}
