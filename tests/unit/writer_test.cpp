// store::writer: group commit. Many jobs share one transaction, each in its own savepoint; a
// completion says ok only for a job whose writes were committed. Tests never sleep: they wait on
// condition variables with a deadline, and hold the writer with a gate job to make batches.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/sqlite_store.hpp"
#include "store/writer.hpp"
#include "support.hpp"

using namespace intervisie::store;
using namespace std::chrono_literals;
using intervisie::unit::numbered;

namespace {

constexpr auto deadline = 10s;

// Collects completions from the writer thread: (tag, ok) in the order they were called.
class completions {
public:
  writer::completion make(int tag) {
    return [this, tag](bool ok) {
      std::lock_guard lock(mutex_);
      seen_.push_back({tag, ok});
      cv_.notify_all();
    };
  }
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, deadline, [&] { return seen_.size() >= n; });
  }
  std::vector<std::pair<int, bool>> seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::pair<int, bool>> seen_;
};

// A job that holds the writer thread until open() is called, so that everything submitted
// meanwhile lands in the next batch.
class gate {
public:
  writer::job job() {
    return [this](store&) {
      std::unique_lock lock(mutex_);
      entered_ = true;
      cv_.notify_all();
      if (!cv_.wait_for(lock, deadline, [&] { return open_; }))
        throw std::runtime_error("gate timed out");
    };
  }
  bool wait_entered() {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, deadline, [&] { return entered_; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool entered_ = false;
  bool open_ = false;
};

// A writer on an in-memory store, and a raw pointer to read the store once the writer stopped
// (the writer owns it until it is destroyed; after stop() no thread touches it).
struct rig {
  rig() {
    auto s = std::make_unique<sqlite_store>(":memory:");
    db = s.get();
    w = std::make_unique<writer>(std::move(s));
  }
  sqlite_store* db = nullptr;
  std::unique_ptr<writer> w;
};

writer::job add(std::string key) {
  return [key](store& s) { s.add_coordinator(key, 1); };
}

}  // namespace

TEST_CASE("writer: jobs from 4 threads are batched and completed in order", "[writer]") {
  rig r;
  completions done;
  gate g;
  r.w->submit(g.job(), done.make(-1));
  REQUIRE(g.wait_entered());

  constexpr int threads = 4, per_thread = 125;  // 500 jobs
  std::vector<std::thread> submitters;
  for (int t = 0; t < threads; ++t) {
    submitters.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        r.w->submit(add(numbered(numbered("t", t) + "_", i)), done.make(t * 1000 + i));
      }
    });
  }
  for (auto& th : submitters) th.join();
  g.open();
  REQUIRE(done.wait_for(1 + threads * per_thread));
  r.w->stop();

  auto seen = done.seen();
  REQUIRE(seen.size() == 1 + threads * per_thread);
  std::vector<int> next(threads, 0);
  for (const auto& [tag, ok] : seen) {
    CHECK(ok);
    if (tag < 0) continue;
    // Per thread, completions come in submission order.
    CHECK(tag % 1000 == next[tag / 1000]);
    next[tag / 1000] = tag % 1000 + 1;
  }
  CHECK(next == std::vector<int>(threads, per_thread));
  CHECK(r.w->jobs() == 1 + threads * per_thread);
  CHECK(r.w->batches() < r.w->jobs());
  CHECK(r.w->batches() <= 2);  // the gate's batch, then everything that queued behind it
  for (int t = 0; t < threads; ++t) {
    CHECK(r.db->is_coordinator(numbered(numbered("t", t) + "_", 0)));
    CHECK(r.db->is_coordinator(numbered(numbered("t", t) + "_", per_thread - 1)));
  }
}

