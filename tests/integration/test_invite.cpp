// R30: the facilitator's new invite link. A removed participant cannot come back through the
// link everyone was given: the facilitator makes a new one and the old one stops working.
#include <catch2/catch.hpp>

#include "meeting_fixture.hpp"

using namespace intervisie::test;

namespace {
http_response new_invite(const meeting_fixture& f, const std::string& member_token) {
  return f.http().post_auth("/api/meeting-invite", json::object(), member_token);
}
http_response inspect(const meeting_fixture& f, const std::string& token) {
  return f.http().post("/api/links/inspect", {{"token", token}});
}
}  // namespace

TEST_CASE("R30 new invite link: the old one stops working, the new one admits", "[tools][invite]") {
  meeting_fixture f(1);
  const std::string old_invite = f.meeting.invite_token;
  REQUIRE(inspect(f, old_invite).status == 200);

  auto made = new_invite(f, f.facilitator.member_token);
  REQUIRE(made.status == 201);
  const std::string fresh = made.json.at("invite_token").get<std::string>();
  CHECK(made.json.at("meeting_id") == f.meeting.meeting_id);
  CHECK(fresh.size() == 43);  // 256 bits, base64url (R5)
  CHECK(fresh != old_invite);

  // The old link is as unknown as a made-up one (R6); the new one works for inspect and join.
  auto old = inspect(f, old_invite);
  CHECK(old.status == 404);
  CHECK(old.json.at("error").at("code") == "invalid_link");
  CHECK(inspect(f, fresh).json.at("role") == "participant");
  auto refused = f.http().post("/api/join", {{"token", old_invite},
                                             {"name", "Oud"},
                                             {"category", "student"},
                                             {"accept_agreement", true}});
  CHECK(refused.status == 404);
  member_info newcomer = f.join(fresh, "Nieuw", "parent");
  CHECK_FALSE(newcomer.member_id.empty());

  // The facilitator link is untouched.
  CHECK(inspect(f, f.meeting.facilitator_token).json.at("role") == "facilitator");
  // A second new link replaces the first new one too.
  auto again = new_invite(f, f.facilitator.member_token);
  REQUIRE(again.status == 201);
  CHECK(inspect(f, fresh).status == 404);
  CHECK(inspect(f, again.json.at("invite_token").get<std::string>()).status == 200);
}

TEST_CASE("R30 new invite link: only a facilitator who is still in the meeting",
          "[tools][invite]") {
  meeting_fixture f(2);
  const std::string invite = f.meeting.invite_token;

  auto participant = new_invite(f, f.participants[0].member_token);
  CHECK(participant.status == 403);
  CHECK(participant.json.at("error").at("code") == "forbidden");
  auto none = f.http().post("/api/meeting-invite", json::object());
  CHECK(none.status == 401);
  auto forged = new_invite(f, std::string(43, 'A'));
  CHECK(forged.status == 401);
  CHECK(forged.json.at("error").at("code") == "unauthorized");
  // Nothing changed: the invite link still works.
  CHECK(inspect(f, invite).status == 200);

  // After a hand-over the new facilitator may, the old one may not.
  REQUIRE(is_type(
      f.fac().request("hand_facilitation", f.data({{"member_id", f.participants[0].member_id}})),
      "roles_changed"));
  CHECK(new_invite(f, f.facilitator.member_token).status == 403);
  CHECK(new_invite(f, f.participants[0].member_token).status == 201);

  // A removed facilitator's token gets nothing.
  REQUIRE(
      is_type(f.part(0).request("remove_member", f.data({{"member_id", f.facilitator.member_id}})),
              "member_removed"));
  CHECK(new_invite(f, f.facilitator.member_token).status == 401);
}

TEST_CASE("R30 new invite link: not after the end, and it survives a restart", "[tools][invite]") {
  meeting_fixture f(1);
  auto made = new_invite(f, f.facilitator.member_token);
  REQUIRE(made.status == 201);
  const std::string fresh = made.json.at("invite_token").get<std::string>();

  f.server.kill();  // SIGKILL: the new link was committed before its 201
  f.server.restart();
  CHECK(inspect(f, f.meeting.invite_token).status == 404);
  CHECK(inspect(f, fresh).status == 200);

  auto ws = f.connect(f.facilitator);
  REQUIRE(is_type(ws->request("end_meeting", f.data()), "meeting_ended"));
  auto ended = new_invite(f, f.facilitator.member_token);
  CHECK(ended.status == 409);
  CHECK(ended.json.at("error").at("code") == "meeting_ended");
}
