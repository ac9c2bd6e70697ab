// hbscope run: the iteration engine shared by every compiled test.
//
// litmus7's proven structure: each run visits `size` independent instances of the test's
// locations; before each instance the threads synchronise (a spin barrier, a fenced barrier, or
// a common timestamp); each thread writes its registers into its own slots; after the run every
// thread tallies a slice of the instances into its own histogram and resets that slice's
// locations, and thread 0 decides whether to go on. Nothing shared is written in the hot loop
// but the synchronisation words and the test's own locations.
//
// Perpetual mode (PerpLE, Melissaris et al., MICRO 2020) drops the per-iteration
// synchronisation: every thread runs its iterations back to back on one set of locations,
// storing the iteration number k+1 instead of the test's constant; the outcome of "instance k"
// is reconstructed afterwards (perpetual_problem() says which tests that is exact for).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "core/histogram.hpp"
#include "core/measurement.hpp"
#include "core/settings.hpp"
#include "run/steering.hpp"
#include "run/topology.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <x86intrin.h>
#endif

namespace hbscope::run {

inline constexpr std::size_t kLine = 64;  // cache line size assumed for padding

//! How a run is watched from outside: a stop flag (SIGINT) and a progress callback.
struct Control {
  const std::atomic<bool>* stop = nullptr;
  //! Called by thread 0 between runs: iterations done, target (0 in time mode), seconds.
  std::function<void(std::uint64_t, std::uint64_t, double)> progress;
};

//! Why perpetual mode cannot reconstruct this test's outcomes exactly, or "" when it can: every
//! location must have a single writing thread that stores it once per iteration (no RMW), with
//! a constant different from its initial value, and the condition must name registers only.
[[nodiscard]] std::string perpetual_problem(const Test& test);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

//! A cheap, monotonic, core-synchronised tick counter: the TSC on x86-64, the virtual counter
//! on AArch64, steady_clock elsewhere.
inline std::uint64_t timebase_now() {
#if defined(__x86_64__)
  return __rdtsc();
#elif defined(__aarch64__)
  std::uint64_t v;
  asm volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
  return v;
#else
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

//! Ticks of timebase_now() per second: cntfrq_el0 on AArch64, measured once on x86-64.
double timebase_hz();

//! The counter a timebase schedule reads: timebase_now() with its low `shift` bits dropped.
//! A shift simulates a coarser timer on a fine one (`--counter-hz`: an AArch64 generic timer
//! ticks at 19.2-54 MHz, 19-52 ns a tick, coarser than MP's whole window), so that the
//! schedule is tested on x86 as it will run there.
struct Counter {
  unsigned shift = 0;
  [[nodiscard]] std::uint64_t now() const { return timebase_now() >> shift; }
  [[nodiscard]] double hz() const { return timebase_hz() / static_cast<double>(1ull << shift); }
  //! The shift whose counter is closest to `target_hz` (0: keep the native counter).
  static Counter simulating(double target_hz);
};

//! Spins about `loops` iterations of an empty loop the compiler must keep: a delay with a
//! resolution of a cycle or two, whatever the counter's, and without `pause` (33-39 ns a
//! pause on the project's VM, coarser than the offsets it serves).
inline void delay_loop(std::uint32_t loops) {
  for (; loops != 0; --loops) asm volatile("");
}

//! Iterations of delay_loop() per nanosecond, measured once.
double delay_loops_per_ns();

//! Sense-reversing spin barrier; each word on a line of its own.
class SpinBarrier {
 public:
  void init(std::uint32_t n, bool yield, std::uint64_t timebase_delay = 0, Counter counter = {}) {
    n_ = n;
    yield_ = yield;
    delay_ = timebase_delay;
    counter_ = counter;
  }
  template <Sync S = Sync::barrier>
  void wait(std::uint32_t& local_sense) {
    local_sense ^= 1u;
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
      arrived_.store(0, std::memory_order_relaxed);
      if constexpr (S == Sync::timebase)
        go_at_.store(counter_.now() + delay_, std::memory_order_relaxed);
      sense_.store(local_sense, std::memory_order_release);
    } else {
      while (sense_.load(std::memory_order_acquire) != local_sense) spin();
    }
    if constexpr (S == Sync::timebase) {
      const std::uint64_t go = go_at_.load(std::memory_order_relaxed);
      while (counter_.now() < go) spin();
    }
  }
  [[nodiscard]] std::uint64_t go_at() const { return go_at_.load(std::memory_order_relaxed); }

 private:
  void spin() const {
    if (yield_)
      std::this_thread::yield();
    else
      cpu_relax();
  }
  alignas(kLine) std::atomic<std::uint32_t> arrived_{0};
  alignas(kLine) std::atomic<std::uint32_t> sense_{0};
  std::atomic<std::uint64_t> go_at_{0};  // written before sense_, read after: same line is fine
  alignas(kLine) std::uint32_t n_ = 1;
  bool yield_ = false;
  std::uint64_t delay_ = 0;
  Counter counter_;
};

class Engine;
using ThreadFn = void (*)(Engine&);

//! State of one test's execution, read by the compiled thread loops (compiled.hpp).
class Engine {
 public:
  struct alignas(kLine) Worker {
    std::int32_t* regs = nullptr;  // kMaxRegs slots per instance, this thread's only
    std::uint32_t sense = 0;       // iteration barrier
    std::uint32_t run_sense = 0;   // run barrier
    int pu = -1;
    bool bound = false;
    std::uint64_t t0 = 0;    // timebase: tick at which this run's first instance starts
    std::uint32_t late = 0;  // timebase: instances started over a period late, this run
    //! timebase: each instance's start offset, whole ticks then delay_loop() iterations (so
    //! that offsets keep a resolution of a few ns on a counter that ticks every 50 ns), and the
    //! steering bin it was drawn from. Written by thread 0 between runs.
    struct Shift {
      std::uint32_t ticks = 0, loops = 0;
    };
    std::vector<Shift> shifts;
    std::vector<std::uint8_t> bins;
    Histogram histogram;           // this thread's share of the tally
    Steering::Tally steering;      // this run's share, per offset bin and per home
    std::uint64_t overlapped = 0;  // instances of this run's share whose outcome is not serial
    bool saw_witness = false;      // in the run just tallied (checked until the first one)
  };

