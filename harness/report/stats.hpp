//! hbscope report: the statistics every report shares: intervals on rates and their
//! differences.
#pragma once

#include <cstdint>

namespace hbscope::report {

//! Wilson score interval, 95%, for k successes in n trials.
struct Interval {
  double low = 0, high = 0;
};
Interval wilson_interval(std::uint64_t k, std::uint64_t n);

//! The 95% upper bound on a rate never seen in n trials: 1 - 0.05^(1/n) (about 3/n).
double zero_count_upper_bound(std::uint64_t n);

//! Two-proportion z statistic with pooled variance (0 when either n is 0 or nothing varies).
double two_proportion_z(std::uint64_t k1, std::uint64_t n1, std::uint64_t k2, std::uint64_t n2);

//! Two-sided p < 0.001 for the two-proportion z-test.
inline constexpr double kSignificantZ = 3.2905;

}  // namespace hbscope::report
