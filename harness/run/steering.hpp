//! hbscope run: where each thread starts each instance, relative to the others, learnt from the
//! outcomes as the test runs.
//!
//! A weak or interleaved outcome needs the threads' accesses to meet within a window a few
//! tens of ns wide, and where that window lies depends on the test and the machine: on the
//! project's x86 VM, SB's loads meet the other thread's store best when both threads start
//! together, MP's reader straddles the writer's two stores best when the writer starts 40-80 ns
//! after it. No fixed offset serves both, and a uniform spread wastes most instances.
//!
//! So each instance of a run gives every thread but thread 0 its own start offset, drawn from
//! 31 bins across [-R, R] (one block of 32 instances consecutive in the visit order shares a
//! draw), and the engine reports back which instances overlapped (an outcome no serial order
//! of the threads gives). Each bin's overlap rate is kept with exponential forgetting, and each
//! block draws its bin by Thompson sampling (a plausible rate per bin from its mean and spread,
//! the highest wins), with one draw in twenty uniform so that no bin is forgotten: the
//! schedule settles on the offsets this test needs on this machine and follows them when the
//! machine's latencies drift. On the project's x86 VM it settled on aligned starts for both
//! SB and MP, and lost 5-30% to always-aligned starts (the draws that explore, and a thread
//! late at each block's change of offset): so it is `--offsets auto`, and aligned the default.
//!
//! The same learning chooses, run by run, whether a run's instances are visited in a new random
//! order (which defeats prefetchers: MP's overlap rose 5x here) or in strided passes (SB's
//! weak outcome showed twice as often), by overlapping iterations per second.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/test.hpp"

namespace hbscope::run {

class Steering {
 public:
  static constexpr std::size_t kBins = 31;
  //! Instances consecutive in the visit order that share one draw (run/engine.cpp).
  static constexpr std::uint32_t kBlock = 32;  // odd: one bin is centred on aligned starts
  //! What one thread's share of the tally found: per thread and bin, instances and overlaps.
  struct Tally {
    std::array<std::array<std::uint32_t, kBins>, kMaxThreads> tried{}, overlapped{};
    void clear() { *this = Tally{}; }
  };

  //! `threads` test threads, offsets across [-range_ns, range_ns]; range 0: always aligned.
  Steering(std::size_t threads, double range_ns);

  [[nodiscard]] double range_ns() const { return range_ns_; }
  [[nodiscard]] bool steers() const { return range_ns_ > 0 && threads_ > 1; }
  //! Thread t's offset (ns, t >= 1) for one instance, relative to thread 0: draws a bin from
  //! the learnt weights and a point inside it. Writes the bin to `bin`.
  double draw(std::size_t t, std::uint8_t& bin);
  //! Whether the next run visits its instances in a new random order.
  bool shuffle_next();
  //! Folds one run in: the threads' tallies, and the run's overlaps and seconds for the order
  //! it used. Recomputes the weights the next run draws from.
  void learn(const std::vector<const Tally*>& tallies, std::uint64_t overlapped, double seconds);
  //! The centre of thread t's most likely bin, ns: where the schedule has settled.
  [[nodiscard]] double preferred_ns(std::size_t t) const;

 private:
  [[nodiscard]] std::uint64_t next();
  [[nodiscard]] double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  [[nodiscard]] double gaussian();

  std::size_t threads_;
  double range_ns_;
  std::uint64_t rng_ = 0x2545F4914F6CDD1Dull;
  // Per thread and bin: decayed instances and overlaps, and the rate's estimate and spread.
  std::array<std::array<double, kBins>, kMaxThreads> tried_{}, overlapped_{}, mean_{}, spread_{};
  // The visit order: decayed overlaps per second, per choice (0 strided, 1 shuffled).
  std::array<double, 2> order_rate_{}, order_runs_{};
  bool shuffled_ = false;
  std::uint64_t runs_ = 0;
};

}  // namespace hbscope::run
