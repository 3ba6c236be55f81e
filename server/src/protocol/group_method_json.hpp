#pragma once
// JSON of the methods a group composes (protocol/README.md §2, "Methods of a group"): the body
// of POST .../methods, the stored form, and the list a coordinator or member reads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/method.hpp"
#include "protocol/api_json.hpp"

namespace intervisie::protocol {

// A composed method meets the limits of every method (domain/limits.hpp, checked by
// parse_method); the body is also capped at limits::http_body_max (64 KiB).
// A group meets about five times a year; a hundred methods is far beyond use and keeps the
// list a member downloads bounded.
inline constexpr std::size_t group_methods_max = 100;

// A method object without method_id (one in the body, and the "group" flag of the list, are
// ignored): parsed and checked in full by parse_method, and named
// `method_id`. Errors: too_deep, invalid_json, invalid_field (the message names the problem).
parsed<domain::method> parse_group_method(std::string_view body, const std::string& method_id);

// The stored form of a group method: the method file format, method_id included.
std::string encode_stored_method(const domain::method& m);
// A stored method read back (throws std::invalid_argument like parse_method).
domain::method parse_stored_method(std::string_view stored);

// {"methods": [...]}: the built-in methods, then the group's stored ones with "group": true.
// Each is a full method object (method_id, title, first_step_number, steps).
std::string encode_method_list(const std::vector<domain::method>& builtins,
                               const std::vector<std::string>& stored_group_methods);

}  // namespace intervisie::protocol
