// Intervisie server: configuration, wiring and signals. Everything else lives in the layers
// (domain, protocol, store, rooms, net); see README.md "Architecture".
#include <sys/resource.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "config.hpp"
#include "net/listener.hpp"
#include "net/static_files.hpp"
#include "protocol/method_json.hpp"
#include "rooms/api.hpp"
#include "rooms/connection.hpp"
#include "rooms/room_registry.hpp"
#include "store/sqlite_store.hpp"
#include "store/tokens.hpp"
#include "store/writer.hpp"

#ifndef INTERVISIE_DEFAULT_STATIC_DIR
#define INTERVISIE_DEFAULT_STATIC_DIR "web-client/dist"
#endif

namespace asio = boost::asio;
using namespace intervisie;

namespace {
// Thousands of meetings of eight are thousands of sockets: the common soft limit of 1024 file
// descriptors would refuse connections long before the CPU is busy. Raise it to the hard limit.
void raise_fd_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}
}  // namespace

int main(int argc, char** argv) {
  bool help = false;
  auto cfg = parse_config(argc, argv, help);
  if (help) {
    std::fputs(usage().c_str(), stdout);
    return 0;
  }
  if (!cfg) return 2;
  if (cfg->static_dir.empty()) cfg->static_dir = INTERVISIE_DEFAULT_STATIC_DIR;

  raise_fd_limit();
  try {
    std::filesystem::create_directories(cfg->data_dir);
    auto methods = protocol::load_embedded_methods();
    store::writer writer(std::make_unique<store::sqlite_store>(
        (std::filesystem::path(cfg->data_dir) / "intervisie.sqlite3").string()));
    net::static_files files(cfg->static_dir);

    asio::io_context ioc(cfg->threads);
    rooms::room_registry registry(ioc.get_executor(), writer, methods,
                                  std::chrono::seconds(cfg->room_idle_seconds));
    const std::string admin_key = store::new_token();
    rooms::api api(writer, registry, methods, admin_key);
    net::server_state state{*cfg, writer, registry, api, files};

    asio::ip::tcp::endpoint ep(asio::ip::make_address(cfg->host), cfg->port);
    auto lst = std::make_shared<net::listener>(ioc, ep, state);
    lst->run();

    std::string host = cfg->host == "0.0.0.0" ? "127.0.0.1" : cfg->host;
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    const std::string base = "http://" + host + ":" + std::to_string(lst->port()) + "/";
    // Tests and deploy/run.sh read these two lines; keep their shape.
    std::printf("Intervisie listening on %s\n", base.c_str());
    std::printf("Admin link (one-time): %s#/admin/%s\n", base.c_str(), admin_key.c_str());
    std::fflush(stdout);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    asio::steady_timer drain(ioc);
    signals.async_wait([&](const boost::system::error_code&, int) {
      std::fprintf(stderr, "shutting down\n");
      lst->stop();
      registry.close_all(rooms::close_code::going_away, "server restarting");
      // Give close frames a moment to go out, then stop; commits already queued still finish
      // below (writer.stop drains), they are only not acknowledged.
      drain.expires_after(std::chrono::milliseconds(500));
      drain.async_wait([&](const boost::system::error_code&) { ioc.stop(); });
    });

    std::vector<std::thread> threads;
    for (int i = 1; i < cfg->threads; ++i) threads.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    writer.stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "intervisie-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
