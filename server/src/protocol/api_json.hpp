#pragma once
// JSON bodies of the HTTP API (protocol/README.md §2): parse requests into plain structs and
// write responses. Parsing checks shape and field limits; the api decides everything else.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/error.hpp"
#include "domain/method.hpp"
#include "domain/types.hpp"

namespace intervisie::protocol {

struct claim_request {
  std::string admin_key;
};
struct create_group_request {
  std::string name;
  std::string agreement;
};
struct create_meeting_request {
  std::string title;
  std::string method_id;
};
struct inspect_request {
  std::string token;
};
struct join_request {
  std::string token;
  std::string name;
  domain::category cat = domain::category::professional;
  bool accept_agreement = false;
};

template <class T>
using parsed = std::variant<T, domain::error>;

parsed<claim_request> parse_claim(std::string_view body);
parsed<create_group_request> parse_create_group(std::string_view body);
parsed<create_meeting_request> parse_create_meeting(std::string_view body);
parsed<inspect_request> parse_inspect(std::string_view body);
parsed<join_request> parse_join(std::string_view body);

struct meeting_summary {
  std::string meeting_id;
  std::string title;
  std::string method_id;
  std::int64_t created_at = 0;
};
struct group_summary {
  std::string group_id;
  std::string name;
  std::int64_t created_at = 0;
  std::vector<meeting_summary> meetings;
};

std::string encode_object(const std::vector<std::pair<std::string, std::string>>& fields);
std::string encode_groups(const std::vector<group_summary>& groups);
std::string encode_methods(const std::vector<domain::method>& methods);
std::string encode_http_error(std::string_view code, std::string_view message);

}  // namespace intervisie::protocol
