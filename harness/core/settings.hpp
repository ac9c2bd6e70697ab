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
  //! Instances per run. 2,000, not 10,000: the layout is learnt run by run, and MP+rlx's
  //! overlap rose 1.7x here with five times as many runs, while SB+rlx's weak rate held.
  std::uint32_t size = 2'000;
  //! Visit the instances in `stride` interleaved passes. 97, not 1: in address order hardware
  //! prefetchers bring the next instances' lines into MP's reader's cache ahead of the writer,
  //! and the reader finished before the writer's stores arrived in ~90% of iterations; with
  //! 97 passes MP's interleaved outcome showed 4.8x as often here and SB's rate held.
  std::uint32_t stride = 97;
  Sync sync = Sync::timebase;
  bool preload = false;    // every thread reads every location of the run before it starts
  bool same_line = false;  // an instance's locations share one cache line
  double period_ns = 30;   // timebase mode: nanoseconds between instance starts (the start)
  //! timebase mode: widen the period when threads fall behind the schedule (more than 5% of
  //! a run's instances started over a period late), narrow it back towards period_ns when
  //! they keep up. On a noisy VM the sustainable period doubles from one minute to the next;
  //! a thread behind schedule loses the alignment weak outcomes need.
  bool adaptive_period = true;
  //! timebase mode: the range R of each instance's start offsets, in ns: every thread but
  //! thread 0 starts each instance at its own offset in [-R, R] from thread 0, drawn where
  //! this test's overlaps have been showing (run/steering.hpp). Negative ("auto"):
  //! R = clamp(a measured cache-line transfer + the period, 64 ns, 1 us). 0, the default:
  //! every instance aligned (steered offsets lost 5-50% to aligned starts here).
  double offset_ns = 0;
  //! timebase mode: simulate a coarser counter of about this many Hz (an AArch64 generic timer
  //! ticks at 19.2-54 MHz); 0: the native counter. The schedule's offsets keep a resolution of
  //! a few ns whatever the counter (delay loops between ticks).
  double counter_hz = 0;
  //! The order each run visits its instances in (not in perpetual mode). Shuffled orders
  //! defeat prefetchers, which bring MP's reader its lines ahead of the writer (MP's overlap
  //! rose 5x here), but cost SB+rlx half its weak outcomes (SB's loads gain from lines
  //! prefetched into the loader's cache); learnt picks per test, run by run.
  Visit visit = Visit::learnt;
  //! Which cache holds each location's line when a run starts. Learnt: MP+rlx's overlap rose
  //! from 8% to 17-26% here once the data line started in the reader's cache and the flag in
  //! the writer's (with shuffled visits: prefetchers undo any layout under strided ones).
  Homes homes = Homes::learnt;
  Policy placement = Policy::cores;
  std::string cpus;  // the --cpus list as given, when placement is Policy::cpus
};

}  // namespace hbscope
