#pragma once
// A method is data: an ordered list of steps, each of a step kind, with texts in Dutch and
// English. Loaded from JSON by the protocol layer; the domain only reads it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace intervisie::domain {

enum class step_kind {
  info,          // read the instructions and talk; nothing is written in the tool
  private_write  // everyone writes notes privately; the facilitator reveals them all at once
};

struct localized {
  std::string nl;
  std::string en;
};

struct step {
  step_kind kind = step_kind::info;
  localized title;
  localized instructions;
  std::optional<std::uint32_t> timebox_minutes;
};

struct method {
  std::string method_id;
  localized title;
  std::vector<step> steps;
  // The number the method's own text gives its first step: buiten je bubbel starts at Stap 0.
  std::uint32_t first_step_number = 1;
};

// Returns the method with this id from the list, or nullptr.
const method* find_method(const std::vector<method>& methods, const std::string& method_id);

}  // namespace intervisie::domain
