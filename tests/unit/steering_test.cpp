// The steering's learning, fed synthetic tallies: it must find the option that overlaps, keep
// to the choices it is allowed, and prefer the longest period among near-equal plans.
#include "run/steering.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace hbscope;
using run::Steering;

namespace {
// A tally in which location 0's instances overlapped at `rates[home]` when `home` held it.
Steering::Tally homes_tally(const std::vector<double>& rates, std::uint32_t per_option) {
  Steering::Tally t;
  for (std::size_t h = 0; h < rates.size(); ++h) {
    t.home[0].tried[h] = per_option;
    t.home[0].overlapped[h] = static_cast<std::uint32_t>(rates[h] * per_option);
  }
  return t;
}
}  // namespace

TEST_CASE("steering: homes gather on the thread whose layout overlaps", "[steering]") {
  Steering s(2, 2, 0, true);
  REQUIRE(s.steers_homes());
  REQUIRE_FALSE(s.steers_offsets());
  for (int run = 0; run < 5; ++run) {
    const Steering::Tally t = homes_tally({0.03, 0.20}, 1000);
    s.learn({&t}, 0, 1);
  }
  CHECK(s.preferred_home(0) == 1);
  int home1 = 0;
  for (int i = 0; i < 1000; ++i) home1 += s.draw_home(0);
  CHECK(home1 > 900);   // the rest: exploration and Thompson's spread
  CHECK(home1 < 1000);  // still tries the other thread now and then
}

TEST_CASE("steering: homes are not learnt when asked not to", "[steering]") {
  Steering s(2, 2, 0, false);
  CHECK_FALSE(s.steers_homes());
}

TEST_CASE("steering: offsets gather on the bin that overlaps", "[steering]") {
  Steering s(2, 1, 100, false);
  REQUIRE(s.steers_offsets());
  const std::size_t good = 8;  // a bin left of aligned: thread 1 starts ~45 ns before thread 0
  for (int run = 0; run < 20; ++run) {
    Steering::Tally t;
    for (std::size_t b = 0; b < Steering::kBins; ++b) {
      t.offset[1].tried[b] = 320;
      t.offset[1].overlapped[b] = b == good ? 160 : 16;
    }
    s.learn({&t}, 0, 1);
  }
  const double width = 200.0 / Steering::kBins;
  CHECK(s.preferred_offset_ns(1) == Approx(-100 + (good + 0.5) * width));
  int in_good = 0;
  for (int i = 0; i < 1000; ++i) {
    std::uint8_t bin = 0;
    const double ns = s.draw_offset(1, bin);
    CHECK(ns >= -100);
    CHECK(ns <= 100);
    CHECK(ns >= -100 + bin * width - 1e-9);
    CHECK(ns <= -100 + (bin + 1) * width + 1e-9);
    in_good += bin == good;
  }
  CHECK(in_good > 800);
}

TEST_CASE("steering: run plans keep to what they may choose", "[steering]") {
  Steering s(2, 2, 0, true);
  for (int run = 0; run < 100; ++run) {
    const Steering::RunPlan p = s.plan_run(false, false);
    CHECK_FALSE(p.shuffled);
    CHECK(p.stretch == 1);
    s.learn({}, 100, 1);
  }
}

TEST_CASE("steering: every plan is tried, then the longest period among the near-best wins",
          "[steering]") {
  Steering s(2, 2, 0, true);
  // Overlaps per second by plan: strided runs 1M/s whatever the stretch, shuffled ones 2M/s at
  // stretch 1 and 1.9M/s at the longer ones (within a tenth: the longest of those wins).
  const auto rate = [](const Steering::RunPlan& p) {
    if (!p.shuffled) return 1e6;
    return p.stretch == 1 ? 2e6 : 1.9e6;
  };
  std::set<std::pair<bool, double>> tried;
  int longest_shuffled = 0;
  for (int run = 0; run < 200; ++run) {
    const Steering::RunPlan p = s.plan_run(true, true);
    if (run < 8) tried.insert({p.shuffled, p.stretch});
    if (run >= 50) longest_shuffled += p.shuffled && p.stretch == Steering::kStretch.back();
    s.learn({}, static_cast<std::uint64_t>(rate(p) / 1000), 1e-3);
  }
  CHECK(tried.size() == 2 * Steering::kStretch.size());
  CHECK(longest_shuffled > 120);  // 150 runs, one in eight of them exploring
}
