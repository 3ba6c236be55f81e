// The storage contract (store/store.hpp), run on ":memory:" and on a file: the same tests must
// pass on both, so the fast in-memory store used elsewhere in tests is a faithful stand-in.
#include <algorithm>

#include "store_fixtures.hpp"
#include "support.hpp"

using namespace intervisie::unit;
namespace chg = intervisie::domain::chg;

#define STORE_BACKENDS memory_backend, file_backend

TEMPLATE_TEST_CASE("store: coordinators", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) { t.add_coordinator("hash_a", 1); });
  CHECK(s->is_coordinator("hash_a"));
  CHECK_FALSE(s->is_coordinator("hash_b"));
  CHECK_FALSE(s->is_coordinator(""));
  // The hash is the key: adding it twice is refused, not silently duplicated.
  s->begin();
  CHECK_THROWS_AS(s->add_coordinator("hash_a", 2), st::sqlite_error);
  s->rollback();
  CHECK(s->is_coordinator("hash_a"));
}

TEMPLATE_TEST_CASE("store: groups and meetings", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    t.add_group({"grp_b", "Second", "", 200});
    t.add_group({"grp_a", "First", "Alles blijft binnen de groep", 100});
    t.add_meeting({"mtg_2", "grp_a", "Later", "m", 20});
    t.add_meeting({"mtg_1", "grp_a", "Earlier", "m", 10});
    t.add_meeting({"mtg_3", "grp_b", "Other group", "m", 5});
  });
  auto groups = s->groups();
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].group_id == "grp_a");  // by creation time
  CHECK(groups[0].agreement == "Alles blijft binnen de groep");
  CHECK(groups[1].group_id == "grp_b");

  auto g = s->find_group("grp_b");
  REQUIRE(g);
  CHECK(g->name == "Second");
  CHECK(g->created_at == 200);
  CHECK_FALSE(s->find_group("grp_x"));

  auto ms = s->meetings_of("grp_a");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].meeting_id == "mtg_1");
  CHECK(ms[1].meeting_id == "mtg_2");
  CHECK(s->meetings_of("grp_x").empty());
  auto m = s->find_meeting("mtg_3");
  REQUIRE(m);
  CHECK(m->group_id == "grp_b");
  CHECK(m->title == "Other group");
  CHECK(m->method_id == "m");
  CHECK(m->created_at == 5);
  CHECK_FALSE(s->find_meeting("mtg_x"));

  // A meeting belongs to an existing group (foreign keys are on).
  s->begin();
  CHECK_THROWS_AS(s->add_meeting({"mtg_orphan", "grp_none", "t", "m", 1}), st::sqlite_error);
  s->rollback();
  CHECK_FALSE(s->find_meeting("mtg_orphan"));
}

TEMPLATE_TEST_CASE("store: links and member tokens", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t);
    t.add_link("hash_fac", {"mtg_1", d::role::facilitator}, 1);
    t.add_link("hash_inv", {"mtg_1", d::role::participant}, 1);
    t.add_member_token("hash_mbr", {"mtg_1", "mbr_ann"});
  });
  auto fac = s->find_link("hash_fac");
  REQUIRE(fac);
  CHECK(fac->meeting_id == "mtg_1");
  CHECK(fac->r == d::role::facilitator);
  auto inv = s->find_link("hash_inv");
  REQUIRE(inv);
  CHECK(inv->r == d::role::participant);
  CHECK_FALSE(s->find_link("hash_mbr"));  // a member token is not a link

  auto cred = s->find_member_token("hash_mbr");
  REQUIRE(cred);
  CHECK(cred->meeting_id == "mtg_1");
  CHECK(cred->member_id == "mbr_ann");
  CHECK_FALSE(s->find_member_token("hash_fac"));
}

