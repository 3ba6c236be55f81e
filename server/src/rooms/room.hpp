#pragma once
// One live meeting: the authoritative state, its members' connections, and fan-out. All state is
// touched only on the room's strand, so there are no locks here. A change is decided on the
// live state, committed by the writer, and only then sent: to its author in full and to everyone
// else in the form they may see (R15, R20).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/meeting.hpp"
#include "protocol/codec.hpp"
#include "rooms/connection.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

class room : public std::enable_shared_from_this<room> {
public:
  // Called (on the room's strand) when the room leaves service: broken, or idle for too long.
  using on_retire = std::function<void(const std::string& meeting_id, const room* r)>;

  // `recent` holds the last committed changes (up to limits::replay_max) for resume.
  room(boost::asio::any_io_executor ex, store::writer& writer, domain::meeting state,
       std::deque<domain::change> recent, std::chrono::seconds idle_limit, on_retire retire);

  const std::string& meeting_id() const { return meeting_id_; }
  // Starts the idle clock: a room that nobody joins is not kept either.
  void start();

  // Each of these posts to the room's strand and returns at once.
  void attach(std::shared_ptr<connection> c, std::string member_id,
              std::optional<std::uint64_t> last_seq, std::optional<std::uint64_t> ref);
  void detach(std::shared_ptr<connection> c);
  void handle(std::shared_ptr<connection> c, std::string member_id, domain::command cmd,
              std::optional<std::uint64_t> ref);
  // Adds a member (from the HTTP API); `done` gets the error, or nullopt once committed.
  void join(domain::member m, std::string token_hash,
            std::function<void(std::optional<domain::error>)> done);
  // Calls `read` on the room's strand with its committed state (for HTTP reports).
  void inspect(std::function<void(const domain::meeting&)> read);
  // Closes every connection (server shutdown or a broken room).
  void close_all(std::uint16_t code, std::string reason);

private:
  struct attached {
    std::shared_ptr<connection> conn;
    std::string member_id;
  };

  void do_attach(std::shared_ptr<connection> c, std::string member_id,
                 std::optional<std::uint64_t> last_seq, std::optional<std::uint64_t> ref);
  void do_handle(const std::shared_ptr<connection>& c, const std::string& member_id,
                 const domain::command& cmd, std::optional<std::uint64_t> ref);
  // Assigns the next seq, applies to the live state and sends the change to the writer.
  void commit(domain::change_body body, std::string actor_id,
              std::function<void(store::store&)> extra,
              std::function<void(const domain::change&, bool ok)> after);
  void on_committed(const domain::change& c, bool ok);
  void broadcast(const domain::change& c, const connection* origin,
                 std::optional<std::uint64_t> ref);
  void send_to_others(const std::string& member_id, std::shared_ptr<const std::string> msg);
  void pass_live(const std::shared_ptr<connection>& c, const std::string& member_id,
                 const domain::cmd::board_live& l);
  void pass_view(const std::shared_ptr<connection>& c, const std::string& member_id,
                 const domain::cmd::board_view& v, std::optional<std::uint64_t> ref);
  void after_broadcast(const domain::change& ch);
  // R25: reveals the current step when everyone online who writes is done and it is wanted.
  void check_auto_reveal();
  std::set<std::string> online_members() const;
  // An ack or error was decided on the live state: hold it until that state is on disk, so
  // a reply never runs ahead of the changes it depends on (R17).
  void reply(const std::shared_ptr<connection>& c, std::string msg);
  void flush_held(std::uint64_t committed_seq);
  void fail(const std::string& why);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  store::writer& writer_;
  std::string meeting_id_;
  domain::meeting live_;       // decided, maybe not yet committed: commands are checked here
  domain::meeting committed_;  // on disk: snapshots and replays come from here only
  std::deque<domain::change> recent_;
  struct held_reply {
    std::uint64_t after_seq;
    std::shared_ptr<connection> conn;
    std::shared_ptr<const std::string> msg;
  };
  std::deque<held_reply> held_;
  std::vector<attached> connections_;
  std::map<std::string, int> online_;  // member_id -> open connections
  on_retire retire_;
  bool failed_ = false;  // broken or retired: it takes nothing more
  // A room nobody is connected to is dropped from memory after this long; the next member
  // loads it again from the store. Keeps memory bounded by the meetings in use.
  std::chrono::seconds idle_limit_;
  boost::asio::steady_timer idle_timer_;
  void arm_idle_timer();
  void on_idle(const boost::system::error_code& ec);
};

}  // namespace intervisie::rooms
