// hbscope run: the iteration engine shared by every compiled test.
//
// litmus7's proven structure: each run visits `size` independent instances of the test's
// locations; before each instance all threads meet at a spin barrier; each thread writes its
// registers into its own slots; after the run, thread 0 tallies the outcomes, resets the
// locations and decides whether to go on. Nothing shared is written in the hot loop but the
// barrier words and the test's own locations.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <thread>
#include <vector>

#include "core/histogram.hpp"
#include "run/topology.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace hbscope::run {

inline constexpr std::size_t kLine = 64;  // cache line size assumed for padding

//! What to run.
struct Settings {
  std::uint64_t iterations = 1'000'000;  // per test; ignored when seconds > 0
  double seconds = 0;                    // run each test for this long instead
  std::uint32_t size = 10'000;           // instances per run
  std::uint32_t stride = 1;              // visit the instances in `stride` interleaved passes
};

//! How a run is watched from outside: a stop flag (SIGINT) and a progress callback.
struct Control {
  const std::atomic<bool>* stop = nullptr;
  //! Called by thread 0 between runs: iterations done, target (0 in time mode), seconds.
  std::function<void(std::uint64_t, std::uint64_t, double)> progress;
};

struct Result {
  Histogram histogram;
  std::uint64_t iterations = 0;
  double seconds = 0;
  bool partial = false;          // stopped by Control::stop before the target
  std::vector<int> pus_seen;     // per thread: OS index of the PU it last ran on, -1 unknown
  std::vector<bool> bound;       // per thread: did the OS accept the binding?
};

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

//! Sense-reversing spin barrier; both words on lines of their own.
class SpinBarrier {
 public:
  void init(std::uint32_t n, bool yield) {
    n_ = n;
    yield_ = yield;
  }
  void wait(std::uint32_t& local_sense) {
    local_sense ^= 1u;
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
      arrived_.store(0, std::memory_order_relaxed);
      sense_.store(local_sense, std::memory_order_release);
      return;
    }
    while (sense_.load(std::memory_order_acquire) != local_sense) {
      if (yield_)
        std::this_thread::yield();
      else
        cpu_relax();
    }
  }

 private:
  alignas(kLine) std::atomic<std::uint32_t> arrived_{0};
  alignas(kLine) std::atomic<std::uint32_t> sense_{0};
  alignas(kLine) std::uint32_t n_ = 1;
  bool yield_ = false;
};

class Engine;
using ThreadFn = void (*)(Engine&);

//! State of one test's execution, read by the compiled thread loops (compiled.hpp).
class Engine {
 public:
  struct alignas(kLine) Worker {
    std::int32_t* regs = nullptr;  // kMaxRegs slots per instance, this thread's only
    std::uint32_t sense = 0;      // iteration barrier
    std::uint32_t run_sense = 0;  // run barrier
    int pu = -1;
    bool bound = false;
  };

  Engine(const Test& test, const OutcomeLayout& layout, const Settings& settings,
         const Plan& plan, const Topology& topo, const Control& control);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Runs the test: one OS thread per test thread, each calling its compiled loop.
  Result execute(const ThreadFn* loops);

  // --- used by the compiled loops -----------------------------------------------------------
  Worker& worker(std::size_t t) { return workers_[t]; }
  //! Called once by each thread before its loop: pins it according to the plan.
  void enter(std::size_t t);
  //! Called once by each thread after its loop: records where it ran.
  void leave(std::size_t t);
  //! Start-of-run rendezvous; false when there is nothing more to run.
  bool start_run(Worker& me) {
    run_barrier_.wait(me.run_sense);
    return go_;
  }
  //! End-of-run rendezvous; thread 0 then tallies, resets and decides.
  void end_run(std::size_t t) {
    run_barrier_.wait(workers_[t].run_sense);
    if (t == 0) between_runs();
  }
  void iteration_barrier(Worker& me) { iter_barrier_.wait(me.sense); }
  [[nodiscard]] std::uint32_t run_size() const { return run_size_; }
  [[nodiscard]] const std::uint32_t* visit_order() const { return order_.data(); }
  [[nodiscard]] std::atomic<std::int32_t>* cells() const { return cells_; }
  [[nodiscard]] std::size_t instance_stride() const { return instance_stride_; }
  [[nodiscard]] std::size_t loc_stride() const { return loc_stride_; }

 private:
  void between_runs();
  void reset_cells();
  bool should_continue();

  const Test& test_;
  const OutcomeLayout& layout_;
  Settings settings_;
  const Plan& plan_;
  const Topology& topo_;
  Control control_;

  std::vector<Worker> workers_;
  SpinBarrier iter_barrier_;
  SpinBarrier run_barrier_;
  bool go_ = true;
  std::uint32_t run_size_ = 0;
  std::vector<std::uint32_t> order_;

  std::atomic<std::int32_t>* cells_ = nullptr;
  std::size_t loc_stride_ = kLine / sizeof(std::int32_t);  // each location on its own line
  std::size_t instance_stride_ = 0;
  struct AlignedFree {
    void operator()(void* p) const { ::operator delete(p, std::align_val_t(kLine)); }
  };
  std::vector<std::unique_ptr<std::int32_t, AlignedFree>> reg_storage_;

  Result result_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_progress_;
};

}  // namespace hbscope::run
