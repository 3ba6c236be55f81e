#pragma once
// The board (protocol/README.md §4.4): objects made of named properties, changed per property,
// the last writer in the server's order winning (R33). Pure data and rules: the meeting decides
// who may change which board; this file decides what a change does to one board.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/error.hpp"
#include "domain/limits.hpp"

namespace intervisie::domain {

// A property value: a number, a text, a flag, or a list of numbers (a stroke's points).
using prop_value = std::variant<double, std::string, bool, std::vector<double>>;
// Every property but `id` and `type`, by name. A std::map keeps the wire order stable.
using props = std::map<std::string, prop_value>;

struct board_object {
  std::string id;
  std::string type;
  props p;  // with every default filled in once created
};

// An entry of `set`: the properties to change of one object.
struct prop_set {
  std::string id;
  props p;
};

// One board_change command, and also the board_changed event (what took effect).
struct board_edit {
  std::vector<board_object> put;
  std::vector<prop_set> set;
  std::vector<std::string> del;
  bool empty() const { return put.empty() && set.empty() && del.empty(); }
};

enum class board_kind { shared, private_board };

struct board_info {
  std::string board_id;
  board_kind kind = board_kind::shared;
  std::optional<std::string> title;
  std::optional<std::uint32_t> step_index;
  std::optional<std::string> owner_id;
  std::optional<std::string> templ;  // "relations"
  bool locked = false;
};

// A board as it stands.
struct board_state {
  std::map<std::string, board_object> objects;  // deleted ones included, until a clear
  std::map<std::string, std::string> authors;   // object id -> member who put it
  std::size_t points = 0;                       // numbers in all `points` properties
  std::size_t live_count() const;
};

// A board as a member receives it: what it is and its objects (sorted by id).
struct board_snapshot {
  board_info info;
  std::vector<board_object> objects;
};

namespace board_rules {

// The board's limits live with every other limit (domain/limits.hpp, limits::board).
using namespace ::intervisie::limits::board;

bool is_object_type(std::string_view t);
bool is_object_id(std::string_view id);       // "o:" + 8..60 of [A-Za-z0-9_-]
bool is_added_board_id(std::string_view id);  // "b:" + 8..40 of [A-Za-z0-9_-]
bool is_image_id(std::string_view id);
// "s:N", "p:N:MEMBER_ID" (N 0..999 without leading zeros) or an added board id (R31).
bool is_board_id(std::string_view id);  // "img_" + 22 of [A-Za-z0-9_-]
bool is_ink(std::string_view c);
// The JSON kind a property must have, for the decoder: nullopt for an unknown name.
enum class prop_kind { number, text, flag, numbers };
std::optional<prop_kind> kind_of(std::string_view property);

// Shape and range of properties (R32). `creating`: a put, which needs every required
// property of its type. Returns why not (naming object and property), or nullopt.
std::optional<std::string> check_props(std::string_view type, const props& p, bool creating);
// For a `set`, before its object is known: each property must be valid for some object type
// (decide() checks it against the object's own type).
std::optional<std::string> check_set_shape(const props& p);
// The object with every default filled in (rotation, z, deleted, label).
board_object with_defaults(board_object o);

// What `edit` by `actor` does to `b` (R33), without changing it: the event (only what takes
// effect; empty when nothing does), or an error. Shape was checked by check_props already.
std::variant<board_edit, error> decide(const board_state& b, const std::string& actor,
                                       const board_edit& edit);
// Applies a decided event; `actor` becomes the author of new objects.
void apply(board_state& b, const std::string& actor, const board_edit& ev);

}  // namespace board_rules

}  // namespace intervisie::domain
