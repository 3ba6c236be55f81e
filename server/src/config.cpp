#include "config.hpp"

#include <charconv>
#include <cstdio>
#include <string_view>

namespace intervisie {

std::string usage() {
  return R"(Usage: intervisie-server [options]

  --host ADDR            address to listen on (default 127.0.0.1)
  --port N               port to listen on; 0 picks a free one (default 8080)
  --data-dir DIR         where the SQLite database lives (default ./data)
  --static-dir DIR       the built web client to serve (default: web-client/dist of the sources)
  --allowed-origin URL   also accept WebSocket handshakes from this origin, e.g. when a reverse
                         proxy serves Intervisie under another name (repeatable)
  --threads N            I/O threads (default 2)
  --rate-limit N         messages per second per connection; 0 turns it off (default 30)
  --rate-burst N         burst allowance of the rate limit (default 60)
  --queue-limit N        outgoing messages queued per connection before it is closed as too
                         slow (default 256)
  --idle-timeout N       seconds without input before a WebSocket is closed as dead; a
                         ping is sent at half of it (default 30: pings every 15 s)
  --room-idle N          seconds a meeting with nobody connected stays in memory (default 300)
  --help                 show this text
)";
}

namespace {
template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

std::optional<config> parse_config(int argc, char** argv, bool& help) {
  config c;
  help = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view opt = argv[i];
    if (opt == "--help" || opt == "-h") {
      help = true;
      return c;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "option %s needs a value (see --help)\n", argv[i]);
      return std::nullopt;
    }
    std::string_view val = argv[++i];
    bool ok = true;
    if (opt == "--host")
      c.host = val;
    else if (opt == "--port")
      ok = parse_number(val, c.port);
    else if (opt == "--data-dir")
      c.data_dir = val;
    else if (opt == "--static-dir")
      c.static_dir = val;
    else if (opt == "--allowed-origin")
      c.allowed_origins.emplace_back(val);
    else if (opt == "--threads")
      ok = parse_number(val, c.threads) && c.threads > 0 && c.threads <= 64;
    else if (opt == "--rate-limit")
      ok = parse_number(val, c.rate_per_second) && c.rate_per_second >= 0;
    else if (opt == "--rate-burst")
      ok = parse_number(val, c.rate_burst) && c.rate_burst >= 1;
    else if (opt == "--idle-timeout")
      ok = parse_number(val, c.idle_timeout_seconds) && c.idle_timeout_seconds >= 2 &&
           c.idle_timeout_seconds <= 3600;
    else if (opt == "--room-idle")
      ok = parse_number(val, c.room_idle_seconds) && c.room_idle_seconds >= 1;
    else if (opt == "--queue-limit")
      ok = parse_number(val, c.queue_limit) && c.queue_limit >= 1;
    else {
      std::fprintf(stderr, "unknown option %s (see --help)\n", argv[i - 1]);
      return std::nullopt;
    }
    if (!ok) {
      std::fprintf(stderr, "bad value for %s: %s\n", argv[i - 1], argv[i]);
      return std::nullopt;
    }
  }
  return c;
}

}  // namespace intervisie
