#include "ws_client.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace intervisie::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct ws_client::impl {
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  websocket::stream<beast::tcp_stream> ws{ioc};
  std::thread thread;

  // io-thread only
  beast::flat_buffer buffer;
  std::deque<std::shared_ptr<const std::string>> write_queue;
  bool paused = false;
  bool read_pending = false;

  // shared with the test thread
  mutable std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::string> log;
  std::deque<json> queue;
  std::int64_t max_seq = 0;
  bool closed = false;
  std::optional<int> close_code;
  std::string close_reason;
  std::string write_error;

  void do_read() {
    if (paused || read_pending) return;
    read_pending = true;
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) { on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    read_pending = false;
    if (ec) {
      std::lock_guard lock(mutex);
      if (!closed) {
        closed = true;
        if (ec == websocket::error::closed) {
          close_code = static_cast<int>(ws.reason().code);
          close_reason = "closed";
        } else {
          // close_code may already be set by the control callback.
          close_reason = ec.message();
        }
      }
      cv.notify_all();
      return;
    }
    std::string text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    {
      std::lock_guard lock(mutex);
      json message = json::parse(text, nullptr, false);
      if (message.is_object() && message.value("type", "") != "welcome" &&
          message.contains("data") && message["data"].is_object() &&
          message["data"].contains("seq") && message["data"]["seq"].is_number_integer())
        max_seq = std::max(max_seq, message["data"]["seq"].get<std::int64_t>());
      log.push_back(std::move(text));
      queue.push_back(std::move(message));
      cv.notify_all();
    }
    do_read();
  }

  void do_write() {
    auto message = write_queue.front();
    ws.async_write(net::buffer(*message), [this, message](beast::error_code ec, std::size_t) {
      if (ec) {
        // The read side records how the connection ended; keep the write error for
        // diagnostics and drop what is left.
        write_queue.clear();
        std::lock_guard lock(mutex);
        write_error = ec.message();
        return;
      }
      write_queue.pop_front();
      if (!write_queue.empty()) do_write();
    });
  }

  std::string tail() const  // caller holds mutex
  {
    std::string out;
    std::size_t from = log.size() > 5 ? log.size() - 5 : 0;
    for (std::size_t i = from; i < log.size(); ++i) out += "\n  " + log[i].substr(0, 300);
    return out;
  }
};

ws_client::ws_client(const std::string& host, unsigned short port, ws_connect_options options)
    : impl_(std::make_unique<impl>()) {
  auto& im = *impl_;
  auto& lowest = beast::get_lowest_layer(im.ws);
  const tcp::endpoint endpoint(net::ip::make_address(host), port);
  if (options.receive_buffer > 0) {
    // Must be set before connect so the advertised window stays small.
    lowest.socket().open(endpoint.protocol());
    lowest.socket().set_option(net::socket_base::receive_buffer_size(options.receive_buffer));
  }
  im.ws.set_option(
      websocket::stream_base::decorator([origin = options.origin](websocket::request_type& req) {
        if (origin) req.set(http::field::origin, *origin);
      }));
  // Record the close code when the close frame arrives, not only when the read completes: if a
  // long write of ours is in progress, Beast cannot answer the close until the write ends, and a
  // reset during that write aborts the read without reporting the code it already received.
  im.ws.control_callback([&im](websocket::frame_type kind, beast::string_view) {
    if (kind != websocket::frame_type::close) return;
    std::lock_guard lock(im.mutex);
    im.close_code = static_cast<int>(im.ws.reason().code);
  });
  im.ws.read_message_max(64 * 1024 * 1024);
  im.ws.auto_fragment(false);
  im.ws.text(true);

  beast::error_code result;
  bool finished = false;
  websocket::response_type response;
  const std::string host_header = host + ":" + std::to_string(port);
  lowest.expires_after(options.timeout);
  lowest.async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) {
      result = ec;
      finished = true;
      return;
    }
    // Beast's websocket timeouts replace the tcp_stream ones from here on.
    beast::get_lowest_layer(im.ws).expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = options.timeout;
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    im.ws.set_option(t);
    im.ws.async_handshake(response, host_header, "/ws", [&](beast::error_code ec) {
      result = ec;
      finished = true;
    });
  });
  // Run only the connect+handshake on this thread; the work guard keeps ioc.run() from
  // returning, so run until the handler has set the result.
  while (!finished) im.ioc.run_one();
  if (result) {
    int status = static_cast<int>(response.result_int());
    throw ws_handshake_error("WebSocket handshake failed: " + result.message() + " (HTTP status " +
                                 std::to_string(status) + ")",
                             status);
  }
  im.ioc.restart();
  im.thread = std::thread([&im] {
    net::post(im.ioc, [&im] { im.do_read(); });
    im.ioc.run();
  });
}

ws_client::~ws_client() {
  auto& im = *impl_;
  net::post(im.ioc, [&im] {
    beast::error_code ec;
    beast::get_lowest_layer(im.ws).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(im.ws).socket().close(ec);
  });
  im.work.reset();
  if (im.thread.joinable()) im.thread.join();
}

