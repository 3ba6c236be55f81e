#include "rooms/member_access.hpp"

#include <memory>
#include <optional>

namespace intervisie::rooms {

void resolve_member(store::writer& writer, room_registry& rooms, std::string token_hash,
                    bool must_facilitate, std::function<void(member_access)> then) {
  struct found {
    std::optional<store::credential> cred;
    std::string group_id;
  };
  auto f = std::make_shared<found>();
  writer.submit(
      [token_hash, f](store::store& s) {
        f->cred = s.find_member_token(token_hash);
        if (!f->cred) return;
        if (auto m = s.find_meeting(f->cred->meeting_id))
          f->group_id = m->group_id;
        else
          f->cred.reset();
      },
      [&rooms, f, must_facilitate, then = std::move(then)](bool ok) mutable {
        using outcome = member_access::outcome;
        if (!ok) return then({outcome::failed, {}, {}, false});
        if (!f->cred) return then({outcome::unauthorized, {}, {}, false});
        rooms.with_room(f->cred->meeting_id, [f, must_facilitate, then = std::move(then)](
                                                 std::shared_ptr<room> r) mutable {
          if (!r) return then({outcome::failed, {}, {}, false});
          r->inspect([f, must_facilitate, then = std::move(then)](const domain::meeting& m) {
            const domain::member* me = m.find_member(f->cred->member_id);
            member_access a{outcome::ok, *f->cred, f->group_id, m.ended()};
            if (me == nullptr || me->removed)
              a.result = outcome::unauthorized;
            else if (must_facilitate && me->r != domain::role::facilitator)
              a.result = outcome::forbidden;
            then(std::move(a));
          });
        });
      });
}

}  // namespace intervisie::rooms
