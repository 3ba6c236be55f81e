#pragma once
#include <string_view>

namespace intervisie::protocol {

// Nesting depth of a JSON text: the top-level object or array is depth 1, every nested object
// or array adds one; brackets inside strings do not count. Stops counting at `stop_above` + 1,
// so a hostile message of a million brackets costs one linear scan and no recursion. The
// parser is never handed a text deeper than the limit.
int json_depth(std::string_view text, int stop_above);

}  // namespace intervisie::protocol
