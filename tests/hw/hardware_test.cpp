// Litmus tests on this CPU. Only what is certain for the architecture is asserted, with bounds
// generous enough never to flake: C++-forbidden outcomes never appear (on any architecture), and
// on x86-64 (TSO) MP never shows its weak outcome while SB+rlx shows r0=r1=0, and a simulated
// coarse counter keeps MP's and SB's overlap rates within 2x of the native one's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <vector>

#include "campaign/session.hpp"
#include "run/machine.hpp"
#include "run/registry.hpp"

using namespace hbscope;

namespace {
report::TestRecord run_test(const char* name, Settings settings) {
  return campaign::measure_and_grade(*run::Registry::instance().find(name), settings,
                                     run::Topology::this_machine());
}
}  // namespace

TEST_CASE("no catalogue test shows an outcome C++ forbids", "[hardware]") {
  // Under qemu-user on an x86 host, seq_cst store->load order is not emulated (stlr then ldar
  // become plain moves with no barrier between), so SB+sc and R+sc may show their forbidden
  // outcome: an emulator fault, reported as such. Every other expectation holds there too.
  const bool emulated = !run::emulation().empty();
  const std::set<std::string> known_emulator_faults = {"SB+sc", "R+sc"};
  for (const run::Entry& e : run::Registry::instance().all()) {
    const std::string name(e.test->name);
    const auto t = run_test(name.c_str(), {.iterations = 100'000});
    INFO(name << ": " << t.grade);
    CHECK(t.iterations == 100'000);
    CHECK(t.grade != Grade::forbidden_seen);
    if (emulated && known_emulator_faults.count(name)) {
      if (t.grade == Grade::emulator_fault) WARN(name << ": forbidden outcome under emulation");
    } else {
      CHECK(t.grade != Grade::emulator_fault);
    }
  }
}

#if defined(HBSCOPE_ARCH_x86_64)
TEST_CASE("x86-64: MP shows no weak outcome in any form (TSO keeps store and load order)",
          "[hardware][x86_64]") {
  for (const run::Entry* e : run::Registry::instance().match("MP")) {
    const auto t = run_test(std::string(e->test->name).c_str(), {.iterations = 500'000});
    INFO(e->test->name);
    CHECK(t.witnesses == 0);
  }
}

TEST_CASE("x86-64: in every sync mode, TSO-forbidden weak outcomes never appear",
          "[hardware][x86_64]") {
  // MP in every form, SB with seq_cst or fences on both sides, CoRR: x86-TSO forbids their
  // weak outcomes, so a mode that showed one would be reconstructing outcomes wrongly.
  const char* controls[] = {"MP+rlx",     "MP+rel+acq", "MP+sc",       "MP+fence.rel+fence.acq",
                            "MP+rel+rlx", "SB+sc",      "SB+fence.sc", "CoRR+rlx"};
  for (Sync sync : {Sync::timebase, Sync::fenced, Sync::barrier, Sync::perpetual})
    for (const char* name : controls) {
      const Test& test = *run::Registry::instance().find(name)->test;
      if (sync == Sync::perpetual && !run::perpetual_problem(test).empty()) continue;
      Settings s;
      s.sync = sync;
      s.iterations = 500'000;
      const auto t = run_test(name, s);
      INFO(name << " under " << sync);
      CHECK(t.witnesses == 0);
    }
}

TEST_CASE("x86-64: every sync mode shows SB+rlx's weak outcome", "[hardware][x86_64]") {
  // Fewer than two PUs: main() skips this whole [x86_64] group with status 77.
  REQUIRE(run::Topology::this_machine().pus().size() >= 2);
  for (Sync sync : {Sync::timebase, Sync::fenced, Sync::barrier, Sync::perpetual}) {
    std::uint64_t seen = 0;
    for (int chunk = 0; chunk < 60 && seen == 0; ++chunk) {
      Settings s;
      s.sync = sync;
      s.iterations = 1'000'000;
      seen += run_test("SB+rlx", s).witnesses;
    }
    INFO(name(sync));
    CHECK(seen > 0);
  }
}

TEST_CASE("x86-64: SB+rlx shows r0=r1=0 (the store buffer)", "[hardware][x86_64]") {
  // Fewer than two PUs: main() skips this whole [x86_64] group with status 77.
  REQUIRE(run::Topology::this_machine().pus().size() >= 2);
  // Seen within a few thousand iterations here; allow up to 60 chunks of 1M (about a minute).
  std::uint64_t seen = 0, tried = 0;
  for (int chunk = 0; chunk < 60 && seen == 0; ++chunk) {
    const auto t = run_test("SB+rlx", {.iterations = 1'000'000});
    seen += t.witnesses;
    tried += t.iterations;
  }
  INFO("iterations tried: " << tried);
  CHECK(seen > 0);
}
#endif

#if defined(HBSCOPE_ARCH_x86_64)
namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

TEST_CASE(
    "x86-64: under a simulated 19.2 MHz counter, MP's and SB's overlaps per second stay "
    "within 2x of the native counter's",
    "[hardware][x86_64]") {
  // An AArch64 generic timer ticks every 19-52 ns, coarser than MP's window; the schedule must
  // not depend on a fine counter. The two counters run in alternate rounds, so load on the
  // machine falls on both alike; the test compares the medians of five rounds each and
  // passes when one of three attempts is within 2x (a burst of load can still split a pair).
  REQUIRE(run::Topology::this_machine().pus().size() >= 2);
  for (const char* name : {"MP+rlx", "SB+rlx"}) {
    double ratio = 0;
    for (int attempt = 0; attempt < 3 && !(ratio >= 0.5 && ratio <= 2); ++attempt) {
      std::vector<double> native, coarse;
      for (int round = 0; round < 5; ++round) {
        for (const double hz : {0.0, 19.2e6}) {
          const auto t = run_test(name, {.iterations = 300'000, .counter_hz = hz});
          REQUIRE(t.overlap);
          REQUIRE(t.seconds > 0);
          (hz > 0 ? coarse : native).push_back(static_cast<double>(t.overlap->count) / t.seconds);
        }
      }
      ratio = median(coarse) / std::max(median(native), 1.0);
      WARN(name << ": coarse/native overlaps per second " << ratio << " (native median "
                << median(native) << "/s)");
    }
    INFO(name);
    CHECK(ratio >= 0.5);
    CHECK(ratio <= 2);
  }
}
#endif
