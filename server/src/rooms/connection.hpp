#pragma once
// What a room needs of a client connection. Implemented by net::ws_session; rooms never see
// Beast. Both calls are thread-safe and never block: they hand the work to the connection's
// own strand.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace intervisie::rooms {

class connection {
public:
  virtual ~connection() = default;
  // Queues one encoded message. A connection whose queue is full closes itself (4001).
  virtual void send(std::shared_ptr<const std::string> message) = 0;
  // Queues the events of a resume (at most limits::replay_max of them, and at most half of
  // limits::queue_bytes_max: the room sends a snapshot instead when they would not fit). They do
  // not count against the per-connection message limit: a client catching up is not slow.
  virtual void send_replay(std::vector<std::shared_ptr<const std::string>> messages) = 0;
  virtual void close_with(std::uint16_t code, std::string reason) = 0;
  // Queues a message that may be lost (live strokes, cursors: R37): dropped rather than queued
  // when the connection is already behind, so a slow phone never gets closed for them.
  virtual void send_ephemeral(std::shared_ptr<const std::string> message) {
    send(std::move(message));
  }
};

// Close codes (protocol/README.md §7).
namespace close_code {
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t policy = 1008;
inline constexpr std::uint16_t too_big = 1009;
inline constexpr std::uint16_t too_slow = 4001;              // reconnect
inline constexpr std::uint16_t server_error = 4002;          // reconnect and resync
inline constexpr std::uint16_t unsupported_protocol = 4500;  // do not reconnect
inline constexpr std::uint16_t member_removed = 4501;        // do not reconnect
}  // namespace close_code

}  // namespace intervisie::rooms
