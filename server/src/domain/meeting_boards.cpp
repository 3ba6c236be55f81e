// The meeting's boards (protocol/README.md §4.4): which boards exist, who may see and change
// each, and the board commands. What a change does to one board is board.cpp's business.
#include <algorithm>
#include <charconv>

#include "domain/meeting.hpp"
#include "domain/overloaded.hpp"

namespace intervisie::domain {

namespace {

error fail(error_code code, std::string message) {
  return error{code, std::move(message)};
}

std::string step_board_id(std::uint32_t step_index) {
  return "s:" + std::to_string(step_index);
}

std::string private_board_id(std::uint32_t step_index, const std::string& member_id) {
  return "p:" + std::to_string(step_index) + ":" + member_id;
}

std::optional<std::uint32_t> parse_index(std::string_view s) {
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || (s.size() > 1 && s[0] == '0'))
    return std::nullopt;
  return v;
}

// The objects a member sees of a board: all of them for one they may draw on (deleted ones too,
// so an undo can bring them back); only what is drawn for someone else's revealed board, so
// nothing its owner erased is ever shown.
board_snapshot snapshot_of(const board_info& info, const board_state* state, bool drawn_only) {
  board_snapshot out{info, {}};
  if (state == nullptr) return out;
  for (const auto& [id, o] : state->objects) {
    auto del = o.p.find("deleted");
    if (drawn_only && del != o.p.end() && std::get<bool>(del->second)) continue;
    out.objects.push_back(o);
  }
  return out;
}

}  // namespace

std::optional<board_info> meeting::find_board(const std::string& board_id) const {
  board_info info;
  info.board_id = board_id;
  info.locked = locked_boards_.count(board_id) > 0;
  if (board_id.rfind("b:", 0) == 0) {
    for (const auto& b : added_boards_)
      if (b.board_id == board_id) {
        board_info found = b;
        found.locked = info.locked;
        return found;
      }
    return std::nullopt;
  }
  const bool shared = board_id.rfind("s:", 0) == 0;
  const bool priv = board_id.rfind("p:", 0) == 0;
  if (!shared && !priv) return std::nullopt;
  std::string_view rest(board_id);
  rest.remove_prefix(2);
  std::string_view index_text = rest;
  std::string owner;
  if (priv) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    index_text = rest.substr(0, colon);
    owner = std::string(rest.substr(colon + 1));
  }
  auto index = parse_index(index_text);
  const step* s = index ? step_at(*index) : nullptr;
  if (s == nullptr || s->kind != step_kind::board || s->private_boards != priv) return std::nullopt;
  if (priv && find_member(owner) == nullptr) return std::nullopt;
  info.kind = priv ? board_kind::private_board : board_kind::shared;
  info.step_index = *index;
  info.templ = s->board_template;
  if (priv) info.owner_id = owner;
  return info;
}

std::optional<board_info> meeting::visible_board(const std::string& member_id,
                                                 const std::string& board_id) const {
  if (!is_active(member_id)) return std::nullopt;
  auto info = find_board(board_id);
  if (!info) return std::nullopt;
  if (info->kind == board_kind::shared || info->owner_id == member_id ||
      revealed_boards_.count(board_id) > 0)
    return info;
  return std::nullopt;
}

bool meeting::is_shared_board(const std::string& board_id) const {
  auto info = find_board(board_id);
  return info && info->kind == board_kind::shared;
}

std::vector<board_snapshot> meeting::visible_boards(const std::string& member_id) const {
  std::vector<board_snapshot> out;
  if (!is_active(member_id)) return out;
  auto state_of = [&](const std::string& id) -> const board_state* {
    auto it = boards_.find(id);
    return it == boards_.end() ? nullptr : &it->second;
  };
  for (std::uint32_t i = 0; i < method_.steps.size(); ++i) {
    const step& s = method_.steps[i];
    if (s.kind != step_kind::board) continue;
    if (!s.private_boards) {
      auto info = find_board(step_board_id(i));
      if (info) out.push_back(snapshot_of(*info, state_of(info->board_id), false));
      continue;
    }
    for (const auto& m : members_) {
      const std::string id = private_board_id(i, m.member_id);
      const bool own = m.member_id == member_id;
      if (!own && revealed_boards_.count(id) == 0) continue;
      if (auto info = find_board(id)) out.push_back(snapshot_of(*info, state_of(id), !own));
    }
  }
  for (const auto& b : added_boards_) {
    auto info = find_board(b.board_id);
    if (info) out.push_back(snapshot_of(*info, state_of(b.board_id), false));
  }
  return out;
}

std::optional<error> meeting::check_board_write(const std::string& actor_id,
                                                const std::string& board_id) const {
  if (ended_) return fail(error_code::meeting_ended, "the meeting has ended");
  if (!is_active(actor_id)) return fail(error_code::forbidden, "not a member");
  auto info = find_board(board_id);
  if (!info) return fail(error_code::not_found, "no such board");
  const step* s = info->step_index ? step_at(*info->step_index) : nullptr;
  if (s != nullptr && s->presenter_listens && is_presenter(actor_id)) {
    return fail(error_code::forbidden, "the presenter listens in this step");
  }
  if (info->kind == board_kind::private_board) {
    // Someone else's private board does not exist for you, like someone else's note (R34).
    if (info->owner_id != actor_id) return fail(error_code::not_found, "no such board");
    if (is_closed(*info->step_index)) {
      return fail(error_code::already_revealed, "this board is revealed");
    }
    if (*info->step_index != step_index_) {
      return fail(error_code::wrong_step, "this board's step is not the current step");
    }
    return std::nullopt;
  }
  if (info->locked && !is_facilitator(actor_id)) {
    return fail(error_code::board_locked, "the facilitator locked this board");
  }
  return std::nullopt;
}

