#pragma once
#include <string>
#include <string_view>

namespace intervisie::domain {

// Stable error codes (protocol/README.md §6). The wire carries to_string(code).
enum class error_code {
  invalid_json,
  too_deep,
  message_too_large,
  unknown_type,
  invalid_field,
  unsupported_protocol,
  not_authenticated,
  already_joined,
  invalid_token,
  not_in_meeting,
  forbidden,
  wrong_step,
  already_revealed,
  not_found,
  limit_reached,
  rate_limited,
  internal,
  meeting_ended,
  not_your_turn,
  consent_pending,
  board_locked,
};

std::string_view to_string(error_code c);

struct error {
  error_code code;
  std::string message;  // English, for developers; never contains note or case text
};

}  // namespace intervisie::domain
