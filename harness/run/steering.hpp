//! hbscope run: how each run is laid out — which cache holds each line when it starts, where
//! each thread starts each instance relative to the others, and in which order the instances
//! are visited — learnt from the outcomes as the test runs.
//!
//! A weak or interleaved outcome needs the threads' accesses to meet within a window a few
//! tens of ns wide, and what opens that window depends on the test and the machine. On the
//! project's x86 VM, MP+rlx's reader straddles the writer's two stores in 3% of iterations
//! when each instance's lines start in one cache, and in 17% when the data line starts in the
//! reader's cache and the flag line in the writer's (the layout in which ARM's store buffer
//! lets the flag overtake the data); SB+rlx does not care. Neither layout nor order is the
//! same for every test, so each is a choice the engine makes again and again, and learns.
//!
//! Each choice is a multi-armed bandit played by Thompson sampling: every option keeps its
//! instances and overlaps (outcomes no serial order of the threads gives) with exponential
//! forgetting; each draw takes a plausible rate for every option from its mean and the spread
//! its sample allows, and the highest wins. Options barely tried keep a wide spread and keep
//! being tried; an option known to be best wins nearly every draw; one draw in twenty is
//! uniform so that nothing is forgotten when the machine drifts.
//!   - A location's home (`--homes learnt`): the thread whose reset leaves the line in its
//!     cache, drawn per instance.
//!   - A thread's start offset (`--offsets`, timebase): one of 31 bins across [-R, R] relative
//!     to thread 0, drawn per block of 32 instances consecutive in the visit order (a new
//!     offset every instance would leave a thread late from the last one's shift instead).
//!   - Each run's plan, by overlaps per second: its visit order (`--visit learnt`), strided or
//!     shuffled (shuffled orders defeat prefetchers, which otherwise bring a reader its lines
//!     ahead of the writer and undo every layout; SB's loads gain from prefetched lines), and
//!     its period stretched 1-4x over the adaptive one (MP's overlaps per second were flat
//!     from 150 to 500 ns here while the share of its iterations that overlap doubled; SB's
//!     fell with the period).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/test.hpp"

namespace hbscope::run {

//! xorshift64*, with the uniform and normal deviates the draws need.
class Rng {
 public:
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  //! From a table of the normal quantiles: a few ns, where Box-Muller's logarithm and cosine
  //! took half of a fast run's time.
  double gaussian();

 private:
  std::uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

//! One choice among up to K options, made again and again and learnt from the overlaps.
template <std::size_t K>
class Choice {
 public:
  //! What a share of a run's tally found for this choice.
  struct Count {
    std::array<std::uint32_t, K> tried{}, overlapped{};
  };
  //! Thompson sampling over the first `options` options.
  std::size_t draw(Rng& rng, std::size_t options) const;
  //! Folds a run in. `per_draw`: instances that share one draw (and much else: the lines'
  //! states, what the other core is doing), so that a block counts as one sample, not 32.
  void learn(const std::vector<const Count*>& counts, std::size_t options, double per_draw);
  //! The option with the highest mean so far.
  [[nodiscard]] std::size_t best(std::size_t options) const;

 private:
  std::array<double, K> tried_{}, overlapped_{};
  std::array<double, K> mean_ = filled(0.5), spread_ = filled(0.5);
  static constexpr std::array<double, K> filled(double v) {
    std::array<double, K> a{};
    a.fill(v);
    return a;
  }
};

class Steering {
 public:
  static constexpr std::size_t kBins = 31;  // odd: one bin is centred on aligned starts
  //! Instances consecutive in the visit order that share one offset draw.
  static constexpr std::uint32_t kBlock = 32;
  //! One thread's share of a run's tally.
  struct Tally {
    std::array<Choice<kBins>::Count, kMaxThreads> offset{};
    std::array<Choice<kMaxThreads>::Count, kMaxLocs> home{};
    void clear() { *this = Tally{}; }
  };

  //! `threads` test threads and `locs` locations; offsets across [-range_ns, range_ns]
  //! (0: always aligned); homes learnt or not.
  Steering(std::size_t threads, std::size_t locs, double range_ns, bool homes);

  [[nodiscard]] double range_ns() const { return range_ns_; }
  [[nodiscard]] bool steers_offsets() const { return range_ns_ > 0 && threads_ > 1; }
  [[nodiscard]] bool steers_homes() const { return homes_ && threads_ > 1; }
  //! Thread t's offset (ns, t >= 1) for one block, relative to thread 0; its bin in `bin`.
  double draw_offset(std::size_t t, std::uint8_t& bin);
  //! The thread whose reset leaves location `loc` in its cache, for one instance.
  std::uint8_t draw_home(std::size_t loc) {
    return static_cast<std::uint8_t>(home_[loc].draw(rng_, threads_));
  }
  //! How one run is laid out in time and space.
  struct RunPlan {
    bool shuffled = false;  // its instances visited in a new random order
    double stretch = 1;     // its period, over the one the threads can keep to
  };
  static constexpr std::array<double, 4> kStretch{1, 1.5, 2.5, 4};
  //! The next run's plan: the order (when `order` is free to choose) and the stretch (when
  //! `stretch` is). Learnt by overlaps per second; among plans within a tenth of the best,
  //! the longest period wins, since its instances each overlap more often for the same rate.
  RunPlan plan_run(bool order, bool stretch);
  //! Folds one run in: the threads' tallies, and the run's overlaps and seconds for the order
  //! it used.
  void learn(const std::vector<const Tally*>& tallies, std::uint64_t overlapped, double seconds);
  //! Where the learning has settled: thread t's best offset (ns), location l's best home.
  [[nodiscard]] double preferred_offset_ns(std::size_t t) const;
  [[nodiscard]] std::size_t preferred_home(std::size_t loc) const {
    return home_[loc].best(threads_);
  }

 private:
  std::size_t threads_, locs_;
  double range_ns_;
  bool homes_;
  Rng rng_;
  std::array<Choice<kBins>, kMaxThreads> offset_{};
  std::array<Choice<kMaxThreads>, kMaxLocs> home_{};
  // Per run plan (order x stretch): decayed overlaps per second, and runs tried.
  static constexpr std::size_t kPlans = 2 * kStretch.size();
  std::array<double, kPlans> plan_rate_{}, plan_runs_{};
  std::size_t plan_ = 0;  // the plan of the run in progress
  std::uint64_t runs_ = 0;
};

}  // namespace hbscope::run
