#pragma once
// Rebuilds a meeting from its change log. The log is the meeting's truth: every rule of every
// step kind lives in domain::meeting::apply, so replaying it gives exactly the state the room
// had. (The store's current-state tables are an index for queries, not read here.)
#include <deque>
#include <optional>
#include <vector>

#include "domain/meeting.hpp"
#include "store/store.hpp"

namespace intervisie::rooms {

// Nullopt when an entry cannot be read back or is out of order. `recent`, when given, receives
// the last limits::replay_max changes for resume.
std::optional<domain::meeting> replay_meeting(domain::meeting_info info, domain::method m,
                                              const std::vector<store::log_entry>& log,
                                              std::deque<domain::change>* recent = nullptr);

}  // namespace intervisie::rooms
