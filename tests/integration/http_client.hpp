#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace intervisie::test {

struct http_response {
  int status = 0;
  std::string body;
  // Header names are lower-cased.
  std::map<std::string, std::string> headers;
  // The body parsed as JSON, or a discarded value when it is not JSON.
  nlohmann::json json;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
  // The error code of an `{"error":{"code":...}}` body, or empty.
  std::string error_code() const;
};

using http_headers = std::vector<std::pair<std::string, std::string>>;

// A small blocking HTTP/1.1 client, one connection per request, every step under a timeout.
// Raw bodies and targets are sent verbatim so tests can send bad input.
class http_client {
public:
  http_client(std::string host, unsigned short port);

  http_response request(const std::string& method, const std::string& target,
                        const std::string& body = {}, const http_headers& headers = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

  http_response get(const std::string& target, const http_headers& headers = {}) const {
    return request("GET", target, {}, headers);
  }
  http_response post(const std::string& target, const nlohmann::json& body,
                     const http_headers& headers = {}) const;
  // POST with Authorization: Bearer TOKEN.
  http_response post_auth(const std::string& target, const nlohmann::json& body,
                          const std::string& bearer) const;

private:
  std::string host_;
  unsigned short port_;
};

}  // namespace intervisie::test