void ws_client::send_raw(std::string text) {
  auto message = std::make_shared<const std::string>(std::move(text));
  auto& im = *impl_;
  net::post(im.ioc, [&im, message] {
    im.write_queue.push_back(message);
    if (im.write_queue.size() == 1) im.do_write();
  });
}

void ws_client::send_frame_direct(const std::string& payload) {
  // RFC 6455 §5.2: FIN + text opcode, masked (client to server), 64-bit length, mask key 0
  // (so the payload goes out unchanged).
  auto frame = std::make_shared<std::string>();
  frame->push_back(static_cast<char>(0x81));
  frame->push_back(static_cast<char>(0x80 | 127));
  const std::uint64_t size = payload.size();
  for (int shift = 56; shift >= 0; shift -= 8)
    frame->push_back(static_cast<char>((size >> shift) & 0xff));
  frame->append(4, '\0');
  frame->append(payload);
  auto& im = *impl_;
  net::post(im.ioc, [&im, frame] {
    net::async_write(beast::get_lowest_layer(im.ws).socket(), net::buffer(*frame),
                     [&im, frame](beast::error_code ec, std::size_t) {
                       if (!ec) return;
                       std::lock_guard lock(im.mutex);
                       im.write_error = ec.message();
                     });
  });
}

std::int64_t ws_client::send_command(const std::string& type, const json& data) {
  std::int64_t ref = next_ref_++;
  send(json{{"type", type}, {"ref", ref}, {"data", data}});
  return ref;
}

json ws_client::request(const std::string& type, const json& data,
                        std::chrono::milliseconds timeout) {
  std::int64_t ref = send_command(type, data);
  return wait_for(
      [ref](const json& m) {
        return m.is_object() && m.contains("ref") && m["ref"].is_number_integer() &&
               m["ref"].get<std::int64_t>() == ref;
      },
      timeout, "reply to " + type + " ref " + std::to_string(ref));
}

std::optional<json> ws_client::try_next(std::chrono::milliseconds timeout) {
  auto& im = *impl_;
  std::unique_lock lock(im.mutex);
  im.cv.wait_for(lock, timeout, [&] { return !im.queue.empty() || im.closed; });
  if (im.queue.empty()) return std::nullopt;
  json message = std::move(im.queue.front());
  im.queue.pop_front();
  return message;
}

json ws_client::next(std::chrono::milliseconds timeout) {
  return wait_for([](const json&) { return true; }, timeout, "any message");
}

json ws_client::wait_for(const std::function<bool(const json&)>& predicate,
                         std::chrono::milliseconds timeout, const std::string& what) {
  auto& im = *impl_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(im.mutex);
  for (;;) {
    while (!im.queue.empty()) {
      json message = std::move(im.queue.front());
      im.queue.pop_front();
      if (predicate(message)) return message;
    }
    if (im.closed)
      throw std::runtime_error("connection closed (" + im.close_reason + ", code " +
                               std::to_string(im.close_code.value_or(-1)) + ") while waiting for " +
                               what + "; last frames:" + im.tail());
    if (im.cv.wait_until(lock, deadline) == std::cv_status::timeout && im.queue.empty() &&
        !im.closed)
      throw std::runtime_error("timeout waiting for " + what + "; last frames:" + im.tail());
  }
}

std::size_t ws_client::pending() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->queue.size();
}

std::vector<std::string> ws_client::frames() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

std::size_t ws_client::frame_count() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log.size();
}

std::int64_t ws_client::max_event_seq() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->max_seq;
}

void ws_client::wait_for_seq(std::int64_t seq, std::chrono::milliseconds timeout) {
  auto& im = *impl_;
  std::unique_lock lock(im.mutex);
  if (!im.cv.wait_for(lock, timeout, [&] { return im.max_seq >= seq || im.closed; }) ||
      im.max_seq < seq)
    throw std::runtime_error("no event with seq " + std::to_string(seq) + " (highest " +
                             std::to_string(im.max_seq) + ", " +
                             (im.closed ? "closed" : "timeout") + "); last frames:" + im.tail());
}

void ws_client::pause_reading() {
  auto& im = *impl_;
  net::post(im.ioc, [&im] { im.paused = true; });
}

void ws_client::resume_reading() {
  auto& im = *impl_;
  net::post(im.ioc, [&im] {
    im.paused = false;
    im.do_read();
  });
}

void ws_client::close(std::chrono::milliseconds timeout) {
  auto& im = *impl_;
  net::post(im.ioc,
            [&im] { im.ws.async_close(websocket::close_code::normal, [](beast::error_code) {}); });
  if (!wait_closed(timeout)) throw std::runtime_error("connection did not close in time");
}

bool ws_client::wait_closed(std::chrono::milliseconds timeout) {
  auto& im = *impl_;
  std::unique_lock lock(im.mutex);
  return im.cv.wait_for(lock, timeout, [&] { return im.closed; });
}

bool ws_client::is_closed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->closed;
}

std::optional<int> ws_client::close_code() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->close_code;
}

std::string ws_client::close_reason() const {
  std::lock_guard lock(impl_->mutex);
  if (!impl_->write_error.empty())
    return impl_->close_reason + " (a write failed: " + impl_->write_error + ")";
  return impl_->close_reason;
}

}  // namespace intervisie::test
