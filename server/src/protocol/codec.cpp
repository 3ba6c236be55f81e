#include "protocol/codec.hpp"
#include "domain/overloaded.hpp"

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "domain/validation.hpp"
#include "protocol/json_limits.hpp"
#include "protocol/method_json.hpp"

namespace intervisie::protocol {

using domain::error;
using domain::error_code;
using nlohmann::json;
namespace cmd = domain::cmd;
namespace chg = domain::chg;

namespace {

// Thrown inside the decoder only, caught in decode(): keeps every field check one line.
struct field_error {
  std::string message;
};
struct unsupported_protocol_error {};

const json& field(const json& data, const char* name) {
  auto it = data.find(name);
  if (it == data.end()) throw field_error{std::string("missing field '") + name + "'"};
  return *it;
}

std::uint64_t get_uint(const json& data, const char* name, std::uint64_t max) {
  const json& v = field(data, name);
  // nlohmann stores non-negative integers as unsigned; floats (1e30, 3.5, 2^64) and negative
  // numbers are refused rather than rounded or wrapped.
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max) {
    throw field_error{std::string("'") + name + "' must be an integer from 0 to " +
                      std::to_string(max)};
  }
  return v.get<std::uint64_t>();
}

std::string get_string(const json& data, const char* name) {
  const json& v = field(data, name);
  if (!v.is_string()) throw field_error{std::string("'") + name + "' must be a string"};
  return v.get<std::string>();
}

std::string get_id(const json& data, const char* name) {
  std::string s = get_string(data, name);
  if (!domain::is_valid_id(s)) throw field_error{std::string("'") + name + "' is not a valid id"};
  return s;
}

std::string get_text(const json& data, const char* name, std::size_t max) {
  std::string s = get_string(data, name);
  if (auto problem = domain::text_problem(s, max)) {
    throw field_error{std::string("'") + name + "' " + *problem};
  }
  return s;
}

bool get_bool(const json& data, const char* name) {
  const json& v = field(data, name);
  if (!v.is_boolean()) throw field_error{std::string("'") + name + "' must be true or false"};
  return v.get<bool>();
}

std::optional<std::uint64_t> optional_ref(const json& envelope) {
  auto it = envelope.find("ref");
  if (it == envelope.end()) return std::nullopt;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > limits::max_safe_integer) {
    throw field_error{"'ref' must be an integer from 0 to 2^53-1"};
  }
  return it->get<std::uint64_t>();
}

decode_failure failure(error_code code, std::string message, std::optional<std::uint64_t> ref) {
  return decode_failure{error{code, std::move(message)}, ref};
}

// Decoders for each command's `data`. The table maps the wire type to them.
using data_decoder = std::variant<hello, ping, meeting_command> (*)(const json&);

meeting_command with_meeting(const json& d, domain::command c) {
  return meeting_command{get_id(d, "meeting_id"), std::move(c)};
}

const std::pair<std::string_view, data_decoder> decoders[] = {
    {"hello",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       const json& p = field(d, "protocol");
       if (!p.is_number_integer()) throw field_error{"'protocol' must be an integer"};
       if (p.get<std::int64_t>() != version || !p.is_number_unsigned()) {
         throw unsupported_protocol_error{};
       }
       hello h;
       h.member_token = get_string(d, "member_token");
       if (h.member_token.empty() || h.member_token.size() > 128) {
         throw field_error{"'member_token' has the wrong length"};
       }
       if (d.contains("last_seq")) h.last_seq = get_uint(d, "last_seq", limits::max_safe_integer);
       return h;
     }},
    {"ping", [](const json&) -> std::variant<hello, ping, meeting_command> { return ping{}; }},
    {"set_step",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       return with_meeting(d, cmd::set_step{static_cast<std::uint32_t>(
                                  get_uint(d, "step_index", limits::step_index_max))});
     }},
    {"appoint_presenter",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       const json& v = field(d, "member_id");
       cmd::appoint_presenter a;
       if (!v.is_null()) a.member_id = get_id(d, "member_id");
       return with_meeting(d, a);
     }},
    {"note_save",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       std::string id = get_string(d, "note_id");
       if (!domain::is_valid_note_id(id)) throw field_error{"'note_id' is not a valid note id"};
       return with_meeting(d, cmd::note_save{id, get_text(d, "text", limits::note_text_max)});
     }},
    {"note_delete",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       std::string id = get_string(d, "note_id");
       if (!domain::is_valid_note_id(id)) throw field_error{"'note_id' is not a valid note id"};
       return with_meeting(d, cmd::note_delete{id});
     }},
    {"set_done",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       return with_meeting(d, cmd::set_done{get_bool(d, "done")});
     }},
    {"reveal",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       return with_meeting(d, cmd::reveal{});
     }},
    {"timer_start",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       cmd::timer_start t;
       if (d.contains("duration_seconds")) {
         auto s = get_uint(d, "duration_seconds", 86400);
         if (s == 0) throw field_error{"'duration_seconds' must be an integer from 1 to 86400"};
         t.duration_seconds = static_cast<std::uint32_t>(s);
       }
       return with_meeting(d, t);
     }},
    {"timer_pause",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       return with_meeting(d, cmd::timer_pause{});
     }},
    {"timer_add",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       auto s = get_uint(d, "seconds", 3600);
       if (s == 0) throw field_error{"'seconds' must be an integer from 1 to 3600"};
       return with_meeting(d, cmd::timer_add{static_cast<std::uint32_t>(s)});
     }},
};

}  // namespace

