#include "meeting_fixture.hpp"

#include <atomic>
#include <random>
#include <stdexcept>

namespace intervisie::test {

namespace {

void require_status(const http_response& res, int status, const std::string& what) {
  if (res.status != status)
    throw std::runtime_error(what + ": expected HTTP " + std::to_string(status) + ", got " +
                             std::to_string(res.status) + " " + res.body);
}

}  // namespace

meeting_fixture::meeting_fixture(int participant_count, std::vector<std::string> server_args,
                                 bool connect_members, std::string method)
    : server(std::move(server_args)), method_id(std::move(method)) {
  auto client = http();
  auto claim = client.post("/api/admin/claim", {{"admin_key", server.admin_key()}});
  require_status(claim, 200, "POST /api/admin/claim");
  coordinator_token = claim.json.at("coordinator_token").get<std::string>();

  auto group =
      client.post_auth("/api/groups", {{"name", "Intervisiegroep Noord"}}, coordinator_token);
  require_status(group, 201, "POST /api/groups");
  group_id = group.json.at("group_id").get<std::string>();

  meeting = create_meeting("Bijeenkomst 1");

  facilitator = join(meeting.facilitator_token, "Fenna Facilitator", "professional");
  static const char* categories[] = {"student", "parent", "young_person", "teacher",
                                     "professional"};
  for (int i = 0; i < participant_count; ++i)
    participants.push_back(
        join(meeting.invite_token, "Deelnemer " + std::to_string(i + 1), categories[i % 5]));

  if (!connect_members) return;
  json welcome;
  facilitator_ws = connect(facilitator, std::nullopt, &welcome);
  for (auto& p : participants) participant_ws.push_back(connect(p, std::nullopt, &welcome));
  seq = welcome.at("data").at("seq").get<std::int64_t>();
  // Settle: a round trip on every connection so presence fan-out from the connects has been
  // queued before the test begins.
  expect_alive(*facilitator_ws);
  for (auto& ws : participant_ws) expect_alive(*ws);
}

meeting_links meeting_fixture::create_meeting(const std::string& title, const std::string& method) {
  auto res = http().post_auth(
      "/api/groups/" + group_id + "/meetings",
      {{"title", title}, {"method_id", method.empty() ? method_id : method}}, coordinator_token);
  require_status(res, 201, "POST /api/groups/{id}/meetings");
  return {res.json.at("meeting_id").get<std::string>(),
          res.json.at("facilitator_token").get<std::string>(),
          res.json.at("invite_token").get<std::string>()};
}

member_info meeting_fixture::join(const std::string& link_token, const std::string& name,
                                  const std::string& category) {
  auto res = http().post(
      "/api/join",
      {{"token", link_token}, {"name", name}, {"category", category}, {"accept_agreement", true}});
  require_status(res, 201, "POST /api/join");
  member_info m;
  m.name = name;
  m.member_token = res.json.at("member_token").get<std::string>();
  m.member_id = res.json.at("member_id").get<std::string>();
  m.role = link_token == meeting.facilitator_token ? "facilitator" : "participant";
  return m;
}

std::unique_ptr<ws_client> meeting_fixture::open_ws(ws_connect_options options) const {
  return std::make_unique<ws_client>(server.host(), server.port(), std::move(options));
}

std::unique_ptr<ws_client> meeting_fixture::connect(const member_info& member,
                                                    std::optional<std::int64_t> last_seq,
                                                    json* welcome,
                                                    ws_connect_options options) const {
  auto ws = open_ws(std::move(options));
  ws->send(hello_message(member.member_token, last_seq));
  json reply = ws->wait_for(
      [](const json& m) { return is_type(m, "welcome") || is_type(m, "error"); }, 5s, "welcome");
  if (!is_type(reply, "welcome")) throw std::runtime_error("hello failed: " + reply.dump());
  if (welcome) *welcome = reply;
  return ws;
}

json meeting_fixture::data(json extra) const {
  extra["meeting_id"] = meeting.meeting_id;
  return extra;
}

json hello_message(const std::string& member_token, std::optional<std::int64_t> last_seq,
                   int protocol) {
  json data = {{"protocol", protocol}, {"member_token", member_token}};
  if (last_seq) data["last_seq"] = *last_seq;
  return json{{"type", "hello"}, {"data", data}};
}

std::string make_note_id() {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  // thread_local: the ordering test makes ids from several threads at once.
  thread_local std::mt19937_64 rng(std::random_device{}());
  std::string id = "note:";
  for (int i = 0; i < 20; ++i) id += alphabet[rng() % 64];
  return id;
}

bool is_type(const json& message, const std::string& type) {
  return message.is_object() && message.value("type", "") == type;
}

bool is_error(const json& message, const std::string& code) {
  return is_type(message, "error") && message.contains("data") && message["data"].is_object() &&
         message["data"].value("code", "") == code;
}

bool is_event(const json& message) {
  return message.is_object() && !is_type(message, "welcome") && message.contains("data") &&
         message["data"].is_object() && message["data"].contains("seq");
}

std::int64_t seq_of(const json& message) {
  return message.at("data").at("seq").get<std::int64_t>();
}

json next_event(ws_client& client, std::chrono::milliseconds timeout) {
  return client.wait_for(is_event, timeout, "an event with seq");
}

void expect_alive(ws_client& client) {
  json reply = client.request("ping");
  if (!is_type(reply, "pong")) throw std::runtime_error("ping did not get pong: " + reply.dump());
}

}  // namespace intervisie::test