TEST_CASE("writer: a throwing job fails alone", "[writer]") {
  rig r;
  completions done;
  gate g;
  r.w->submit(g.job(), done.make(0));
  REQUIRE(g.wait_entered());
  r.w->submit(add("before"), done.make(1));
  r.w->submit(
      [](store& s) {
        s.add_coordinator("thrower", 1);
        throw std::runtime_error("job fails after writing");
      },
      done.make(2));
  // A job whose SQL fails (duplicate key) is a throwing job too.
  r.w->submit(add("before"), done.make(3));
  r.w->submit(add("after"), done.make(4));
  g.open();
  REQUIRE(done.wait_for(5));
  r.w->stop();

  CHECK(done.seen() ==
        std::vector<std::pair<int, bool>>{{0, true}, {1, true}, {2, false}, {3, false}, {4, true}});
  CHECK(r.w->batches() == 2);  // the four shared one transaction
  CHECK(r.db->is_coordinator("before"));
  CHECK_FALSE(r.db->is_coordinator("thrower"));
  CHECK(r.db->is_coordinator("after"));
}

TEST_CASE("writer: a job that breaks the transaction fails its whole batch", "[writer]") {
  rig r;
  completions done;
  gate g;
  r.w->submit(g.job(), done.make(0));
  REQUIRE(g.wait_entered());
  r.w->submit(add("lost_1"), done.make(1));
  // Ending the batch's transaction from inside a job: nothing of this batch is committed as a
  // unit any more, so nobody may be told ok.
  r.w->submit([](store& s) { s.rollback(); }, done.make(2));
  r.w->submit(add("lost_2"), done.make(3));
  g.open();
  REQUIRE(done.wait_for(4));
  // The writer recovers: the next batch commits normally.
  r.w->submit(add("later"), done.make(5));
  REQUIRE(done.wait_for(5));
  r.w->stop();

  auto seen = done.seen();
  REQUIRE(seen.size() == 5);
  CHECK(seen[1] == std::pair<int, bool>{1, false});
  CHECK(seen[2] == std::pair<int, bool>{2, false});
  CHECK(seen[3] == std::pair<int, bool>{3, false});
  CHECK(seen[4] == std::pair<int, bool>{5, true});
  CHECK_FALSE(r.db->is_coordinator("lost_1"));
  CHECK(r.db->is_coordinator("later"));
}

TEST_CASE("writer: stop() drains pending jobs, later submits fail at once", "[writer]") {
  rig r;
  completions done;
  gate g;
  r.w->submit(g.job(), done.make(-1));
  REQUIRE(g.wait_entered());
  constexpr int pending = 100;
  for (int i = 0; i < pending; ++i) r.w->submit(add(numbered("p", i)), done.make(i));

  // stop() blocks until drained, so it runs on its own thread while the gate holds the writer.
  std::thread stopper([&] { r.w->stop(); });
  // Probe until the writer refuses: then stop() has begun and the 100 jobs are still pending.
  // (A refused submit completes with false before it returns; accepted probes are counted.)
  std::atomic<bool> refused{false};
  int accepted_probes = 0;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!refused && std::chrono::steady_clock::now() < until) {
    auto ran_inline = std::make_shared<bool>(false);
    r.w->submit([](store&) {},
                [&refused, ran_inline, report = done.make(1000 + accepted_probes)](bool ok) {
                  if (!ok) {
                    refused = true;
                    *ran_inline = true;
                  } else {
                    report(ok);
                  }
                });
    if (!*ran_inline) ++accepted_probes;
    std::this_thread::yield();
  }
  REQUIRE(refused);
  g.open();
  stopper.join();

  auto seen = done.seen();
  REQUIRE(seen.size() == static_cast<std::size_t>(1 + pending + accepted_probes));
  for (const auto& [tag, ok] : seen) CHECK(ok);
  CHECK(r.db->is_coordinator("p0"));
  CHECK(r.db->is_coordinator(numbered("p", pending - 1)));

  // After stop: the job never runs, the completion gets false at once.
  bool ran = false;
  std::optional<bool> result;
  r.w->submit([&](store&) { ran = true; }, [&](bool ok) { result = ok; });
  CHECK(result == std::optional<bool>(false));
  CHECK_FALSE(ran);
  CHECK_NOTHROW(r.w->stop());  // stopping twice is harmless
}
