#pragma once
// Boards on the wire (protocol/README.md §4.4): decoding the board commands and writing boards,
// objects and board events. Used by codec.cpp; kept apart so the codec stays one screenful per job.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "domain/change.hpp"

namespace intervisie::protocol::board_json {

// A field of a board command is wrong; the message names it (→ invalid_field).
struct bad_field : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Each decodes a command's `data` (meeting_id is read by the caller). Throw bad_field.
domain::command change_from(const nlohmann::json& d);
domain::command add_from(const nlohmann::json& d);
domain::command lock_from(const nlohmann::json& d);
domain::command clear_from(const nlohmann::json& d);
domain::command view_from(const nlohmann::json& d);
domain::command live_from(const nlohmann::json& d);

nlohmann::json to_json(const domain::board_object& o);
nlohmann::json to_json(const domain::board_snapshot& b);
nlohmann::json to_json(const domain::board_edit& ev);  // {put, set, delete}

// Reading what to_json wrote (the change log). Throw nlohmann exceptions on a bad record.
domain::board_snapshot snapshot_from(const nlohmann::json& j);
domain::board_edit edit_from(const nlohmann::json& j);

// The server's forms of board_view and board_live: one text for every receiver (R36, R37).
std::string encode_view(const std::string& member_id, const domain::cmd::board_view& v);
std::string encode_live(const std::string& member_id, const domain::cmd::board_live& l);

}  // namespace intervisie::protocol::board_json
