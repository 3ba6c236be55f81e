#pragma once
// The wire protocol's codec (protocol/README.md): client text -> validated message, and domain
// changes -> the JSON each member may see. The only place (with api_json and method_json) where
// JSON is parsed or written.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/change.hpp"
#include "domain/error.hpp"
#include "domain/meeting.hpp"

namespace intervisie::protocol {

inline constexpr int version = 1;

struct hello {
  std::string member_token;
  std::optional<std::uint64_t> last_seq;
};
struct ping {};
struct meeting_command {
  std::string meeting_id;
  domain::command cmd;
};

struct inbound {
  std::optional<std::uint64_t> ref;
  std::variant<hello, ping, meeting_command> msg;
};

// A refused message. `ref` is set when the text got far enough to have one, so the client can
// match the error to its command.
struct decode_failure {
  domain::error err;
  std::optional<std::uint64_t> ref;
  bool live = false;  // a board_live: dropped without a reply (R37)
};

using decode_result = std::variant<inbound, decode_failure>;

// Decodes one client message. Checks shape only (types, ranges, lengths); authorisation and
// state are the room's and the domain's business. Never throws.
decode_result decode(std::string_view text);

// The `ref` of a message, if it has a valid one (for replies to messages that are not acted on).
std::optional<std::uint64_t> ref_of(std::string_view text);

// For the shared test vectors (protocol/vectors/decode.json): the accepted type or error code.
struct classification {
  bool ok = false;
  std::string type_or_code;
};
classification classify_command(std::string_view text);

// How much of a change a member may see (R20).
enum class view { full, public_only };

std::string encode_event(const domain::change& c, view v, std::optional<std::uint64_t> ref);
std::string encode_error(const domain::error& e, std::optional<std::uint64_t> ref);
std::string encode_ack(std::uint64_t ref);
std::string encode_pong(std::optional<std::uint64_t> ref, std::int64_t server_time);
std::string encode_presence(const std::string& member_id, bool online);

struct welcome_info {
  std::string member_id;
  domain::role r = domain::role::participant;
  std::int64_t server_time = 0;
  bool resumed = false;
};
// With `snapshot_of` set, the welcome carries the meeting as `member_id` may see it.
std::string encode_welcome(const welcome_info& w, const domain::meeting& m, bool with_snapshot,
                           const std::set<std::string>& online, std::optional<std::uint64_t> ref);

// The change log stores each change as JSON text (full form, all fields).
std::string encode_change_record(const domain::change_body& body);
std::optional<domain::change_body> decode_change_record(std::string_view text);

}  // namespace intervisie::protocol
