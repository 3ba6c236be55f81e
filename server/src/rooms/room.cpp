#include "rooms/room.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <set>

#include "domain/limits.hpp"
#include "protocol/board_json.hpp"
#include "rooms/clock.hpp"

namespace intervisie::rooms {

namespace asio = boost::asio;
using domain::error;
using domain::error_code;

namespace {
std::shared_ptr<const std::string> shared(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

bool sees_full(const std::optional<std::vector<std::string>>& audience, const std::string& id) {
  return !audience || std::find(audience->begin(), audience->end(), id) != audience->end();
}
}  // namespace

room::room(asio::any_io_executor ex, store::writer& writer, domain::meeting state,
           std::deque<domain::change> recent, std::chrono::seconds idle_limit, on_retire retire)
    : strand_(asio::make_strand(ex)),
      writer_(writer),
      meeting_id_(state.info().meeting_id),
      live_(state),
      committed_(std::move(state)),
      recent_(std::move(recent)),
      retire_(std::move(retire)),
      idle_limit_(idle_limit),
      idle_timer_(strand_) {}

void room::start() {
  asio::post(strand_, [self = shared_from_this()] {
    if (self->connections_.empty()) self->arm_idle_timer();
  });
}

void room::arm_idle_timer() {
  idle_timer_.expires_after(idle_limit_);
  idle_timer_.async_wait(
      [self = shared_from_this()](const boost::system::error_code& ec) { self->on_idle(ec); });
}

void room::on_idle(const boost::system::error_code& ec) {
  // Still empty, nothing on its way to disk, nothing held: safe to forget. A hello that raced
  // with this finds the room retired and is told to reconnect (4002), which loads it afresh.
  if (ec || failed_ || !connections_.empty()) return;
  if (live_.seq() != committed_.seq() || !held_.empty()) return arm_idle_timer();  // try later
  failed_ = true;
  if (retire_) retire_(meeting_id_, this);
}

void room::attach(std::shared_ptr<connection> c, std::string member_id,
                  std::optional<std::uint64_t> last_seq, std::optional<std::uint64_t> ref) {
  asio::post(strand_,
             [self = shared_from_this(), c = std::move(c), m = std::move(member_id), last_seq,
              ref]() mutable { self->do_attach(std::move(c), std::move(m), last_seq, ref); });
}

void room::do_attach(std::shared_ptr<connection> c, std::string member_id,
                     std::optional<std::uint64_t> last_seq, std::optional<std::uint64_t> ref) {
  const domain::member* m = committed_.find_member(member_id);
  if (!failed_ && m != nullptr && m->removed) {
    // R30: a removed member's token no longer works.
    c->send(
        shared(protocol::encode_error({error_code::invalid_token, "this link is not valid"}, ref)));
    c->close_with(close_code::member_removed, "removed");
    return;
  }
  if (failed_ || m == nullptr) {
    // Broken or retired rooms send the client back to reconnect, which loads the room afresh.
    c->send(shared(protocol::encode_error({error_code::internal, "meeting unavailable"}, ref)));
    c->close_with(close_code::server_error, "meeting unavailable");
    return;
  }
  const std::uint64_t seq = committed_.seq();
  // Replay when the client's last_seq is within what we keep; otherwise a snapshot (R12).
  bool can_replay = last_seq && *last_seq <= seq && seq - *last_seq <= recent_.size();
  std::vector<std::shared_ptr<const std::string>> replay;
  if (can_replay) {
    std::size_t bytes = 0;
    for (const auto& change : recent_) {
      if (change.seq <= *last_seq) continue;
      auto v = sees_full(committed_.full_audience(change.body), member_id)
                   ? protocol::view::full
                   : protocol::view::public_only;
      replay.push_back(shared(protocol::encode_event(change, v, std::nullopt)));
      bytes += replay.back()->size();
    }
    // A replay too big for the connection's queue would get it closed as slow, and it would come
    // back asking for the same replay: then a snapshot is the smaller answer.
    if (bytes > limits::queue_bytes_max / 2) {
      can_replay = false;
      replay.clear();
    }
  }
  bool first_connection = online_[member_id]++ == 0;
  const std::set<std::string> online = online_members();
  protocol::welcome_info w{member_id, m->r, now_ms(), can_replay};
  c->send(shared(protocol::encode_welcome(w, committed_, !can_replay, online, ref)));
  if (can_replay) {
    // Presence is not in the log (R19): a resumed client learns who is here now.
    for (const auto& mem : committed_.members()) {
      replay.push_back(
          shared(protocol::encode_presence(mem.member_id, online.count(mem.member_id) > 0)));
    }
    c->send_replay(std::move(replay));
  }
  connections_.push_back({c, member_id});
  idle_timer_.cancel();
  if (first_connection)
    send_to_others(member_id, shared(protocol::encode_presence(member_id, true)));
}

void room::detach(std::shared_ptr<connection> c) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(c)] {
    for (auto it = self->connections_.begin(); it != self->connections_.end(); ++it) {
      if (it->conn != c) continue;
      std::string member_id = it->member_id;
      self->connections_.erase(it);
      if (--self->online_[member_id] == 0) {
        self->online_.erase(member_id);
        self->send_to_others(member_id, shared(protocol::encode_presence(member_id, false)));
        self->check_auto_reveal();  // R25: the one not yet done may just have left
      }
      if (self->connections_.empty()) self->arm_idle_timer();
      return;
    }
  });
}