  //! `serial`: the outcomes of the test's threads run one after another (model::
  //! serial_outcomes); every other outcome is an overlap, what the schedule is steered towards.
  //! Throws std::invalid_argument when `settings.sync` is perpetual and the test does not fit.
  Engine(const Test& test, const OutcomeLayout& layout, const std::vector<Outcome>& serial,
         const Settings& settings, const Plan& plan, const Topology& topo, const Control& control);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Runs the test: one OS thread per test thread, each calling its compiled loop.
  Measurement execute(const ThreadFn* loops);

  // --- used by the compiled loops -----------------------------------------------------------
  Worker& worker(std::size_t t) { return workers_[t]; }
  [[nodiscard]] Sync sync() const { return settings_.sync; }
  //! Called once by each thread before its loop: pins it according to the plan.
  void enter(std::size_t t);
  //! Called once by each thread after its loop: records where it ran.
  void leave(std::size_t t);
  //! Start-of-run rendezvous; false when there is nothing more to run. Preloads if asked.
  bool start_run(std::size_t t);
  //! End-of-run: every thread tallies and resets its slice; thread 0 then decides.
  void end_run(std::size_t t);
  template <Sync S>
  void iteration_sync(Worker& me, std::size_t t, std::uint32_t instance) {
    if constexpr (S == Sync::fenced) {
      std::atomic<std::uint32_t>& flag = flags_[std::size_t{instance} * kFlagStride];
      if (t == 0) {
        flag.store(1, std::memory_order_release);
        // Wait until the flag is visible to the others before starting the iteration, so that
        // thread 0 does not run a cache-line transfer ahead of them.
        std::atomic_thread_fence(std::memory_order_seq_cst);
      } else {
        while (flag.load(std::memory_order_acquire) == 0 && !hurry()) spin();
      }
    } else if constexpr (S == Sync::timebase) {
      (void)t;
      const Worker::Shift shift = me.shifts[instance];
      const std::uint64_t at =
          me.t0 + std::uint64_t{instance_seq_[instance]} * run_period_ticks_ + shift.ticks;
      std::uint64_t now = counter_.now();
      if (now > at + run_period_ticks_) ++me.late;  // behind schedule: no alignment for this one
      // No pause here: it would add up to 39 ns of jitter to the moment each thread leaves.
      while (now < at && !hurry()) {
        if (plan_.oversubscribed) std::this_thread::yield();
        now = counter_.now();
      }
      delay_loop(shift.loops);
    } else {
      iter_barrier_.wait<S>(me.sense);
    }
  }
  [[nodiscard]] std::uint32_t run_size() const { return run_size_; }
  [[nodiscard]] const std::uint32_t* visit_order() const { return order_.data(); }
  [[nodiscard]] std::atomic<std::int32_t>* cells() const { return cells_; }
  [[nodiscard]] std::size_t instance_stride() const { return instance_stride_; }
  [[nodiscard]] std::size_t loc_stride() const { return loc_stride_; }

