#include "net/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>

#include "domain/limits.hpp"
#include "net/ws_session.hpp"
#include "protocol/api_json.hpp"
#include "rooms/image_api.hpp"

namespace intervisie::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// No third-party origin anywhere (PRODUCT.md rule 4); no inline script or style.
constexpr const char* csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

template <class Body>
void security_headers(http::response<Body>& res) {
  res.set(http::field::server, "intervisie");
  res.set("Content-Security-Policy", csp);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

http::response<http::string_body> api_http_response(rooms::api_response r, unsigned version,
                                                    bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  security_headers(res);
  // A body that is not JSON is a picture (R38): data to show, never a page, so nothing in it
  // may load or run, even when it is opened on its own.
  if (r.content_type != "application/json")
    res.set("Content-Security-Policy", "default-src 'none'");
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, r.cache_control);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace

http_session::http_session(asio::ip::tcp::socket&& socket, server_state& state)
    : stream_(std::move(socket)), state_(state) {}

void http_session::run() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits::http_header_max));
  // The largest body any path takes, until the header says which path this is (on_header):
  // a Content-Length over it is refused as soon as the header is read.
  parser_->body_limit(rooms::image_upload_max);
  // A request must arrive within 30 s: slow-loris clients cannot hold sockets open.
  stream_.expires_after(std::chrono::seconds(30));
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&http_session::on_header, shared_from_this()));
}

void http_session::on_header(beast::error_code ec, std::size_t n) {
  if (ec) return on_read(ec, n);
  const auto& req = parser_->get();
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  // Only a picture upload (R38) may carry more than 64 KiB; every other body stays small.
  const bool upload = rooms::is_image_upload(req.method_string(), path);
  const std::size_t limit = upload ? rooms::image_upload_max : limits::http_body_max;
  if (auto length = parser_->content_length(); length && *length > limit)
    return on_read(http::error::body_limit, 0);
  parser_->body_limit(limit);  // a chunked body is counted as it arrives
  // 2 MiB from a phone on a slow connection may need longer than a small request.
  if (upload) stream_.expires_after(std::chrono::seconds(60));
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::body_limit || ec == http::error::header_limit) {
    response res{http::status::payload_too_large, 11};
    security_headers(res);
    res.set(http::field::content_type, "application/json");
    res.body() = protocol::encode_http_error("body_too_large", "the request is too large");
    res.keep_alive(false);
    res.prepare_payload();
    return send(std::move(res));
  }
  if (ec) return;  // timeout, reset, or a malformed request: drop the connection
  handle(parser_->release());
}

bool http_session::origin_allowed(const request& req) const {
  auto origin = req[http::field::origin];
  // Browsers always send Origin on a WebSocket handshake; a request without it is not a page
  // of another site acting through a user's browser (protocol R2).
  if (origin.empty()) return true;
  auto host = req[http::field::host];
  if (origin == "http://" + std::string(host) || origin == "https://" + std::string(host))
    return true;
  for (const auto& allowed : state_.cfg.allowed_origins) {
    if (origin == allowed) return true;
  }
  return false;
}

void http_session::handle(request&& req) {
  std::string target(req.target());
  std::string path = target.substr(0, target.find('?'));

  if (beast::websocket::is_upgrade(req)) {
    if (path != "/ws" || !origin_allowed(req)) {
      response res{http::status::forbidden, req.version()};
      security_headers(res);
      res.set(http::field::content_type, "text/plain; charset=utf-8");
      res.body() = "forbidden\n";
      res.keep_alive(false);
      res.prepare_payload();
      return send(std::move(res));
    }
    stream_.expires_never();  // the WebSocket keeps its own timeouts
    std::make_shared<ws_session>(stream_.release_socket(), state_)->run(std::move(req));
    return;
  }

  if (path == "/healthz" && req.method() == http::verb::get) {
    response res{http::status::ok, req.version()};
    security_headers(res);
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    // The number of meetings in memory is an operator's metric; it names nothing.
    res.body() =
        R"({"status":"ok","live_meetings":)" + std::to_string(state_.rooms.live_rooms()) + "}";
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return send(std::move(res));
  }

  if (rooms::api::handles(path)) {
    rooms::api_request api_req{std::string(req.method_string()), path,
                               std::string(req[http::field::authorization]), std::move(req.body()),
                               std::string(req[http::field::content_type])};
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    // The API may answer from the writer thread: come back to this connection's strand.
    auto on_answer = [self = shared_from_this(), version, keep_alive](rooms::api_response r) {
      auto reply = [self, version, keep_alive, r = std::move(r)]() mutable {
        self->send(api_http_response(std::move(r), version, keep_alive));
      };
      asio::post(self->stream_.get_executor(), std::move(reply));
    };
    state_.api.handle(std::move(api_req), std::move(on_answer));
    return;
  }

  serve_static(req);
}

void http_session::serve_static(const request& req) {
  std::string target(req.target());
  std::string path = target.substr(0, target.find('?'));
  const bool get_or_head = req.method() == http::verb::get || req.method() == http::verb::head;
  const static_file* f = get_or_head ? state_.files.find(path) : nullptr;
  response res{f ? http::status::ok : http::status::not_found, req.version()};
  security_headers(res);
  res.keep_alive(req.keep_alive());
  if (!f) {
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "not found\n";
  } else if (req[http::field::if_none_match] == f->etag) {
    res.result(http::status::not_modified);
    res.set(http::field::etag, f->etag);
  } else {
    res.set(http::field::content_type, f->content_type);
    res.set(http::field::etag, f->etag);
    res.set(http::field::cache_control,
            f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (req.method() == http::verb::get)
      res.body() = f->content;
    else
      res.content_length(f->content.size());
  }
  if (req.method() != http::verb::head || !f) res.prepare_payload();
  send(std::move(res));
}

void http_session::send(response&& res) {
  pending_ = std::make_shared<response>(std::move(res));
  const bool keep_alive = pending_->keep_alive();
  stream_.expires_after(std::chrono::seconds(30));
  http::async_write(
      stream_, *pending_,
      beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  pending_.reset();
  if (ec) return;
  if (!keep_alive) return do_close();
  do_read();
}

void http_session::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace intervisie::net
