#include "rooms/image_api.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

#include "protocol/api_json.hpp"
#include "rooms/clock.hpp"
#include "rooms/http_replies.hpp"
#include "rooms/member_access.hpp"
#include "store/tokens.hpp"

namespace intervisie::rooms {

namespace {

using http::error_response;

constexpr std::string_view upload_path = "/api/meeting-images";
constexpr std::string_view image_prefix = "/api/meeting-images/";
// store::new_id("img_"): the prefix and 22 base64url characters (128 random bits).
constexpr std::size_t image_id_size = 4 + 22;

api_response unauthorized() {
  return error_response(401, "unauthorized", "a valid member token is required");
}
// R38: an unknown id, another meeting's picture and a token that is not (or no longer) good
// all get this same answer, so a request learns nothing about pictures it may not see.
api_response not_found() {
  return error_response(404, "not_found", "no such picture");
}

// The media type of a Content-Type header: lower case, without parameters or spaces.
std::string media_type(std::string_view header) {
  header = header.substr(0, header.find(';'));
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t'))
    header.remove_suffix(1);
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t'))
    header.remove_prefix(1);
  std::string out(header);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool starts_with_bytes(std::string_view bytes, std::string_view signature) {
  return bytes.size() >= signature.size() && bytes.substr(0, signature.size()) == signature;
}

// The picture's type when the bytes are what the header says: a PNG or a JPEG by their
// signature. The declared type must match too, so the stored Content-Type (which the GET
// answers with) is never a lie the browser would have to sniff around.
std::optional<std::string> picture_type(std::string_view content_type, std::string_view bytes) {
  static constexpr std::string_view png("\x89PNG\r\n\x1a\n", 8);
  static constexpr std::string_view jpeg("\xff\xd8\xff", 3);
  const std::string declared = media_type(content_type);
  if (declared == "image/png" && starts_with_bytes(bytes, png)) return declared;
  if (declared == "image/jpeg" && starts_with_bytes(bytes, jpeg)) return declared;
  return std::nullopt;
}

bool well_formed_image_id(std::string_view id) {
  if (id.size() != image_id_size || id.substr(0, 4) != "img_") return false;
  return std::all_of(id.begin() + 4, id.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

void upload(store::writer& writer, room_registry& rooms, api_request req,
            std::function<void(api_response)> respond) {
  std::string who = http::bearer_hash(req.authorization);
  if (who.empty()) return respond(unauthorized());
  // http_session refuses a larger body before reading it; checked again so that this handler
  // holds the limit on its own.
  if (req.body.size() > image_upload_max) {
    return respond(error_response(413, "body_too_large", "a picture is at most 2 MiB"));
  }
  // Checked here, on the I/O thread, but answered only once the token is known to be good.
  std::optional<std::string> type = picture_type(req.content_type, req.body);
  // Up to 2 MiB: shared, not copied into every callback.
  auto bytes = std::make_shared<std::string>(std::move(req.body));
  resolve_member(
      writer, rooms, std::move(who), /*must_facilitate=*/false,
      [&writer, type, bytes, respond = std::move(respond)](member_access a) mutable {
        using outcome = member_access::outcome;
        switch (a.result) {
          case outcome::ok:
            break;
          case outcome::unauthorized:
          case outcome::forbidden:
            return respond(unauthorized());
          case outcome::failed:
            return respond(http::internal());
        }
        if (a.meeting_ended) {
          return respond(error_response(409, "meeting_ended", "the meeting has ended"));
        }
        if (!type) {
          return respond(error_response(415, "unsupported_media_type",
                                        "a picture is a PNG or a JPEG, and says so in its "
                                        "Content-Type"));
        }
        auto img = std::make_shared<store::image_record>(
            store::image_record{a.cred.meeting_id, store::new_id("img_"), *type, std::move(*bytes),
                                a.cred.member_id, now_ms()});
        auto result = std::make_shared<store::add_image_result>(store::add_image_result::added);
        writer.submit(
            [img, result](store::store& s) { *result = s.add_image(*img); },
            [img, result, respond = std::move(respond)](bool ok) {
              if (!ok) return respond(http::internal());
              switch (*result) {
                case store::add_image_result::added:
                  break;
                case store::add_image_result::too_many:
                  return respond(
                      error_response(409, "limit_reached", "a meeting keeps at most 100 pictures"));
                case store::add_image_result::too_large:
                  return respond(error_response(409, "limit_reached",
                                                "a meeting keeps at most 50 MiB of pictures"));
              }
              respond({201, protocol::encode_object({{"image_id", img->image_id}})});
            });
      });
}

void fetch(store::writer& writer, room_registry& rooms, const api_request& req,
           std::string image_id, std::function<void(api_response)> respond) {
  // Without any token the answer is 401, as on the other member endpoints; every other refusal
  // is the one 404 of R38.
  std::string who = http::bearer_hash(req.authorization);
  if (who.empty()) return respond(unauthorized());
  if (!well_formed_image_id(image_id)) return respond(not_found());
  resolve_member(
      writer, rooms, std::move(who), /*must_facilitate=*/false,
      [&writer, image_id = std::move(image_id),
       respond = std::move(respond)](member_access a) mutable {
        using outcome = member_access::outcome;
        if (a.result == outcome::failed) return respond(http::internal());
        // A removed member's token is refused like a made-up one.
        if (a.result != outcome::ok) return respond(not_found());
        auto found = std::make_shared<std::optional<store::image_record>>();
        writer.submit([meeting_id = a.cred.meeting_id, image_id,
                       found](store::store& s) { *found = s.find_image(meeting_id, image_id); },
                      [found, respond = std::move(respond)](bool ok) {
                        if (!ok) return respond(http::internal());
                        if (!*found) return respond(not_found());
                        // An image id always names the same bytes, so the browser may keep them;
                        // only this member's browser, never a shared cache.
                        respond({200, std::move((*found)->bytes), std::move((*found)->content_type),
                                 "private, max-age=31536000, immutable"});
                      });
      });
}

}  // namespace

bool is_image_upload(std::string_view method, std::string_view path) {
  return method == "POST" && path == upload_path;
}

bool handles_images(const std::string& path) {
  return path == upload_path || path.rfind(image_prefix, 0) == 0;
}

void handle_images(store::writer& writer, room_registry& rooms, api_request req,
                   std::function<void(api_response)> respond) {
  if (is_image_upload(req.method, req.path))
    return upload(writer, rooms, std::move(req), std::move(respond));
  if (req.method == "GET" && req.path.size() > image_prefix.size() &&
      req.path.rfind(image_prefix, 0) == 0) {
    std::string id = req.path.substr(image_prefix.size());
    return fetch(writer, rooms, req, std::move(id), std::move(respond));
  }
  respond(error_response(404, "not_found", "no such endpoint"));
}

}  // namespace intervisie::rooms
