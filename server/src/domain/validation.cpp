#include "domain/validation.hpp"

#include "domain/limits.hpp"

namespace intervisie::domain {

std::optional<std::size_t> utf8_length(std::string_view s) {
  // Strict RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (c < 0x80) {
      len = 1, cp = c;
    } else if ((c >> 5) == 0x6) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c >> 4) == 0xE) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c >> 3) == 0x1E) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

namespace {
// Decodes the code point at s[i] (valid UTF-8 assumed) and advances i.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// Unicode's White_Space property: a note of only no-break or ideographic spaces shows as empty.
bool is_white_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}
}  // namespace

bool has_visible_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!is_white_space(next_code_point(s, i))) return true;
  }
  return false;
}

namespace {
bool is_id_char(char c, bool allow_colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || (allow_colon && c == ':');
}
}  // namespace

bool is_valid_id(std::string_view s) {
  if (s.empty() || s.size() > limits::id_max) return false;
  for (char c : s) {
    if (!is_id_char(c, true)) return false;
  }
  return true;
}

bool is_valid_note_id(std::string_view s) {
  constexpr std::string_view prefix = "note:";
  if (s.size() > limits::id_max || s.substr(0, prefix.size()) != prefix) return false;
  auto rest = s.substr(prefix.size());
  if (rest.size() < limits::note_id_random_min) return false;
  for (char c : rest) {
    if (!is_id_char(c, false)) return false;
  }
  return true;
}

std::string trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && ws(s[b])) ++b;
  while (e > b && ws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<std::string> text_problem(std::string_view s, std::size_t max) {
  auto len = utf8_length(s);
  if (!len) return "is not valid UTF-8";
  if (!has_visible_text(s)) return "is empty";
  if (*len > max) return "is longer than " + std::to_string(max) + " characters";
  return std::nullopt;
}

}  // namespace intervisie::domain