std::optional<error> meeting::check_board_view(const std::string& actor_id,
                                               const std::string& board_id) const {
  if (ended_) return fail(error_code::meeting_ended, "the meeting has ended");
  if (!is_facilitator(actor_id)) {
    return fail(error_code::forbidden, "only the facilitator brings everyone to a view");
  }
  if (!is_shared_board(board_id)) return fail(error_code::not_found, "no such shared board");
  return std::nullopt;
}

std::vector<board_snapshot> meeting::boards_to_reveal(std::uint32_t step_index) const {
  std::vector<board_snapshot> out;
  const step* s = step_at(step_index);
  if (s == nullptr || s->kind != step_kind::board || !s->private_boards) return out;
  for (const auto& m : members_) {
    if (m.removed) continue;  // a removed member's board is never revealed (R35)
    const std::string id = private_board_id(step_index, m.member_id);
    auto it = boards_.find(id);
    if (it == boards_.end() || it->second.live_count() == 0) continue;
    if (auto info = find_board(id)) out.push_back(snapshot_of(*info, &it->second, true));
  }
  return out;
}

progress meeting::board_progress(const board_info& b, const board_state& after) const {
  progress p = progress_of(*b.step_index, *b.owner_id);
  p.note_count = static_cast<std::uint32_t>(after.live_count());
  return p;
}

meeting::decision meeting::decide_board(const std::string& actor_id, const command& c) const {
  auto facilitator_only = [&](const char* what) -> std::optional<error> {
    if (!is_facilitator(actor_id)) return fail(error_code::forbidden, what);
    return std::nullopt;
  };
  static const board_state empty_board;
  auto state_of = [&](const std::string& id) -> const board_state& {
    auto it = boards_.find(id);
    return it == boards_.end() ? empty_board : it->second;
  };
  return std::visit(
      overloaded{
          [&](const cmd::board_change& bc) -> decision {
            if (auto e = check_board_write(actor_id, bc.board_id)) return *e;
            const board_state& before = state_of(bc.board_id);
            auto decided = board_rules::decide(before, actor_id, bc.edit);
            if (auto* e = std::get_if<error>(&decided)) return *e;
            auto& ev = std::get<board_edit>(decided);
            if (ev.empty()) return no_change{};
            chg::board_changed out{bc.board_id, std::move(ev), std::nullopt};
            const auto info = find_board(bc.board_id);
            if (info->kind == board_kind::private_board) {
              board_state after = before;
              board_rules::apply(after, actor_id, out.ev);
              out.after = board_progress(*info, after);
            }
            return out;
          },
          [&](const cmd::board_add& a) -> decision {
            if (auto e = facilitator_only("only the facilitator adds a board")) return *e;
            for (const auto& b : added_boards_) {
              if (b.board_id != a.board_id) continue;
              if (b.title == a.title && b.templ == a.templ) return no_change{};  // a resend
              return fail(error_code::invalid_field, "board id is taken");
            }
            if (added_boards_.size() >= board_rules::added_boards_max) {
              return fail(error_code::limit_reached, "a meeting has at most 10 added boards");
            }
            board_info info;
            info.board_id = a.board_id;
            info.title = a.title;
            info.templ = a.templ;
            return chg::board_added{std::move(info)};
          },
          [&](const cmd::board_lock& l) -> decision {
            if (auto e = facilitator_only("only the facilitator locks a board")) return *e;
            auto info = find_board(l.board_id);
            if (!info || info->kind != board_kind::shared) {
              return fail(error_code::not_found, "no such shared board");
            }
            if (info->locked == l.locked) return no_change{};
            return chg::board_locked{l.board_id, l.locked};
          },
          [&](const cmd::board_clear& cl) -> decision {
            auto info = find_board(cl.board_id);
            if (info && info->kind == board_kind::shared) {
              if (auto e = facilitator_only("only the facilitator clears a shared board")) {
                return *e;
              }
            } else if (auto e = check_board_write(actor_id, cl.board_id)) {
              return *e;  // a private board: its owner, in its step, before the reveal
            }
            if (state_of(cl.board_id).objects.empty()) return no_change{};
            chg::board_cleared out{cl.board_id, std::nullopt};
            if (info->kind == board_kind::private_board) {
              out.after = board_progress(*info, empty_board);
            }
            return out;
          },
          [&](const auto&) -> decision {
            return fail(error_code::invalid_field, "not a change of the meeting");
          },
      },
      c);
}

void meeting::apply_board(const change& c) {
  std::visit(overloaded{
                 [&](const chg::board_changed& b) {
                   board_rules::apply(boards_[b.board_id], c.actor_id, b.ev);
                   if (b.after) progress_[{b.after->step_index, b.after->member_id}] = *b.after;
                 },
                 [&](const chg::board_added& a) { added_boards_.push_back(a.info); },
                 [&](const chg::board_locked& l) {
                   if (l.locked) {
                     locked_boards_.insert(l.board_id);
                   } else {
                     locked_boards_.erase(l.board_id);
                   }
                 },
                 [&](const chg::board_cleared& cl) {
                   boards_.erase(cl.board_id);
                   if (cl.after) progress_[{cl.after->step_index, cl.after->member_id}] = *cl.after;
                 },
                 [](const auto&) {},
             },
             c.body);
}

}  // namespace intervisie::domain
