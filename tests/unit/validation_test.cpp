// domain/validation: the shape rules the decoder and the HTTP API share.
#include <catch2/catch.hpp>

#include <string>

#include "domain/validation.hpp"

using namespace intervisie::domain;
using namespace std::string_literals;

TEST_CASE("utf8_length counts code points of valid UTF-8", "[validation]") {
  CHECK(utf8_length("") == std::optional<std::size_t>(0));
  CHECK(utf8_length("abc") == std::optional<std::size_t>(3));
  CHECK(utf8_length("\xC3\xA9") == std::optional<std::size_t>(1));          // é
  CHECK(utf8_length("e\xCC\x81") == std::optional<std::size_t>(2));         // e + U+0301
  CHECK(utf8_length("\xE2\x82\xAC") == std::optional<std::size_t>(1));      // €
  CHECK(utf8_length("\xF0\x9F\x98\x80") == std::optional<std::size_t>(1));  // U+1F600
  CHECK(utf8_length("a\0b"s) == std::optional<std::size_t>(3));             // NUL is a code point
  CHECK(utf8_length(std::string(2000, 'x')) == std::optional<std::size_t>(2000));
}

TEST_CASE("utf8_length refuses invalid and truncated sequences", "[validation]") {
  CHECK_FALSE(utf8_length("\x80").has_value());  // continuation byte first
  CHECK_FALSE(utf8_length("a\xBF").has_value());
  CHECK_FALSE(utf8_length("\xFF").has_value());                  // never valid
  CHECK_FALSE(utf8_length("\xF8\x88\x80\x80\x80").has_value());  // 5-byte form
  CHECK_FALSE(utf8_length("\xC3").has_value());                  // truncated 2-byte
  CHECK_FALSE(utf8_length("\xE2\x82").has_value());              // truncated 3-byte
  CHECK_FALSE(utf8_length("ok\xF0\x9F\x98").has_value());        // truncated 4-byte at the end
  CHECK_FALSE(utf8_length("\xC3(").has_value());                 // lead byte, then no continuation
  CHECK_FALSE(utf8_length("\xE2\x28\xA1").has_value());
}

// RFC 3629 forbids overlong forms, surrogates and code points above U+10FFFF. nlohmann's parser
// refuses such bytes on the wire first, but utf8_length must not be fooled by other callers.
TEST_CASE("utf8_length refuses overlong forms, surrogates and > U+10FFFF", "[validation]") {
  CHECK_FALSE(utf8_length("\xC0\xAF").has_value());          // overlong '/'
  CHECK_FALSE(utf8_length("\xE0\x80\xAF").has_value());      // overlong '/'
  CHECK_FALSE(utf8_length("\xED\xA0\x80").has_value());      // U+D800
  CHECK_FALSE(utf8_length("\xF4\x90\x80\x80").has_value());  // U+110000
}

TEST_CASE("has_visible_text: ASCII and Unicode white space", "[validation]") {
  CHECK(has_visible_text("a"));
  CHECK(has_visible_text("  a  "));
  CHECK(has_visible_text("\xC3\xA9"));
  CHECK(has_visible_text("\xE2\x80\x8B"));  // U+200B zero width space is not White_Space
  CHECK_FALSE(has_visible_text(""));
  CHECK_FALSE(has_visible_text(" \t\n\r\v\f"));
  CHECK_FALSE(has_visible_text("\xC2\xA0"));                  // U+00A0 no-break space
  CHECK_FALSE(has_visible_text("\xE3\x80\x80"));              // U+3000 ideographic space
  CHECK_FALSE(has_visible_text("\xC2\x85"));                  // U+0085 next line
  CHECK_FALSE(has_visible_text("\xE1\x9A\x80"));              // U+1680
  CHECK_FALSE(has_visible_text("\xE2\x80\x80\xE2\x80\x8A"));  // U+2000, U+200A
  CHECK_FALSE(has_visible_text("\xE2\x80\xA8\xE2\x80\xA9"));  // U+2028, U+2029
  CHECK_FALSE(has_visible_text("\xE2\x80\xAF\xE2\x81\x9F"));  // U+202F, U+205F
  CHECK(has_visible_text("\xC2\xA0x\xE3\x80\x80"));
}

TEST_CASE("is_valid_id", "[validation]") {
  CHECK(is_valid_id("a"));
  CHECK(is_valid_id("mtg_AZaz09:-_"));
  CHECK(is_valid_id(std::string(64, 'x')));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id(std::string(65, 'x')));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id("a/b"));
  CHECK_FALSE(is_valid_id("a.b"));
  CHECK_FALSE(is_valid_id("\xC3\xA9"));
  CHECK_FALSE(is_valid_id("a\0b"s));
}

TEST_CASE("is_valid_note_id", "[validation]") {
  CHECK(is_valid_note_id("note:" + std::string(16, 'a')));
  CHECK(is_valid_note_id("note:" + std::string(59, 'Z')));
  CHECK(is_valid_note_id("note:AZaz09_-AZaz09_-"));
  CHECK_FALSE(is_valid_note_id("note:" + std::string(15, 'a')));  // too little randomness
  CHECK_FALSE(is_valid_note_id("note:" + std::string(60, 'a')));  // over 64 in all
  CHECK_FALSE(is_valid_note_id("note:aaaaaaaa:aaaaaaaa"));        // no colon after the prefix
  CHECK_FALSE(is_valid_note_id("Note:" + std::string(16, 'a')));
  CHECK_FALSE(is_valid_note_id("notes" + std::string(16, 'a')));
  CHECK_FALSE(is_valid_note_id(std::string(16, 'a')));
  CHECK_FALSE(is_valid_note_id("note:aaaaaaaa aaaaaaaa"));
  CHECK_FALSE(is_valid_note_id(""));
}

TEST_CASE("trim removes ASCII white space at both ends only", "[validation]") {
  CHECK(trim("  Anne \t\r\n") == "Anne");
  CHECK(trim("Anne de Vries") == "Anne de Vries");
  CHECK(trim(" a  b ") == "a  b");
  CHECK(trim("   ").empty());
  CHECK(trim("").empty());
  CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");  // not ASCII: kept
}

TEST_CASE("text_problem", "[validation]") {
  CHECK_FALSE(text_problem("hello", 2000).has_value());
  CHECK_FALSE(text_problem(std::string(10, 'x'), 10).has_value());
  // The limit is in code points, not bytes: 10 x é is 20 bytes.
  std::string accents;
  for (int i = 0; i < 10; ++i) accents += "\xC3\xA9";
  CHECK_FALSE(text_problem(accents, 10).has_value());
  CHECK(text_problem(accents + "x", 10).has_value());
  CHECK(text_problem(std::string(11, 'x'), 10).has_value());
  CHECK(text_problem("", 10).has_value());
  CHECK(text_problem(" \xE3\x80\x80 ", 10).has_value());
  CHECK(text_problem("\xC3", 10).has_value());
  // Each reason is distinct so the decoder's message names the real problem.
  CHECK(*text_problem("\xFF", 10) != *text_problem("  ", 10));
  CHECK(*text_problem("  ", 10) != *text_problem(std::string(11, 'x'), 10));
}
