#pragma once
#include <chrono>
#include <cstdint>

namespace intervisie {

// Server time in ms since the Unix epoch: the one clock every client corrects towards.
inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace intervisie