decode_result decode(std::string_view text) {
  if (json_depth(text, limits::json_depth_max) > limits::json_depth_max) {
    return failure(error_code::too_deep, "nesting is deeper than 8 levels", std::nullopt);
  }
  json envelope = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (envelope.is_discarded() || !envelope.is_object()) {
    return failure(error_code::invalid_json, "the message is not one JSON object", std::nullopt);
  }
  std::optional<std::uint64_t> ref;
  try {
    ref = optional_ref(envelope);
  } catch (const field_error& e) {
    return failure(error_code::invalid_field, e.message, std::nullopt);
  }
  auto type_it = envelope.find("type");
  if (type_it == envelope.end() || !type_it->is_string()) {
    return failure(error_code::invalid_field, "missing field 'type'", ref);
  }
  const auto& type = type_it->get_ref<const std::string&>();
  for (const auto& [name, decoder] : decoders) {
    if (name != type) continue;
    static const json empty = json::object();
    auto data_it = envelope.find("data");
    const json* data = &empty;
    if (data_it != envelope.end()) {
      if (!data_it->is_object())
        return failure(error_code::invalid_field, "'data' must be an object", ref);
      data = &*data_it;
    }
    try {
      return inbound{ref, decoder(*data)};
    } catch (const field_error& e) {
      return failure(error_code::invalid_field, e.message, ref);
    } catch (const unsupported_protocol_error&) {
      return failure(error_code::unsupported_protocol, "this server speaks protocol 1", ref);
    }
  }
  return failure(error_code::unknown_type, "unknown message type", ref);
}

std::optional<std::uint64_t> ref_of(std::string_view text) {
  auto r = decode(text);
  if (auto* f = std::get_if<decode_failure>(&r)) return f->ref;
  return std::get<inbound>(r).ref;
}

classification classify_command(std::string_view text) {
  auto r = decode(text);
  if (auto* f = std::get_if<decode_failure>(&r)) {
    return {false, std::string(domain::to_string(f->err.code))};
  }
  const auto& in = std::get<inbound>(r);
  return std::visit(overloaded{
                        [](const hello&) {
                          return classification{true, "hello"};
                        },
                        [](const ping&) {
                          return classification{true, "ping"};
                        },
                        [](const meeting_command& m) {
                          static constexpr std::string_view names[] = {
                              "set_step",    "appoint_presenter", "note_save",
                              "note_delete", "set_done",          "reveal",
                              "timer_start", "timer_pause",       "timer_add"};
                          static_assert(std::size(names) == std::variant_size_v<domain::command>);
                          return classification{true, std::string(names[m.cmd.index()])};
                        },
                    },
                    in.msg);
}

// ---- encoding ----

