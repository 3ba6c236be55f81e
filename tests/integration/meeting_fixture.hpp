#pragma once

#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace intervisie::test {

struct meeting_links {
  std::string meeting_id;
  std::string facilitator_token;
  std::string invite_token;
};

// A member as created by POST /api/join.
struct member_info {
  std::string name;
  std::string member_token;
  std::string member_id;
  std::string role;
};

// Starts a server, claims the admin key, creates a group and a meeting (buiten_je_bubbel unless
// another method_id is given), joins a facilitator and N participants over HTTP and connects each
// of them (hello → welcome), so a test starts with a live meeting in a few lines. Members are
// joined before anyone connects, so every welcome already lists all of them.
class meeting_fixture {
public:
  explicit meeting_fixture(int participant_count = 2, std::vector<std::string> server_args = {},
                           bool connect_members = true, std::string method_id = "buiten_je_bubbel");

  server_process server;
  std::string coordinator_token;
  std::string group_id;
  meeting_links meeting;
  // The method of the fixture's meeting, and of create_meeting's unless it is given one.
  std::string method_id;

  member_info facilitator;
  std::vector<member_info> participants;
  std::unique_ptr<ws_client> facilitator_ws;
  std::vector<std::unique_ptr<ws_client>> participant_ws;
  // The meeting's seq when the fixture was ready (from the last welcome).
  std::int64_t seq = 0;

  http_client http() const { return http_client(server.host(), server.port()); }

  // Another meeting in the same group (with the fixture's method when method is empty).
  meeting_links create_meeting(const std::string& title, const std::string& method = {});
  // POST /api/join; fails the test unless it answers 201.
  member_info join(const std::string& link_token, const std::string& name,
                   const std::string& category = "professional");
  // A WebSocket without hello.
  std::unique_ptr<ws_client> open_ws(ws_connect_options options = {}) const;
  // A WebSocket with hello, waiting for welcome (returned through *welcome when given).
  std::unique_ptr<ws_client> connect(const member_info& member,
                                     std::optional<std::int64_t> last_seq = std::nullopt,
                                     json* welcome = nullptr,
                                     ws_connect_options options = {}) const;

  ws_client& fac() { return *facilitator_ws; }
  ws_client& part(std::size_t i) { return *participant_ws.at(i); }

  // `extra` with this meeting's meeting_id added.
  json data(json extra = json::object()) const;
};

// The hello command of R11.
json hello_message(const std::string& member_token, std::optional<std::int64_t> last_seq = {},
                   int protocol = 1);
// A client-made note id (§4: "note:" + at least 16 characters from [A-Za-z0-9_-]).
std::string make_note_id();
// True for messages of this type; for errors, also compares data.code when given.
bool is_type(const json& message, const std::string& type);
bool is_error(const json& message, const std::string& code);
// Events are the messages that carry data.seq (§4).
bool is_event(const json& message);
std::int64_t seq_of(const json& message);
// Waits for the next event (skipping pong, presence, ...).
json next_event(ws_client& client, std::chrono::milliseconds timeout = 5s);
// A ping/pong round trip: proves the connection still answers, and (R17) that everything the
// server sent before the pong has been queued.
void expect_alive(ws_client& client);

}  // namespace intervisie::test
