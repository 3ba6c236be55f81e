#pragma once
// Helpers shared by the protocol tests: where protocol/ is, and reading its JSON files.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#ifndef INTERVISIE_PROTOCOL_DIR
#error "INTERVISIE_PROTOCOL_DIR must name the protocol/ directory"
#endif

namespace intervisie::protocol_test {

inline std::filesystem::path protocol_dir() {
  return std::filesystem::path(INTERVISIE_PROTOCOL_DIR);
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
  try {
    return nlohmann::json::parse(read_text(p));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(p.string() + ": " + e.what());
  }
}

}  // namespace intervisie::protocol_test
