#include "rooms/room_registry.hpp"

#include <boost/asio/post.hpp>
#include <cstdio>

#include "domain/limits.hpp"
#include "protocol/codec.hpp"

namespace intervisie::rooms {

namespace asio = boost::asio;

room_registry::room_registry(asio::any_io_executor ex, store::writer& writer,
                             const std::vector<domain::method>& methods,
                             std::chrono::seconds room_idle_limit)
    : ex_(std::move(ex)), writer_(writer), methods_(methods), room_idle_limit_(room_idle_limit) {}

void room_registry::with_room(const std::string& meeting_id, room_handler h) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = rooms_.find(meeting_id); it != rooms_.end()) {
      asio::post(ex_, [r = it->second, h = std::move(h)] { h(r); });
      return;
    }
    auto& waiting = loading_[meeting_id];
    waiting.push_back(std::move(h));
    if (waiting.size() > 1) return;  // a load is already under way
  }
  struct load_result {
    std::optional<store::meeting_current> current;
    std::optional<store::group_record> group;
    std::vector<store::log_entry> log;
  };
  auto result = std::make_shared<load_result>();
  writer_.submit(
      [meeting_id, result](store::store& s) {
        result->current = s.load_meeting(meeting_id);
        if (!result->current) return;
        result->group = s.find_group(result->current->record.group_id);
        std::uint64_t seq = result->current->seq;
        std::uint64_t from = seq > limits::replay_max ? seq - limits::replay_max : 0;
        result->log = s.log_since(meeting_id, from, limits::replay_max);
      },
      [this, meeting_id, result](bool ok) {
        std::shared_ptr<room> r;
        if (ok && result->current && result->group) {
          const auto& cur = *result->current;
          const domain::method* m = domain::find_method(methods_, cur.record.method_id);
          if (m != nullptr) {
            domain::meeting state({cur.record.meeting_id, cur.record.group_id, cur.record.title,
                                   result->group->name, result->group->agreement},
                                  *m);
            state.restore(cur.seq, cur.step_index, cur.presenter_id, cur.members, cur.notes,
                          cur.revealed_steps, cur.done_flags, cur.timer);
            std::deque<domain::change> recent;
            bool log_ok = true;
            for (const auto& e : result->log) {
              auto body = protocol::decode_change_record(e.body);
              if (!body) {
                log_ok = false;
                break;
              }
              recent.push_back({e.seq, e.at, e.actor_id, std::move(*body)});
            }
            // A log that cannot be read back only costs replay: clients get snapshots.
            if (!log_ok) recent.clear();
            r = std::make_shared<room>(
                ex_, writer_, std::move(state), std::move(recent), room_idle_limit_,
                [this](const std::string& id, const room* gone) { forget(id, gone); });
            r->start();
          } else {
            std::fprintf(stderr, "meeting %s: unknown method %s\n", meeting_id.c_str(),
                         cur.record.method_id.c_str());
          }
        }
        loaded(meeting_id, std::move(r));
      });
}

void room_registry::loaded(const std::string& meeting_id, std::shared_ptr<room> r) {
  std::vector<room_handler> waiting;
  {
    std::lock_guard lock(mutex_);
    if (r) rooms_[meeting_id] = r;
    waiting.swap(loading_[meeting_id]);
    loading_.erase(meeting_id);
  }
  for (auto& h : waiting) asio::post(ex_, [r, h = std::move(h)] { h(r); });
}

void room_registry::forget(const std::string& meeting_id, const room* r) {
  std::lock_guard lock(mutex_);
  // Only this very room: a fresh one may already have been loaded under the same id.
  if (auto it = rooms_.find(meeting_id); it != rooms_.end() && it->second.get() == r) {
    rooms_.erase(it);
  }
}

void room_registry::close_all(std::uint16_t code, const std::string& reason) {
  std::lock_guard lock(mutex_);
  for (auto& [id, r] : rooms_) r->close_all(code, reason);
}

std::size_t room_registry::live_rooms() const {
  std::lock_guard lock(mutex_);
  return rooms_.size();
}

}  // namespace intervisie::rooms
