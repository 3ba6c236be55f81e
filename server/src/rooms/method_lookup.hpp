#pragma once
// Which method a meeting follows: a built-in one (server/methods/), else a method its group
// composed (store: group_methods). Both run on the writer thread: they read the store.
#include <optional>
#include <string>
#include <vector>

#include "domain/method.hpp"
#include "store/store.hpp"

namespace intervisie::rooms {

// True when a meeting of `group_id` may follow `method_id`: a built-in method, or one of that
// very group's methods (another group's method is as unknown as a made-up id).
bool method_usable(store::store& s, const std::vector<domain::method>& builtins,
                   const std::string& method_id, const std::string& group_id);

// The meeting's method, or nullopt when there is none (or a stored one no longer parses).
std::optional<domain::method> find_meeting_method(store::store& s,
                                                  const std::vector<domain::method>& builtins,
                                                  const std::string& method_id,
                                                  const std::string& group_id);

}  // namespace intervisie::rooms
