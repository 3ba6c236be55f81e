#include "rooms/meeting_loader.hpp"

#include "domain/limits.hpp"
#include "protocol/codec.hpp"

namespace intervisie::rooms {

std::optional<domain::meeting> replay_meeting(domain::meeting_info info, domain::method m,
                                              const std::vector<store::log_entry>& log,
                                              std::deque<domain::change>* recent) {
  domain::meeting state(std::move(info), std::move(m));
  for (const auto& e : log) {
    auto body = protocol::decode_change_record(e.body);
    if (!body || e.seq != state.seq() + 1) return std::nullopt;
    domain::change c{e.seq, e.at, e.actor_id, std::move(*body)};
    state.apply(c);
    if (recent) {
      recent->push_back(std::move(c));
      if (recent->size() > limits::replay_max) recent->pop_front();
    }
  }
  return state;
}

}  // namespace intervisie::rooms
