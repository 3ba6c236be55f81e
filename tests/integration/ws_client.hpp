#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace intervisie::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

struct ws_connect_options {
  // Origin header to send; none when empty (R2: a non-browser client).
  std::optional<std::string> origin;
  // When set, SO_RCVBUF is set to this before connecting (slow-consumer test).
  int receive_buffer = 0;
  std::chrono::milliseconds timeout = 5s;
};

// Thrown when the WebSocket handshake fails; `status` is the HTTP status if the server answered.
struct ws_handshake_error : std::runtime_error {
  ws_handshake_error(const std::string& what, int status_)
      : std::runtime_error(what), status(status_) {}
  int status;
};

// A WebSocket client over a real socket. A background thread reads continuously (so the client is
// never a slow consumer unless paused), logs every frame and queues it for next()/wait_for().
// Sends are queued and written in order. Beast stays in the .cpp (pimpl): this header is included
// by every test file.
class ws_client {
public:
  ws_client(const std::string& host, unsigned short port, ws_connect_options options = {});
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  // Queue a text frame. Fire-and-forget: order is kept, errors show up as a closed connection.
  void send_raw(std::string text);
  void send(const json& message) { send_raw(message.dump()); }
  // Writes one text frame straight to the socket, bypassing Beast's write path: when the server
  // closes in the middle of a huge frame, the failed write must not abort the reader before it
  // has seen the server's close frame (1009 test). Not for use alongside send_raw.
  void send_frame_direct(const std::string& payload);
  // Sends {"type","ref","data"} with a fresh ref and returns the ref.
  std::int64_t send_command(const std::string& type, const json& data = json::object());
  // Sends a command and waits for the one reply carrying its ref (R16).
  json request(const std::string& type, const json& data = json::object(),
               std::chrono::milliseconds timeout = 5s);

  // The next queued message; throws on timeout or when the connection closed.
  json next(std::chrono::milliseconds timeout = 5s);
  std::optional<json> try_next(std::chrono::milliseconds timeout);
  // Drops queued messages until one matches; returns it. Dropped ones stay in frames().
  json wait_for(const std::function<bool(const json&)>& predicate,
                std::chrono::milliseconds timeout = 5s, const std::string& what = "message");
  json wait_type(const std::string& type, std::chrono::milliseconds timeout = 5s) {
    return wait_for([&](const json& m) { return m.value("type", "") == type; }, timeout,
                    "type " + type);
  }
  // Number of messages received so far but not yet taken by next()/wait_for().
  std::size_t pending() const;

  // Every frame received on this connection, in order (text as received).
  std::vector<std::string> frames() const;
  std::size_t frame_count() const;
  // The highest data.seq seen in any event (welcome excluded).
  std::int64_t max_event_seq() const;
  // Waits until an event with data.seq >= seq has arrived; does not consume queued messages.
  // Throws on timeout or close.
  void wait_for_seq(std::int64_t seq, std::chrono::milliseconds timeout = 10s);

  // Stop issuing reads (at most one more frame is consumed) / start again.
  void pause_reading();
  void resume_reading();

  // Graceful close (close frame 1000) and wait for the connection to end.
  void close(std::chrono::milliseconds timeout = 5s);
  // Wait until the connection has ended; true if it did within the timeout. Does not consume
  // queued messages.
  bool wait_closed(std::chrono::milliseconds timeout);
  bool is_closed() const;
  // The close code the server sent, if the connection ended with a close frame.
  std::optional<int> close_code() const;
  // The error that ended the connection ("closed" for a close frame, else e.g. "reset").
  std::string close_reason() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::int64_t next_ref_ = 1;
};

}  // namespace intervisie::test
