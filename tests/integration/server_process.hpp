#pragma once

#include "temp_dir.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace intervisie::test {

// Runs the real intervisie-server binary as a child process on 127.0.0.1 with --port 0 and a
// temporary data dir (a real SQLite file). The port and the one-time admin key are parsed from the
// two lines the server prints on start. The data dir outlives restarts, so durability can be
// tested by killing and restarting on the same dir.
class server_process {
public:
  // extra_args are appended to the command line (e.g. {"--rate-limit", "0"}); they are reused
  // by restart().
  explicit server_process(std::vector<std::string> extra_args = {});
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  // Starts the server and waits (without polling sleeps) until it has printed both lines.
  void start(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // SIGTERM (graceful) and wait for exit. Returns the wait status; on timeout the server is
  // killed with SIGKILL and std::runtime_error is thrown.
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // SIGKILL: a crash. Waits until the process is gone.
  void kill();

  // Starts again on the same data dir (after stop() or kill()). The port is new.
  void restart() { start(); }

  bool running() const { return pid_ > 0; }
  unsigned short port() const { return port_; }
  const std::string& host() const { return host_; }
  const std::string& admin_key() const { return admin_key_; }
  // The server's own origin as a browser would send it (R2).
  std::string origin() const;
  const std::string& data_dir() const { return data_dir_.path(); }
  // Everything the server printed on stdout (for diagnostics).
  std::string output() const;

private:
  void wait_exit(std::chrono::milliseconds timeout, int& status, bool& exited);
  void reap_drain();

  temp_dir data_dir_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string host_ = "127.0.0.1";
  unsigned short port_ = 0;
  std::string admin_key_;
  mutable std::mutex output_mutex_;
  std::string output_;
  std::thread drain_;
};

}  // namespace intervisie::test
