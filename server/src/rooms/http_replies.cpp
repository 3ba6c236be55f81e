#include "rooms/http_replies.hpp"

#include "protocol/api_json.hpp"
#include "store/tokens.hpp"

namespace intervisie::rooms::http {

api_response error_response(unsigned status, std::string_view code, std::string_view message) {
  return {status, protocol::encode_http_error(code, message)};
}

api_response internal() {
  return error_response(500, "internal", "the server failed; nothing changed");
}

std::string bearer_hash(const std::string& authorization) {
  constexpr std::string_view prefix = "Bearer ";
  if (authorization.size() <= prefix.size() ||
      authorization.compare(0, prefix.size(), prefix) != 0) {
    return {};
  }
  return store::hash_token(authorization.substr(prefix.size()));
}

}  // namespace intervisie::rooms::http
