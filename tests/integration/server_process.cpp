#include "server_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef INTERVISIE_SERVER_BIN
#error "INTERVISIE_SERVER_BIN must be defined to the path of intervisie-server"
#endif

namespace intervisie::test {

namespace {

using clock = std::chrono::steady_clock;

int remaining_ms(clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Text after `marker` up to the end of the line, or empty.
std::string after(const std::string& text, const std::string& marker) {
  auto pos = text.find(marker);
  if (pos == std::string::npos) return {};
  pos += marker.size();
  auto end = text.find('\n', pos);
  if (end == std::string::npos) return {};
  return text.substr(pos, end - pos);
}

}  // namespace

server_process::server_process(std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)) {
  start();
}

server_process::~server_process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  reap_drain();
}

std::string server_process::origin() const {
  return "http://" + host_ + ":" + std::to_string(port_);
}

std::string server_process::output() const {
  std::lock_guard lock(output_mutex_);
  return output_;
}

void server_process::reap_drain() {
  if (drain_.joinable()) drain_.join();  // ends at EOF, i.e. when the child has exited
  if (out_fd_ >= 0) {
    ::close(out_fd_);
    out_fd_ = -1;
  }
}

void server_process::start(std::chrono::milliseconds timeout) {
  if (pid_ > 0) throw std::runtime_error("server already running");
  reap_drain();

  // Everything the child needs is prepared before fork: between fork and exec only
  // async-signal-safe calls are allowed (the test process has threads).
  std::vector<std::string> args = {INTERVISIE_SERVER_BIN, "--host",        host_, "--port", "0",
                                   "--data-dir",          data_dir_.path()};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");

  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    // A crashed or killed test run must not leave servers behind.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copy
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  pid_ = pid;
  out_fd_ = fds[0];

  // Read stdout until both lines are there, waiting with poll() against a deadline.
  const auto deadline = clock::now() + timeout;
  std::string text;
  std::string listen_line, admin_line;
  while (listen_line.empty() || admin_line.empty()) {
    pollfd p{out_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, remaining_ms(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      kill();
      throw std::runtime_error("server did not print its start lines in time; output: " + text);
    }
    char buf[4096];
    ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      throw std::runtime_error("server exited before it was ready (status " +
                               std::to_string(status) + "); output: " + text);
    }
    text.append(buf, static_cast<std::size_t>(n));
    listen_line = after(text, "listening on http://");
    admin_line = after(text, "#/admin/");
  }

  // listen_line is "HOST:PORT/"
  auto colon = listen_line.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("cannot parse listen line: " + listen_line);
  host_ = listen_line.substr(0, colon);
  port_ = static_cast<unsigned short>(std::stoi(listen_line.substr(colon + 1)));
  admin_key_ = admin_line;
  while (!admin_key_.empty() && (admin_key_.back() == '\r' || admin_key_.back() == ' '))
    admin_key_.pop_back();
  {
    std::lock_guard lock(output_mutex_);
    output_ += text;
  }

  // Keep draining stdout so a chatty server never blocks on a full pipe.
  drain_ = std::thread([this, fd = out_fd_] {
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      std::lock_guard lock(output_mutex_);
      output_.append(buf, static_cast<std::size_t>(n));
    }
  });
}

void server_process::wait_exit(std::chrono::milliseconds timeout, int& status, bool& exited) {
  exited = false;
  // pidfd + poll waits for the exit with a deadline without sleep-polling waitpid.
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    const auto deadline = clock::now() + timeout;
    int r;
    do {
      r = ::poll(&p, 1, remaining_ms(deadline));
    } while (r < 0 && errno == EINTR);
    ::close(pidfd);
    if (r <= 0) return;
  }
  if (::waitpid(pid_, &status, 0) == pid_) exited = true;
}

int server_process::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return 0;
  ::kill(pid_, SIGTERM);
  int status = 0;
  bool exited = false;
  wait_exit(timeout, status, exited);
  if (!exited) {
    kill();
    throw std::runtime_error("server did not stop within the timeout after SIGTERM");
  }
  pid_ = -1;
  reap_drain();
  return status;
}

void server_process::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  reap_drain();
}

}  // namespace intervisie::test
