#pragma once
// Who a member token belongs to, as of the meeting's committed state: the HTTP endpoints that a
// member (not the coordinator) may call use this, so they follow hand-overs and removals.
#include <functional>
#include <string>

#include "rooms/room_registry.hpp"
#include "store/store.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

struct member_access {
  enum class outcome { ok, unauthorized, forbidden, failed };
  outcome result = outcome::failed;
  store::credential cred;
  std::string group_id;
  bool meeting_ended = false;
};

// A member token names one member of one meeting (store: member_tokens), and the meeting names
// its group. Whether that member is still in the meeting (not removed) and, with
// `must_facilitate`, is a facilitator is read from the room's committed state -- the one place
// that follows hand_facilitation and removals and never runs ahead of the disk. The room is
// loaded if it is not in memory, as for a member who connects.
void resolve_member(store::writer& writer, room_registry& rooms, std::string token_hash,
                    bool must_facilitate, std::function<void(member_access)> then);

}  // namespace intervisie::rooms
