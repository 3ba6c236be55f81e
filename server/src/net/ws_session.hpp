#pragma once
// One WebSocket connection: reads and validates client messages, hands commands to the room,
// and writes through a bounded single-writer queue. A client that stops reading is closed with
// 4001 (reconnect) instead of growing memory without bound; the meeting never waits for it.
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "net/server_state.hpp"
#include "protocol/codec.hpp"
#include "rooms/connection.hpp"

namespace intervisie::net {

class ws_session : public rooms::connection, public std::enable_shared_from_this<ws_session> {
public:
  ws_session(boost::asio::ip::tcp::socket&& socket, server_state& state);
  ~ws_session() override;

  void run(boost::beast::http::request<boost::beast::http::string_body> req);

  void send(std::shared_ptr<const std::string> message) override;
  void send_replay(std::vector<std::shared_ptr<const std::string>> messages) override;
  void close_with(std::uint16_t code, std::string reason) override;
  void send_ephemeral(std::shared_ptr<const std::string> message) override;

private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_message(protocol::decode_result decoded);
  void on_hello(const protocol::hello& h, std::optional<std::uint64_t> ref);
  // A token bucket refilled continuously (protocol §8): one for commands, one for board_live.
  struct bucket {
    double tokens;
    std::chrono::steady_clock::time_point refilled;
  };
  bool take_token(bucket& b, double rate, double burst);
  void reply(std::string text);
  void enqueue(std::shared_ptr<const std::string> message, bool replay = false);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t);
  void start_close(std::uint16_t code, std::string reason);
  void finish();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  server_state& state_;
  boost::asio::steady_timer close_timer_;

  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  // Replayed events queued at resume and not yet written: allowed above the message limit.
  std::size_t replay_credit_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  std::optional<boost::beast::websocket::close_reason> close_reason_;

  bucket commands_;
  bucket live_;
  std::size_t dropped_ = 0;

  bool hello_pending_ = false;
  std::shared_ptr<rooms::room> room_;
  std::string meeting_id_;
  std::string member_id_;
  bool finished_ = false;
};

}  // namespace intervisie::net
