#pragma once
// The HTTP API's shared answers (protocol/README.md §2, §6) and its bearer-token reading, for
// every handler in rooms/ that answers HTTP.
#include <string>
#include <string_view>

#include "rooms/api.hpp"

namespace intervisie::rooms::http {

api_response error_response(unsigned status, std::string_view code, std::string_view message);
api_response internal();
// The SHA-256 of the token in "Authorization: Bearer TOKEN", or "" when there is none.
std::string bearer_hash(const std::string& authorization);

}  // namespace intervisie::rooms::http
