#pragma once
// The nouns of a live meeting (glossary in PRODUCT.md): members, notes, their progress.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace intervisie::domain {

enum class role { facilitator, participant };
enum class category { professional, student, parent, young_person, teacher };

std::string_view to_string(role r);
std::string_view to_string(category c);
std::optional<role> role_from(std::string_view s);
std::optional<category> category_from(std::string_view s);

struct member {
  std::string member_id;
  std::string name;
  category cat = category::professional;
  role r = role::participant;
};

struct note {
  std::string note_id;
  std::string author_id;
  std::uint32_t step_index = 0;
  std::string text;
  std::int64_t updated_at = 0;  // ms since the epoch, server clock
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

}  // namespace intervisie::domain
