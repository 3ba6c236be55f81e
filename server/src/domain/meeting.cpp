#include "domain/meeting.hpp"
#include "domain/overloaded.hpp"

#include <algorithm>

#include "domain/limits.hpp"

namespace intervisie::domain {

namespace {

error fail(error_code code, std::string message) {
  return error{code, std::move(message)};
}

}  // namespace

meeting::meeting(meeting_info info, method m) : info_(std::move(info)), method_(std::move(m)) {}

const member* meeting::find_member(const std::string& member_id) const {
  auto it = std::find_if(members_.begin(), members_.end(),
                         [&](const member& m) { return m.member_id == member_id; });
  return it == members_.end() ? nullptr : &*it;
}

bool meeting::is_facilitator(const std::string& actor_id) const {
  const member* m = find_member(actor_id);
  return m != nullptr && m->r == role::facilitator;
}

progress meeting::progress_of(std::uint32_t step_index, const std::string& member_id) const {
  auto it = progress_.find({step_index, member_id});
  if (it != progress_.end()) return it->second;
  return progress{step_index, member_id, 0, false};
}

std::vector<progress> meeting::all_progress() const {
  std::vector<progress> out;
  out.reserve(progress_.size());
  for (const auto& [key, p] : progress_) out.push_back(p);
  return out;
}

std::vector<note> meeting::visible_notes(const std::string& member_id) const {
  std::vector<note> out;
  for (const auto& [id, n] : notes_) {
    if (n.author_id == member_id || is_revealed(n.step_index)) out.push_back(n);
  }
  return out;
}

// The shared precondition of every write command: a write step, not yet revealed.
std::optional<error> meeting::check_writable(const std::string& actor_id) const {
  if (find_member(actor_id) == nullptr) return fail(error_code::forbidden, "not a member");
  if (step_index_ >= method_.steps.size() ||
      method_.steps[step_index_].kind != step_kind::private_write) {
    return fail(error_code::wrong_step, "the current step is not a write step");
  }
  if (is_revealed(step_index_)) {
    return fail(error_code::already_revealed, "the notes of this step are revealed");
  }
  return std::nullopt;
}

meeting::decision meeting::decide(const std::string& actor_id, const command& c,
                                  std::int64_t now) const {
  return std::visit(
      overloaded{
          [&](const cmd::set_step& s) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator changes the step");
            }
            if (s.step_index >= method_.steps.size()) {
              return fail(error_code::invalid_field, "step_index is past the method's last step");
            }
            if (s.step_index == step_index_) return no_change{};
            return chg::step_changed{s.step_index};
          },
          [&](const cmd::appoint_presenter& a) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator appoints the presenter");
            }
            if (a.member_id && find_member(*a.member_id) == nullptr) {
              return fail(error_code::not_found, "no such member");
            }
            if (a.member_id == presenter_id_) return no_change{};
            return chg::presenter_appointed{a.member_id};
          },
          [&](const cmd::note_save& s) -> decision {
            if (auto e = check_writable(actor_id)) return *e;
            auto it = notes_.find(s.note_id);
            progress p = progress_of(step_index_, actor_id);
            if (it != notes_.end()) {
              const note& existing = it->second;
              // Someone else's id, or a note of an earlier step: answer as if it did not exist,
              // so note ids reveal nothing.
              if (existing.author_id != actor_id || existing.step_index != step_index_) {
                return fail(error_code::not_found, "no such note");
              }
              if (existing.text == s.text) return no_change{};
            } else {
              if (p.note_count >= limits::notes_per_member_per_step) {
                return fail(error_code::limit_reached, "too many notes in this step");
              }
              p.note_count += 1;
            }
            note n{s.note_id, actor_id, step_index_, s.text, now};
            return chg::note_saved{std::move(n), p};
          },
          [&](const cmd::note_delete& d) -> decision {
            if (auto e = check_writable(actor_id)) return *e;
            auto it = notes_.find(d.note_id);
            if (it == notes_.end() || it->second.author_id != actor_id ||
                it->second.step_index != step_index_) {
              return fail(error_code::not_found, "no such note");
            }
            progress p = progress_of(step_index_, actor_id);
            p.note_count -= 1;
            return chg::note_deleted{d.note_id, p};
          },
          [&](const cmd::set_done& d) -> decision {
            if (auto e = check_writable(actor_id)) return *e;
            progress p = progress_of(step_index_, actor_id);
            if (p.done == d.done) return no_change{};
            p.done = d.done;
            return chg::done_changed{p};
          },
          [&](const cmd::timer_start& t) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator keeps time");
            }
            std::int64_t length_ms = 0;
            if (t.duration_seconds) {
              length_ms = std::int64_t{*t.duration_seconds} * 1000;
            } else if (timer_ && timer_->running) {
              return no_change{};
            } else if (timer_) {
              length_ms = timer_->remaining_ms;  // resume where it was paused
            } else if (step_index_ < method_.steps.size() &&
                       method_.steps[step_index_].timebox_minutes) {
              length_ms = std::int64_t{*method_.steps[step_index_].timebox_minutes} * 60 * 1000;
            } else {
              return fail(error_code::invalid_field,
                          "this step has no timebox: give duration_seconds");
            }
            return chg::timer_changed{timer{step_index_, true, now + length_ms, 0}};
          },
          [&](const cmd::timer_pause&) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator keeps time");
            }
            if (!timer_ || !timer_->running) return no_change{};
            const std::int64_t left = timer_->ends_at > now ? timer_->ends_at - now : 0;
            return chg::timer_changed{timer{step_index_, false, 0, left}};
          },
          [&](const cmd::timer_add& a) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator keeps time");
            }
            if (!timer_) return fail(error_code::not_found, "no timer in this step");
            timer t = *timer_;
            const std::int64_t extra = std::int64_t{a.seconds} * 1000;
            if (t.running) {
              // Time added to a timer that already ran out counts from now.
              t.ends_at = std::max(t.ends_at, now) + extra;
            } else {
              t.remaining_ms += extra;
            }
            return chg::timer_changed{t};
          },
          [&](const cmd::reveal&) -> decision {
            if (!is_facilitator(actor_id)) {
              return fail(error_code::forbidden, "only the facilitator reveals");
            }
            if (auto e = check_writable(actor_id)) return *e;
            chg::revealed r{step_index_, {}};
            for (const auto& [id, n] : notes_) {
              if (n.step_index == step_index_) r.notes.push_back(n);
            }
            // Group by author in join order, then by time written: how the screen lists them.
            std::stable_sort(r.notes.begin(), r.notes.end(), [&](const note& a, const note& b) {
              auto rank = [&](const std::string& id) {
                auto m = std::find_if(members_.begin(), members_.end(),
                                      [&](const member& x) { return x.member_id == id; });
                return m - members_.begin();
              };
              if (a.author_id != b.author_id) return rank(a.author_id) < rank(b.author_id);
              return a.updated_at < b.updated_at;
            });
            return r;
          },
      },
      c);
}