namespace {

json to_json(const domain::member& m) {
  return {{"member_id", m.member_id},
          {"name", m.name},
          {"category", domain::to_string(m.cat)},
          {"role", domain::to_string(m.r)}};
}

json to_json(const domain::note& n) {
  return {{"note_id", n.note_id},
          {"author_id", n.author_id},
          {"step_index", n.step_index},
          {"text", n.text},
          {"updated_at", n.updated_at}};
}

json to_json(const domain::progress& p) {
  return {{"step_index", p.step_index},
          {"member_id", p.member_id},
          {"note_count", p.note_count},
          {"done", p.done}};
}

json optional_id(const std::optional<std::string>& id) {
  return id ? json(*id) : json(nullptr);
}

// R22: a running timer carries its end time, a paused one what is left.
json timer_json(const std::optional<domain::timer>& t) {
  if (!t) return nullptr;
  json j = {{"step_index", t->step_index}, {"running", t->running}};
  if (t->running) {
    j["ends_at"] = t->ends_at;
  } else {
    j["remaining_ms"] = t->remaining_ms;
  }
  return j;
}

std::string envelope(std::string_view type, json data, std::optional<std::uint64_t> ref) {
  json e = {{"type", type}};
  if (ref) e["ref"] = *ref;
  e["data"] = std::move(data);
  return e.dump();
}

// The event a member sees for a change: its type and data (without seq).
std::pair<std::string_view, json> event_of(const domain::change_body& body, view v) {
  if (v == view::public_only) {
    if (const auto* p = domain::public_progress(body)) return {"note_progress", to_json(*p)};
  }
  return std::visit(
      overloaded{
          [](const chg::member_joined& j) -> std::pair<std::string_view, json> {
            json m = to_json(j.m);
            m["online"] = false;
            return {"member_joined", {{"member", m}}};
          },
          [](const chg::step_changed& s) -> std::pair<std::string_view, json> {
            return {"step_changed", {{"step_index", s.step_index}}};
          },
          [](const chg::presenter_appointed& a) -> std::pair<std::string_view, json> {
            return {"presenter_appointed", {{"member_id", optional_id(a.member_id)}}};
          },
          [](const chg::note_saved& s) -> std::pair<std::string_view, json> {
            return {"note_saved", {{"note", to_json(s.n)}}};
          },
          [](const chg::note_deleted& d) -> std::pair<std::string_view, json> {
            return {"note_deleted", {{"note_id", d.note_id}, {"step_index", d.after.step_index}}};
          },
          [](const chg::done_changed& d) -> std::pair<std::string_view, json> {
            return {"note_progress", to_json(d.after)};
          },
          [](const chg::revealed& r) -> std::pair<std::string_view, json> {
            json notes = json::array();
            for (const auto& n : r.notes) notes.push_back(to_json(n));
            return {"revealed", {{"step_index", r.step_index}, {"notes", std::move(notes)}}};
          },
          [](const chg::timer_changed& t) -> std::pair<std::string_view, json> {
            return {"timer_changed", {{"timer", timer_json(t.t)}}};
          },
      },
      body);
}

}  // namespace

std::string encode_event(const domain::change& c, view v, std::optional<std::uint64_t> ref) {
  auto [type, data] = event_of(c.body, v);
  data["seq"] = c.seq;
  return envelope(type, std::move(data), ref);
}

std::string encode_error(const domain::error& e, std::optional<std::uint64_t> ref) {
  return envelope("error", {{"code", domain::to_string(e.code)}, {"message", e.message}}, ref);
}

std::string encode_ack(std::uint64_t ref) {
  return envelope("ack", json::object(), ref);
}

std::string encode_pong(std::optional<std::uint64_t> ref, std::int64_t server_time) {
  return envelope("pong", {{"server_time", server_time}}, ref);
}

std::string encode_presence(const std::string& member_id, bool online) {
  return envelope("presence", {{"member_id", member_id}, {"online", online}}, std::nullopt);
}

