#pragma once
// Finds or loads the live room of a meeting. Loading reads the meeting's change log (and those of
// the group's previous meetings, for recall) on the writer thread, never on an I/O thread, and
// replays them.
#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/method.hpp"
#include "rooms/room.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

class room_registry {
public:
  using room_handler = std::function<void(std::shared_ptr<room>)>;

  room_registry(boost::asio::any_io_executor ex, store::writer& writer,
                const std::vector<domain::method>& methods, std::chrono::seconds room_idle_limit);

  // Calls `h` (posted to the I/O executor) with the meeting's room, or nullptr when there is
  // no such meeting or it could not be loaded.
  void with_room(const std::string& meeting_id, room_handler h);
  void close_all(std::uint16_t code, const std::string& reason);
  std::size_t live_rooms() const;

private:
  void loaded(const std::string& meeting_id, std::shared_ptr<room> r);
  void forget(const std::string& meeting_id, const room* r);
  template <typename Earlier>
  std::optional<domain::recall> recall_from(const Earlier& earlier) const;

  boost::asio::any_io_executor ex_;
  store::writer& writer_;
  const std::vector<domain::method>& methods_;
  std::chrono::seconds room_idle_limit_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<room>> rooms_;
  std::map<std::string, std::vector<room_handler>> loading_;
};

}  // namespace intervisie::rooms
