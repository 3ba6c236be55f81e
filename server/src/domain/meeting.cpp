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

// ---- queries ----

const member* meeting::find_member(const std::string& member_id) const {
  auto it = std::find_if(members_.begin(), members_.end(),
                         [&](const member& m) { return m.member_id == member_id; });
  return it == members_.end() ? nullptr : &*it;
}

bool meeting::is_active(const std::string& member_id) const {
  const member* m = find_member(member_id);
  return m != nullptr && !m->removed;
}

bool meeting::is_facilitator(const std::string& actor_id) const {
  const member* m = find_member(actor_id);
  return m != nullptr && !m->removed && m->r == role::facilitator;
}

bool meeting::is_presenter(const std::string& actor_id) const {
  return presenter_id_ && *presenter_id_ == actor_id;
}

const step* meeting::step_at(std::uint32_t index) const {
  return index < method_.steps.size() ? &method_.steps[index] : nullptr;
}

const step* meeting::current_step() const {
  return step_at(step_index_);
}

bool meeting::is_closed(std::uint32_t step_index) const {
  return revealed_.count(step_index) > 0 || presenter_revealed_.count(step_index) > 0;
}

std::vector<std::string> meeting::facilitators() const {
  std::vector<std::string> out;
  for (const auto& m : members_)
    if (!m.removed && m.r == role::facilitator) out.push_back(m.member_id);
  return out;
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

std::vector<vote> meeting::votes() const {
  std::vector<vote> out;
  for (const auto& [key, n] : votes_) out.push_back({key.first, key.second, n});
  return out;
}

bool meeting::may_see(const note& n, const std::string& member_id) const {
  if (n.author_id == member_id) return true;
  const step* s = step_at(n.step_index);
  if (s == nullptr) return false;
  switch (policy_of(s->kind)) {
    case note_policy::shared:
      return true;
    case note_policy::until_reveal:
      return is_revealed(n.step_index) ||
             (presenter_revealed_.count(n.step_index) > 0 && is_presenter(member_id));
    case note_policy::facilitator:
      return is_facilitator(member_id);
    case note_policy::own:
    case note_policy::none:
      return false;
  }
  return false;
}

std::vector<note> meeting::visible_notes(const std::string& member_id) const {
  std::vector<note> out;
  for (const auto& [id, n] : notes_)
    if (may_see(n, member_id)) out.push_back(n);
  return out;
}

std::vector<score> meeting::visible_scores(const std::string& member_id) const {
  const bool all = is_facilitator(member_id);
  std::vector<score> out;
  for (const auto& [key, value] : scores_)
    if (all || key.second == member_id) out.push_back({key.second, key.first, value});
  return out;
}

std::optional<std::vector<std::string>> meeting::full_audience(const change_body& body) const {
  auto note_audience = [&](std::uint32_t step_index,
                           const std::string& author) -> std::optional<std::vector<std::string>> {
    const step* s = step_at(step_index);
    const note_policy p = s ? policy_of(s->kind) : note_policy::own;
    if (p == note_policy::shared) return std::nullopt;
    std::vector<std::string> who{author};
    if (p == note_policy::facilitator)
      for (auto& f : facilitators())
        if (f != author) who.push_back(f);
    return who;
  };
  return std::visit(
      overloaded{
          [&](const chg::note_saved& s) { return note_audience(s.n.step_index, s.n.author_id); },
          [&](const chg::note_deleted& d) {
            return note_audience(d.after.step_index, d.after.member_id);
          },
          [&](const chg::rated& r) -> std::optional<std::vector<std::string>> {
            std::vector<std::string> who{r.member_id};
            for (auto& f : facilitators())
              if (f != r.member_id) who.push_back(f);
            return who;
          },
          [&](const chg::board_changed& b) -> std::optional<std::vector<std::string>> {
            if (!b.after) return std::nullopt;  // a shared board: everyone (R35)
            return std::vector<std::string>{b.after->member_id};
          },
          [&](const chg::board_cleared& b) -> std::optional<std::vector<std::string>> {
            if (!b.after) return std::nullopt;
            return std::vector<std::string>{b.after->member_id};
          },
          [&](const chg::revealed& r) -> std::optional<std::vector<std::string>> {
            if (!r.to_presenter) return std::nullopt;
            if (presenter_id_) return std::vector<std::string>{*presenter_id_};
            return std::vector<std::string>{};
          },
          [](const auto&) -> std::optional<std::vector<std::string>> { return std::nullopt; },
      },
      body);
}

// ---- checks shared by commands ----

// A note command in the current step: it takes notes, it is not closed, and this member may
// write in it.
std::optional<error> meeting::check_note_step(const std::string& actor_id, bool done_only) const {
  if (!is_active(actor_id)) return fail(error_code::forbidden, "not a member");
  const step* s = current_step();
  if (s == nullptr ||
      (policy_of(s->kind) == note_policy::none && !(done_only && is_revealed_step(*s))) ||
      s->kind == step_kind::question_round) {
    return fail(error_code::wrong_step, "the current step takes no notes");
  }
  if (is_closed(step_index_)) {
    return fail(error_code::already_revealed, "the notes of this step are revealed");
  }
  if (s->presenter_listens && is_presenter(actor_id)) {
    return fail(error_code::forbidden, "the presenter listens in this step");
  }
  if (s->kind == step_kind::present && is_presenter(actor_id)) {
    return fail(error_code::forbidden, "the presenter tells; the others take notes");
  }
  return std::nullopt;
}

std::optional<error> meeting::check_presenter(const std::string& actor_id) const {
  if (!is_active(actor_id) || !is_presenter(actor_id)) {
    return fail(error_code::forbidden, "only the presenter does this");
  }
  if (consent_ != consent::given) {
    return fail(error_code::consent_pending, "the presenter has not consented yet");
  }
  return std::nullopt;
}

std::optional<error> meeting::check_turn(const std::string& actor_id) const {
  if (!is_active(actor_id)) return fail(error_code::forbidden, "not a member");
  const step* s = current_step();
  if (s == nullptr || s->kind != step_kind::question_round) {
    return fail(error_code::wrong_step, "the current step is not a question round");
  }
  auto it = rounds_.find(step_index_);
  const std::string* turn = it == rounds_.end() ? nullptr : it->second.current();
  if (turn == nullptr || *turn != actor_id) {
    return fail(error_code::not_your_turn, "it is not your turn");
  }
  return std::nullopt;
}

// A member's votes on the proposals of the current step, but one (each case choice has its own
// budget: BOvV chooses twice).
std::uint32_t meeting::votes_of(const std::string& member_id,
                                const std::string& except_note) const {
  std::uint32_t total = 0;
  for (const auto& [key, n] : votes_) {
    if (key.first != member_id || key.second == except_note) continue;
    auto it = notes_.find(key.second);
    if (it != notes_.end() && it->second.step_index == step_index_) total += n;
  }
  return total;
}

// The step's notes in the order the screen lists them: by author in join order (the presenter
// first in takeaways: they begin), then by time written. Removed members' notes are gone.
std::vector<note> meeting::notes_to_reveal(std::uint32_t step_index) const {
  std::vector<note> out;
  for (const auto& [id, n] : notes_)
    if (n.step_index == step_index) out.push_back(n);
  const step* s = step_at(step_index);
  const bool presenter_first = s && s->kind == step_kind::takeaways && presenter_id_;
  auto rank = [&](const std::string& id) -> std::ptrdiff_t {
    if (presenter_first && id == *presenter_id_) return -1;
    auto m = std::find_if(members_.begin(), members_.end(),
                          [&](const member& x) { return x.member_id == id; });
    return m - members_.begin();
  };
  std::stable_sort(out.begin(), out.end(), [&](const note& a, const note& b) {
    if (a.author_id != b.author_id) return rank(a.author_id) < rank(b.author_id);
    return a.updated_at < b.updated_at;
  });
  return out;
}

meeting::decision meeting::decide_reveal() const {
  const step* s = current_step();
  if (s == nullptr || !is_revealed_step(*s)) {
    return fail(error_code::wrong_step, "the current step is not revealed");
  }
  if (is_revealed(step_index_)) {
    return fail(error_code::already_revealed, "the notes of this step are revealed");
  }
  const bool first_to_presenter = s->reveal == reveal_mode::presenter_first && presenter_id_ &&
                                  presenter_revealed_.count(step_index_) == 0;
  return chg::revealed{step_index_, notes_to_reveal(step_index_), first_to_presenter,
                       boards_to_reveal(step_index_)};
}

std::optional<change_body> meeting::auto_reveal_due(const std::set<std::string>& online) const {
  if (ended_ || auto_reveal_.count(step_index_) == 0 || is_closed(step_index_)) {
    return std::nullopt;
  }
  const step* s = current_step();
  if (s == nullptr || !is_revealed_step(*s)) return std::nullopt;
  std::size_t expected = 0;
  for (const auto& m : members_) {
    if (m.removed || online.count(m.member_id) == 0) continue;
    if (s->presenter_listens && is_presenter(m.member_id)) continue;
    const progress p = progress_of(step_index_, m.member_id);
    if (m.r == role::facilitator && p.note_count == 0) continue;
    if (!p.done) return std::nullopt;
    ++expected;
  }
  if (expected == 0) return std::nullopt;
  auto d = decide_reveal();
  if (auto* body = std::get_if<change_body>(&d)) return *body;
  return std::nullopt;
}

// ---- decisions ----

meeting::decision meeting::decide(const std::string& actor_id, const command& c,
                                  std::int64_t now) const {
  if (ended_) return fail(error_code::meeting_ended, "the meeting has ended");
  auto facilitator_only = [&](const char* what) -> std::optional<error> {
    if (!is_facilitator(actor_id)) return fail(error_code::forbidden, what);
    return std::nullopt;
  };
  return std::visit(
      overloaded{
          [&](const cmd::set_step& s) -> decision {
            if (auto e = facilitator_only("only the facilitator changes the step")) return *e;
            const step* target = step_at(s.step_index);
            if (target == nullptr) {
              return fail(error_code::invalid_field, "step_index is past the method's last step");
            }
            if (s.step_index == step_index_) return no_change{};
            chg::step_changed out{s.step_index, std::nullopt};
            if (target->kind == step_kind::question_round && rounds_.count(s.step_index) == 0) {
              turn_round r{s.step_index, {}, 0, 1};
              for (const auto& m : members_)
                if (!m.removed && !is_presenter(m.member_id)) r.order.push_back(m.member_id);
              out.round = std::move(r);
            }
            return out;
          },
          [&](const cmd::appoint_presenter& a) -> decision {
            if (auto e = facilitator_only("only the facilitator appoints the presenter")) return *e;
            if (a.member_id && !is_active(*a.member_id)) {
              return fail(error_code::not_found, "no such member");
            }
            if (!a.member_id && a.case_note_id) {
              return fail(error_code::invalid_field, "a case needs a presenter");
            }
            if (a.case_note_id) {
              auto it = notes_.find(*a.case_note_id);
              const step* s = it == notes_.end() ? nullptr : step_at(it->second.step_index);
              if (s == nullptr || s->kind != step_kind::case_choice ||
                  !is_revealed(it->second.step_index)) {
                return fail(error_code::not_found, "no such proposal");
              }
            }
            if (a.member_id == presenter_id_ && a.case_note_id == case_note_id_) {
              return no_change{};
            }
            return chg::presenter_appointed{a.member_id, a.case_note_id};
          },
          [&](const cmd::consent& c) -> decision {
            if (!is_active(actor_id) || !is_presenter(actor_id)) {
              return fail(error_code::forbidden, "only the appointed presenter consents");
            }
            if (consent_ == consent::given && c.accept) return no_change{};
            return chg::presenter_consent{actor_id, c.accept};
          },
          [&](const cmd::note_save& s) -> decision {
            if (auto e = check_note_step(actor_id)) return *e;
            const step& st = *current_step();
            if (!s.title.empty() && st.kind != step_kind::case_choice) {
              return fail(error_code::invalid_field, "only case proposals have a title");
            }
            if (!s.label.empty() && st.kind != step_kind::evaluation) {
              return fail(error_code::invalid_field, "only evaluation notes have a label");
            }
            auto it = notes_.find(s.note_id);
            progress p = progress_of(step_index_, actor_id);
            if (it != notes_.end()) {
              const note& existing = it->second;
              // Someone else's id, or a note of an earlier step: answer as if it did not exist,
              // so note ids reveal nothing.
              if (existing.author_id != actor_id || existing.step_index != step_index_) {
                return fail(error_code::not_found, "no such note");
              }
              if (existing.text == s.text && existing.title == s.title &&
                  existing.label == s.label) {
                return no_change{};
              }
            } else {
              if (p.note_count >= limits::notes_per_member_per_step) {
                return fail(error_code::limit_reached, "too many notes in this step");
              }
              p.note_count += 1;
            }
            note n{s.note_id, actor_id, step_index_, s.text, now, s.title, s.label, {}};
            return chg::note_saved{std::move(n), p};
          },
          [&](const cmd::note_delete& d) -> decision {
            if (auto e = check_note_step(actor_id)) return *e;
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
            if (auto e = check_note_step(actor_id, true)) return *e;
            progress p = progress_of(step_index_, actor_id);
            if (p.done == d.done) return no_change{};
            p.done = d.done;
            return chg::done_changed{p};
          },
          [&](const cmd::reveal&) -> decision {
            if (auto e = facilitator_only("only the facilitator reveals")) return *e;
            return decide_reveal();
          },
          [&](const cmd::set_auto_reveal& a) -> decision {
            if (auto e = facilitator_only("only the facilitator sets the reveal")) return *e;
            const step* s = current_step();
            if (s == nullptr || !is_revealed_step(*s)) {
              return fail(error_code::wrong_step, "the current step is not revealed");
            }
            if (is_closed(step_index_)) {
              return fail(error_code::already_revealed, "the notes of this step are revealed");
            }
            if ((auto_reveal_.count(step_index_) > 0) == a.on) return no_change{};
            return chg::auto_reveal_set{step_index_, a.on};
          },
          [&](const cmd::timer_start& t) -> decision {
            if (auto e = facilitator_only("only the facilitator keeps time")) return *e;
            std::int64_t length_ms = 0;
            const step* s = current_step();
            if (t.duration_seconds) {
              length_ms = std::int64_t{*t.duration_seconds} * 1000;
            } else if (timer_ && timer_->running) {
              return no_change{};
            } else if (timer_) {
              length_ms = timer_->remaining_ms;  // resume where it was paused
            } else if (s != nullptr && s->timebox_minutes) {
              length_ms = std::int64_t{*s->timebox_minutes} * 60 * 1000;
            } else {
              return fail(error_code::invalid_field,
                          "this step has no timebox: give duration_seconds");
            }
            return chg::timer_changed{timer{step_index_, true, now + length_ms, 0}};
          },
          [&](const cmd::timer_pause&) -> decision {
            if (auto e = facilitator_only("only the facilitator keeps time")) return *e;
            if (!timer_ || !timer_->running) return no_change{};
            const std::int64_t left = timer_->ends_at > now ? timer_->ends_at - now : 0;
            return chg::timer_changed{timer{step_index_, false, 0, left}};
          },
          [&](const cmd::timer_add& a) -> decision {
            if (auto e = facilitator_only("only the facilitator keeps time")) return *e;
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
          [&](const cmd::vote& v) -> decision {
            if (!is_active(actor_id)) return fail(error_code::forbidden, "not a member");
            const step* s = current_step();
            if (s == nullptr || s->kind != step_kind::case_choice) {
              return fail(error_code::wrong_step, "the current step is not a case choice");
            }
            if (!is_revealed(step_index_)) {
              return fail(error_code::wrong_step, "votes come after the proposals are revealed");
            }
            auto it = notes_.find(v.note_id);
            if (it == notes_.end() || it->second.step_index != step_index_) {
              return fail(error_code::not_found, "no such proposal");
            }
            if (v.votes > limits::votes_per_member ||
                votes_of(actor_id, v.note_id) + v.votes > limits::votes_per_member) {
              return fail(error_code::limit_reached, "at most 3 votes each");
            }
            auto cur = votes_.find({actor_id, v.note_id});
            if ((cur == votes_.end() ? 0u : cur->second) == v.votes) return no_change{};
            return chg::vote_cast{actor_id, v.note_id, v.votes};
          },
          [&](const cmd::ask& a) -> decision {
            auto it = notes_.find(a.note_id);
            if (it != notes_.end()) {
              // A resent ask that was taken already: nothing more to do (R13).
              if (it->second.author_id == actor_id && it->second.step_index == step_index_ &&
                  it->second.text == a.text) {
                return no_change{};
              }
              return fail(error_code::not_found, "no such note");
            }
            if (auto e = check_turn(actor_id)) return *e;
            progress p = progress_of(step_index_, actor_id);
            if (p.note_count >= limits::notes_per_member_per_step) {
              return fail(error_code::limit_reached, "too many questions in this step");
            }
            turn_round r = rounds_.at(step_index_);
            r.advance();
            return chg::question_asked{
                note{a.note_id, actor_id, step_index_, a.text, now, {}, {}, {}}, std::move(r)};
          },
          [&](const cmd::pass&) -> decision {
            if (auto e = check_turn(actor_id)) return *e;
            turn_round r = rounds_.at(step_index_);
            r.advance();
            return chg::turn_changed{std::move(r)};
          },
          [&](const cmd::turn_skip&) -> decision {
            if (auto e = facilitator_only("only the facilitator skips a turn")) return *e;
            auto it = rounds_.find(step_index_);
            if (it == rounds_.end()) {
              return fail(error_code::wrong_step, "the current step is not a question round");
            }
            if (it->second.order.empty()) return no_change{};
            turn_round r = it->second;
            r.advance();
            return chg::turn_changed{std::move(r)};
          },
          [&](const cmd::turn_order& o) -> decision {
            if (auto e = facilitator_only("only the facilitator orders the turns")) return *e;
            auto it = rounds_.find(step_index_);
            if (it == rounds_.end()) {
              return fail(error_code::wrong_step, "the current step is not a question round");
            }
            std::set<std::string> seen;
            for (const auto& id : o.member_ids) {
              if (!is_active(id) || is_presenter(id)) {
                return fail(error_code::not_found, "no such member in the round");
              }
              if (!seen.insert(id).second) {
                return fail(error_code::invalid_field, "a member is listed twice");
              }
            }
            turn_round r = it->second;
            const std::string* turn = r.current();
            auto pos = turn ? std::find(o.member_ids.begin(), o.member_ids.end(), *turn)
                            : o.member_ids.end();
            r.position = pos == o.member_ids.end()
                             ? 0
                             : static_cast<std::uint32_t>(pos - o.member_ids.begin());
            r.order = o.member_ids;
            if (r == it->second) return no_change{};
            return chg::turn_changed{std::move(r)};
          },
          [&](const cmd::note_mark& m) -> decision {
            if (auto e = check_presenter(actor_id)) return *e;
            auto it = notes_.find(m.note_id);
            if (it == notes_.end()) return fail(error_code::not_found, "no such note");
            const note& n = it->second;
            // Only what everyone can see is marked: the group sees the marks.
            const step* s = step_at(n.step_index);
            const note_policy p = s ? policy_of(s->kind) : note_policy::none;
            const bool public_note = p == note_policy::shared ||
                                     (p == note_policy::until_reveal && is_revealed(n.step_index));
            if (!public_note) return fail(error_code::not_found, "no such note");
            marks next = n.m;
            if (m.picked) next.picked = *m.picked;
            if (m.warmth) next.warmth = *m.warmth;
            if (m.answered) next.answered = *m.answered;
            if (m.touches) next.touches = *m.touches;
            if (next == n.m) return no_change{};
            return chg::note_marked{n.note_id, n.step_index, next};
          },
          [&](const cmd::rate& r) -> decision {
            if (!is_active(actor_id)) return fail(error_code::forbidden, "not a member");
            const step* s = current_step();
            if (s == nullptr || s->kind != step_kind::evaluation) {
              return fail(error_code::wrong_step, "the current step is not an evaluation");
            }
            if (r.score < 1 || r.score > limits::score_max) {
              return fail(error_code::invalid_field, "'score' must be 1 to 5");
            }
            auto cur = scores_.find({step_index_, actor_id});
            if (cur != scores_.end() && cur->second == r.score) return no_change{};
            return chg::rated{actor_id, step_index_, r.score, progress_of(step_index_, actor_id)};
          },
          [&](const cmd::hand_facilitation& h) -> decision {
            if (auto e = facilitator_only("only the facilitator hands over")) return *e;
            if (!is_active(h.member_id)) return fail(error_code::not_found, "no such member");
            if (h.member_id == actor_id) return no_change{};
            return chg::roles_changed{
                {{actor_id, role::participant}, {h.member_id, role::facilitator}}};
          },
          [&](const cmd::remove_member& r) -> decision {
            if (auto e = facilitator_only("only the facilitator removes a member")) return *e;
            if (r.member_id == actor_id) {
              return fail(error_code::forbidden, "hand facilitation over before leaving");
            }
            if (!is_active(r.member_id)) return fail(error_code::not_found, "no such member");
            return chg::member_removed{r.member_id};
          },
          [&](const cmd::end_meeting&) -> decision {
            if (auto e = facilitator_only("only the facilitator ends the meeting")) return *e;
            return chg::meeting_ended{};
          },
          [&](const auto&) -> decision { return decide_board(actor_id, c); },
      },
      c);
}

meeting::decision meeting::decide_join(const member& m) const {
  if (ended_) return fail(error_code::meeting_ended, "the meeting has ended");
  if (find_member(m.member_id) != nullptr) return no_change{};
  if (members_.size() >= limits::members_per_meeting) {
    return fail(error_code::limit_reached, "the meeting is full");
  }
  return chg::member_joined{m};
}

// ---- applying changes ----

void meeting::apply(const change& c) {
  std::visit(overloaded{
                 [&](const chg::member_joined& j) { members_.push_back(j.m); },
                 [&](const chg::step_changed& s) {
                   step_index_ = s.step_index;
                   timer_.reset();  // every step starts without a countdown (R22)
                   if (s.round) rounds_[s.step_index] = *s.round;
                 },
                 [&](const chg::presenter_appointed& a) {
                   presenter_id_ = a.member_id;
                   case_note_id_ = a.case_note_id;
                   consent_ = a.member_id ? consent::pending : consent::none;
                 },
                 [&](const chg::presenter_consent& p) {
                   if (p.accepted) {
                     consent_ = consent::given;
                   } else {
                     presenter_id_.reset();
                     case_note_id_.reset();
                     consent_ = consent::none;
                   }
                 },
                 [&](const chg::note_saved& s) {
                   notes_[s.n.note_id] = s.n;
                   progress_[{s.after.step_index, s.after.member_id}] = s.after;
                 },
                 [&](const chg::note_deleted& d) {
                   notes_.erase(d.note_id);
                   progress_[{d.after.step_index, d.after.member_id}] = d.after;
                   for (auto it = votes_.begin(); it != votes_.end();)
                     it = it->first.second == d.note_id ? votes_.erase(it) : std::next(it);
                 },
                 [&](const chg::done_changed& d) {
                   progress_[{d.after.step_index, d.after.member_id}] = d.after;
                 },
                 [&](const chg::revealed& r) {
                   if (r.to_presenter) {
                     presenter_revealed_.insert(r.step_index);
                   } else {
                     revealed_.insert(r.step_index);
                   }
                   auto_reveal_.erase(r.step_index);
                   for (const auto& b : r.boards) revealed_boards_.insert(b.info.board_id);
                 },
                 [&](const chg::timer_changed& t) { timer_ = t.t; },
                 [&](const chg::vote_cast& v) {
                   if (v.votes == 0) {
                     votes_.erase({v.member_id, v.note_id});
                   } else {
                     votes_[{v.member_id, v.note_id}] = v.votes;
                   }
                 },
                 [&](const chg::question_asked& q) {
                   notes_[q.n.note_id] = q.n;
                   auto& p = progress_[{q.n.step_index, q.n.author_id}];
                   p.step_index = q.n.step_index;
                   p.member_id = q.n.author_id;
                   p.note_count += 1;
                   rounds_[q.round.step_index] = q.round;
                 },
                 [&](const chg::turn_changed& t) { rounds_[t.round.step_index] = t.round; },
                 [&](const chg::note_marked& m) {
                   auto it = notes_.find(m.note_id);
                   if (it == notes_.end()) return;
                   if (m.m.touches) {
                     for (auto& [id, n] : notes_)
                       if (n.step_index == m.step_index) n.m.touches = false;
                   }
                   it->second.m = m.m;
                 },
                 [&](const chg::rated& r) {
                   scores_[{r.step_index, r.member_id}] = r.score;
                 },
                 [&](const chg::auto_reveal_set& a) {
                   if (a.on) {
                     auto_reveal_.insert(a.step_index);
                   } else {
                     auto_reveal_.erase(a.step_index);
                   }
                 },
                 [&](const chg::roles_changed& r) {
                   for (const auto& [id, new_role] : r.members)
                     for (auto& m : members_)
                       if (m.member_id == id) m.r = new_role;
                 },
                 [&](const chg::member_removed& r) {
                   for (auto& m : members_)
                     if (m.member_id == r.member_id) m.removed = true;
                   if (is_presenter(r.member_id)) {
                     presenter_id_.reset();
                     case_note_id_.reset();
                     consent_ = consent::none;
                   }
                   // Their unrevealed notes are never revealed (R30).
                   for (auto it = notes_.begin(); it != notes_.end();) {
                     const step* s = step_at(it->second.step_index);
                     const bool hidden = s && policy_of(s->kind) == note_policy::until_reveal &&
                                         !is_closed(it->second.step_index);
                     it = it->second.author_id == r.member_id && hidden ? notes_.erase(it)
                                                                        : std::next(it);
                   }
                   for (auto it = votes_.begin(); it != votes_.end();)
                     it = it->first.first == r.member_id ? votes_.erase(it) : std::next(it);
                   for (auto& [step_index, round] : rounds_) {
                     auto pos = std::find(round.order.begin(), round.order.end(), r.member_id);
                     if (pos == round.order.end()) continue;
                     const auto index = static_cast<std::uint32_t>(pos - round.order.begin());
                     round.order.erase(pos);
                     if (index < round.position) --round.position;
                     if (round.position >= round.order.size()) round.position = 0;
                   }
                 },
                 [&](const chg::meeting_ended&) {
                   ended_ = true;
                   timer_.reset();
                 },
                 [&](const auto&) { apply_board(c); },
             },
             c.body);
  seq_ = c.seq;
}

// ---- recall ----

std::optional<recall> meeting::recall_for_next() const {
  recall r;
  r.meeting_title = info_.title;
  auto name_of = [&](const std::string& id) {
    const member* m = find_member(id);
    return m ? m->name : std::string();
  };
  if (presenter_id_) r.presenter_name = name_of(*presenter_id_);
  if (case_note_id_) {
    auto it = notes_.find(*case_note_id_);
    if (it != notes_.end()) r.case_title_text = {it->second.title, it->second.text};
  }
  for (std::uint32_t i = 0; i < method_.steps.size(); ++i) {
    if (method_.steps[i].kind != step_kind::takeaways || !is_revealed(i)) continue;
    for (const auto& n : notes_to_reveal(i))
      r.takeaways.push_back({name_of(n.author_id), is_presenter(n.author_id), n.text});
  }
  if (!r.presenter_name && r.takeaways.empty()) return std::nullopt;
  return r;
}

}  // namespace intervisie::domain
