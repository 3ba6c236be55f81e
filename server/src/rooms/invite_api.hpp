#pragma once
// POST /api/meeting-invite (protocol/README.md §2, R30): the facilitator makes a new invite link
// for their meeting and every earlier one stops working -- so that a removed participant cannot
// come back through the link everyone was given.
#include <functional>

#include "rooms/api.hpp"
#include "rooms/room_registry.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

void new_invite_link(store::writer& writer, room_registry& rooms, const api_request& req,
                     std::function<void(api_response)> respond);

}  // namespace intervisie::rooms