 private:
  static constexpr std::size_t kFlagStride = kLine / sizeof(std::uint32_t);
  //! Raised by the watchdog when the run must end now (a stop signal, the time limit): waits on
  //! the schedule or on thread 0's flag end at once, so the run finishes in microseconds
  //! whatever --period and --size are, and the threads reach end_run to tally it.
  [[nodiscard]] bool hurry() const { return hurry_.load(std::memory_order_relaxed); }
  void spin() const {
    if (plan_.oversubscribed)
      std::this_thread::yield();
    else
      cpu_relax();
  }
  void tally_slice(std::size_t t);
  //! timebase, first run: threads 0 and 1 bounce a line to measure a cache-line transfer.
  void measure_transfer(std::size_t t);
  //! A steering over start offsets in [-range_ns, range_ns], homes learnt as the settings say.
  [[nodiscard]] Steering steering_over(double range_ns) const;
  //! --homes slices: thread t is home to the t-th slice of the instances.
  [[nodiscard]] std::uint8_t slice_home(std::size_t instance) const;
  //! Draws the next run's start offsets (timebase) from the steering.
  void draw_layout();
  //! Thread 0, as a run ends: draws the homes the reset will establish for the next run.
  void draw_homes();
  //! After every tally: thread t writes back the initial values of the locations it is home to.
  void reset_lines(std::size_t t);
  [[nodiscard]] bool serial(const Outcome& o) const;
  void decide();
  bool should_continue();

  struct AlignedFree {
    void operator()(void* p) const { ::operator delete(p, std::align_val_t(kLine)); }
  };
  // How a perpetual-mode register value maps back to the instance's value.
  struct PerpetualSlot {
    bool mapped = false;  // a load of a written location
    std::int32_t stored = 0, init = 0;
  };

  const Test& test_;
  const OutcomeLayout& layout_;
  Settings settings_;
  Plan plan_;  // a copy: callers often pass plan_placement(...) straight in
  const Topology& topo_;
  Control control_;

  std::vector<Worker> workers_;
  SpinBarrier iter_barrier_;
  SpinBarrier run_barrier_;
  bool go_ = true;
  std::uint32_t run_size_ = 0;
  std::vector<std::uint32_t> order_;
  bool shuffled_ = false;                    // order_ is a random order, drawn anew every run
  std::uint64_t shuffled_runs_ = 0;          // runs visited in a random order
  double stretch_sum_ = 0;                   // sum of the period's stretch x instances
  std::vector<std::uint32_t> instance_seq_;  // timebase: position of instance i in order_
  std::uint64_t period_ticks_ = 1;           // timebase: the period the threads keep to, in ticks
  std::uint64_t run_period_ticks_ = 1;       // timebase: this run's, stretched by the steering
  std::uint64_t base_ticks_ = 1;             // timebase: settings_.period_ns in ticks
  double ticks_per_ns_ = 1;
  Counter counter_;          // timebase: native, or coarsened by --counter-hz
  double loops_per_ns_ = 0;  // timebase: delay_loop() calibration
  std::vector<Outcome> serial_;
  // Per instance and location, the thread whose reset left the line in its cache for this
  // run, and the one that will for the next.
  std::vector<std::uint8_t> homes_now_, homes_next_;
  Steering steering_;  // offsets (timebase), homes and run plans, learnt run by run
  std::chrono::steady_clock::time_point run_started_;
  std::uint64_t run_index_ = 0;                        // runs done
  Rng shuffle_rng_;                                    // the visit order's shuffle
  alignas(kLine) std::atomic<std::uint32_t> ping_{0};  // measure_transfer()'s line
  double period_sum_ = 0;                              // sum of period_ns x instances, for the mean
  std::vector<PerpetualSlot> perpetual_slots_;

  std::atomic<std::int32_t>* cells_ = nullptr;
  std::size_t ncells_ = 0;
  std::unique_ptr<std::atomic<std::uint32_t>[]>
      flags_;  // fenced mode: one per instance, a line each
  std::size_t loc_stride_ = 0;
  std::size_t instance_stride_ = 0;
  std::vector<std::unique_ptr<std::int32_t, AlignedFree>> reg_storage_;

  Measurement result_;
  alignas(kLine) std::atomic<bool> hurry_{false};  // read in the waits: a line of its own
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_progress_;
};

}  // namespace hbscope::run
