#include "store/writer.hpp"

#include <cstdio>
#include <exception>
#include <vector>

namespace intervisie::store {

writer::writer(std::unique_ptr<store> s) : store_(std::move(s)), thread_([this] { run(); }) {}

writer::~writer() {
  stop();
}

void writer::submit(job j, completion done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back({std::move(j), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(false);
}

void writer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::uint64_t writer::batches() const {
  std::lock_guard lock(mutex_);
  return batches_;
}

std::uint64_t writer::jobs() const {
  std::lock_guard lock(mutex_);
  return jobs_;
}

void writer::run() {
  for (;;) {
    std::deque<entry> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping and drained
      batch.swap(pending_);
      ++batches_;
      jobs_ += batch.size();
    }
    run_batch(batch);
  }
}

void writer::run_batch(std::deque<entry>& batch) {
  std::vector<bool> ok(batch.size(), false);
  bool committed = false;
  try {
    store_->begin();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      try {
        store_->savepoint();
        batch[i].j(*store_);
        store_->release_savepoint();
        ok[i] = true;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "store: job failed: %s\n", e.what());
        store_->rollback_to_savepoint();
      }
    }
    store_->commit();
    committed = true;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store: batch of %zu failed: %s\n", batch.size(), e.what());
    try {
      store_->rollback();
    } catch (const std::exception&) {
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(committed && ok[i]);
}

}  // namespace intervisie::store
