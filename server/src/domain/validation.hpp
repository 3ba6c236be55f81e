#pragma once
// Shape rules for values that come from clients: ids, names, texts. Used by the protocol
// decoder and the HTTP API so that both ends of the system agree on one definition.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace intervisie::domain {

// Number of Unicode code points in valid UTF-8, or nullopt if `s` is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);
// True if the text has at least one character that is not whitespace.
bool has_visible_text(std::string_view s);
// Ids made by the server or client: 1..64 characters of [A-Za-z0-9:_-].
bool is_valid_id(std::string_view s);
// "note:" followed by 16..59 characters of [A-Za-z0-9_-].
bool is_valid_note_id(std::string_view s);
// Trims ASCII whitespace at both ends.
std::string trim(std::string_view s);
// A text field: valid UTF-8, visible, at most max code points. Returns why not, or nullopt.
std::optional<std::string> text_problem(std::string_view s, std::size_t max);

}  // namespace intervisie::domain
