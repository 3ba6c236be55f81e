#pragma once
// The HTTP JSON API (protocol/README.md §2), independent of Beast: http_session hands it a
// request and gets a response back through a callback (from any thread).
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "domain/method.hpp"
#include "rooms/method_api.hpp"
#include "rooms/room_registry.hpp"
#include "store/writer.hpp"

namespace intervisie::rooms {

struct api_request {
  std::string method;  // "GET", "POST"
  std::string path;    // without query string
  std::string authorization;
  std::string body;
  std::string content_type;  // the Content-Type header: the picture upload (R38) reads it
};

// A JSON answer that is never cached, unless it says otherwise: a picture (R38) is the one
// binary answer, with its own type and cached for good (an image id always names the same bytes).
struct api_response {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string cache_control = "no-store";
};

class api {
public:
  using responder = std::function<void(api_response)>;

  // `admin_key` is this run's one-time key (R7); only its hash is kept.
  api(store::writer& writer, room_registry& rooms, const std::vector<domain::method>& methods,
      const std::string& admin_key);

  // True for paths this api answers (everything under /api/).
  static bool handles(const std::string& path);
  void handle(api_request req, responder respond);

private:
  void claim(const api_request& req, responder respond);
  void list_groups(const std::string& coordinator_hash, responder respond);
  void create_group(const std::string& coordinator_hash, const api_request& req, responder respond);
  void create_meeting(const std::string& coordinator_hash, const std::string& group_id,
                      const api_request& req, responder respond);
  void inspect(const api_request& req, responder respond);
  void join(const api_request& req, responder respond);
  void evaluation(const std::string& who, std::string meeting_id, responder respond);
  void join_room(domain::member m, std::string member_token, std::string meeting_id,
                 responder respond, int attempts);

  store::writer& writer_;
  room_registry& rooms_;
  const std::vector<domain::method>& methods_;
  method_api method_api_;  // the methods a group composes (issue 3)
  std::mutex admin_mutex_;
  std::string admin_key_hash_;  // empty once spent
};

}  // namespace intervisie::rooms