std::string encode_welcome(const welcome_info& w, const domain::meeting& m, bool with_snapshot,
                           const std::set<std::string>& online, std::optional<std::uint64_t> ref) {
  json data = {{"protocol", version},          {"meeting_id", m.info().meeting_id},
               {"member_id", w.member_id},     {"role", domain::to_string(w.r)},
               {"server_time", w.server_time}, {"seq", m.seq()}};
  if (w.resumed) data["resumed"] = true;
  if (with_snapshot) {
    json members = json::array();
    for (const auto& mem : m.members()) {
      json j = to_json(mem);
      j["online"] = online.count(mem.member_id) > 0;
      members.push_back(std::move(j));
    }
    json notes = json::array();
    for (const auto& n : m.visible_notes(w.member_id)) notes.push_back(to_json(n));
    json progress = json::array();
    for (const auto& p : m.all_progress()) progress.push_back(to_json(p));
    data["snapshot"] = {
        {"meeting",
         {{"meeting_id", m.info().meeting_id},
          {"title", m.info().title},
          {"group_name", m.info().group_name},
          {"agreement", m.info().agreement},
          {"method", method_to_json(m.meeting_method())}}},
        {"step_index", m.step_index()},
        {"presenter_id", optional_id(m.presenter_id())},
        {"members", std::move(members)},
        {"notes", std::move(notes)},
        {"progress", std::move(progress)},
        {"revealed_steps", m.revealed_steps()},
        {"timer", timer_json(m.step_timer())},
    };
  }
  return envelope("welcome", std::move(data), ref);
}

// ---- change log records ----

std::string encode_change_record(const domain::change_body& body) {
  auto [type, data] = event_of(body, view::full);
  json rec = {{"kind", type}, {"data", std::move(data)}};
  // The full form of a note change lacks the progress others saw; keep it for replay.
  if (const auto* p = domain::public_progress(body)) rec["progress"] = to_json(*p);
  if (std::holds_alternative<chg::done_changed>(body)) rec["kind"] = "done_changed";
  return rec.dump();
}

namespace {
domain::progress progress_from(const json& j) {
  return {j.at("step_index").get<std::uint32_t>(), j.at("member_id").get<std::string>(),
          j.at("note_count").get<std::uint32_t>(), j.at("done").get<bool>()};
}
domain::note note_from(const json& j) {
  return {j.at("note_id").get<std::string>(), j.at("author_id").get<std::string>(),
          j.at("step_index").get<std::uint32_t>(), j.at("text").get<std::string>(),
          j.at("updated_at").get<std::int64_t>()};
}
}  // namespace

std::optional<domain::change_body> decode_change_record(std::string_view text) {
  try {
    json rec = json::parse(text);
    const auto kind = rec.at("kind").get<std::string>();
    const json& d = rec.at("data");
    if (kind == "member_joined") {
      const json& m = d.at("member");
      auto cat = domain::category_from(m.at("category").get<std::string>());
      auto r = domain::role_from(m.at("role").get<std::string>());
      if (!cat || !r) return std::nullopt;
      return chg::member_joined{
          {m.at("member_id").get<std::string>(), m.at("name").get<std::string>(), *cat, *r}};
    }
    if (kind == "step_changed") return chg::step_changed{d.at("step_index").get<std::uint32_t>()};
    if (kind == "presenter_appointed") {
      const json& id = d.at("member_id");
      return chg::presenter_appointed{id.is_null() ? std::nullopt
                                                   : std::optional(id.get<std::string>())};
    }
    if (kind == "note_saved") {
      return chg::note_saved{note_from(d.at("note")), progress_from(rec.at("progress"))};
    }
    if (kind == "note_deleted") {
      return chg::note_deleted{d.at("note_id").get<std::string>(),
                               progress_from(rec.at("progress"))};
    }
    if (kind == "done_changed") return chg::done_changed{progress_from(d)};
    if (kind == "revealed") {
      chg::revealed r{d.at("step_index").get<std::uint32_t>(), {}};
      for (const auto& n : d.at("notes")) r.notes.push_back(note_from(n));
      return r;
    }
    if (kind == "timer_changed") {
      const json& t = d.at("timer");
      if (t.is_null()) return chg::timer_changed{};
      domain::timer tm;
      tm.step_index = t.at("step_index").get<std::uint32_t>();
      tm.running = t.at("running").get<bool>();
      if (tm.running) {
        tm.ends_at = t.at("ends_at").get<std::int64_t>();
      } else {
        tm.remaining_ms = t.at("remaining_ms").get<std::int64_t>();
      }
      return chg::timer_changed{tm};
    }
  } catch (const json::exception&) {
  }
  return std::nullopt;
}

}  // namespace intervisie::protocol