void room::handle(std::shared_ptr<connection> c, std::string member_id, domain::command cmd,
                  std::optional<std::uint64_t> ref) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(c), m = std::move(member_id),
                       cmd = std::move(cmd), ref] { self->do_handle(c, m, cmd, ref); });
}

void room::do_handle(const std::shared_ptr<connection>& c, const std::string& member_id,
                     const domain::command& cmd, std::optional<std::uint64_t> ref) {
  if (failed_) {
    c->send(shared(protocol::encode_error({error_code::internal, "meeting unavailable"}, ref)));
    return;
  }
  if (const auto* l = std::get_if<domain::cmd::board_live>(&cmd))
    return pass_live(c, member_id, *l);
  if (const auto* v = std::get_if<domain::cmd::board_view>(&cmd)) {
    return pass_view(c, member_id, *v, ref);
  }
  auto decision = live_.decide(member_id, cmd, now_ms());
  if (auto* e = std::get_if<error>(&decision)) return reply(c, protocol::encode_error(*e, ref));
  if (std::holds_alternative<domain::meeting::no_change>(decision)) {
    if (ref) reply(c, protocol::encode_ack(*ref));
    return;
  }
  auto origin = c;
  commit(std::get<domain::change_body>(std::move(decision)), member_id, nullptr,
         [this, origin, ref](const domain::change& ch, bool ok) {
           if (ok) {
             broadcast(ch, origin.get(), ref);
             after_broadcast(ch);
           } else {
             origin->send(shared(protocol::encode_error({error_code::internal, "not saved"}, ref)));
           }
         });
  check_auto_reveal();
}

// R37: a live stroke or cursor goes to everyone else on a shared board, encoded once, never
// stored and never answered; one the sender may not draw is dropped without a word.
void room::pass_live(const std::shared_ptr<connection>& c, const std::string& member_id,
                     const domain::cmd::board_live& l) {
  if (live_.check_board_write(member_id, l.board_id) || !live_.is_shared_board(l.board_id)) return;
  auto msg = shared(protocol::board_json::encode_live(member_id, l));
  for (const auto& a : connections_)
    if (a.conn != c) a.conn->send_ephemeral(msg);
}

// R36: "bring everyone here" is a nudge, not a change: passed on at once, not stored.
void room::pass_view(const std::shared_ptr<connection>& c, const std::string& member_id,
                     const domain::cmd::board_view& v, std::optional<std::uint64_t> ref) {
  if (auto e = live_.check_board_view(member_id, v.board_id)) {
    return reply(c, protocol::encode_error(*e, ref));
  }
  auto msg = shared(protocol::board_json::encode_view(member_id, v));
  for (const auto& a : connections_)
    if (a.conn != c) a.conn->send(msg);
  if (ref) reply(c, protocol::encode_ack(*ref));
}

std::set<std::string> room::online_members() const {
  std::set<std::string> online;
  for (const auto& [id, n] : online_)
    if (n > 0) online.insert(id);
  return online;
}

void room::check_auto_reveal() {
  if (failed_) return;
  auto body = live_.auto_reveal_due(online_members());
  if (!body) return;
  commit(std::move(*body), domain::server_actor, nullptr,
         [this](const domain::change& ch, bool ok) {
           if (ok) broadcast(ch, nullptr, std::nullopt);
         });
}

// What a change does beyond its event: a role change alters what two members may see, so they
// get a fresh snapshot; a removed member is shown the door (R30).
void room::after_broadcast(const domain::change& ch) {
  if (const auto* r = std::get_if<domain::chg::roles_changed>(&ch.body)) {
    const auto online = online_members();
    for (const auto& a : connections_) {
      const bool affected = std::any_of(r->members.begin(), r->members.end(),
                                        [&](const auto& m) { return m.first == a.member_id; });
      const domain::member* m = committed_.find_member(a.member_id);
      if (!affected || m == nullptr) continue;
      protocol::welcome_info w{a.member_id, m->r, now_ms(), false};
      a.conn->send(shared(protocol::encode_welcome(w, committed_, true, online, std::nullopt)));
    }
  } else if (const auto* rm = std::get_if<domain::chg::member_removed>(&ch.body)) {
    bool had = false;
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (it->member_id != rm->member_id) {
        ++it;
        continue;
      }
      it->conn->close_with(close_code::member_removed, "removed");
      it = connections_.erase(it);
      had = true;
    }
    if (had && online_.erase(rm->member_id) > 0)
      send_to_others(rm->member_id, shared(protocol::encode_presence(rm->member_id, false)));
    if (connections_.empty()) arm_idle_timer();
  }
}

