#pragma once
// The HTTP endpoints of the methods a group composes (protocol/README.md §2, issue 3):
//   GET  /api/groups/{group_id}/methods   coordinator       built-in + the group's methods
//   POST /api/groups/{group_id}/methods   coordinator       save a composed method -> 201
//   GET  /api/meeting-methods             member token      the same list for the member's group
//   POST /api/meeting-methods             facilitator token save one for the member's group
// Composed methods are immutable once saved: a meeting that follows one must never change
// under its members. Editing is saving a new one from a template.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/method.hpp"
#include "rooms/room_registry.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

struct api_request;
struct api_response;

class method_api {
public:
  using responder = std::function<void(api_response)>;

  method_api(store::writer& writer, room_registry& rooms,
             const std::vector<domain::method>& builtins);

  // True for the paths above (any HTTP method; a wrong one gets 404 like an unknown path).
  static bool handles(const std::string& path);
  void handle(const api_request& req, responder respond);

private:
  enum class outcome { ok, unauthorized, forbidden, no_group, failed };
  // Called with the group whose methods the asker may read (or, with `must_facilitate`, add
  // to), or with the reason they may not.
  using resolved = std::function<void(outcome, std::string group_id)>;
  void resolve_coordinator(std::string token_hash, std::string group_id, resolved then);
  void resolve_member(std::string token_hash, bool must_facilitate, resolved then);
  void list(const std::string& group_id, responder respond);
  void save(const std::string& group_id, std::shared_ptr<const domain::method> m,
            responder respond);

  store::writer& writer_;
  room_registry& rooms_;
  const std::vector<domain::method>& builtins_;
};

}  // namespace intervisie::rooms