TEMPLATE_TEST_CASE("store: record() keeps the current state in step", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  const d::note a1{note_id("a1"), "zed", 1, "first text", 10};
  const d::note a1b{note_id("a1"), "zed", 1, "edited text", 11};
  const d::note a2{note_id("a2"), "zed", 1, "to delete", 12};
  const d::note b1{note_id("b1"), "amy", 1, "amy's note", 13};
  in_tx(*s, [&](st::store& t) {
    add_group_and_meeting(t);
    add_group_and_meeting(t, "mtg_other");
    std::uint64_t seq = 0;
    // Ids in reverse alphabetical order: the store must keep join order, not id order.
    record(t, "mtg_1", ++seq,
           chg::member_joined{{"zed", "Zed", d::category::teacher, d::role::facilitator}});
    record(t, "mtg_1", ++seq,
           chg::member_joined{{"amy", "Amy", d::category::parent, d::role::participant}});
    record(t, "mtg_1", ++seq, chg::presenter_appointed{std::string("amy")});
    record(t, "mtg_1", ++seq, chg::step_changed{1});
    record(t, "mtg_1", ++seq, chg::note_saved{a1, {1, "zed", 1, false}});
    record(t, "mtg_1", ++seq, chg::note_saved{a1b, {1, "zed", 1, false}});
    record(t, "mtg_1", ++seq, chg::note_saved{a2, {1, "zed", 2, false}});
    record(t, "mtg_1", ++seq, chg::note_deleted{a2.note_id, {1, "zed", 1, false}});
    record(t, "mtg_1", ++seq, chg::note_saved{b1, {1, "amy", 1, false}});
    record(t, "mtg_1", ++seq, chg::done_changed{{1, "amy", 1, true}});
    record(t, "mtg_1", ++seq, chg::done_changed{{1, "zed", 1, true}});
    record(t, "mtg_1", ++seq, chg::done_changed{{1, "zed", 1, false}});
    record(t, "mtg_1", ++seq, chg::revealed{1, {a1b, b1}});
    record(t, "mtg_1", ++seq, chg::step_changed{2});
    // Another meeting's changes stay out of mtg_1.
    record(t, "mtg_other", 1,
           chg::member_joined{{"zed", "Zed", d::category::teacher, d::role::participant}});
  });

  auto cur = s->load_meeting("mtg_1");
  REQUIRE(cur);
  CHECK(cur->record.meeting_id == "mtg_1");
  CHECK(cur->record.group_id == "grp_1");
  CHECK(cur->seq == 14);
  CHECK(cur->step_index == 2);
  CHECK(cur->presenter_id == std::optional<std::string>("amy"));
  REQUIRE(cur->members.size() == 2);
  CHECK(cur->members[0].member_id == "zed");
  CHECK(cur->members[0].name == "Zed");
  CHECK(cur->members[0].r == d::role::facilitator);
  CHECK(cur->members[0].cat == d::category::teacher);
  CHECK(cur->members[1].member_id == "amy");
  CHECK(cur->members[1].cat == d::category::parent);

  auto notes = cur->notes;
  std::sort(notes.begin(), notes.end(), [](auto& x, auto& y) { return x.note_id < y.note_id; });
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].note_id == a1.note_id);
  CHECK(notes[0].text == "edited text");  // upserted, not duplicated
  CHECK(notes[0].updated_at == 11);
  CHECK(notes[0].author_id == "zed");
  CHECK(notes[0].step_index == 1);
  CHECK(notes[1].note_id == b1.note_id);

  CHECK(cur->revealed_steps == std::set<std::uint32_t>{1});
  std::map<std::string, bool> done;
  for (const auto& p : cur->done_flags) {
    CHECK(p.step_index == 1);
    done[p.member_id] = p.done;
  }
  CHECK(done == std::map<std::string, bool>{{"amy", true}, {"zed", false}});

  // Presenter cleared again.
  in_tx(*s, [](st::store& t) { record(t, "mtg_1", 15, chg::presenter_appointed{std::nullopt}); });
  CHECK_FALSE(s->load_meeting("mtg_1")->presenter_id.has_value());

  auto other = s->load_meeting("mtg_other");
  REQUIRE(other);
  CHECK(other->seq == 1);
  CHECK(other->members.size() == 1);
  CHECK(other->notes.empty());
  CHECK_FALSE(s->load_meeting("mtg_none").has_value());
}

