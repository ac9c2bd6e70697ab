//! hbscope core: what to run and how — the settings a run is given and its results record.
#pragma once

#include <cstdint>
#include <string>

#include "core/vocabulary.hpp"

namespace hbscope {

//! The defaults are what `hbscope tune` found best on x86-64 (README, "Detection rate"): a
//! timebase schedule at 30 ns per instance shows SB's weak outcome in ~90% of iterations at
//! ~28M iterations/s there; 20 ns is faster but at the edge of what the loop sustains on a
//! noisy VM, and a thread that falls behind schedule loses alignment.
struct Settings {
  std::uint64_t iterations = 1'000'000;  // per test; ignored when seconds > 0
  double seconds = 0;                    // run each test for this long instead
  std::uint32_t size = 10'000;           // instances per run
  std::uint32_t stride = 1;              // visit the instances in `stride` interleaved passes
  Sync sync = Sync::timebase;
  bool preload = false;    // every thread reads every location of the run before it starts
  bool same_line = false;  // an instance's locations share one cache line
  double period_ns = 30;   // timebase mode: nanoseconds between instance starts (the start)
  //! timebase mode: widen the period when threads fall behind the schedule (more than 5% of
  //! a run's instances started over a period late), narrow it back towards period_ns when
  //! they keep up. On a noisy VM the sustainable period doubles from one minute to the next;
  //! a thread behind schedule loses the alignment weak outcomes need.
  bool adaptive_period = true;
  Policy placement = Policy::cores;
  std::string cpus;  // the --cpus list as given, when placement is Policy::cpus
};

}  // namespace hbscope
