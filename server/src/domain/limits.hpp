#pragma once
// Every limit of the domain and the wire, in one place (protocol/README.md §8 lists them for
// client authors; keep the two in step).
#include <cstddef>
#include <cstdint>

namespace intervisie::limits {

// A note is a few sentences; 2000 code points leaves room without inviting essays.
inline constexpr std::size_t note_text_max = 2000;
// Groups are 5-8 people; 50 notes per person per step is far beyond any real use.
inline constexpr std::size_t notes_per_member_per_step = 50;
// Groups are 5-8; people rejoin from new devices, so leave generous headroom.
inline constexpr std::size_t members_per_meeting = 40;
inline constexpr std::size_t name_max = 60;
// Urgency votes per member in a case choice (R26).
inline constexpr std::uint32_t votes_per_member = 3;
inline constexpr std::uint32_t score_max = 5;  // evaluation rating 1..5 (R29)
inline constexpr std::size_t title_max = 120;
inline constexpr std::size_t agreement_max = 2000;
inline constexpr std::size_t id_max = 64;
// Client-made note ids carry at least this many random characters after "note:".
inline constexpr std::size_t note_id_random_min = 16;
inline constexpr std::uint32_t step_index_max = 999;
// A method (shipped file or composed for a group; protocol/schemas/method.json says the same).
// A meeting is about two hours: 60 steps and 240 minutes per step are far beyond it.
inline constexpr std::size_t method_steps_max = 60;
inline constexpr std::uint32_t timebox_minutes_max = 240;
inline constexpr std::size_t instructions_max = 4000;

// Boards (protocol §4.4, R32-R37). A meeting's drawing is a few dozen objects; these bound
// what one board can cost in memory, on disk and in a snapshot (500 objects and 20000 point
// numbers are a few hundred KiB of JSON).
namespace board {
inline constexpr std::size_t objects_max = 500;   // per board, deleted ones included
inline constexpr std::size_t points_max = 20000;  // numbers in all `points` of a board
inline constexpr std::size_t entries_max = 200;   // put + set + delete of one command
inline constexpr std::size_t added_boards_max = 10;
inline constexpr std::size_t text_max = 1000;
inline constexpr std::size_t label_max = 200;
inline constexpr std::size_t stroke_numbers_min = 4;
inline constexpr std::size_t stroke_numbers_max = 2000;
inline constexpr std::size_t live_numbers_min = 2;
inline constexpr std::size_t live_numbers_max = 400;
inline constexpr double coordinate_max = 50000;
inline constexpr double zoom_min = 0.05;
inline constexpr double zoom_max = 20;
}  // namespace board

// Wire limits.
inline constexpr std::size_t message_soft_max = 64 * 1024;    // over: error, message dropped
inline constexpr std::size_t message_hard_max = 1024 * 1024;  // over: close 1009
inline constexpr std::size_t http_body_max = 64 * 1024;
inline constexpr std::size_t http_header_max = 8 * 1024;
inline constexpr int json_depth_max = 8;
inline constexpr double rate_per_second = 30;
inline constexpr double rate_burst = 60;
inline constexpr std::size_t rate_drops_before_close = 200;
// board_live (R37): its own budget, so drawing never eats the command budget. Clients send at
// most one every 40 ms (25/s); over it, messages are dropped without a reply.
inline constexpr double live_rate_per_second = 25;
inline constexpr double live_rate_burst = 25;
inline constexpr std::size_t queue_messages_max = 256;
inline constexpr std::size_t queue_bytes_max = 4 * 1024 * 1024;
// Resume replays at most this many changes; further back gets a snapshot.
inline constexpr std::size_t replay_max = 1000;
inline constexpr std::uint64_t max_safe_integer = 9007199254740991ULL;  // 2^53 - 1

}  // namespace intervisie::limits
