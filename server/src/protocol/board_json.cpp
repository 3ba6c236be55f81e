#include "protocol/board_json.hpp"

#include <set>

#include "domain/limits.hpp"
#include "domain/overloaded.hpp"
#include "domain/validation.hpp"

namespace intervisie::protocol::board_json {

using nlohmann::json;
namespace rules = domain::board_rules;
namespace cmd = domain::cmd;

namespace {

[[noreturn]] void bad(const std::string& message) {
  throw bad_field(message);
}

const json& need(const json& d, const char* name) {
  auto it = d.find(name);
  if (it == d.end()) bad(std::string("missing field '") + name + "'");
  return *it;
}

std::string board_id_field(const json& d) {
  const json& v = need(d, "board_id");
  if (!v.is_string() || !rules::is_board_id(v.get_ref<const std::string&>())) {
    bad("'board_id' is not a board id");
  }
  return v.get<std::string>();
}

double number_field(const json& d, const char* name, double lo, double hi) {
  const json& v = need(d, name);
  if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
    bad(std::string("'") + name + "' must be a number from " + std::to_string(lo) + " to " +
        std::to_string(hi));
  }
  return v.get<double>();
}

std::vector<double> numbers_from(const json& v, const std::string& where, std::size_t max) {
  if (!v.is_array()) bad(where + " must be a list of numbers");
  if (v.size() > max) bad(where + " has too many numbers");
  std::vector<double> out;
  out.reserve(v.size());
  for (const auto& n : v) {
    if (!n.is_number()) bad(where + " must be a list of numbers");
    out.push_back(n.get<double>());
  }
  return out;
}

// The properties of an object in a command: every key but id (and type, for a put) must be a
// known property of the right JSON kind.
domain::props props_from(const json& o, const std::string& where, bool with_type) {
  domain::props p;
  for (const auto& [name, v] : o.items()) {
    if (name == "id" || (with_type && name == "type")) continue;
    if (name == "type") bad(where + ": 'type' cannot change");
    auto kind = rules::kind_of(name);
    if (!kind) bad(where + ": unknown property '" + name + "'");
    const std::string at = where + "." + name;
    switch (*kind) {
      case rules::prop_kind::number:
        if (!v.is_number()) bad(at + " must be a number");
        p[name] = v.get<double>();
        break;
      case rules::prop_kind::text:
        if (!v.is_string()) bad(at + " must be a string");
        p[name] = v.get<std::string>();
        break;
      case rules::prop_kind::flag:
        if (!v.is_boolean()) bad(at + " must be true or false");
        p[name] = v.get<bool>();
        break;
      case rules::prop_kind::numbers:
        p[name] = numbers_from(v, at, rules::stroke_numbers_max);
        break;
    }
  }
  return p;
}

std::string object_id_of(const json& o, const std::string& where) {
  auto it = o.find("id");
  if (it == o.end() || !it->is_string() || !rules::is_object_id(it->get_ref<const std::string&>()))
    bad(where + ".id is not a valid object id");
  return it->get<std::string>();
}

const json* list_of(const json& d, const char* name) {
  auto it = d.find(name);
  if (it == d.end()) return nullptr;
  if (!it->is_array()) bad(std::string("'") + name + "' must be a list");
  if (it->size() > rules::entries_max) bad("more than 200 entries in one change");
  return &*it;
}

json value_json(const domain::prop_value& v) {
  return std::visit([](const auto& x) { return json(x); }, v);
}

domain::props props_from_record(const json& o) {
  domain::props p;
  for (const auto& [name, v] : o.items()) {
    if (name == "id" || name == "type") continue;
    auto kind = rules::kind_of(name);
    if (!kind) continue;
    switch (*kind) {
      case rules::prop_kind::number:
        p[name] = v.get<double>();
        break;
      case rules::prop_kind::text:
        p[name] = v.get<std::string>();
        break;
      case rules::prop_kind::flag:
        p[name] = v.get<bool>();
        break;
      case rules::prop_kind::numbers:
        p[name] = v.get<std::vector<double>>();
        break;
    }
  }
  return p;
}

domain::board_object object_from_record(const json& o) {
  return {o.at("id").get<std::string>(), o.at("type").get<std::string>(), props_from_record(o)};
}

json optional_json(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

}  // namespace

domain::command change_from(const json& d) {
  cmd::board_change c;
  c.board_id = board_id_field(d);
  const json* put = list_of(d, "put");
  const json* set = list_of(d, "set");
  const json* del = list_of(d, "delete");
  const std::size_t entries =
      (put ? put->size() : 0) + (set ? set->size() : 0) + (del ? del->size() : 0);
  if (entries == 0) bad("a change needs put, set or delete");
  if (entries > rules::entries_max) bad("more than 200 entries in one change");
  std::set<std::string> ids;  // an id at most once in the whole command (R33)
  auto once = [&](const std::string& id, const std::string& where) {
    if (!ids.insert(id).second) bad(where + ": object '" + id + "' appears twice");
  };
  for (std::size_t i = 0; put && i < put->size(); ++i) {
    const json& o = (*put)[i];
    const std::string where = "put[" + std::to_string(i) + "]";
    if (!o.is_object()) bad(where + " must be an object");
    domain::board_object obj;
    obj.id = object_id_of(o, where);
    once(obj.id, where);
    auto type = o.find("type");
    if (type == o.end() || !type->is_string()) bad(where + ".type is missing");
    obj.type = type->get<std::string>();
    if (!rules::is_object_type(obj.type)) bad(where + ": unknown object type");
    obj.p = props_from(o, where, true);
    if (auto problem = rules::check_props(obj.type, obj.p, true)) bad(where + ": " + *problem);
    c.edit.put.push_back(std::move(obj));
  }
  for (std::size_t i = 0; set && i < set->size(); ++i) {
    const json& o = (*set)[i];
    const std::string where = "set[" + std::to_string(i) + "]";
    if (!o.is_object()) bad(where + " must be an object");
    domain::prop_set s{object_id_of(o, where), props_from(o, where, false)};
    once(s.id, where);
    if (s.p.empty()) bad(where + " sets nothing");
    if (auto problem = rules::check_set_shape(s.p)) bad(where + ": " + *problem);
    c.edit.set.push_back(std::move(s));
  }
  for (std::size_t i = 0; del && i < del->size(); ++i) {
    const json& id = (*del)[i];
    if (!id.is_string() || !rules::is_object_id(id.get_ref<const std::string&>()))
      bad("delete[" + std::to_string(i) + "] is not a valid object id");
    once(id.get<std::string>(), "delete[" + std::to_string(i) + "]");
    c.edit.del.push_back(id.get<std::string>());
  }
  return c;
}

domain::command add_from(const json& d) {
  cmd::board_add a;
  const json& id = need(d, "board_id");
  if (!id.is_string() || !rules::is_added_board_id(id.get_ref<const std::string&>()))
    bad("'board_id' must be \"b:\" and 8-40 characters of [A-Za-z0-9_-]");
  a.board_id = id.get<std::string>();
  const json& title = need(d, "title");
  if (!title.is_string()) bad("'title' must be a string");
  if (auto problem = domain::text_problem(title.get_ref<const std::string&>(), limits::title_max))
    bad("'title' " + *problem);
  a.title = title.get<std::string>();
  if (auto t = d.find("template"); t != d.end() && !t->is_null()) {
    if (*t != "relations") bad("'template' must be \"relations\" or null");
    a.templ = "relations";
  }
  return a;
}

domain::command lock_from(const json& d) {
  const json& locked = need(d, "locked");
  if (!locked.is_boolean()) bad("'locked' must be true or false");
  return cmd::board_lock{board_id_field(d), locked.get<bool>()};
}

domain::command clear_from(const json& d) {
  return cmd::board_clear{board_id_field(d)};
}

domain::command view_from(const json& d) {
  cmd::board_view v;
  v.board_id = board_id_field(d);
  v.x = number_field(d, "x", -rules::coordinate_max, rules::coordinate_max);
  v.y = number_field(d, "y", -rules::coordinate_max, rules::coordinate_max);
  v.zoom = number_field(d, "zoom", rules::zoom_min, rules::zoom_max);
  return v;
}

domain::command live_from(const json& d) {
  cmd::board_live l;
  l.board_id = board_id_field(d);
  if (auto c = d.find("cursor"); c != d.end()) {
    l.has_cursor = true;
    if (!c->is_null()) {
      if (!c->is_object()) bad("'cursor' must be {x, y} or null");
      l.cursor = cmd::point{number_field(*c, "x", -rules::coordinate_max, rules::coordinate_max),
                            number_field(*c, "y", -rules::coordinate_max, rules::coordinate_max)};
    }
  }
  if (auto laser = d.find("laser"); laser != d.end()) {
    if (!laser->is_boolean()) bad("'laser' must be true or false");
    l.laser = laser->get<bool>();
  }
  if (auto s = d.find("stroke"); s != d.end()) {
    if (!s->is_object()) bad("'stroke' must be an object");
    cmd::live_stroke st;
    st.id = object_id_of(*s, "stroke");
    const json& color = need(*s, "color");
    if (!color.is_string() || !rules::is_ink(color.get_ref<const std::string&>()))
      bad("'stroke.color' must be an ink");
    st.color = color.get<std::string>();
    st.width = number_field(*s, "width", 1, 64);
    const json& tool = need(*s, "tool");
    if (tool != "pen" && tool != "highlighter") bad("'stroke.tool' must be pen or highlighter");
    st.tool = tool.get<std::string>();
    st.points = numbers_from(need(*s, "points"), "'stroke.points'", rules::live_numbers_max);
    if (st.points.size() < rules::live_numbers_min || st.points.size() % 2 != 0)
      bad("'stroke.points' must hold 2-400 numbers, an even count");
    for (double p : st.points)
      if (p < -rules::coordinate_max || p > rules::coordinate_max)
        bad("'stroke.points' is out of range");
    l.stroke = std::move(st);
  }
  if (!l.has_cursor && !l.laser && !l.stroke) bad("board_live needs cursor, laser or stroke");
  return l;
}

json to_json(const domain::board_object& o) {
  json j = {{"id", o.id}, {"type", o.type}};
  for (const auto& [name, v] : o.p) j[name] = value_json(v);
  return j;
}

json to_json(const domain::board_snapshot& b) {
  json objects = json::array();
  for (const auto& o : b.objects) objects.push_back(to_json(o));
  const auto& i = b.info;
  return {{"board_id", i.board_id},
          {"kind", i.kind == domain::board_kind::shared ? "shared" : "private"},
          {"title", optional_json(i.title)},
          {"step_index", i.step_index ? json(*i.step_index) : json(nullptr)},
          {"owner_id", optional_json(i.owner_id)},
          {"template", optional_json(i.templ)},
          {"locked", i.locked},
          {"objects", std::move(objects)}};
}

json to_json(const domain::board_edit& ev) {
  json put = json::array();
  for (const auto& o : ev.put) put.push_back(to_json(o));
  json set = json::array();
  for (const auto& s : ev.set) {
    json e = {{"id", s.id}};
    for (const auto& [name, v] : s.p) e[name] = value_json(v);
    set.push_back(std::move(e));
  }
  return {{"put", std::move(put)}, {"set", std::move(set)}, {"delete", ev.del}};
}

domain::board_snapshot snapshot_from(const json& j) {
  domain::board_snapshot b;
  auto opt = [&](const char* name) -> std::optional<std::string> {
    const json& v = j.at(name);
    return v.is_null() ? std::nullopt : std::optional(v.get<std::string>());
  };
  b.info.board_id = j.at("board_id").get<std::string>();
  b.info.kind =
      j.at("kind") == "private" ? domain::board_kind::private_board : domain::board_kind::shared;
  b.info.title = opt("title");
  if (!j.at("step_index").is_null()) b.info.step_index = j.at("step_index").get<std::uint32_t>();
  b.info.owner_id = opt("owner_id");
  b.info.templ = opt("template");
  b.info.locked = j.at("locked").get<bool>();
  for (const auto& o : j.at("objects")) b.objects.push_back(object_from_record(o));
  return b;
}

domain::board_edit edit_from(const json& j) {
  domain::board_edit ev;
  for (const auto& o : j.at("put")) ev.put.push_back(object_from_record(o));
  for (const auto& s : j.at("set"))
    ev.set.push_back({s.at("id").get<std::string>(), props_from_record(s)});
  ev.del = j.at("delete").get<std::vector<std::string>>();
  return ev;
}

std::string encode_view(const std::string& member_id, const cmd::board_view& v) {
  json data = {
      {"member_id", member_id}, {"board_id", v.board_id}, {"x", v.x}, {"y", v.y}, {"zoom", v.zoom}};
  return json{{"type", "board_view"}, {"data", std::move(data)}}.dump();
}

std::string encode_live(const std::string& member_id, const cmd::board_live& l) {
  json data = {{"member_id", member_id}, {"board_id", l.board_id}};
  if (l.has_cursor) {
    data["cursor"] = l.cursor ? json{{"x", l.cursor->x}, {"y", l.cursor->y}} : json(nullptr);
  }
  if (l.laser) data["laser"] = *l.laser;
  if (l.stroke) {
    data["stroke"] = {{"id", l.stroke->id},
                      {"color", l.stroke->color},
                      {"width", l.stroke->width},
                      {"tool", l.stroke->tool},
                      {"points", l.stroke->points}};
  }
  return json{{"type", "board_live"}, {"data", std::move(data)}}.dump();
}

}  // namespace intervisie::protocol::board_json
