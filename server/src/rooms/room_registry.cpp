#include "rooms/room_registry.hpp"

#include <boost/asio/post.hpp>
#include <cstdio>

#include "domain/limits.hpp"
#include "protocol/codec.hpp"
#include "rooms/meeting_loader.hpp"
#include "rooms/method_lookup.hpp"

namespace intervisie::rooms {

namespace asio = boost::asio;

namespace {
// A meeting's whole log (SQLite reads a LIMIT this large as "all").
constexpr std::size_t whole_log = 1u << 30;
// How many earlier meetings to look through for one with a presenter or takeaways to recall.
constexpr std::size_t recall_candidates = 3;
}  // namespace

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
  struct meeting_log {
    store::meeting_record record;
    std::vector<store::log_entry> log;
    std::optional<domain::method> method;  // built-in, or the group's own (method_lookup)
  };
  struct load_result {
    std::optional<store::meeting_record> record;
    std::optional<store::group_record> group;
    std::vector<store::log_entry> log;
    std::optional<domain::method> method;  // built-in, or the group's own (method_lookup)
    // The group's earlier meetings, newest first, for the recall step (Stap 0).
    std::vector<meeting_log> earlier;
  };
  auto result = std::make_shared<load_result>();
  writer_.submit(
      [this, meeting_id, result](store::store& s) {
        auto record = s.find_meeting(meeting_id);
        if (!record) return;
        result->record = record;
        result->method = find_meeting_method(s, methods_, record->method_id, record->group_id);
        result->group = s.find_group(record->group_id);
        result->log = s.log_since(meeting_id, 0, whole_log);
        auto all = s.meetings_of(record->group_id);  // oldest first
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
          if (it->meeting_id == meeting_id || it->created_at > record->created_at) continue;
          if (result->earlier.size() == recall_candidates) break;
          result->earlier.push_back(
              {*it, s.log_since(it->meeting_id, 0, whole_log),
               find_meeting_method(s, methods_, it->method_id, it->group_id)});
        }
      },
      [this, meeting_id, result](bool ok) {
        std::shared_ptr<room> r;
        if (ok && result->record && result->group) {
          const auto& rec = *result->record;
          const domain::method* m = result->method ? &*result->method : nullptr;
          std::deque<domain::change> recent;
          std::optional<domain::meeting> state;
          if (m != nullptr) {
            state = replay_meeting({rec.meeting_id, rec.group_id, rec.title, result->group->name,
                                    result->group->agreement},
                                   *m, result->log, &recent);
          }
          if (state) {
            state->set_recall(recall_from(result->earlier));
            r = std::make_shared<room>(
                ex_, writer_, std::move(*state), std::move(recent), room_idle_limit_,
                [this](const std::string& id, const room* gone) { forget(id, gone); });
            r->start();
          } else {
            std::fprintf(stderr, "meeting %s: %s\n", meeting_id.c_str(),
                         m == nullptr ? "unknown method" : "its change log cannot be read");
          }
        }
        loaded(meeting_id, std::move(r));
      });
}

template <typename Earlier>
std::optional<domain::recall> room_registry::recall_from(const Earlier& earlier) const {
  for (const auto& e : earlier) {
    const domain::method* m = e.method ? &*e.method : nullptr;
    if (m == nullptr) continue;
    auto state =
        replay_meeting({e.record.meeting_id, e.record.group_id, e.record.title, {}, {}}, *m, e.log);
    if (!state) continue;
    if (auto r = state->recall_for_next()) return r;
  }
  return std::nullopt;
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
