#include "protocol/codec.hpp"
#include "domain/overloaded.hpp"

#include <nlohmann/json.hpp>

#include "domain/limits.hpp"
#include "domain/validation.hpp"
#include "protocol/board_json.hpp"
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

std::string get_note_id(const json& data, const char* name) {
  std::string id = get_string(data, name);
  if (!domain::is_valid_note_id(id)) {
    throw field_error{std::string("'") + name + "' is not a valid note id"};
  }
  return id;
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
       if (d.contains("case_note_id") && !d.at("case_note_id").is_null())
         a.case_note_id = get_note_id(d, "case_note_id");
       return with_meeting(d, a);
     }},
    {"note_save",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       cmd::note_save n{
           get_note_id(d, "note_id"), get_text(d, "text", limits::note_text_max), {}, {}};
       if (d.contains("title")) n.title = get_text(d, "title", limits::title_max);
       if (d.contains("label")) {
         n.label = get_string(d, "label");
         if (n.label != "top" && n.label != "tip")
           throw field_error{"'label' must be \"top\" or \"tip\""};
       }
       return with_meeting(d, std::move(n));
     }},
    {"note_delete",
     [](const json& d) -> std::variant<hello, ping, meeting_command> {
       return with_meeting(d, cmd::note_delete{get_note_id(d, "note_id")});
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
    {"vote",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(
                                 d, cmd::vote{get_note_id(d, "note_id"),
                                              static_cast<std::uint32_t>(
                                                  get_uint(d, "votes", limits::votes_per_member))});
                           }},
    {"consent",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(d, cmd::consent{get_bool(d, "accept")});
                           }},
    {"ask",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(
                                 d, cmd::ask{get_note_id(d, "note_id"),
                                             get_text(d, "text", limits::note_text_max)});
                           }},
    {"pass",
     [](const json& d)
         -> std::variant<hello, ping, meeting_command> { return with_meeting(d, cmd::pass{}); }},
    {"turn_skip",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, cmd::turn_skip{}); }},
    {"turn_order",
     [](const json& d)
         -> std::
             variant<hello, ping, meeting_command> {
               const json& list = field(d, "member_ids");
               if (!list.is_array() || list.empty() || list.size() > limits::members_per_meeting)
                 throw field_error{"'member_ids' must be a list of 1 to 40 member ids"};
               cmd::turn_order o;
               for (const auto& id : list) {
                 if (!id.is_string() || !domain::is_valid_id(id.get<std::string>()))
                   throw field_error{"'member_ids' holds something that is not a member id"};
                 o.member_ids.push_back(id.get<std::string>());
               }
               return with_meeting(d, std::move(o));
             }},
    {"note_mark",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             cmd::note_mark m;
                             m.note_id = get_note_id(d, "note_id");
                             if (d.contains("picked")) m.picked = get_bool(d, "picked");
                             if (d.contains("answered")) m.answered = get_bool(d, "answered");
                             if (d.contains("touches")) m.touches = get_bool(d, "touches");
                             if (d.contains("rating")) {
                               const json& r = d.at("rating");
                               if (r.is_null()) {
                                 m.warmth = domain::rating::none;
                               } else {
                                 auto warmth = r.is_string()
                                                   ? domain::rating_from(r.get<std::string>())
                                                   : std::nullopt;
                                 if (!warmth)
                                   throw field_error{
                                       "'rating' must be \"cold\", \"lukewarm\", \"warm\" or null"};
                                 m.warmth = warmth;
                               }
                             }
                             return with_meeting(d, std::move(m));
                           }},
    {"rate",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             auto score = get_uint(d, "score", limits::score_max);
                             if (score == 0)
                               throw field_error{"'score' must be an integer from 1 to 5"};
                             return with_meeting(d, cmd::rate{static_cast<std::uint32_t>(score)});
                           }},
    {"set_auto_reveal",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(d, cmd::set_auto_reveal{get_bool(d, "on")});
                           }},
    {"hand_facilitation",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(d, cmd::hand_facilitation{get_id(d, "member_id")});
                           }},
    {"remove_member",
     [](const json& d) -> std::
                           variant<hello, ping, meeting_command> {
                             return with_meeting(d, cmd::remove_member{get_id(d, "member_id")});
                           }},
    {"end_meeting",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, cmd::end_meeting{}); }},
    // Boards (§4.4): their fields are read in board_json.cpp.
    {"board_change",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::change_from(d)); }},
    {"board_add",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::add_from(d)); }},
    {"board_lock",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::lock_from(d)); }},
    {"board_clear",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::clear_from(d)); }},
    {"board_view",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::view_from(d)); }},
    {"board_live",
     [](const json& d)
         -> std::variant<hello, ping,
                         meeting_command> { return with_meeting(d, board_json::live_from(d)); }},
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
    } catch (const board_json::bad_field& e) {
      auto f = failure(error_code::invalid_field, e.what(), ref);
      f.live = type == "board_live";
      return f;
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
                          static constexpr std::string_view names[] = {"set_step",
                                                                       "appoint_presenter",
                                                                       "note_save",
                                                                       "note_delete",
                                                                       "set_done",
                                                                       "reveal",
                                                                       "timer_start",
                                                                       "timer_pause",
                                                                       "timer_add",
                                                                       "vote",
                                                                       "consent",
                                                                       "ask",
                                                                       "pass",
                                                                       "turn_skip",
                                                                       "turn_order",
                                                                       "note_mark",
                                                                       "rate",
                                                                       "set_auto_reveal",
                                                                       "hand_facilitation",
                                                                       "remove_member",
                                                                       "end_meeting",
                                                                       "board_change",
                                                                       "board_add",
                                                                       "board_lock",
                                                                       "board_clear",
                                                                       "board_view",
                                                                       "board_live"};
                          static_assert(std::size(names) == std::variant_size_v<domain::command>);
                          return classification{true, std::string(names[m.cmd.index()])};
                        },
                    },
                    in.msg);
}