meeting::decision meeting::decide_join(const member& m) const {
  if (find_member(m.member_id) != nullptr) return no_change{};
  if (members_.size() >= limits::members_per_meeting) {
    return fail(error_code::limit_reached, "the meeting is full");
  }
  return chg::member_joined{m};
}

void meeting::apply(const change& c) {
  std::visit(overloaded{
                 [&](const chg::member_joined& j) { members_.push_back(j.m); },
                 [&](const chg::step_changed& s) {
                   step_index_ = s.step_index;
                   timer_.reset();  // every step starts without a countdown (R22)
                 },
                 [&](const chg::presenter_appointed& a) { presenter_id_ = a.member_id; },
                 [&](const chg::note_saved& s) {
                   notes_[s.n.note_id] = s.n;
                   progress_[{s.after.step_index, s.after.member_id}] = s.after;
                 },
                 [&](const chg::note_deleted& d) {
                   notes_.erase(d.note_id);
                   progress_[{d.after.step_index, d.after.member_id}] = d.after;
                 },
                 [&](const chg::done_changed& d) {
                   progress_[{d.after.step_index, d.after.member_id}] = d.after;
                 },
                 [&](const chg::revealed& r) { revealed_.insert(r.step_index); },
                 [&](const chg::timer_changed& t) { timer_ = t.t; },
             },
             c.body);
  seq_ = c.seq;
}

void meeting::restore(std::uint64_t seq, std::uint32_t step_index,
                      std::optional<std::string> presenter, std::vector<member> members,
                      std::vector<note> notes, std::set<std::uint32_t> revealed,
                      std::vector<progress> done_flags, std::optional<timer> t) {
  timer_ = t;
  seq_ = seq;
  step_index_ = step_index;
  presenter_id_ = std::move(presenter);
  members_ = std::move(members);
  notes_.clear();
  progress_.clear();
  for (auto& n : notes) {
    auto& p = progress_[{n.step_index, n.author_id}];
    p.step_index = n.step_index;
    p.member_id = n.author_id;
    p.note_count += 1;
    notes_[n.note_id] = std::move(n);
  }
  for (const auto& d : done_flags) {
    auto& p = progress_[{d.step_index, d.member_id}];
    p.step_index = d.step_index;
    p.member_id = d.member_id;
    p.done = d.done;
  }
  revealed_ = std::move(revealed);
}

}  // namespace intervisie::domain
