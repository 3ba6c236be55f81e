#pragma once
// Group commit: one thread owns the store. Callers submit jobs; the thread takes everything
// pending, runs it in ONE transaction (each job in a savepoint, so a failing job is undone
// alone) and commits once — one fsync for many changes. Only then are the jobs' completions
// called, so nobody is told of a change before it is on disk. The I/O threads never touch the
// disk.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "store/store.hpp"

namespace intervisie::store {

class writer {
public:
  // Runs on the writer thread inside the batch's transaction; throwing undoes this job only.
  using job = std::function<void(store&)>;
  // Runs on the writer thread after the commit (ok) or after the job or commit failed (!ok).
  // Keep it short: post the result to your own executor.
  using completion = std::function<void(bool ok)>;

  explicit writer(std::unique_ptr<store> s);
  ~writer();
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void submit(job j, completion done);
  // Finishes every submitted job, then stops the thread. Later submits fail at once.
  void stop();

  std::uint64_t batches() const;
  std::uint64_t jobs() const;

private:
  struct entry {
    job j;
    completion done;
  };
  void run();
  void run_batch(std::deque<entry>& batch);

  std::unique_ptr<store> store_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<entry> pending_;
  bool stopping_ = false;
  std::uint64_t batches_ = 0;
  std::uint64_t jobs_ = 0;
  std::thread thread_;
};

}  // namespace intervisie::store