// ---- encoding ----

namespace {

json to_json(const domain::member& m) {
  json j = {{"member_id", m.member_id},
            {"name", m.name},
            {"category", domain::to_string(m.cat)},
            {"role", domain::to_string(m.r)}};
  if (m.removed) j["removed"] = true;
  return j;
}

json to_json(const domain::marks& m) {
  return {{"picked", m.picked},
          {"rating",
           m.warmth == domain::rating::none ? json(nullptr) : json(domain::to_string(m.warmth))},
          {"answered", m.answered},
          {"touches", m.touches}};
}

json to_json(const domain::note& n) {
  json j = {{"note_id", n.note_id},
            {"author_id", n.author_id},
            {"step_index", n.step_index},
            {"text", n.text},
            {"updated_at", n.updated_at}};
  if (!n.title.empty()) j["title"] = n.title;
  if (!n.label.empty()) j["label"] = n.label;
  if (n.m.any()) j["marks"] = to_json(n.m);
  return j;
}

json to_json(const domain::turn_round& r) {
  return {
      {"step_index", r.step_index}, {"order", r.order}, {"position", r.position}, {"lap", r.lap}};
}

json consent_json(domain::consent c) {
  switch (c) {
    case domain::consent::pending:
      return "pending";
    case domain::consent::given:
      return "given";
    case domain::consent::none:
      break;
  }
  return nullptr;
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

json recall_json(const std::optional<domain::recall>& r) {
  if (!r) return nullptr;
  json takeaways = json::array();
  for (const auto& t : r->takeaways)
    takeaways.push_back({{"name", t.name}, {"presenter", t.presenter}, {"text", t.text}});
  json c = nullptr;
  if (r->case_title_text)
    c = {{"title", r->case_title_text->first}, {"text", r->case_title_text->second}};
  return {{"meeting_title", r->meeting_title},
          {"presenter_name", r->presenter_name ? json(*r->presenter_name) : json(nullptr)},
          {"case", std::move(c)},
          {"takeaways", std::move(takeaways)}};
}

std::string envelope(std::string_view type, json data, std::optional<std::uint64_t> ref) {
  json e = {{"type", type}};
  if (ref) e["ref"] = *ref;
  e["data"] = std::move(data);
  return e.dump();
}

// The event a member sees for a change: its type and data (without seq).
std::pair<std::string_view, json> event_of(const domain::change_body& body, view v) {
  using result = std::pair<std::string_view, json>;
  if (v == view::public_only) {
    if (const auto* p = domain::public_progress(body)) return {"note_progress", to_json(*p)};
  }
  return std::visit(
      overloaded{
          [](const chg::member_joined& j) -> result {
            json m = to_json(j.m);
            m["online"] = false;
            return {"member_joined", {{"member", m}}};
          },
          [](const chg::step_changed& s) -> result {
            json d = {{"step_index", s.step_index}};
            if (s.round) d["round"] = to_json(*s.round);
            return {"step_changed", std::move(d)};
          },
          [](const chg::presenter_appointed& a) -> result {
            return {"presenter_appointed",
                    {{"member_id", optional_id(a.member_id)},
                     {"case_note_id", optional_id(a.case_note_id)},
                     {"consent", a.member_id ? json("pending") : json(nullptr)}}};
          },
          [](const chg::presenter_consent& p) -> result {
            return {"presenter_consent", {{"member_id", p.member_id}, {"accepted", p.accepted}}};
          },
          [](const chg::note_saved& s) -> result {
            return {"note_saved", {{"note", to_json(s.n)}}};
          },
          [](const chg::note_deleted& d) -> result {
            return {"note_deleted", {{"note_id", d.note_id}, {"step_index", d.after.step_index}}};
          },
          [](const chg::done_changed& d) -> result {
            return {"note_progress", to_json(d.after)};
          },
          [v](const chg::revealed& r) -> result {
            json d = {{"step_index", r.step_index},
                      {"to", r.to_presenter ? "presenter" : "everyone"}};
            // R24: who is not the presenter learns only that the presenter has them.
            if (v == view::full || !r.to_presenter) {
              json notes = json::array();
              for (const auto& n : r.notes) notes.push_back(to_json(n));
              d["notes"] = std::move(notes);
            }
            if (!r.boards.empty()) {
              json boards = json::array();
              for (const auto& b : r.boards) boards.push_back(board_json::to_json(b));
              d["boards"] = std::move(boards);
            }
            return {"revealed", std::move(d)};
          },
          [](const chg::timer_changed& t) -> result {
            return {"timer_changed", {{"timer", timer_json(t.t)}}};
          },
          [](const chg::vote_cast& c) -> result {
            return {"vote_cast",
                    {{"member_id", c.member_id}, {"note_id", c.note_id}, {"votes", c.votes}}};
          },
          [](const chg::question_asked& q) -> result {
            return {"question_asked", {{"note", to_json(q.n)}, {"round", to_json(q.round)}}};
          },
          [](const chg::turn_changed& t) -> result {
            return {"turn_changed", {{"round", to_json(t.round)}}};
          },
          [](const chg::note_marked& m) -> result {
            return {
                "note_marked",
                {{"note_id", m.note_id}, {"step_index", m.step_index}, {"marks", to_json(m.m)}}};
          },
          [](const chg::rated& r) -> result {
            return {"rated",
                    {{"member_id", r.member_id}, {"step_index", r.step_index}, {"score", r.score}}};
          },
          [](const chg::auto_reveal_set& a) -> result {
            return {"auto_reveal_set", {{"step_index", a.step_index}, {"on", a.on}}};
          },
          [](const chg::roles_changed& r) -> result {
            json members = json::array();
            for (const auto& [id, role] : r.members)
              members.push_back({{"member_id", id}, {"role", domain::to_string(role)}});
            return {"roles_changed", {{"members", std::move(members)}}};
          },
          [](const chg::member_removed& r) -> result {
            return {"member_removed", {{"member_id", r.member_id}}};
          },
          [](const chg::meeting_ended&) -> result {
            return {"meeting_ended", json::object()};
          },
          [](const chg::board_changed& b) -> result {
            json d = board_json::to_json(b.ev);
            d["board_id"] = b.board_id;
            return {"board_changed", std::move(d)};
          },
          [](const chg::board_added& a) -> result {
            return {"board_added",
                    {{"board", board_json::to_json(domain::board_snapshot{a.info, {}})}}};
          },
          [](const chg::board_locked& l) -> result {
            return {"board_locked", {{"board_id", l.board_id}, {"locked", l.locked}}};
          },
          [](const chg::board_cleared& c) -> result {
            return {"board_cleared", {{"board_id", c.board_id}}};
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
    json votes = json::array();
    for (const auto& vt : m.votes())
      votes.push_back({{"member_id", vt.member_id}, {"note_id", vt.note_id}, {"votes", vt.votes}});
    json rounds = json::array();
    for (const auto& [step_index, r] : m.rounds()) rounds.push_back(to_json(r));
    json boards = json::array();
    for (const auto& b : m.visible_boards(w.member_id)) boards.push_back(board_json::to_json(b));
    json ratings = json::array();
    for (const auto& sc : m.visible_scores(w.member_id))
      ratings.push_back(
          {{"member_id", sc.member_id}, {"step_index", sc.step_index}, {"score", sc.value}});
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
        {"presenter_revealed_steps", m.presenter_revealed_steps()},
        {"auto_reveal_steps", m.auto_reveal_steps()},
        {"presenter_consent", consent_json(m.presenter_consent())},
        {"case_note_id", optional_id(m.case_note_id())},
        {"votes", std::move(votes)},
        {"rounds", std::move(rounds)},
        {"ratings", std::move(ratings)},
        {"recall", recall_json(m.previous())},
        {"ended", m.ended()},
        {"timer", timer_json(m.step_timer())},
        {"boards", std::move(boards)},
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
domain::marks marks_from(const json& j) {
  domain::marks m;
  m.picked = j.at("picked").get<bool>();
  m.answered = j.at("answered").get<bool>();
  m.touches = j.at("touches").get<bool>();
  const json& r = j.at("rating");
  if (!r.is_null())
    m.warmth = domain::rating_from(r.get<std::string>()).value_or(domain::rating::none);
  return m;
}
domain::note note_from(const json& j) {
  domain::note n{j.at("note_id").get<std::string>(),      j.at("author_id").get<std::string>(),
                 j.at("step_index").get<std::uint32_t>(), j.at("text").get<std::string>(),
                 j.at("updated_at").get<std::int64_t>(),  j.value("title", std::string()),
                 j.value("label", std::string()),         {}};
  if (j.contains("marks")) n.m = marks_from(j.at("marks"));
  return n;
}
domain::turn_round round_from(const json& j) {
  return {j.at("step_index").get<std::uint32_t>(), j.at("order").get<std::vector<std::string>>(),
          j.at("position").get<std::uint32_t>(), j.at("lap").get<std::uint32_t>()};
}
std::optional<std::string> optional_string(const json& j) {
  return j.is_null() ? std::nullopt : std::optional(j.get<std::string>());
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
      return chg::member_joined{{m.at("member_id").get<std::string>(),
                                 m.at("name").get<std::string>(), *cat, *r,
                                 m.value("removed", false)}};
    }
    if (kind == "step_changed") {
      chg::step_changed s{d.at("step_index").get<std::uint32_t>(), std::nullopt};
      if (d.contains("round")) s.round = round_from(d.at("round"));
      return s;
    }
    if (kind == "presenter_appointed") {
      return chg::presenter_appointed{optional_string(d.at("member_id")),
                                      optional_string(d.value("case_note_id", json(nullptr)))};
    }
    if (kind == "presenter_consent") {
      return chg::presenter_consent{d.at("member_id").get<std::string>(),
                                    d.at("accepted").get<bool>()};
    }
    if (kind == "vote_cast") {
      return chg::vote_cast{d.at("member_id").get<std::string>(),
                            d.at("note_id").get<std::string>(), d.at("votes").get<std::uint32_t>()};
    }
    if (kind == "question_asked") {
      return chg::question_asked{note_from(d.at("note")), round_from(d.at("round"))};
    }
    if (kind == "turn_changed") return chg::turn_changed{round_from(d.at("round"))};
    if (kind == "note_marked") {
      return chg::note_marked{d.at("note_id").get<std::string>(),
                              d.at("step_index").get<std::uint32_t>(), marks_from(d.at("marks"))};
    }
    if (kind == "rated") {
      return chg::rated{d.at("member_id").get<std::string>(),
                        d.at("step_index").get<std::uint32_t>(), d.at("score").get<std::uint32_t>(),
                        progress_from(rec.at("progress"))};
    }
    if (kind == "auto_reveal_set") {
      return chg::auto_reveal_set{d.at("step_index").get<std::uint32_t>(), d.at("on").get<bool>()};
    }
    if (kind == "roles_changed") {
      chg::roles_changed r;
      for (const auto& m : d.at("members")) {
        auto role = domain::role_from(m.at("role").get<std::string>());
        if (!role) return std::nullopt;
        r.members.emplace_back(m.at("member_id").get<std::string>(), *role);
      }
      return r;
    }
    if (kind == "member_removed") return chg::member_removed{d.at("member_id").get<std::string>()};
    if (kind == "meeting_ended") return chg::meeting_ended{};
    if (kind == "note_saved") {
      return chg::note_saved{note_from(d.at("note")), progress_from(rec.at("progress"))};
    }
    if (kind == "note_deleted") {
      return chg::note_deleted{d.at("note_id").get<std::string>(),
                               progress_from(rec.at("progress"))};
    }
    if (kind == "done_changed") return chg::done_changed{progress_from(d)};
    if (kind == "revealed") {
      chg::revealed r{d.at("step_index").get<std::uint32_t>(),
                      {},
                      d.value("to", std::string("everyone")) == "presenter"};
      for (const auto& n : d.at("notes")) r.notes.push_back(note_from(n));
      if (d.contains("boards"))
        for (const auto& b : d.at("boards")) r.boards.push_back(board_json::snapshot_from(b));
      return r;
    }
    auto board_progress = [&]() -> std::optional<domain::progress> {
      if (!rec.contains("progress")) return std::nullopt;
      return progress_from(rec.at("progress"));
    };
    if (kind == "board_changed") {
      return chg::board_changed{d.at("board_id").get<std::string>(), board_json::edit_from(d),
                                board_progress()};
    }
    if (kind == "board_added")
      return chg::board_added{board_json::snapshot_from(d.at("board")).info};
    if (kind == "board_locked") {
      return chg::board_locked{d.at("board_id").get<std::string>(), d.at("locked").get<bool>()};
    }
    if (kind == "board_cleared") {
      return chg::board_cleared{d.at("board_id").get<std::string>(), board_progress()};
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
