#include "domain/method.hpp"

#include <algorithm>

namespace intervisie::domain {

const method* find_method(const std::vector<method>& methods, const std::string& method_id) {
  auto it = std::find_if(methods.begin(), methods.end(),
                         [&](const method& m) { return m.method_id == method_id; });
  return it == methods.end() ? nullptr : &*it;
}

}  // namespace intervisie::domain
