#include "net/ws_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "domain/limits.hpp"
#include "rooms/clock.hpp"
#include "store/tokens.hpp"

namespace intervisie::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using domain::error;
using domain::error_code;

ws_session::ws_session(asio::ip::tcp::socket&& socket, server_state& state)
    : ws_(std::move(socket)),
      state_(state),
      close_timer_(ws_.get_executor()),
      commands_{state.cfg.rate_burst, std::chrono::steady_clock::now()},
      live_{limits::live_rate_burst, std::chrono::steady_clock::now()} {}

ws_session::~ws_session() = default;

void ws_session::run(beast::http::request<beast::http::string_body> req) {
  // Ping after 15 s without input, give up after 30 s (R4): inside a proxy's 60 s read
  // timeout, and half-open connections are found and closed.
  websocket::stream_base::timeout t{};
  t.handshake_timeout = std::chrono::seconds(10);
  t.idle_timeout = std::chrono::seconds(state_.cfg.idle_timeout_seconds);
  t.keep_alive_pings = true;
  ws_.set_option(t);
  ws_.read_message_max(limits::message_hard_max);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "intervisie"); }));
  // permessage-deflate stays off (its default): zlib state costs ~170 KiB per connection.
  ws_.async_accept(req, beast::bind_front_handler(&ws_session::on_accept, shared_from_this()));
}

void ws_session::on_accept(beast::error_code ec) {
  if (ec) return finish();
  ws_.text(true);
  do_read();
}

void ws_session::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&ws_session::on_read, shared_from_this()));
}

void ws_session::on_read(beast::error_code ec, std::size_t bytes) {
  if (ec) {
    // Over the hard limit Beast has already failed the read with 1009; anything else (closed,
    // reset, idle timeout) ends the session the same way.
    return finish();
  }
  if (!ws_.got_text()) {
    reply(protocol::encode_error({error_code::invalid_json, "send text frames"}, std::nullopt));
  } else if (bytes > limits::message_soft_max) {
    reply(protocol::encode_error({error_code::message_too_large, "the message is over 64 KiB"},
                                 std::nullopt));
  } else {
    auto data = buffer_.cdata();
    auto decoded =
        protocol::decode(std::string_view(static_cast<const char*>(data.data()), data.size()));
    const auto* in = std::get_if<protocol::inbound>(&decoded);
    const auto* mc = in ? std::get_if<protocol::meeting_command>(&in->msg) : nullptr;
    const auto* failed = std::get_if<protocol::decode_failure>(&decoded);
    const bool live = (mc && std::holds_alternative<domain::cmd::board_live>(mc->cmd)) ||
                      (failed && failed->live);
    const bool limited = state_.cfg.rate_per_second > 0;
    if (live) {
      // R37: live strokes and cursors have their own budget; over it they are simply lost.
      // A board_live the server cannot use is dropped without an error, like one over budget.
      if (!failed &&
          (!limited || take_token(live_, limits::live_rate_per_second, limits::live_rate_burst)))
        on_message(std::move(decoded));
    } else if (limited &&
               !take_token(commands_, state_.cfg.rate_per_second, state_.cfg.rate_burst)) {
      // The dropped message's ref still gets its one reply (R16).
      std::optional<std::uint64_t> ref;
      if (in) ref = in->ref;
      if (failed) ref = failed->ref;
      reply(protocol::encode_error({error_code::rate_limited, "slow down"}, ref));
      if (++dropped_ >= limits::rate_drops_before_close) {
        buffer_.consume(buffer_.size());
        return start_close(rooms::close_code::policy, "rate limit");
      }
    } else {
      on_message(std::move(decoded));
    }
  }
  buffer_.consume(buffer_.size());
  if (!closing_) do_read();
}

bool ws_session::take_token(bucket& b, double rate, double burst) {
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - b.refilled).count();
  b.refilled = now;
  b.tokens = std::min(burst, b.tokens + elapsed * rate);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

void ws_session::on_message(protocol::decode_result decoded) {
  if (auto* f = std::get_if<protocol::decode_failure>(&decoded)) {
    reply(protocol::encode_error(f->err, f->ref));
    if (f->err.code == error_code::unsupported_protocol) {
      start_close(rooms::close_code::unsupported_protocol, "unsupported protocol");
    }
    return;
  }
  auto& in = std::get<protocol::inbound>(decoded);
  if (auto* h = std::get_if<protocol::hello>(&in.msg)) return on_hello(*h, in.ref);
  if (std::holds_alternative<protocol::ping>(in.msg)) {
    return reply(protocol::encode_pong(in.ref, now_ms()));
  }
  auto& mc = std::get<protocol::meeting_command>(in.msg);
  if (!room_) {
    return reply(
        protocol::encode_error({error_code::not_authenticated, "send hello first"}, in.ref));
  }
  if (mc.meeting_id != meeting_id_) {
    return reply(protocol::encode_error({error_code::not_in_meeting, "not your meeting"}, in.ref));
  }
  room_->handle(shared_from_this(), member_id_, std::move(mc.cmd), in.ref);
}

