#include "report/stats.hpp"

#include <algorithm>
#include <cmath>

namespace hbscope::report {

Interval wilson_interval(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return {0, 1};
  constexpr double z = 1.959963984540054;
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double zero_count_upper_bound(std::uint64_t n) {
  if (n == 0) return 1.0;
  return -std::expm1(std::log(0.05) / static_cast<double>(n));
}

double two_proportion_z(std::uint64_t k1, std::uint64_t n1, std::uint64_t k2, std::uint64_t n2) {
  if (n1 == 0 || n2 == 0) return 0;
  const double a = static_cast<double>(n1), b = static_cast<double>(n2);
  const double pooled = (static_cast<double>(k1) + static_cast<double>(k2)) / (a + b);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / a + 1 / b));
  return se > 0 ? (static_cast<double>(k2) / b - static_cast<double>(k1) / a) / se : 0;
}

}  // namespace hbscope::report