TEMPLATE_TEST_CASE("store: a meeting loaded from the store equals the live one", "[store]",
                   STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) { add_group_and_meeting(t); });
  // Every change the live meeting applies is recorded, one transaction each, as the writer does.
  fixture f(standard_method(), [&](const d::change& c) {
    in_tx(*s, [&](st::store& t) {
      t.record("mtg_1", c, intervisie::protocol::encode_change_record(c.body));
    });
  });
  f.ok("fac", d::cmd::appoint_presenter{"cat"});
  f.ok("fac", d::cmd::set_step{1});
  f.ok("ann", d::cmd::note_save{note_id("a1"), "one"});
  f.ok("ann", d::cmd::note_save{note_id("a2"), "two"});
  f.ok("ann", d::cmd::note_delete{note_id("a1")});
  f.ok("bob", d::cmd::note_save{note_id("b1"), "three"});
  f.ok("bob", d::cmd::set_done{true});
  f.ok("fac", d::cmd::reveal{});
  f.ok("fac", d::cmd::set_step{3});
  f.ok("cat", d::cmd::note_save{note_id("c3"), "four"});
  f.ok("cat", d::cmd::note_save{note_id("c3"), "four, edited"});

  auto cur = s->load_meeting("mtg_1");
  REQUIRE(cur);
  // Rooms load by replaying the log (rooms/meeting_loader); the tables must agree with it.
  d::meeting loaded(f.mt.info(), f.mt.meeting_method());
  for (const auto& e : s->log_since("mtg_1", 0, 10000)) {
    auto body = intervisie::protocol::decode_change_record(e.body);
    REQUIRE(body);
    loaded.apply(d::change{e.seq, e.at, e.actor_id, *body});
  }
  CHECK(cur->seq == loaded.seq());
  CHECK(cur->step_index == loaded.step_index());
  CHECK(cur->notes.size() == loaded.notes().size());
  const d::meeting& live = f.mt;
  CHECK(loaded.seq() == live.seq());
  CHECK(loaded.step_index() == live.step_index());
  CHECK(loaded.presenter_id() == live.presenter_id());
  CHECK(loaded.revealed_steps() == live.revealed_steps());
  REQUIRE(loaded.members().size() == live.members().size());
  for (std::size_t i = 0; i < live.members().size(); ++i) {
    CHECK(loaded.members()[i].member_id == live.members()[i].member_id);
  }
  REQUIRE(loaded.notes().size() == live.notes().size());
  for (const auto& [id, n] : live.notes()) {
    CHECK(loaded.notes().at(id).text == n.text);
    CHECK(loaded.notes().at(id).updated_at == n.updated_at);
  }
  for (std::uint32_t step = 0; step < 4; ++step) {
    for (const auto& m : live.members()) {
      INFO("step " << step << " member " << m.member_id);
      CHECK(loaded.progress_of(step, m.member_id).note_count ==
            live.progress_of(step, m.member_id).note_count);
      CHECK(loaded.progress_of(step, m.member_id).done == live.progress_of(step, m.member_id).done);
    }
  }
  // The log holds every change, and each record decodes.
  auto log = s->log_since("mtg_1", 0, 1000);
  REQUIRE(log.size() == live.seq());
  for (const auto& e : log) CHECK(intervisie::protocol::decode_change_record(e.body).has_value());
}

TEMPLATE_TEST_CASE("store: log_since is ordered, bounded and per meeting", "[store]",
                   STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t);
    add_group_and_meeting(t, "mtg_other");
    for (std::uint32_t i = 1; i <= 10; ++i)
      record(t, "mtg_1", i, chg::step_changed{i}, numbered("actor", i));
    record(t, "mtg_other", 1, chg::step_changed{77});
  });
  auto all = s->log_since("mtg_1", 0, 100);
  REQUIRE(all.size() == 10);
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].seq == i + 1);
    CHECK(all[i].actor_id == numbered("actor", i + 1));
    CHECK(all[i].at == 1'700'000'000'000 + static_cast<std::int64_t>(i + 1));
    CHECK(all[i].body == intervisie::protocol::encode_change_record(
                             chg::step_changed{static_cast<std::uint32_t>(i + 1)}));
  }
  auto mid = s->log_since("mtg_1", 3, 4);
  REQUIRE(mid.size() == 4);
  CHECK(mid.front().seq == 4);
  CHECK(mid.back().seq == 7);
  CHECK(s->log_since("mtg_1", 9, 100).size() == 1);
  CHECK(s->log_since("mtg_1", 10, 100).empty());
  CHECK(s->log_since("mtg_1", 0, 0).empty());
  CHECK(s->log_since("mtg_none", 0, 100).empty());
  auto other = s->log_since("mtg_other", 0, 100);
  REQUIRE(other.size() == 1);
  CHECK(other[0].body.find("77") != std::string::npos);
  // A seq is written once: the log is append-only.
  s->begin();
  CHECK_THROWS_AS(record(*s, "mtg_1", 5, chg::step_changed{0}), st::sqlite_error);
  s->rollback();
  CHECK(s->log_since("mtg_1", 4, 1).at(0).actor_id == "actor5");
}

