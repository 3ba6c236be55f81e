#pragma once
// The usual visitor helper for std::visit over the command and change variants.

namespace intervisie {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace intervisie
