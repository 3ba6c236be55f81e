#include "rooms/method_api.hpp"

#include <optional>
#include <variant>

#include "protocol/api_json.hpp"
#include "protocol/group_method_json.hpp"
#include "rooms/api.hpp"
#include "rooms/clock.hpp"
#include "rooms/http_replies.hpp"
#include "rooms/member_access.hpp"
#include "store/tokens.hpp"

namespace intervisie::rooms {

namespace {

using http::bearer_hash;
using http::error_response;
using http::internal;

constexpr std::string_view groups_prefix = "/api/groups/";
constexpr std::string_view methods_suffix = "/methods";
constexpr std::string_view meeting_methods = "/api/meeting-methods";

api_response unauthorized() {
  return error_response(401, "unauthorized", "a valid coordinator or member token is required");
}

// The {group_id} of /api/groups/{group_id}/methods, or nullopt for any other path.
std::optional<std::string> group_of(const std::string& path) {
  if (path.size() <= groups_prefix.size() + methods_suffix.size()) return std::nullopt;
  if (path.compare(0, groups_prefix.size(), groups_prefix) != 0) return std::nullopt;
  if (path.compare(path.size() - methods_suffix.size(), methods_suffix.size(), methods_suffix) !=
      0) {
    return std::nullopt;
  }
  std::string id =
      path.substr(groups_prefix.size(), path.size() - groups_prefix.size() - methods_suffix.size());
  if (id.find('/') != std::string::npos) return std::nullopt;
  return id;
}

}  // namespace

method_api::method_api(store::writer& writer, room_registry& rooms,
                       const std::vector<domain::method>& builtins)
    : writer_(writer), rooms_(rooms), builtins_(builtins) {}

bool method_api::handles(const std::string& path) {
  return path == meeting_methods || group_of(path).has_value();
}

void method_api::handle(const api_request& req, responder respond) {
  const bool get = req.method == "GET";
  const bool post = req.method == "POST";
  if (!get && !post) return respond(error_response(404, "not_found", "no such endpoint"));
  std::string who = bearer_hash(req.authorization);
  if (who.empty()) return respond(unauthorized());

  // Parsed here, on the I/O thread; refused only once the token is known to be good, so a
  // request without a valid token learns nothing about what else it lacked (R6).
  std::shared_ptr<const domain::method> method;
  std::optional<domain::error> invalid;
  if (post) {
    auto parsed = protocol::parse_group_method(req.body, store::new_id("gm_"));
    if (auto* m = std::get_if<domain::method>(&parsed))
      method = std::make_shared<const domain::method>(std::move(*m));
    else
      invalid = std::get<domain::error>(std::move(parsed));
  }
  auto then = [this, method, invalid, respond](outcome o, std::string group_id) mutable {
    switch (o) {
      case outcome::ok:
        break;
      case outcome::unauthorized:
        return respond(unauthorized());
      case outcome::forbidden:
        return respond(error_response(403, "forbidden", "only a facilitator may compose a method"));
      case outcome::no_group:
        return respond(error_response(404, "not_found", "no such group"));
      case outcome::failed:
        return respond(internal());
    }
    if (invalid)
      return respond(error_response(400, domain::to_string(invalid->code), invalid->message));
    if (method) return save(group_id, std::move(method), std::move(respond));
    list(group_id, std::move(respond));
  };
  if (auto gid = group_of(req.path))
    return resolve_coordinator(std::move(who), *gid, std::move(then));
  resolve_member(std::move(who), post, std::move(then));
}

// The coordinator may read and add the methods of any existing group.
void method_api::resolve_coordinator(std::string token_hash, std::string group_id, resolved then) {
  auto out = std::make_shared<outcome>(outcome::ok);
  writer_.submit(
      [token_hash, group_id, out](store::store& s) {
        if (!s.is_coordinator(token_hash))
          *out = outcome::unauthorized;
        else if (!s.find_group(group_id))
          *out = outcome::no_group;
      },
      [out, group_id, then = std::move(then)](bool ok) {
        then(ok ? *out : outcome::failed, group_id);
      });
}

void method_api::resolve_member(std::string token_hash, bool must_facilitate, resolved then) {
  rooms::resolve_member(writer_, rooms_, std::move(token_hash), must_facilitate,
                        [then = std::move(then)](member_access a) {
                          switch (a.result) {
                            case member_access::outcome::ok:
                              return then(outcome::ok, a.group_id);
                            case member_access::outcome::unauthorized:
                              return then(outcome::unauthorized, {});
                            case member_access::outcome::forbidden:
                              return then(outcome::forbidden, {});
                            case member_access::outcome::failed:
                              break;
                          }
                          then(outcome::failed, {});
                        });
}

void method_api::list(const std::string& group_id, responder respond) {
  auto bodies = std::make_shared<std::vector<std::string>>();
  writer_.submit(
      [group_id, bodies](store::store& s) {
        for (auto& m : s.group_methods(group_id)) bodies->push_back(std::move(m.body));
      },
      [this, bodies, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        respond({200, protocol::encode_method_list(builtins_, *bodies)});
      });
}

void method_api::save(const std::string& group_id, std::shared_ptr<const domain::method> m,
                      responder respond) {
  auto full = std::make_shared<bool>(false);
  store::group_method_record rec{m->method_id, group_id, protocol::encode_stored_method(*m),
                                 now_ms()};
  writer_.submit(
      [rec, full](store::store& s) {
        if (s.group_methods(rec.group_id).size() >= protocol::group_methods_max) {
          *full = true;
          return;
        }
        s.add_group_method(rec);
      },
      [full, id = rec.method_id, respond = std::move(respond)](bool ok) {
        if (!ok) return respond(internal());
        if (*full) {
          return respond(error_response(409, "limit_reached",
                                        "the group keeps at most " +
                                            std::to_string(protocol::group_methods_max) +
                                            " methods"));
        }
        respond({201, protocol::encode_object({{"method_id", id}})});
      });
}

}  // namespace intervisie::rooms