void ws_session::on_hello(const protocol::hello& h, std::optional<std::uint64_t> ref) {
  if (room_ || hello_pending_) {
    return reply(protocol::encode_error({error_code::already_joined, "already joined"}, ref));
  }
  hello_pending_ = true;
  auto cred = std::make_shared<std::optional<store::credential>>();
  auto self = shared_from_this();
  state_.writer.submit(
      [hash = store::hash_token(h.member_token), cred](store::store& s) {
        *cred = s.find_member_token(hash);
      },
      [self, cred, ref, last_seq = h.last_seq](bool ok) {
        auto invalid = [self, ref] {
          asio::post(self->ws_.get_executor(), [self, ref] {
            self->hello_pending_ = false;
            self->reply(
                protocol::encode_error({error_code::invalid_token, "this link is not valid"}, ref));
          });
        };
        if (!ok || !*cred) return invalid();
        auto c = **cred;
        self->state_.rooms.with_room(
            c.meeting_id, [self, c, ref, last_seq, invalid](std::shared_ptr<rooms::room> r) {
              if (!r) return invalid();
              asio::post(self->ws_.get_executor(), [self, c, r, ref, last_seq] {
                self->hello_pending_ = false;
                if (self->finished_ || self->closing_) return;
                self->room_ = r;
                self->meeting_id_ = c.meeting_id;
                self->member_id_ = c.member_id;
                r->attach(self, c.member_id, last_seq, ref);
              });
            });
      });
}

void ws_session::reply(std::string text) {
  enqueue(std::make_shared<const std::string>(std::move(text)));
}

void ws_session::send(std::shared_ptr<const std::string> message) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), m = std::move(message)]() mutable {
    self->enqueue(std::move(m));
  });
}

void ws_session::send_ephemeral(std::shared_ptr<const std::string> message) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), m = std::move(message)]() mutable {
    // Behind by half the queue already: this live point or cursor would arrive stale anyway.
    if (self->queue_.size() >= self->state_.cfg.queue_limit / 2 ||
        self->queued_bytes_ + m->size() > limits::queue_bytes_max / 2)
      return;
    self->enqueue(std::move(m));
  });
}

void ws_session::send_replay(std::vector<std::shared_ptr<const std::string>> messages) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), m = std::move(messages)]() mutable {
    for (auto& msg : m) self->enqueue(std::move(msg), true);
  });
}

void ws_session::close_with(std::uint16_t code, std::string reason) {
  asio::post(ws_.get_executor(),
             [self = shared_from_this(), code, r = std::move(reason)]() mutable {
               self->start_close(code, std::move(r));
             });
}

void ws_session::enqueue(std::shared_ptr<const std::string> message, bool replay) {
  if (closing_ || finished_) return;
  if (replay) ++replay_credit_;
  // One message is always taken into an empty queue, however large: a welcome with a full
  // snapshot of boards may exceed the byte limit, which is about a backlog, not one message.
  if (queue_.size() >= state_.cfg.queue_limit + replay_credit_ ||
      (!queue_.empty() && queued_bytes_ + message->size() > limits::queue_bytes_max)) {
    // The client is not reading: drop what it would never catch up with and tell it to
    // reconnect, where resume gives it everything at once.
    return start_close(rooms::close_code::too_slow, "too slow");
  }
  queued_bytes_ += message->size();
  queue_.push_back(std::move(message));
  if (!writing_) do_write();
}

void ws_session::do_write() {
  writing_ = true;
  ws_.async_write(asio::buffer(*queue_.front()),
                  beast::bind_front_handler(&ws_session::on_write, shared_from_this()));
}

void ws_session::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return finish();
  if (!queue_.empty()) {
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    // Replayed events sit at the front of the queue: each write spends one unit of credit.
    if (replay_credit_ > 0) --replay_credit_;
  }
  if (close_reason_) {
    auto reason = *close_reason_;
    close_reason_.reset();
    writing_ = true;
    ws_.async_close(reason, [self = shared_from_this()](beast::error_code) {
      self->writing_ = false;
      self->finish();
    });
    return;
  }
  if (!queue_.empty() && !closing_) do_write();
}

void ws_session::start_close(std::uint16_t code, std::string reason) {
  if (closing_ || finished_) return;
  closing_ = true;
  // Keep only the frame being written (a WebSocket write cannot be interrupted), then close.
  while (queue_.size() > (writing_ ? 1u : 0u)) {
    queued_bytes_ -= queue_.back()->size();
    queue_.pop_back();
  }
  websocket::close_reason cr(static_cast<websocket::close_code>(code), reason);
  // A client that reads nothing never completes the close handshake: cut it off after 5 s.
  close_timer_.expires_after(std::chrono::seconds(5));
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;
    beast::get_lowest_layer(self->ws_).socket().close(ec);
  });
  if (writing_) {
    close_reason_ = cr;
    return;
  }
  writing_ = true;
  ws_.async_close(cr, [self = shared_from_this()](beast::error_code) {
    self->writing_ = false;
    self->finish();
  });
}

void ws_session::finish() {
  if (finished_) return;
  finished_ = true;
  close_timer_.cancel();
  queue_.clear();
  queued_bytes_ = 0;
  if (room_) room_->detach(shared_from_this());
  room_.reset();
  beast::error_code ec;
  beast::get_lowest_layer(ws_).socket().close(ec);
}

}  // namespace intervisie::net
