#pragma once
// The evaluation of a meeting for its coordinator (R29): every evaluation step's ratings and
// tops and tips, with the names of who gave them.
#include <string>

#include "domain/meeting.hpp"

namespace intervisie::protocol {

std::string encode_evaluation(const domain::meeting& m);

}  // namespace intervisie::protocol
