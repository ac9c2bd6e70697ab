#include "run/steering.hpp"

#include <algorithm>
#include <cmath>

namespace hbscope::run {

namespace {
// How much of what an option showed survives each run: about the last four runs count, so a
// drifting machine is followed within a few milliseconds.
constexpr double kKeep = 0.75;
// The share of draws spread evenly, whatever the estimates: no option is ever left untried.
constexpr double kExplore = 0.02;
}  // namespace

double Rng::gaussian() {
  static const std::array<double, 256> quantile = [] {
    std::array<double, 256> q{};
    for (std::size_t i = 0; i < q.size(); ++i) {
      const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(q.size());
      double lo = -6, hi = 6;  // bisection on the normal CDF, once
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

template <std::size_t K>
std::size_t Choice<K>::draw(Rng& rng, std::size_t options) const {
  if (rng.uniform() < kExplore)
    return static_cast<std::size_t>(rng.uniform() * static_cast<double>(options)) % options;
  std::size_t pick = 0;
  double top = -1e300;
  for (std::size_t c = 0; c < options; ++c) {
    const double v = mean_[c] + spread_[c] * rng.gaussian();
    if (v > top) {
      top = v;
      pick = c;
    }
  }
  return pick;
}

template <std::size_t K>
void Choice<K>::learn(const std::vector<const Count*>& counts, std::size_t options,
                      double per_draw) {
  double all_tried = 0, all_overlapped = 0;
  for (std::size_t c = 0; c < options; ++c) {
    tried_[c] *= kKeep;
    overlapped_[c] *= kKeep;
    for (const Count* count : counts) {
      tried_[c] += count->tried[c];
      overlapped_[c] += count->overlapped[c];
    }
    all_tried += tried_[c];
    all_overlapped += overlapped_[c];
  }
  // One sample at the overall rate is each option's prior.
  const double prior = all_tried > 0 ? all_overlapped / all_tried : 0.5;
  for (std::size_t c = 0; c < options; ++c) {
    const double samples = tried_[c] / per_draw + 1;
    const double m = (overlapped_[c] / per_draw + prior) / samples;
    mean_[c] = m;
    spread_[c] = std::sqrt(std::max(m * (1 - m), 0.01 * prior * (1 - prior)) / samples);
  }
}

template <std::size_t K>
std::size_t Choice<K>::best(std::size_t options) const {
  return static_cast<std::size_t>(std::max_element(mean_.begin(), mean_.begin() + options) -
                                  mean_.begin());
}

Steering::Steering(std::size_t threads, std::size_t locs, double range_ns, bool homes)
    : threads_(std::min(threads, kMaxThreads)),
      locs_(std::min(locs, kMaxLocs)),
      range_ns_(range_ns),
      homes_(homes) {}

double Steering::draw_offset(std::size_t t, std::uint8_t& bin) {
  const std::size_t b = offset_[t].draw(rng_, kBins);
  bin = static_cast<std::uint8_t>(b);
  const double width = 2 * range_ns_ / kBins;
  return -range_ns_ + (static_cast<double>(b) + rng_.uniform()) * width;
}

Steering::RunPlan Steering::plan_run(bool order, bool stretch) {
  const auto allowed = [&](std::size_t p) {
    return (order || p / kStretch.size() == 0) && (stretch || p % kStretch.size() == 0);
  };
  std::size_t pick = kPlans;
  for (std::size_t p = 0; p < kPlans && pick == kPlans; ++p)  // each plan once, first
    if (allowed(p) && plan_runs_[p] == 0) pick = p;
  if (pick == kPlans && runs_ % 8 == 7) {  // one run in eight tries another plan
    std::array<std::size_t, kPlans> options{};
    std::size_t count = 0;
    for (std::size_t p = 0; p < kPlans; ++p)
      if (allowed(p)) options[count++] = p;
    pick = options[rng_.next() % count];
  }
  if (pick == kPlans) {
    double best = 0;
    for (std::size_t p = 0; p < kPlans; ++p)
      if (allowed(p)) best = std::max(best, plan_rate_[p]);
    for (std::size_t p = 0; p < kPlans; ++p) {
      if (!allowed(p) || plan_rate_[p] < 0.9 * best) continue;
      if (pick == kPlans || kStretch[p % kStretch.size()] > kStretch[pick % kStretch.size()] ||
          (kStretch[p % kStretch.size()] == kStretch[pick % kStretch.size()] &&
           plan_rate_[p] > plan_rate_[pick]))
        pick = p;
    }
  }
  plan_ = pick == kPlans ? 0 : pick;
  return {plan_ / kStretch.size() == 1, kStretch[plan_ % kStretch.size()]};
}

void Steering::learn(const std::vector<const Tally*>& tallies, std::uint64_t overlapped,
                     double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(overlapped) / seconds : 0;
  plan_rate_[plan_] = plan_runs_[plan_] == 0 ? rate : 0.7 * plan_rate_[plan_] + 0.3 * rate;
  ++plan_runs_[plan_];
  ++runs_;
  std::vector<const Choice<kBins>::Count*> offsets(tallies.size());
  if (steers_offsets())
    for (std::size_t t = 1; t < threads_; ++t) {
      for (std::size_t k = 0; k < tallies.size(); ++k) offsets[k] = &tallies[k]->offset[t];
      offset_[t].learn(offsets, kBins, kBlock);
    }
  std::vector<const Choice<kMaxThreads>::Count*> homes(tallies.size());
  if (steers_homes())
    for (std::size_t l = 0; l < locs_; ++l) {
      for (std::size_t k = 0; k < tallies.size(); ++k) homes[k] = &tallies[k]->home[l];
      home_[l].learn(homes, threads_, 1);
    }
}

double Steering::preferred_offset_ns(std::size_t t) const {
  if (!steers_offsets() || t == 0 || t >= threads_) return 0;
  return -range_ns_ + (static_cast<double>(offset_[t].best(kBins)) + 0.5) * 2 * range_ns_ / kBins;
}

template class Choice<Steering::kBins>;
template class Choice<kMaxThreads>;

}  // namespace hbscope::run
