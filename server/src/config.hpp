#pragma once
// Command-line configuration of the server. Defaults are the product's; tests override the
// limits they need to reach quickly.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/limits.hpp"

namespace intervisie {

struct config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string data_dir = "./data";
  std::string static_dir;  // empty: the built web client next to the sources
  std::vector<std::string> allowed_origins;
  int threads = 2;
  double rate_per_second = limits::rate_per_second;  // 0 turns the rate limit off
  double rate_burst = limits::rate_burst;
  std::size_t queue_limit = limits::queue_messages_max;
  // A WebSocket that receives nothing for this long is closed; a ping goes out at half of it.
  int idle_timeout_seconds = 30;
  // A live meeting nobody is connected to is dropped from memory after this long.
  int room_idle_seconds = 300;
};

// Parses argv. Returns nullopt and prints to stderr on a bad option; sets `help` for --help.
std::optional<config> parse_config(int argc, char** argv, bool& help);
std::string usage();

}  // namespace intervisie
