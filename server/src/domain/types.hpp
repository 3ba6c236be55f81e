#pragma once
// The nouns of a live meeting (glossary in PRODUCT.md): members, notes, their progress.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace intervisie::domain {

enum class role { facilitator, participant };
enum class category { professional, student, parent, young_person, teacher };

std::string_view to_string(role r);
std::string_view to_string(category c);
std::optional<role> role_from(std::string_view s);
std::optional<category> category_from(std::string_view s);

// How warm a question is to the presenter (koud / lauw / warm).
enum class rating { none, cold, lukewarm, warm };
std::string_view to_string(rating r);  // "" for none
std::optional<rating> rating_from(std::string_view s);

struct member {
  std::string member_id;
  std::string name;
  category cat = category::professional;
  role r = role::participant;
  // Removed by the facilitator: their token no longer works, but they stay in the record.
  bool removed = false;
};

// What the presenter marked on a note everyone can see (R28).
struct marks {
  bool picked = false;  // the presenter will answer this question
  rating warmth = rating::none;
  bool answered = false;
  bool touches = false;  // the observation that touches most (one per step)
  bool operator==(const marks&) const = default;
  bool any() const { return picked || warmth != rating::none || answered || touches; }
};

struct note {
  std::string note_id;
  std::string author_id;
  std::uint32_t step_index = 0;
  std::string text;
  std::int64_t updated_at = 0;  // ms since the epoch, server clock
  std::string title;            // a case proposal's title (case_choice steps); else empty
  std::string label;            // "top" or "tip" in evaluation steps; else empty
  domain::marks m;
};

// What others may know of one member's writing in one step: how many notes, and done or not.
struct progress {
  std::uint32_t step_index = 0;
  std::string member_id;
  std::uint32_t note_count = 0;
  bool done = false;
};

// A step's countdown (protocol R22). The server only records it; nothing happens when it runs
// out: the meeting never stops on its own.
struct timer {
  std::uint32_t step_index = 0;
  bool running = false;
  std::int64_t ends_at = 0;       // server time in ms, while running
  std::int64_t remaining_ms = 0;  // while paused
};

// The turns of a question round (R27): whose turn it is, in `order`, and how many laps so far.
struct turn_round {
  std::uint32_t step_index = 0;
  std::vector<std::string> order;
  std::uint32_t position = 0;
  std::uint32_t lap = 1;
  bool operator==(const turn_round&) const = default;
  const std::string* current() const {
    return position < order.size() ? &order[position] : nullptr;
  }
  // The turn moves on; after the last it goes back to the first.
  void advance() {
    if (order.empty()) return;
    if (++position >= order.size()) {
      position = 0;
      ++lap;
    }
  }
};

enum class consent { none, pending, given };

struct vote {
  std::string member_id;
  std::string note_id;
  std::uint32_t votes = 0;
};

struct score {
  std::string member_id;
  std::uint32_t step_index = 0;
  std::uint32_t value = 0;
};

// The group's previous meeting, brought back in a recall step (Stap 0).
struct recall {
  struct takeaway {
    std::string name;
    bool presenter = false;
    std::string text;
  };
  std::string meeting_title;
  std::optional<std::string> presenter_name;
  std::optional<std::pair<std::string, std::string>> case_title_text;
  std::vector<takeaway> takeaways;
};

}  // namespace intervisie::domain
