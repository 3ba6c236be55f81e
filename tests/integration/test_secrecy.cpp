// Wire secrecy (R20) and reveal (R21): until the reveal, no frame to anyone but the author carries
// the text, the note ids or the length of a note; then everyone gets all notes at once.
#include "meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace intervisie::test;

namespace {

void check_progress(const json& m, const std::string& member_id, int count, bool done) {
  REQUIRE(is_type(m, "note_progress"));
  const auto& d = m.at("data");
  CHECK(d.at("member_id") == member_id);
  CHECK(d.at("step_index") == 3);
  CHECK(d.at("note_count") == count);
  CHECK(d.at("done") == done);
  // Nothing beyond who/how many/done: no ids, text or length (R20).
  for (auto& [key, value] : d.items()) {
    static const std::set<std::string> allowed = {"seq", "step_index", "member_id", "note_count",
                                                  "done"};
    CHECK(allowed.count(key) == 1);
    (void)value;
  }
}

void check_no_leak(const std::vector<std::string>& frames, std::size_t until,
                   const std::vector<std::string>& secrets, const std::string& who) {
  for (std::size_t i = 0; i < until && i < frames.size(); ++i)
    for (auto& s : secrets) {
      INFO(who << " frame " << i << ": " << frames[i].substr(0, 400));
      CHECK(frames[i].find(s) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("R20 R21: note text never reaches a non-author before the reveal", "[secrecy]") {
  meeting_fixture f(2);
  auto fac2 = f.connect(f.facilitator);    // second device of the facilitator
  auto a2 = f.connect(f.participants[0]);  // second device of author A
  auto& a = f.part(0);
  auto& b = f.part(1);
  const auto& a_id = f.participants[0].member_id;
  const auto& b_id = f.participants[1].member_id;

  json step = f.fac().request("set_step", f.data({{"step_index", 3}}));
  REQUIRE(is_type(step, "step_changed"));
  for (ws_client* c : {fac2.get(), a2.get(), &a, &b})
    CHECK(is_type(next_event(*c), "step_changed"));

  const std::string a_text1 = "ALPHA-geheime-vraag-over-de-school-91c2";
  const std::string a_text1b = "ALPHA-bewerkte-vraag-over-de-school-5d0e";
  const std::string a_text2 = "ALPHA-tweede-vraag-wordt-verwijderd-77aa";
  const std::string a_text3 = "ALPHA-derde-vraag-blijft-staan-13bd";
  const std::string b_text = "BRAVO-vraag-van-de-ander-4e4e";
  const std::string a_note1 = make_note_id(), a_note2 = make_note_id(), a_note3 = make_note_id(),
                    b_note = make_note_id();

  // A saves a note: A's connections see the text, everyone else only progress.
  json r = a.request("note_save", f.data({{"note_id", a_note1}, {"text", a_text1}}));
  REQUIRE(is_type(r, "note_saved"));
  CHECK(r.at("data").at("note").at("text") == a_text1);
  CHECK(r.at("data").at("note").at("author_id") == a_id);
  CHECK(r.at("data").at("note").at("step_index") == 3);
  json a2_copy = next_event(*a2);
  REQUIRE(is_type(a2_copy, "note_saved"));
  CHECK(a2_copy.at("data").at("note").at("text") == a_text1);
  CHECK(seq_of(a2_copy) == seq_of(r));
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) {
    json e = next_event(*c);
    check_progress(e, a_id, 1, false);
    CHECK(seq_of(e) == seq_of(r));
  }

  // Second note, edit of the first (count unchanged), delete of the second.
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", a_note2}, {"text", a_text2}})),
                  "note_saved"));
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) check_progress(next_event(*c), a_id, 2, false);
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", a_note1}, {"text", a_text1b}})),
                  "note_saved"));
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) check_progress(next_event(*c), a_id, 2, false);
  json del = a.request("note_delete", f.data({{"note_id", a_note2}}));
  REQUIRE(is_type(del, "note_deleted"));
  CHECK(del.at("data").at("note_id") == a_note2);
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) check_progress(next_event(*c), a_id, 1, false);
  REQUIRE(is_type(a.request("note_save", f.data({{"note_id", a_note3}, {"text", a_text3}})),
                  "note_saved"));
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) check_progress(next_event(*c), a_id, 2, false);

  // R13: the same text again changes nothing and is answered with ack.
  json same = a.request("note_save", f.data({{"note_id", a_note3}, {"text", a_text3}}));
  CHECK(is_type(same, "ack"));

  // A is done: everyone, A included, gets note_progress.
  json done = a.request("set_done", f.data({{"done", true}}));
  check_progress(done, a_id, 2, true);
  for (ws_client* c : {&f.fac(), fac2.get(), &b}) check_progress(next_event(*c), a_id, 2, true);
  // A's second device has the note_saved/note_deleted copies queued before this.
  check_progress(a2->wait_type("note_progress"), a_id, 2, true);

  // B writes too; A must not see it.
  REQUIRE(is_type(b.request("note_save", f.data({{"note_id", b_note}, {"text", b_text}})),
                  "note_saved"));
  for (ws_client* c : {&f.fac(), fac2.get(), &a, a2.get()})
    check_progress(next_event(*c), b_id, 1, false);

  // Snapshots before the reveal are filtered too: a fresh connection of B and of the
  // facilitator hold no note of A; A's fresh connection holds A's own notes.
  json b_welcome, fac_welcome, a_welcome;
  auto b3 = f.connect(f.participants[1], std::nullopt, &b_welcome);
  auto fac3 = f.connect(f.facilitator, std::nullopt, &fac_welcome);
  auto a3 = f.connect(f.participants[0], std::nullopt, &a_welcome);
  for (auto* w : {&b_welcome, &fac_welcome}) {
    for (auto& note : w->at("data").at("snapshot").at("notes")) CHECK(note.at("author_id") != a_id);
    bool found = false;
    for (auto& p : w->at("data").at("snapshot").at("progress"))
      if (p.at("member_id") == a_id && p.at("step_index") == 3) {
        found = true;
        CHECK(p.at("note_count") == 2);
        CHECK(p.at("done") == true);
      }
    CHECK(found);
  }
  std::set<std::string> a_snapshot_texts;
  for (auto& note : a_welcome.at("data").at("snapshot").at("notes")) {
    CHECK(note.at("author_id") == a_id);
    a_snapshot_texts.insert(note.at("text").get<std::string>());
  }
  CHECK(a_snapshot_texts == std::set<std::string>{a_text1b, a_text3});

  // Everything every non-author received up to now: no text, no ids of A's notes.
  const std::vector<std::string> a_secrets = {a_text1, a_text1b, a_text2, a_text3,
                                              a_note1, a_note2,  a_note3};
  const std::vector<std::string> b_secrets = {b_text, b_note};
  struct recorded {
    ws_client* client;
    std::string who;
    std::size_t count;
  };
  std::vector<recorded> non_authors_of_a = {{&f.fac(), "facilitator", 0},
                                            {fac2.get(), "facilitator#2", 0},
                                            {fac3.get(), "facilitator#3", 0},
                                            {&b, "B", 0},
                                            {b3.get(), "B#3", 0}};
  std::vector<recorded> non_authors_of_b = {
      {&a, "A", 0}, {a2.get(), "A#2", 0}, {a3.get(), "A#3", 0}};
  for (auto* group : {&non_authors_of_a, &non_authors_of_b})
    for (auto& rec : *group) rec.count = rec.client->frame_count();

  // The reveal: one event to everyone with all notes of the step (R21).
  json revealed = f.fac().request("reveal", f.data());
  REQUIRE(is_type(revealed, "revealed"));
  const auto reveal_seq = seq_of(revealed);
  for (auto* group : {&non_authors_of_a, &non_authors_of_b})
    for (auto& rec : *group) {
      if (rec.client == &f.fac()) continue;  // the sender: its copy was the reply
      json e = rec.client->wait_type("revealed");
      CHECK(seq_of(e) == reveal_seq);
      std::set<std::string> texts;
      for (auto& note : e.at("data").at("notes")) texts.insert(note.at("text").get<std::string>());
      INFO(rec.who);
      CHECK(texts == std::set<std::string>{a_text1b, a_text3, b_text});
      CHECK(e.at("data").at("step_index") == 3);
    }
  for (auto& rec : non_authors_of_a)
    check_no_leak(rec.client->frames(), rec.count, a_secrets, rec.who);
  for (auto& rec : non_authors_of_b)
    check_no_leak(rec.client->frames(), rec.count, b_secrets, rec.who);

  // After the reveal the notes are read-only, and a second reveal is refused (R21, R18).
  CHECK(is_error(a.request("note_save", f.data({{"note_id", a_note1}, {"text", "changed"}})),
                 "already_revealed"));
  CHECK(is_error(a.request("note_save", f.data({{"note_id", make_note_id()}, {"text", "new"}})),
                 "already_revealed"));
  CHECK(is_error(a.request("note_delete", f.data({{"note_id", a_note3}})), "already_revealed"));
  CHECK(is_error(a.request("set_done", f.data({{"done", false}})), "already_revealed"));
  CHECK(is_error(f.fac().request("reveal", f.data()), "already_revealed"));

  // Nothing changed: the next change is reveal_seq + 1 everywhere.
  json next = f.fac().request("set_step", f.data({{"step_index", 4}}));
  CHECK(seq_of(next) == reveal_seq + 1);
  for (ws_client* c : {&a, &b, fac2.get()}) {
    json e = next_event(*c);
    CHECK(is_type(e, "step_changed"));
    CHECK(seq_of(e) == reveal_seq + 1);
  }

  // A late joiner's snapshot shows the revealed notes (revealed_steps lists 3).
  json late_welcome;
  auto late = f.connect(f.participants[1], std::nullopt, &late_welcome);
  const auto& snap = late_welcome.at("data").at("snapshot");
  std::set<std::string> texts;
  for (auto& note : snap.at("notes")) texts.insert(note.at("text").get<std::string>());
  CHECK(texts == std::set<std::string>{a_text1b, a_text3, b_text});
  CHECK(snap.at("revealed_steps") == json::array({3}));
}
