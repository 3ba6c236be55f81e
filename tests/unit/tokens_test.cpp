// store/tokens: capability tokens (R5) and their stored hashes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "store/tokens.hpp"

using namespace intervisie::store;

namespace {
bool is_base64url(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}
bool is_lower_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
}  // namespace

TEST_CASE("new_token: 43 base64url characters, distinct", "[tokens]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto t = new_token();
    REQUIRE(t.size() == 43);
    REQUIRE(is_base64url(t));
    seen.insert(t);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("new_token uses the whole alphabet (no stuck bits)", "[tokens]") {
  // 1000 tokens hold 43,000 characters; every one of 64 symbols appears unless bits are stuck.
  std::set<char> symbols;
  for (int i = 0; i < 1000; ++i) {
    for (char c : new_token()) symbols.insert(c);
  }
  CHECK(symbols.size() == 64);
}

TEST_CASE("hash_token: SHA-256 as 64 lower-case hex characters", "[tokens]") {
  // The SHA-256 test vector of "abc" (FIPS 180-2).
  CHECK(hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto t = new_token();
  auto h = hash_token(t);
  CHECK(h.size() == 64);
  CHECK(is_lower_hex(h));
  CHECK(hash_token(t) == h);
  CHECK(hash_token(new_token()) != h);
  CHECK(hash_token("a") != hash_token("b"));
  CHECK(h.find(t) == std::string::npos);
}

TEST_CASE("new_id: prefix and a random base64url tail", "[tokens]") {
  auto a = new_id("mtg_");
  auto b = new_id("mtg_");
  CHECK(a.rfind("mtg_", 0) == 0);
  CHECK(a.size() == 4 + 22);  // 16 random bytes
  CHECK(is_base64url(a.substr(4)));
  CHECK(a != b);
  CHECK(new_id("").size() == 22);
}
