#include "rooms/api.hpp"

#include <optional>

#include "protocol/api_json.hpp"
#include "protocol/evaluation_json.hpp"
#include "rooms/clock.hpp"
#include "rooms/http_replies.hpp"
#include "rooms/image_api.hpp"
#include "rooms/invite_api.hpp"
#include "rooms/method_lookup.hpp"
#include "store/tokens.hpp"

namespace intervisie::rooms {

namespace {

using http::bearer_hash;
using http::error_response;
using http::internal;

// R6: every bad or unknown link gets the same answer, whatever the reason.
api_response invalid_link() {
  return error_response(404, "invalid_link", "this link is not valid");
}
api_response unauthorized() {
  return error_response(401, "unauthorized", "a valid coordinator token is required");
}
api_response field_error(const domain::error& e) {
  return error_response(400, domain::to_string(e.code), e.message);
}

}  // namespace

api::api(store::writer& writer, room_registry& rooms, const std::vector<domain::method>& methods,
         const std::string& admin_key)
    : writer_(writer),
      rooms_(rooms),
      methods_(methods),
      method_api_(writer, rooms, methods),
      admin_key_hash_(store::hash_token(admin_key)) {}

bool api::handles(const std::string& path) {
  return path.rfind("/api/", 0) == 0;
}

void api::handle(api_request req, responder respond) {
  const std::string& p = req.path;
  const bool get = req.method == "GET";
  const bool post = req.method == "POST";
  if (get && p == "/api/methods") return respond({200, protocol::encode_methods(methods_)});
  if (post && p == "/api/admin/claim") return claim(req, std::move(respond));
  if (post && p == "/api/links/inspect") return inspect(req, std::move(respond));
  if (post && p == "/api/join") return join(req, std::move(respond));
  if (post && p == "/api/meeting-invite")
    return new_invite_link(writer_, rooms_, req, std::move(respond));
  if (method_api::handles(p)) return method_api_.handle(req, std::move(respond));
  if (handles_images(p)) return handle_images(writer_, rooms_, std::move(req), std::move(respond));

  // Coordinator routes: without a valid token nothing is told, not even whether a group exists.
  constexpr std::string_view groups = "/api/groups";
  if (p.rfind(groups, 0) == 0) {
    std::string who = bearer_hash(req.authorization);
    if (who.empty()) return respond(unauthorized());
    if (get && p == groups) return list_groups(who, std::move(respond));
    if (post && p == groups) return create_group(who, req, std::move(respond));
    constexpr std::string_view meetings_suffix = "/meetings";
    if (post && p.size() > groups.size() + 1 + meetings_suffix.size() && p[groups.size()] == '/' &&
        p.compare(p.size() - meetings_suffix.size(), meetings_suffix.size(), meetings_suffix) ==
            0) {
      std::string group_id =
          p.substr(groups.size() + 1, p.size() - groups.size() - 1 - meetings_suffix.size());
      return create_meeting(who, group_id, req, std::move(respond));
    }
  }
  constexpr std::string_view meetings = "/api/meetings/";
  constexpr std::string_view evaluation_suffix = "/evaluation";
  if (get && p.rfind(meetings, 0) == 0 && p.size() > meetings.size() + evaluation_suffix.size() &&
      p.compare(p.size() - evaluation_suffix.size(), evaluation_suffix.size(), evaluation_suffix) ==
          0) {
    std::string who = bearer_hash(req.authorization);
    if (who.empty()) return respond(unauthorized());
    return evaluation(
        who, p.substr(meetings.size(), p.size() - meetings.size() - evaluation_suffix.size()),
        std::move(respond));
  }
  respond(error_response(404, "not_found", "no such endpoint"));
}

// R29: the evaluation goes to the facilitator (live) and the coordinator (here).
void api::evaluation(const std::string& who, std::string meeting_id, responder respond) {
  auto authorized = std::make_shared<bool>(false);
  writer_.submit(
      [who, meeting_id, authorized](store::store& s) {
        *authorized = s.is_coordinator(who) && s.find_meeting(meeting_id).has_value();
      },
      [this, authorized, meeting_id, respond = std::move(respond)](bool ok) mutable {
        if (!ok) return respond(internal());
        // Without a coordinator token nothing is told, not even whether the meeting exists.
        if (!*authorized) return respond(unauthorized());
        rooms_.with_room(meeting_id, [respond = std::move(respond)](std::shared_ptr<room> r) {
          if (!r) return respond(internal());
          r->inspect([respond](const domain::meeting& m) {
            respond({200, protocol::encode_evaluation(m)});
          });
        });
      });
}

void api::claim(const api_request& req, responder respond) {
  auto parsed = protocol::parse_claim(req.body);
  if (auto* e = std::get_if<domain::error>(&parsed)) return respond(field_error(*e));
  {
    std::lock_guard lock(admin_mutex_);
    const auto& key = std::get<protocol::claim_request>(parsed).admin_key;
    if (admin_key_hash_.empty() || store::hash_token(key) != admin_key_hash_)
      return respond(unauthorized());
    admin_key_hash_.clear();  // one-time (R7)
  }
  std::string token = store::new_token();
  writer_.submit(
      [h = store::hash_token(token)](store::store& s) { s.add_coordinator(h, now_ms()); },
      [token, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        respond({200, protocol::encode_object({{"coordinator_token", token}})});
      });
}

void api::list_groups(const std::string& who, responder respond) {
  struct result {
    bool authorized = false;
    std::vector<protocol::group_summary> groups;
  };
  auto r = std::make_shared<result>();
  writer_.submit(
      [who, r](store::store& s) {
        r->authorized = s.is_coordinator(who);
        if (!r->authorized) return;
        for (auto& g : s.groups()) {
          protocol::group_summary sum{g.group_id, g.name, g.created_at, {}};
          for (auto& m : s.meetings_of(g.group_id)) {
            sum.meetings.push_back({m.meeting_id, m.title, m.method_id, m.created_at});
          }
          r->groups.push_back(std::move(sum));
        }
      },
      [r, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        if (!r->authorized) return respond(unauthorized());
        respond({200, protocol::encode_groups(r->groups)});
      });
}

void api::create_group(const std::string& who, const api_request& req, responder respond) {
  auto parsed = protocol::parse_create_group(req.body);
  if (auto* e = std::get_if<domain::error>(&parsed)) return respond(field_error(*e));
  auto body = std::get<protocol::create_group_request>(std::move(parsed));
  if (body.agreement.empty()) {
    // The seed's first process agreement, so every group starts with it (PRODUCT.md rule 4).
    body.agreement = "Alles wat besproken wordt in de intervisie blijft binnen de groep.";
  }
  auto authorized = std::make_shared<bool>(false);
  store::group_record g{store::new_id("grp_"), body.name, body.agreement, now_ms()};
  writer_.submit(
      [who, g, authorized](store::store& s) {
        *authorized = s.is_coordinator(who);
        if (*authorized) s.add_group(g);
      },
      [g, authorized, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        if (!*authorized) return respond(unauthorized());
        respond({201, protocol::encode_object({{"group_id", g.group_id}})});
      });
}

void api::create_meeting(const std::string& who, const std::string& group_id,
                         const api_request& req, responder respond) {
  auto parsed = protocol::parse_create_meeting(req.body);
  if (auto* e = std::get_if<domain::error>(&parsed)) return respond(field_error(*e));
  auto body = std::get<protocol::create_meeting_request>(std::move(parsed));
  enum class outcome { ok, unauthorized, no_group, no_method };
  auto out = std::make_shared<outcome>(outcome::ok);
  store::meeting_record m{store::new_id("mtg_"), group_id, body.title, body.method_id, now_ms()};
  std::string facilitator = store::new_token();
  std::string invite = store::new_token();
  writer_.submit(
      [this, who, m, fh = store::hash_token(facilitator), ih = store::hash_token(invite),
       out](store::store& s) {
        if (!s.is_coordinator(who)) {
          *out = outcome::unauthorized;
          return;
        }
        if (!s.find_group(m.group_id)) {
          *out = outcome::no_group;
          return;
        }
        // A built-in method or one of this group's own (another group's is as unknown).
        if (!method_usable(s, methods_, m.method_id, m.group_id)) {
          *out = outcome::no_method;
          return;
        }
        s.add_meeting(m);
        s.add_link(fh, {m.meeting_id, domain::role::facilitator}, m.created_at);
        s.add_link(ih, {m.meeting_id, domain::role::participant}, m.created_at);
      },
      [m, facilitator, invite, out, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        if (*out == outcome::unauthorized) return respond(unauthorized());
        if (*out == outcome::no_group)
          return respond(error_response(404, "not_found", "no such group"));
        if (*out == outcome::no_method)
          return respond(error_response(404, "not_found", "no such method"));
        respond({201, protocol::encode_object({{"meeting_id", m.meeting_id},
                                               {"facilitator_token", facilitator},
                                               {"invite_token", invite}})});
      });
}

void api::inspect(const api_request& req, responder respond) {
  auto parsed = protocol::parse_inspect(req.body);
  if (std::holds_alternative<domain::error>(parsed)) return respond(invalid_link());
  struct result {
    std::optional<store::link_record> link;
    std::optional<store::meeting_record> meeting;
    std::optional<store::group_record> group;
  };
  auto r = std::make_shared<result>();
  writer_.submit(
      [h = store::hash_token(std::get<protocol::inspect_request>(parsed).token),
       r](store::store& s) {
        r->link = s.find_link(h);
        if (!r->link) return;
        r->meeting = s.find_meeting(r->link->meeting_id);
        if (r->meeting) r->group = s.find_group(r->meeting->group_id);
      },
      [r, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        if (!r->link || !r->meeting || !r->group) return respond(invalid_link());
        respond({200, protocol::encode_object({{"role", std::string(domain::to_string(r->link->r))},
                                               {"meeting_id", r->meeting->meeting_id},
                                               {"group_name", r->group->name},
                                               {"meeting_title", r->meeting->title},
                                               {"agreement", r->group->agreement}})});
      });
}

void api::join(const api_request& req, responder respond) {
  auto parsed = protocol::parse_join(req.body);
  if (auto* e = std::get_if<domain::error>(&parsed)) return respond(field_error(*e));
  auto body = std::get<protocol::join_request>(std::move(parsed));
  auto link = std::make_shared<std::optional<store::link_record>>();
  writer_.submit(
      [h = store::hash_token(body.token), link](store::store& s) { *link = s.find_link(h); },
      [this, body, link, respond = std::move(respond)](bool ok) mutable {
        if (!ok) return respond(internal());
        if (!*link) return respond(invalid_link());
        // Checked after the link, so a wrong link never learns what the form lacks.
        if (!body.accept_agreement) {
          return respond(error_response(400, "agreement_required",
                                        "joining means accepting the group's agreement"));
        }
        domain::member m{store::new_id("mbr_"), body.name, body.cat, (*link)->r};
        std::string member_token = store::new_token();
        std::string meeting_id = (*link)->meeting_id;
        join_room(std::move(m), std::move(member_token), std::move(meeting_id), std::move(respond),
                  2);
      });
}

void api::join_room(domain::member m, std::string member_token, std::string meeting_id,
                    responder respond, int attempts) {
  rooms_.with_room(meeting_id, [this, m, member_token, meeting_id, attempts,
                                respond = std::move(respond)](std::shared_ptr<room> r) mutable {
    if (!r) return respond(invalid_link());
    r->join(m, store::hash_token(member_token),
            [this, m, member_token, meeting_id, attempts,
             respond = std::move(respond)](std::optional<domain::error> e) mutable {
              if (e && e->code == domain::error_code::limit_reached) {
                return respond(error_response(409, "limit_reached", e->message));
              }
              if (e && e->code == domain::error_code::meeting_ended) {
                return respond(error_response(409, "meeting_ended", e->message));
              }
              // The room was retired (idle) or broken in the meantime: the next with_room loads
              // it afresh from the store.
              if (e && attempts > 1) {
                return join_room(std::move(m), std::move(member_token), std::move(meeting_id),
                                 std::move(respond), attempts - 1);
              }
              if (e) return respond(internal());
              respond({201, protocol::encode_object({{"member_token", member_token},
                                                     {"member_id", m.member_id},
                                                     {"meeting_id", meeting_id}})});
            });
  });
}

}  // namespace intervisie::rooms
