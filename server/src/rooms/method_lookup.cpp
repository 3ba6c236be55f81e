#include "rooms/method_lookup.hpp"

#include <cstdio>
#include <stdexcept>

#include "protocol/group_method_json.hpp"

namespace intervisie::rooms {

bool method_usable(store::store& s, const std::vector<domain::method>& builtins,
                   const std::string& method_id, const std::string& group_id) {
  if (domain::find_method(builtins, method_id) != nullptr) return true;
  auto stored = s.find_group_method(method_id);
  return stored && stored->group_id == group_id;
}

std::optional<domain::method> find_meeting_method(store::store& s,
                                                  const std::vector<domain::method>& builtins,
                                                  const std::string& method_id,
                                                  const std::string& group_id) {
  if (const domain::method* m = domain::find_method(builtins, method_id)) return *m;
  auto stored = s.find_group_method(method_id);
  if (!stored || stored->group_id != group_id) return std::nullopt;
  try {
    return protocol::parse_stored_method(stored->body);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "group method %s does not parse: %s\n", method_id.c_str(), e.what());
    return std::nullopt;
  }
}

}  // namespace intervisie::rooms
