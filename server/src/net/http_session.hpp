#pragma once
// One HTTP connection: serves the web client and the API, and upgrades /ws to a WebSocket.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "net/server_state.hpp"

namespace intervisie::net {

class http_session : public std::enable_shared_from_this<http_session> {
public:
  http_session(boost::asio::ip::tcp::socket&& socket, server_state& state);
  void run();

private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;
  using response = boost::beast::http::response<boost::beast::http::string_body>;

  void do_read();
  void on_header(boost::beast::error_code ec, std::size_t);
  void on_read(boost::beast::error_code ec, std::size_t);
  void handle(request&& req);
  void serve_static(const request& req);
  bool origin_allowed(const request& req) const;
  void send(response&& res);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t);
  void do_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<response> pending_;
  server_state& state_;
};

}  // namespace intervisie::net
