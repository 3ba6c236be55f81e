#pragma once
// Commands are what a member asks for; changes are what the server decided happened. Only
// changes are stored (the per-meeting log) and sent. Both are plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/types.hpp"

namespace intervisie::domain {

namespace cmd {
struct set_step {
  std::uint32_t step_index = 0;
};
struct appoint_presenter {
  std::optional<std::string> member_id;
};
struct note_save {
  std::string note_id;
  std::string text;
};
struct note_delete {
  std::string note_id;
};
struct set_done {
  bool done = false;
};
struct reveal {};
struct timer_start {
  std::optional<std::uint32_t> duration_seconds;  // none: resume, or the step's timebox
};
struct timer_pause {};
struct timer_add {
  std::uint32_t seconds = 0;
};
}  // namespace cmd

using command =
    std::variant<cmd::set_step, cmd::appoint_presenter, cmd::note_save, cmd::note_delete,
                 cmd::set_done, cmd::reveal, cmd::timer_start, cmd::timer_pause, cmd::timer_add>;

namespace chg {
struct member_joined {
  member m;
};
struct step_changed {
  std::uint32_t step_index = 0;
};
struct presenter_appointed {
  std::optional<std::string> member_id;
};
// Private to the author until the step is revealed; others see `after` only.
struct note_saved {
  note n;
  progress after;
};
struct note_deleted {
  std::string note_id;
  progress after;  // carries the author and the step
};
struct done_changed {
  progress after;
};
// One change flips the whole step: every note in it becomes visible at the same seq.
struct revealed {
  std::uint32_t step_index = 0;
  std::vector<note> notes;
};
struct timer_changed {
  std::optional<timer> t;
};
}  // namespace chg

using change_body =
    std::variant<chg::member_joined, chg::step_changed, chg::presenter_appointed, chg::note_saved,
                 chg::note_deleted, chg::done_changed, chg::revealed, chg::timer_changed>;

struct change {
  std::uint64_t seq = 0;
  std::int64_t at = 0;  // ms since the epoch
  std::string actor_id;
  change_body body;
};

// The member who alone may see this change in full, if any (R20). Everyone else gets the
// public form (see public_progress).
std::optional<std::string> private_to(const change_body& body);
// For a private change, what everyone else may see.
const progress* public_progress(const change_body& body);

}  // namespace intervisie::domain
