#include "domain/board.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "domain/overloaded.hpp"
#include "domain/validation.hpp"

namespace intervisie::domain {

std::size_t board_state::live_count() const {
  return static_cast<std::size_t>(std::count_if(objects.begin(), objects.end(), [](const auto& o) {
    auto it = o.second.p.find("deleted");
    return it == o.second.p.end() || !std::get<bool>(it->second);
  }));
}

namespace board_rules {

namespace {

constexpr std::array<std::string_view, 9> object_types = {
    "sticky", "text", "rect", "ellipse", "line", "arrow", "stroke", "connector", "image"};
constexpr std::array<std::string_view, 8> inks = {"black", "grey", "red",    "orange",
                                                  "green", "blue", "purple", "white"};
constexpr std::array<std::string_view, 6> sticky_colors = {"yellow", "pink",   "green",
                                                           "blue",   "orange", "purple"};
constexpr std::array<std::string_view, 4> styles = {"strong", "weak", "strained", "unclear"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

bool id_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

bool prefixed_id(std::string_view id, std::string_view prefix, std::size_t min, std::size_t max) {
  if (id.substr(0, prefix.size()) != prefix) return false;
  auto rest = id.substr(prefix.size());
  return rest.size() >= min && rest.size() <= max && id_chars(rest);
}

// The properties of each type beyond the common ones (x, y, rotation, z, deleted), and which
// of them may be left out at creation.
struct type_props {
  std::string_view type;
  std::vector<std::string_view> names;
};
const std::vector<type_props>& property_table() {
  static const std::vector<type_props> table = {
      {"sticky", {"w", "h", "text", "color"}},
      {"text", {"w", "h", "text", "color", "size"}},
      {"rect", {"w", "h", "color", "fill", "width"}},
      {"ellipse", {"w", "h", "color", "fill", "width"}},
      {"line", {"points", "color", "width"}},
      {"arrow", {"points", "color", "width"}},
      {"stroke", {"points", "color", "width", "tool"}},
      {"connector", {"from", "to", "style", "label"}},
      {"image", {"w", "h", "image_id"}},
  };
  return table;
}

bool has_property(std::string_view type, std::string_view name) {
  if (name == "x" || name == "y" || name == "rotation" || name == "z" || name == "deleted")
    return true;
  for (const auto& t : property_table())
    if (t.type == type) return std::find(t.names.begin(), t.names.end(), name) != t.names.end();
  return false;
}

bool has_default(std::string_view name) {
  return name == "rotation" || name == "z" || name == "deleted" || name == "label";
}

std::string where(std::string_view type, std::string_view name) {
  return std::string(type) + " property '" + std::string(name) + "'";
}

std::optional<std::string> check_number(std::string_view type, std::string_view name, double v) {
  auto range = [&](double lo, double hi) -> std::optional<std::string> {
    if (std::isfinite(v) && v >= lo && v <= hi) return std::nullopt;
    return where(type, name) + " is out of range";
  };
  if (name == "x" || name == "y") return range(-coordinate_max, coordinate_max);
  if (name == "w" || name == "h") return range(1, 10000);
  if (name == "rotation") return range(-360, 360);
  if (name == "z") return range(-1e9, 1e9);
  if (name == "width") return range(1, 64);
  if (name == "size") return range(8, 200);
  return where(type, name) + " is not a number";
}

std::optional<std::string> check_text(std::string_view type, std::string_view name,
                                      const std::string& v) {
  auto length_at_most = [&](std::size_t max) -> std::optional<std::string> {
    auto n = utf8_length(v);
    if (n && *n <= max) return std::nullopt;
    return where(type, name) + (n ? " is too long" : " is not valid UTF-8");
  };
  auto enum_of = [&](bool ok) -> std::optional<std::string> {
    if (ok) return std::nullopt;
    return where(type, name) + " has an unknown value";
  };
  if (name == "text") return length_at_most(text_max);
  if (name == "label") return length_at_most(label_max);
  if (name == "color") return enum_of(type == "sticky" ? one_of(sticky_colors, v) : is_ink(v));
  if (name == "fill") return enum_of(v == "none" || is_ink(v));
  if (name == "tool") return enum_of(v == "pen" || v == "highlighter");
  if (name == "style") return enum_of(one_of(styles, v));
  if (name == "from" || name == "to") {
    if (is_object_id(v)) return std::nullopt;
    return where(type, name) + " is not an object id";
  }
  if (name == "image_id") {
    if (is_image_id(v)) return std::nullopt;
    return where(type, name) + " is not an image id";
  }
  return where(type, name) + " is not a text";
}

std::optional<std::string> check_points(std::string_view type, const std::vector<double>& v) {
  const bool two_ends = type == "line" || type == "arrow";
  const bool count_ok = two_ends ? v.size() == 4
                                 : v.size() >= stroke_numbers_min &&
                                       v.size() <= stroke_numbers_max && v.size() % 2 == 0;
  if (!count_ok) return where(type, "points") + " has the wrong count";
  for (double d : v)
    if (!std::isfinite(d) || std::fabs(d) > coordinate_max)
      return where(type, "points") + " is out of range";
  return std::nullopt;
}

std::size_t points_of(const props& p) {
  auto it = p.find("points");
  if (it == p.end()) return 0;
  if (const auto* v = std::get_if<std::vector<double>>(&it->second)) return v->size();
  return 0;
}

bool is_deleted(const board_object& o) {
  auto it = o.p.find("deleted");
  return it != o.p.end() && std::get<bool>(it->second);
}

error fail(error_code c, std::string m) {
  return error{c, std::move(m)};
}

}  // namespace

bool is_object_type(std::string_view t) {
  return one_of(object_types, t);
}
bool is_object_id(std::string_view id) {
  return prefixed_id(id, "o:", 8, 60);
}
bool is_added_board_id(std::string_view id) {
  return prefixed_id(id, "b:", 8, 40);
}
bool is_board_id(std::string_view id) {
  if (is_added_board_id(id)) return true;
  const bool priv = id.substr(0, 2) == "p:";
  if (!priv && id.substr(0, 2) != "s:") return false;
  auto rest = id.substr(2);
  auto colon = rest.find(':');
  auto index = priv ? rest.substr(0, colon) : rest;
  if (priv && colon == std::string_view::npos) return false;
  if (index.empty() || index.size() > 3 || (index.size() > 1 && index[0] == '0') ||
      !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  if (!priv) return true;
  auto member = rest.substr(colon + 1);
  return !member.empty() && member.size() <= 64 &&
         std::all_of(member.begin(), member.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == ':';
         });
}
bool is_image_id(std::string_view id) {
  return prefixed_id(id, "img_", 22, 22);
}
bool is_ink(std::string_view c) {
  return one_of(inks, c);
}

std::optional<prop_kind> kind_of(std::string_view n) {
  if (n == "x" || n == "y" || n == "rotation" || n == "z" || n == "w" || n == "h" || n == "width" ||
      n == "size")
    return prop_kind::number;
  if (n == "text" || n == "color" || n == "fill" || n == "tool" || n == "from" || n == "to" ||
      n == "style" || n == "label" || n == "image_id")
    return prop_kind::text;
  if (n == "deleted") return prop_kind::flag;
  if (n == "points") return prop_kind::numbers;
  return std::nullopt;
}

std::optional<std::string> check_props(std::string_view type, const props& p, bool creating) {
  if (!is_object_type(type)) return "unknown object type '" + std::string(type) + "'";
  for (const auto& [name, value] : p) {
    if (!has_property(type, name)) {
      return std::string(type) + " has no property '" + name + "'";
    }
    auto problem = std::visit(overloaded{
                                  [&](double d) { return check_number(type, name, d); },
                                  [&](const std::string& s) { return check_text(type, name, s); },
                                  [&](bool b) -> std::optional<std::string> {
                                    if (name != "deleted")
                                      return where(type, name) + " is not a flag";
                                    // Deleting is `delete`; `false` is a restore (R33).
                                    if (b) return where(type, name) + " can only be false";
                                    return std::nullopt;
                                  },
                                  [&](const std::vector<double>& v) -> std::optional<std::string> {
                                    if (name == "points") return check_points(type, v);
                                    return where(type, name) + " is not a list";
                                  },
                              },
                              value);
    if (problem) return problem;
    // The decoder reads JSON by the property's kind, so a value of the wrong kind means the
    // name and kind disagree: caught above by each visitor arm.
  }
  if (creating) {
    for (std::string_view required : {"x", "y"})
      if (!p.count(std::string(required))) return where(type, required) + " is missing";
    for (const auto& t : property_table()) {
      if (t.type != type) continue;
      for (auto name : t.names)
        if (!has_default(name) && !p.count(std::string(name))) {
          return where(type, name) + " is missing";
        }
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_set_shape(const props& p) {
  for (const auto& [name, value] : p) {
    props one{{name, value}};
    std::optional<std::string> problem;
    bool fits = false;
    for (auto type : object_types) {
      if (!has_property(type, name)) continue;
      auto why = check_props(type, one, false);
      if (!why) {
        fits = true;
        break;
      }
      if (!problem) problem = why;
    }
    if (!fits) return problem ? *problem : "no object has a property '" + name + "'";
  }
  return std::nullopt;
}

board_object with_defaults(board_object o) {
  o.p.try_emplace("rotation", 0.0);
  o.p.try_emplace("z", 0.0);
  o.p.try_emplace("deleted", false);
  if (o.type == "connector") o.p.try_emplace("label", std::string());
  return o;
}

std::variant<board_edit, error> decide(const board_state& b, const std::string& actor,
                                       const board_edit& edit) {
  const std::size_t entries = edit.put.size() + edit.set.size() + edit.del.size();
  if (entries == 0) return fail(error_code::invalid_field, "the change is empty");
  if (entries > entries_max) {
    return fail(error_code::invalid_field, "more than 200 entries in one change");
  }
  std::set<std::string> seen;
  auto once = [&](const std::string& id) { return seen.insert(id).second; };
  // Objects this command creates, for connector ends in the same command.
  std::map<std::string, const board_object*> created;
  board_edit ev;
  std::size_t new_objects = 0;
  long long points = static_cast<long long>(b.points);

  // A connector end must be a drawable object of this board (or made by this command) that is
  // not a connector, and not the connector itself.
  auto check_end = [&](const std::string& self, const props& p,
                       const char* end) -> std::optional<error> {
    auto it = p.find(end);
    if (it == p.end()) return std::nullopt;
    const auto& target = std::get<std::string>(it->second);
    const board_object* o = nullptr;
    if (auto c = created.find(target); c != created.end()) o = c->second;
    if (auto s = b.objects.find(target); o == nullptr && s != b.objects.end()) o = &s->second;
    if (o == nullptr || target == self || is_deleted(*o) || o->type == "connector") {
      return fail(error_code::not_found,
                  std::string("connector '") + end + "' is not on the board");
    }
    return std::nullopt;
  };
  auto check_distinct_ends = [&](const props& p) -> std::optional<error> {
    auto from = p.find("from");
    auto to = p.find("to");
    if (from != p.end() && to != p.end() && from->second == to->second) {
      return fail(error_code::invalid_field, "a connector joins two different objects");
    }
    return std::nullopt;
  };

  for (const auto& o : edit.put) {
    if (!once(o.id)) return fail(error_code::invalid_field, "object '" + o.id + "' twice");
    created[o.id] = &o;
  }
  for (const auto& o : edit.put) {
    if (auto it = b.objects.find(o.id); it != b.objects.end()) {
      auto author = b.authors.find(o.id);
      if (author != b.authors.end() && author->second == actor) continue;  // a resend
      return fail(error_code::invalid_field, "object id '" + o.id + "' is taken");
    }
    if (o.type == "connector") {
      if (auto e = check_distinct_ends(o.p)) return *e;
      if (auto e = check_end(o.id, o.p, "from")) return *e;
      if (auto e = check_end(o.id, o.p, "to")) return *e;
    }
    ++new_objects;
    points += static_cast<long long>(points_of(o.p));
    ev.put.push_back(with_defaults(o));
  }
  for (const auto& s : edit.set) {
    if (!once(s.id)) return fail(error_code::invalid_field, "object '" + s.id + "' twice");
    auto it = b.objects.find(s.id);
    if (it == b.objects.end()) return fail(error_code::not_found, "no object '" + s.id + "'");
    const board_object& cur = it->second;
    const bool restoring = is_deleted(cur) && s.p.count("deleted") > 0;
    if (is_deleted(cur) && !restoring) continue;  // R33: changes to deleted objects are ignored
    if (auto problem = check_props(cur.type, s.p, false)) {
      return fail(error_code::invalid_field, "object '" + s.id + "': " + *problem);
    }
    board_object after = cur;
    prop_set changed{s.id, {}};
    for (const auto& [name, value] : s.p) {
      auto old = cur.p.find(name);
      if (old != cur.p.end() && old->second == value) continue;
      changed.p[name] = value;
      after.p[name] = value;
    }
    if (cur.type == "connector") {
      if (auto e = check_distinct_ends(after.p)) return *e;
      if (changed.p.count("from"))
        if (auto e = check_end(s.id, after.p, "from")) return *e;
      if (changed.p.count("to"))
        if (auto e = check_end(s.id, after.p, "to")) return *e;
    }
    points += static_cast<long long>(points_of(after.p)) - static_cast<long long>(points_of(cur.p));
    if (restoring) {
      ev.put.push_back(std::move(after));
    } else if (!changed.p.empty()) {
      ev.set.push_back(std::move(changed));
    }
  }
  for (const auto& id : edit.del) {
    if (!once(id)) return fail(error_code::invalid_field, "object '" + id + "' twice");
    auto it = b.objects.find(id);
    if (it == b.objects.end()) return fail(error_code::not_found, "no object '" + id + "'");
    if (!is_deleted(it->second)) ev.del.push_back(id);
  }
  if (b.objects.size() + new_objects > objects_max) {
    return fail(error_code::limit_reached, "a board holds at most 500 objects");
  }
  if (points > static_cast<long long>(points_max)) {
    return fail(error_code::limit_reached, "a board holds at most 20000 point numbers");
  }
  return ev;
}

void apply(board_state& b, const std::string& actor, const board_edit& ev) {
  auto replace = [&](board_object o) {
    auto it = b.objects.find(o.id);
    if (it != b.objects.end()) b.points -= points_of(it->second.p);
    b.points += points_of(o.p);
    b.authors.try_emplace(o.id, actor);
    const std::string id = o.id;
    b.objects[id] = std::move(o);
  };
  for (const auto& o : ev.put) replace(o);
  for (const auto& s : ev.set) {
    auto it = b.objects.find(s.id);
    if (it == b.objects.end()) continue;
    board_object o = it->second;
    for (const auto& [name, value] : s.p) o.p[name] = value;
    replace(std::move(o));
  }
  for (const auto& id : ev.del) {
    auto it = b.objects.find(id);
    if (it != b.objects.end()) it->second.p["deleted"] = true;
  }
}

}  // namespace board_rules

}  // namespace intervisie::domain