TEMPLATE_TEST_CASE("store: a savepoint rollback undoes only that job", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    add_group_and_meeting(t);
    record(t, "mtg_1", 1,
           chg::member_joined{{"ann", "Ann", d::category::student, d::role::participant}});
  });

  s->begin();
  s->savepoint();
  s->add_coordinator("job_1", 1);
  record(*s, "mtg_1", 2, chg::step_changed{1});
  s->release_savepoint();

  s->savepoint();
  s->add_coordinator("job_2", 1);
  record(*s, "mtg_1", 3, chg::step_changed{3});
  s->rollback_to_savepoint();

  s->savepoint();  // the name is reused: the earlier savepoint must be gone
  s->add_coordinator("job_3", 1);
  s->release_savepoint();
  s->commit();

  CHECK(s->is_coordinator("job_1"));
  CHECK_FALSE(s->is_coordinator("job_2"));
  CHECK(s->is_coordinator("job_3"));
  auto cur = s->load_meeting("mtg_1");
  REQUIRE(cur);
  CHECK(cur->seq == 2);
  CHECK(cur->step_index == 1);
  CHECK(s->log_since("mtg_1", 0, 10).size() == 2);

  // rollback() undoes the whole transaction; a rollback with none open is harmless.
  s->begin();
  s->add_coordinator("never", 1);
  s->rollback();
  CHECK_FALSE(s->is_coordinator("never"));
  CHECK_NOTHROW(s->rollback());
}

TEMPLATE_TEST_CASE("store: group methods", "[store]", STORE_BACKENDS) {
  TestType backend;
  auto s = backend.open();
  in_tx(*s, [](st::store& t) {
    t.add_group({"grp_a", "A", "", 1});
    t.add_group({"grp_b", "B", "", 2});
    t.add_group_method({"gm_later", "grp_a", R"({"method_id":"gm_later"})", 20});
    t.add_group_method({"gm_earlier", "grp_a", R"({"method_id":"gm_earlier"})", 10});
    t.add_group_method({"gm_other", "grp_b", R"({"method_id":"gm_other"})", 5});
  });

  // A group's methods, oldest first, and only its own.
  auto a = s->group_methods("grp_a");
  REQUIRE(a.size() == 2);
  CHECK(a[0].method_id == "gm_earlier");
  CHECK(a[0].group_id == "grp_a");
  CHECK(a[0].body == R"({"method_id":"gm_earlier"})");
  CHECK(a[0].created_at == 10);
  CHECK(a[1].method_id == "gm_later");
  REQUIRE(s->group_methods("grp_b").size() == 1);
  CHECK(s->group_methods("grp_x").empty());

  auto found = s->find_group_method("gm_other");
  REQUIRE(found);
  CHECK(found->group_id == "grp_b");
  CHECK(found->body == R"({"method_id":"gm_other"})");
  CHECK(found->created_at == 5);
  CHECK_FALSE(s->find_group_method("gm_none"));
  CHECK_FALSE(s->find_group_method(""));

  // Immutable: a method id is saved once (editing saves a new one), and a method belongs to an
  // existing group (foreign keys are on). A refused add changes nothing.
  s->begin();
  CHECK_THROWS_AS(s->add_group_method({"gm_later", "grp_a", "{}", 30}), st::sqlite_error);
  s->rollback();
  CHECK(s->find_group_method("gm_later")->body == R"({"method_id":"gm_later"})");
  s->begin();
  CHECK_THROWS_AS(s->add_group_method({"gm_orphan", "grp_none", "{}", 1}), st::sqlite_error);
  s->rollback();
  CHECK_FALSE(s->find_group_method("gm_orphan"));

  // A method with a text of any size the API lets through (64 KiB body) comes back unchanged.
  const std::string big(60 * 1024, 'x');
  in_tx(*s, [&](st::store& t) { t.add_group_method({"gm_big", "grp_b", big, 40}); });
  CHECK(s->find_group_method("gm_big")->body == big);
  CHECK(s->group_methods("grp_b").back().method_id == "gm_big");
}