void room::join(domain::member m, std::string token_hash,
                std::function<void(std::optional<domain::error>)> done) {
  asio::post(strand_, [self = shared_from_this(), m = std::move(m), h = std::move(token_hash),
                       done = std::move(done)]() mutable {
    if (self->failed_) return done(error{error_code::internal, "meeting unavailable"});
    auto decision = self->live_.decide_join(m);
    if (auto* e = std::get_if<error>(&decision)) return done(*e);
    if (std::holds_alternative<domain::meeting::no_change>(decision)) return done(std::nullopt);
    store::credential cred{self->meeting_id_, m.member_id};
    self->commit(
        std::get<domain::change_body>(std::move(decision)), m.member_id,
        [h, cred](store::store& s) { s.add_member_token(h, cred); },
        [self, done = std::move(done)](const domain::change& ch, bool ok) {
          if (!ok) return done(error{error_code::internal, "not saved"});
          self->broadcast(ch, nullptr, std::nullopt);
          done(std::nullopt);
        });
  });
}

void room::commit(domain::change_body body, std::string actor_id,
                  std::function<void(store::store&)> extra,
                  std::function<void(const domain::change&, bool ok)> after) {
  domain::change c{live_.seq() + 1, now_ms(), std::move(actor_id), std::move(body)};
  live_.apply(c);
  auto record = std::make_shared<std::string>(protocol::encode_change_record(c.body));
  auto change = std::make_shared<domain::change>(std::move(c));
  writer_.submit(
      [id = meeting_id_, change, record, extra = std::move(extra)](store::store& s) {
        if (extra) extra(s);
        s.record(id, *change, *record);
      },
      // The writer calls completions in commit order; posting them to the strand keeps that
      // order, so members receive changes in seq order (R14, R17).
      [self = shared_from_this(), change, after = std::move(after)](bool ok) {
        asio::post(self->strand_, [self, change, after, ok] {
          self->on_committed(*change, ok);
          after(*change, ok && !self->failed_);
          // After the change itself went out: held replies never overtake it.
          self->flush_held(change->seq);
        });
      });
}

void room::on_committed(const domain::change& c, bool ok) {
  if (failed_) return;
  if (!ok) {
    // The live state already holds a change the disk refused: it can no longer be trusted.
    fail("a change could not be committed");
    return;
  }
  committed_.apply(c);
  recent_.push_back(c);
  while (recent_.size() > limits::replay_max) recent_.pop_front();
}

void room::flush_held(std::uint64_t committed_seq) {
  while (!held_.empty() && held_.front().after_seq <= committed_seq) {
    held_.front().conn->send(held_.front().msg);
    held_.pop_front();
  }
}

void room::reply(const std::shared_ptr<connection>& c, std::string msg) {
  if (live_.seq() == committed_.seq()) return c->send(shared(std::move(msg)));
  held_.push_back({live_.seq(), c, shared(std::move(msg))});
}

void room::broadcast(const domain::change& c, const connection* origin,
                     std::optional<std::uint64_t> ref) {
  // Encode once per visibility class (R20): the full form for its audience (everyone, for a
  // public change) and the public form for the rest.
  auto audience = committed_.full_audience(c.body);
  auto full = shared(protocol::encode_event(c, protocol::view::full, std::nullopt));
  auto pub = audience ? shared(protocol::encode_event(c, protocol::view::public_only, std::nullopt))
                      : full;
  for (const auto& a : connections_) {
    const bool full_view = sees_full(audience, a.member_id);
    if (a.conn.get() == origin && ref) {
      auto v = full_view ? protocol::view::full : protocol::view::public_only;
      a.conn->send(shared(protocol::encode_event(c, v, ref)));
    } else {
      a.conn->send(full_view ? full : pub);
    }
  }
}

void room::send_to_others(const std::string& member_id, std::shared_ptr<const std::string> msg) {
  for (const auto& a : connections_) {
    if (a.member_id != member_id) a.conn->send(msg);
  }
}

void room::fail(const std::string& why) {
  std::fprintf(stderr, "room %s: %s; closing it\n", meeting_id_.c_str(), why.c_str());
  failed_ = true;
  held_.clear();
  for (const auto& a : connections_) a.conn->close_with(close_code::server_error, "resync");
  connections_.clear();
  online_.clear();
  if (retire_) retire_(meeting_id_, this);
}

void room::inspect(std::function<void(const domain::meeting&)> read) {
  asio::post(strand_,
             [self = shared_from_this(), read = std::move(read)] { read(self->committed_); });
}

void room::close_all(std::uint16_t code, std::string reason) {
  asio::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)] {
    for (const auto& a : self->connections_) a.conn->close_with(code, reason);
    self->connections_.clear();
    self->online_.clear();
  });
}

}  // namespace intervisie::rooms
