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
  //! timebase mode: the range R of the per-run start offsets, in ns. One run in four starts
  //! every thread on the common schedule; each other run shifts each thread's schedule by its
  //! own offset in [0, R] (a low-discrepancy sequence), so that over the runs every pair of
  //! threads meets at relative offsets across [-R, R]. Negative ("auto"): derived per test,
  //! R = clamp(1.5 x a measured cache-line transfer + the period, 64 ns, 1 us). 0: every run
  //! aligned, the default: on x86-64 here aligned starts gave MP's reader the writer's stores
  //! in flight more often than any range tried (README, "Detection rate"); `tune` tries both.
  double offset_ns = 0;
  //! timebase mode: simulate a coarser counter of about this many Hz (an AArch64 generic timer
  //! ticks at 19.2-54 MHz); 0: the native counter. The schedule's offsets keep a resolution of
  //! a few ns whatever the counter (delay loops between ticks).
  double counter_hz = 0;
  //! Visit each run's instances in a new random order (after --stride's passes), in every
  //! mode but perpetual, like litmus7's -mem indirect. It defeats prefetchers entirely, which
  //! helps MP but cost SB+rlx three quarters of its weak outcomes here (SB's loads gain from
  //! lines prefetched into the loader's cache): off by default, `tune` tries it.
  bool shuffle = false;
  Policy placement = Policy::cores;
  std::string cpus;  // the --cpus list as given, when placement is Policy::cpus
};

}  // namespace hbscope
