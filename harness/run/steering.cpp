#include "run/steering.hpp"

#include <algorithm>
#include <cmath>

namespace hbscope::run {

namespace {
// How much of what a bin showed survives each run: about the last four runs count, so a
// drifting machine is followed within a few milliseconds.
constexpr double kKeep = 0.75;
// The share of draws spread evenly, whatever the weights: no bin is ever left untried.
constexpr double kExplore = 0.05;

}  // namespace

Steering::Steering(std::size_t threads, double range_ns)
    : threads_(std::min(threads, kMaxThreads)), range_ns_(range_ns) {
  for (auto& m : mean_) m.fill(0.5);
  for (auto& s : spread_) s.fill(0.5);
}

std::uint64_t Steering::next() {  // xorshift64*
  rng_ ^= rng_ >> 12;
  rng_ ^= rng_ << 25;
  rng_ ^= rng_ >> 27;
  return rng_ * 0x2545F4914F6CDD1Dull;
}

double Steering::draw(std::size_t t, std::uint8_t& bin) {
  std::size_t b = 0;
  if (uniform() < kExplore) {
    b = static_cast<std::size_t>(uniform() * kBins) % kBins;
  } else {
    // Thompson sampling: a plausible rate for every bin, from its mean and the spread its
    // sample allows, and the bin whose draw is highest. Bins barely tried have a wide spread
    // and keep being tried; a bin known to be the best wins nearly every draw.
    double top = -1;
    for (std::size_t c = 0; c < kBins; ++c) {
      const double v = mean_[t][c] + spread_[t][c] * gaussian();
      if (v > top) {
        top = v;
        b = c;
      }
    }
  }
  bin = static_cast<std::uint8_t>(b);
  const double width = 2 * range_ns_ / kBins;
  return -range_ns_ + (static_cast<double>(b) + uniform()) * width;
}

double Steering::gaussian() {
  // A normal deviate from a table of its quantiles: a draw per bin per block must cost a few
  // ns, not a logarithm and a cosine (Box-Muller took half of a fast run's time).
  static const std::array<double, 256> quantile = [] {
    std::array<double, 256> q{};
    for (std::size_t i = 0; i < q.size(); ++i) {
      const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(q.size());
      // Acklam-free inversion by bisection on erfc: done once.
      double lo = -6, hi = 6;
      for (int k = 0; k < 60; ++k) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
      }
      q[i] = 0.5 * (lo + hi);
    }
    return q;
  }();
  return quantile[next() >> 56];
}

bool Steering::shuffle_next() {
  // Try each order once, then keep the better one by overlaps per second, and go back to the
  // other one run in eight: which is better can change as the offsets settle.
  if (runs_ < 2)
    shuffled_ = runs_ == 1;
  else {
    const bool best = order_rate_[1] > order_rate_[0];
    shuffled_ = runs_ % 8 == 0 ? !best : best;
  }
  return shuffled_;
}

void Steering::learn(const std::vector<const Tally*>& tallies, std::uint64_t overlapped,
                     double seconds) {
  const auto o = static_cast<std::size_t>(shuffled_);
  const double rate = seconds > 0 ? static_cast<double>(overlapped) / seconds : 0;
  order_rate_[o] = order_runs_[o] == 0 ? rate : 0.5 * order_rate_[o] + 0.5 * rate;
  ++order_runs_[o];
  ++runs_;
  if (!steers()) return;
  for (std::size_t t = 1; t < threads_; ++t) {
    double all_tried = 0, all_overlapped = 0;
    for (std::size_t b = 0; b < kBins; ++b) {
      tried_[t][b] *= kKeep;
      overlapped_[t][b] *= kKeep;
      for (const Tally* tally : tallies) {
        tried_[t][b] += tally->tried[t][b];
        overlapped_[t][b] += tally->overlapped[t][b];
      }
      all_tried += tried_[t][b];
      all_overlapped += overlapped_[t][b];
    }
    // The instances of a block share their offset and much else (the lines' states, what the
    // other core is doing), so a bin holds about one independent sample per block, not per
    // instance; one block at the overall rate is the prior.
    const double prior = all_tried > 0 ? all_overlapped / all_tried : 0.5;
    for (std::size_t b = 0; b < kBins; ++b) {
      const double blocks = tried_[t][b] / kBlock + 1;
      const double m = (overlapped_[t][b] / kBlock + prior) / blocks;
      mean_[t][b] = m;
      spread_[t][b] = std::sqrt(std::max(m * (1 - m), 0.01 * prior * (1 - prior)) / blocks);
    }
  }
}

double Steering::preferred_ns(std::size_t t) const {
  if (!steers() || t == 0 || t >= threads_) return 0;
  const auto best = static_cast<std::size_t>(std::max_element(mean_[t].begin(), mean_[t].end()) -
                                             mean_[t].begin());
  return -range_ns_ + (static_cast<double>(best) + 0.5) * 2 * range_ns_ / kBins;
}

}  // namespace hbscope::run
