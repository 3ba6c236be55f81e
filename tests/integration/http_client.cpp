#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace intervisie::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string http_response::error_code() const {
  if (json.is_object() && json.contains("error") && json["error"].is_object() &&
      json["error"].contains("code") && json["error"]["code"].is_string())
    return json["error"]["code"].get<std::string>();
  return {};
}

http_client::http_client(std::string host, unsigned short port)
    : host_(std::move(host)), port_(port) {}

http_response http_client::request(const std::string& method, const std::string& target,
                                   const std::string& body, const http_headers& headers,
                                   std::chrono::milliseconds timeout) const {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, host_ + ":" + std::to_string(port_));
  req.set(http::field::connection, "close");
  bool has_type = false;
  for (auto& [name, value] : headers) {
    req.set(name, value);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    has_type = has_type || lower == "content-type";
  }
  if (!body.empty() || method == "POST") {
    if (!has_type) req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }

  // Async operations with an expiry give every step a timeout; run() blocks until done.
  beast::error_code result;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  const tcp::endpoint endpoint(net::ip::make_address(host_), port_);
  stream.expires_after(timeout);
  stream.async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) {
      result = ec;
      return;
    }
    http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
      // The server may answer and close before reading a large body; still read the answer.
      if (ec && ec != net::error::broken_pipe && ec != net::error::connection_reset) {
        result = ec;
        return;
      }
      http::async_read(stream, buffer, parser,
                       [&](beast::error_code ec, std::size_t) { result = ec; });
    });
  });
  ioc.run();
  if (result && !parser.is_header_done())
    throw std::runtime_error("HTTP " + method + " " + target + " failed: " + result.message());

  http_response out;
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (auto& field : res) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    out.headers[name] = std::string(field.value());
  }
  out.json = nlohmann::json::parse(out.body, nullptr, false);
  return out;
}

http_response http_client::post(const std::string& target, const nlohmann::json& body,
                                const http_headers& headers) const {
  return request("POST", target, body.dump(), headers);
}

http_response http_client::post_auth(const std::string& target, const nlohmann::json& body,
                                     const std::string& bearer) const {
  return request("POST", target, body.dump(), {{"Authorization", "Bearer " + bearer}});
}

}  // namespace intervisie::test
