#pragma once
// Pictures on the boards (protocol R38). POST /api/meeting-images stores a PNG or JPEG with the
// member's meeting; GET /api/meeting-images/{image_id} gives it back to members of that meeting
// only. A board object refers to a picture by its id, so the bytes never travel over the
// WebSocket, and they are kept in SQLite with the meeting like everything else it holds.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "rooms/api.hpp"
#include "rooms/room_registry.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

// The largest picture: a phone photo scaled for a board fits; the client scales larger ones.
// It is the one request body allowed over the API's 64 KiB (net/http_session raises the
// parser's limit for the upload only).
inline constexpr std::size_t image_upload_max = std::size_t{2} * 1024 * 1024;

// True for the request that may carry a picture's bytes.
bool is_image_upload(std::string_view method, std::string_view path);
// True for the paths answered by handle_images.
bool handles_images(const std::string& path);
void handle_images(store::writer& writer, room_registry& rooms, api_request req,
                   std::function<void(api_response)> respond);

}  // namespace intervisie::rooms
