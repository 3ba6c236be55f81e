#include "rooms/invite_api.hpp"

#include <memory>

#include "protocol/api_json.hpp"
#include "rooms/clock.hpp"
#include "rooms/http_replies.hpp"
#include "rooms/member_access.hpp"
#include "store/tokens.hpp"

namespace intervisie::rooms {

void new_invite_link(store::writer& writer, room_registry& rooms, const api_request& req,
                     std::function<void(api_response)> respond) {
  std::string who = http::bearer_hash(req.authorization);
  if (who.empty()) {
    return respond(http::error_response(401, "unauthorized", "a valid member token is required"));
  }
  resolve_member(
      writer, rooms, std::move(who), /*must_facilitate=*/true,
      [&writer, respond = std::move(respond)](member_access a) mutable {
        using outcome = member_access::outcome;
        switch (a.result) {
          case outcome::ok:
            break;
          case outcome::unauthorized:
            return respond(
                http::error_response(401, "unauthorized", "a valid member token is required"));
          case outcome::forbidden:
            return respond(http::error_response(403, "forbidden",
                                                "only a facilitator makes a new invite link"));
          case outcome::failed:
            return respond(http::internal());
        }
        if (a.meeting_ended) {
          return respond(http::error_response(409, "meeting_ended", "the meeting has ended"));
        }
        // The token leaves the server once, in this answer; only its hash is stored (R5).
        std::string token = store::new_token();
        store::link_record link{a.cred.meeting_id, domain::role::participant};
        writer.submit(
            [h = store::hash_token(token), link](store::store& s) {
              s.replace_links(h, link, now_ms());
            },
            [token, meeting_id = a.cred.meeting_id, respond = std::move(respond)](bool ok) {
              if (!ok) return respond(http::internal());
              respond({201, protocol::encode_object(
                                {{"invite_token", token}, {"meeting_id", meeting_id}})});
            });
      });
}

}  // namespace intervisie::rooms
