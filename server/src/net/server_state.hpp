#pragma once
// What every connection shares: configuration, the API, the rooms, the web client's files.
// Owned by main(); outlives every session.
#include <string>

#include "config.hpp"
#include "net/static_files.hpp"
#include "rooms/api.hpp"
#include "rooms/room_registry.hpp"
#include "store/writer.hpp"

namespace intervisie::net {

struct server_state {
  const config& cfg;
  store::writer& writer;
  rooms::room_registry& rooms;
  rooms::api& api;
  const static_files& files;
};

}  // namespace intervisie::net
