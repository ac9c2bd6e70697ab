// The engine on this machine, with real threads: counts, stopping, strides, oversubscription.
// Asserts nothing about weak outcomes (the hardware tests do that where it is certain).
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "model/interleavings.hpp"
#include "model/model.hpp"
#include "run/registry.hpp"

using namespace hbscope;

namespace {
struct Fixture {
  const run::Entry& entry;
  const OutcomeLayout layout;
  const run::Topology topo = run::Topology::this_machine();
  explicit Fixture(const char* name)
      : entry(*run::Registry::instance().find(name)),
        layout(*entry.test, Condition::parse(entry.test->condition)) {}
  Measurement run(Settings s, Plan plan, run::Control c = {}) {
    run::Engine e(*entry.test, layout, model::serial_outcomes(*entry.test, layout), s, plan, topo,
                  c);
    return e.execute(entry.loops.data());
  }
  Plan plan(Policy p = Policy::cores) {
    return run::plan_placement(topo, p, entry.test->threads.size);
  }
};
}  // namespace

TEST_CASE("every iteration lands in the histogram exactly once", "[engine]") {
  Fixture f("SB+rlx");
  const Measurement r = f.run({.iterations = 12'345, .size = 1000, .stride = 7}, f.plan());
  CHECK(r.iterations == 12'345);
  CHECK(r.histogram.total() == 12'345);
  CHECK_FALSE(r.partial);
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(f.layout.format(o));
    for (std::size_t i = 0; i < o.size; ++i) CHECK((o.v[i] == 0 || o.v[i] == 1));
  }
}

TEST_CASE("locations are reset between runs: RMW results stay in range", "[engine]") {
  // If the engine failed to reset x to 0 for each instance, fetch_add would read 2, 4, ...
  Fixture f("RMW+fadd+rlx");
  const Measurement r = f.run({.iterations = 30'000, .size = 500}, f.plan());
  CHECK(r.histogram.total() == 30'000);
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(f.layout.format(o));
    CHECK(((o.v[0] == 0 && o.v[1] == 1) || (o.v[0] == 1 && o.v[1] == 0)));
  }
}

TEST_CASE("final location values are read after each instance", "[engine]") {
  Fixture f("2+2W+rlx");
  const Measurement r = f.run({.iterations = 5'000, .size = 100}, f.plan());
  CHECK(r.histogram.total() == 5'000);
  for (const auto& [o, n] : r.histogram.sorted()) {
    CHECK((o.v[0] == 1 || o.v[0] == 2));  // x: some thread's store is last
    CHECK((o.v[1] == 1 || o.v[1] == 2));
  }
}

TEST_CASE("time mode runs for the time asked", "[engine]") {
  Fixture f("MP+rlx");
  const Measurement r = f.run({.seconds = 0.3, .size = 1000}, f.plan());
  CHECK(r.seconds >= 0.3);
  CHECK(r.seconds < 5.0);
  CHECK(r.iterations > 0);
  CHECK(r.histogram.total() == r.iterations);
}

TEST_CASE("a stop request ends the run early and marks it partial", "[engine]") {
  Fixture f("SB+rlx");
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
  });
  const Measurement r = f.run({.seconds = 60, .size = 1000}, f.plan(), {&stop, nullptr});
  stopper.join();
  CHECK(r.partial);
  CHECK(r.seconds < 2.0);
  CHECK(r.histogram.total() == r.iterations);

  std::atomic<bool> already{true};
  const Measurement none = f.run({.iterations = 1000}, f.plan(), {&already, nullptr});
  CHECK(none.partial);
  CHECK(none.iterations == 0);
}

TEST_CASE("more threads than PUs: the run completes unpinned with yielding spins", "[engine]") {
  Fixture f("IRIW+rlx");
  Plan plan = f.plan(Policy::none);
  plan.oversubscribed = true;  // force the yielding path whatever this machine has
  const Measurement r = f.run({.iterations = 2'000, .size = 200}, plan);
  CHECK(r.histogram.total() == 2'000);
  CHECK(r.pus_seen.size() == 4);
}

TEST_CASE("progress is reported between runs", "[engine]") {
  Fixture f("MP+rlx");
  std::uint64_t last = 0;
  int calls = 0;
  run::Control c{nullptr, [&](std::uint64_t done, std::uint64_t target, double) {
                   CHECK(target == 20'000);
                   CHECK(done >= last);
                   last = done;
                   ++calls;
                 }};
  f.run({.iterations = 20'000, .size = 1000}, f.plan(), c);
  CHECK(calls >= 1);
  CHECK(last == 20'000);  // the final call always comes
}

TEST_CASE("pinned threads run where they were placed", "[engine]") {
  Fixture f("MP+rlx");
  const Plan plan = f.plan();
  if (!plan.pinned) return;  // a one-PU machine: nothing to check
  const Measurement r = f.run({.iterations = 1'000, .size = 100}, plan);
  CHECK(r.pus_seen == plan.pus);
  CHECK(r.bound == std::vector<bool>{true, true});
}

TEST_CASE("every sync mode counts every iteration once", "[engine]") {
  for (Sync sync : {Sync::timebase, Sync::fenced, Sync::barrier, Sync::perpetual}) {
    Fixture f("SB+rlx");
    Settings s{.iterations = 23'456, .size = 1000, .stride = 3, .sync = sync};
    for (bool preload : {false, true})
      for (bool same_line : {false, true}) {
        s.preload = preload;
        s.same_line = same_line;
        const Measurement r = f.run(s, f.plan());
        INFO(name(sync) << " preload " << preload << " same_line " << same_line);
        CHECK(r.iterations == 23'456);
        CHECK(r.histogram.total() == 23'456);
        for (const auto& [o, n] : r.histogram.sorted())
          for (std::size_t i = 0; i < o.size; ++i) CHECK((o.v[i] == 0 || o.v[i] == 1));
      }
  }
}

TEST_CASE("perpetual mode runs only the tests it reconstructs exactly", "[engine]") {
  auto problem = [](const char* name) {
    return run::perpetual_problem(*run::Registry::instance().find(name)->test);
  };
  for (const char* ok : {"MP+rlx", "MP+sc", "SB+rlx", "SB+fence.sc", "LB+rlx", "IRIW+rlx",
                         "WRC+rel+acq", "CoRR+rlx"}) {
    INFO(ok);
    CHECK(problem(ok).empty());
  }
  CHECK_THAT(problem("RMW+fadd+rlx"), Catch::Contains("read-modify-writes"));
  CHECK_THAT(problem("2+2W+rlx"), Catch::Contains("two writing threads"));
  CHECK_THAT(problem("S+rlx"), Catch::Contains("two writing threads"));
  Fixture f("2+2W+rlx");
  CHECK_THROWS_WITH(f.run({.iterations = 10, .sync = Sync::perpetual}, f.plan()),
                    Catch::Contains("perpetual mode cannot run 2+2W+rlx"));
}

TEST_CASE("perpetual mode maps iteration stamps back to the test's values", "[engine]") {
  // CoRR: P0 stores x=1; P1 loads x twice. Reconstructed values are 0 or 1 only, and a
  // coherence violation (1 then 0) can never appear, since the two loads read stamps in
  // coherence order.
  Fixture f("CoRR+rlx");
  const Measurement r = f.run({.iterations = 200'000, .sync = Sync::perpetual}, f.plan());
  CHECK(r.histogram.total() == 200'000);
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(f.layout.format(o));
    CHECK((o.v[0] == 0 || o.v[0] == 1));
    CHECK((o.v[1] == 0 || o.v[1] == 1));
    CHECK_FALSE((o.v[0] == 1 && o.v[1] == 0));
  }
}

TEST_CASE("the timebase counter ticks at a plausible rate", "[engine]") {
  CHECK(run::timebase_hz() > 1e6);
}

TEST_CASE("branches, plain accesses and untaken-branch registers run as declared", "[engine]") {
  // MP+na+rel+acq: P1 reads the plain data only when it saw the flag; otherwise r1 must read
  // back as 0 in every iteration (zeroed, never left over from an earlier run).
  for (Sync sync : {Sync::timebase, Sync::barrier}) {
    Fixture f("MP+na+rel+acq");
    const Measurement r = f.run({.iterations = 50'000, .size = 500, .sync = sync}, f.plan());
    CHECK(r.histogram.total() == 50'000);
    for (const auto& [o, n] : r.histogram.sorted()) {
      INFO(f.layout.format(o));
      CHECK((o.v[0] == 0 || o.v[0] == 1));
      if (o.v[0] == 0) CHECK(o.v[1] == 0);  // branch not taken: r1 stays 0
    }
  }
}

TEST_CASE("the timebase schedule widens when threads cannot keep up, unless fixed", "[engine]") {
  // A one-tick period is far below what any loop sustains: every thread falls behind, so the
  // adaptive schedule widens it (up to 8x); --fixed-period keeps it.
  Fixture f("SB+rlx");
  Settings s{.iterations = 200'000, .size = 1000, .sync = Sync::timebase};
  s.period_ns = 0.1;
  s.adaptive_period = false;
  const Measurement fixed = f.run(s, f.plan());
  s.adaptive_period = true;
  const Measurement adaptive = f.run(s, f.plan());
  CHECK(fixed.histogram.total() == 200'000);
  CHECK(adaptive.histogram.total() == 200'000);
  CHECK(fixed.mean_period_ns > 0);
  CHECK(adaptive.mean_period_ns > 2 * fixed.mean_period_ns);
}

namespace {
using namespace hbscope::dsl;
// The compiled forms of herd's register arithmetic: P0 stores r0 + 1 (a data dependency) and
// copies r0 + 10 into r1; P1 sums two reads in one expression. x starts at 5, so every run
// ends with y = 6 and P0's r1 = 15, whatever the interleaving; P1's r0 is 5 + 0 or 5 + 6.
constexpr Test kDataDeps{
    .name = "data-deps",
    .locs = {{"x", 5}, {"y", 0}},
    .threads = {{ld(r0, x, rlx),
                 Op{.kind = OpKind::store, .loc = 1, .value = 1, .order = rlx, .value_reg = 0},
                 Op{.kind = OpKind::assign, .reg = 1, .value = 10, .value_reg = 0}},
                {ld(r0, x, acq), Op{.kind = OpKind::load,
                                    .loc = 1,
                                    .reg = 0,
                                    .order = rlx,
                                    .accumulate = true,
                                    .unsequenced = true}}},
    .condition = "exists (y=6 /\\ 0:r1=15)"};
}  // namespace

// Runs a declaration outside the catalogue, compiled here: 20,000 iterations, every one tallied.
template <const Test& T>
Measurement run_compiled(const OutcomeLayout& layout) {
  REQUIRE(validate(T).empty());
  const run::Entry entry = run::make_entry<T>();
  const run::Topology topo = run::Topology::this_machine();
  run::Engine e(T, layout, model::serial_outcomes(T, layout), {.iterations = 20'000, .size = 500},
                run::plan_placement(topo, Policy::cores, T.threads.size), topo, {});
  Measurement r = e.execute(entry.loops.data());
  CHECK(r.histogram.total() == 20'000);
  return r;
}

TEST_CASE("compiled register arithmetic: stores of registers, copies and sums", "[engine]") {
  const OutcomeLayout layout(kDataDeps, Condition::parse(kDataDeps.condition));
  const Measurement r = run_compiled<kDataDeps>(layout);
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(layout.format(o));
    CHECK(layout.satisfies(o));            // y = 6 and r1 = 15, always
    CHECK((o.v[2] == 5 || o.v[2] == 11));  // P1's r0: x is always 5
  }
  std::set<std::int32_t> sums;  // the interleavings agree: 5 or 11
  for (const Outcome& o : model::interleaving_outcomes(kDataDeps, layout)) sums.insert(o.v[2]);
  CHECK(sums == std::set<std::int32_t>{5, 11});
}

namespace {
// Compiled fetch-and-ops and a weak compare-exchange, on locations no other thread touches, so
// every run ends the same: x = ((6 & 3) | 8) ^ 5 = 15.
constexpr Test kFetchOps{
    .name = "fetch-ops",
    .locs = {{"x", 6}, {"y", 0}, {"e", 0}},
    .threads =
        {{Op{.kind = OpKind::fetch_add, .loc = 0, .reg = 0, .value = 3, .fetch = Fetch::and_},
          Op{.kind = OpKind::fetch_add, .loc = 0, .reg = 1, .value = 8, .fetch = Fetch::or_},
          Op{.kind = OpKind::fetch_add, .loc = 0, .reg = 2, .value = 5, .fetch = Fetch::xor_}},
         {Op{.kind = OpKind::cas,
             .loc = 1,
             .reg = 0,
             .value = 1,
             .expected_loc = 2,
             .weak = true}}},
    .condition = "exists (0:r0=6 /\\ 0:r1=2 /\\ 0:r2=10 /\\ x=15)"};
}  // namespace

TEST_CASE("compiled fetch_and, fetch_or, fetch_xor and a weak compare-exchange", "[engine]") {
  const OutcomeLayout layout(kFetchOps, Condition::parse(kFetchOps.condition));
  const Measurement r = run_compiled<kFetchOps>(layout);
  std::uint64_t spurious = 0;
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(layout.format(o));
    CHECK(layout.satisfies(o));
    if (o.v[3] == 0) spurious += n;  // P1's weak CAS failed although y == e == 0
  }
#if defined(__x86_64__)
  CHECK(spurious == 0);  // lock cmpxchg never fails spuriously
#endif
  // C++ allows the spurious failure, so the models and the enumerator list it.
  const model::Analysis a = model::analyse(kFetchOps, layout);
  CHECK(a.allowed[static_cast<std::size_t>(model::Model::sc)].size() == 2);
  CHECK(a.allowed[static_cast<std::size_t>(model::Model::x86_tso)].size() == 1);
  CHECK(model::interleaving_outcomes(kFetchOps, layout).size() == 2);
}

TEST_CASE("a simulated coarse counter keeps its rate near the one asked", "[engine]") {
  const run::Counter c = run::Counter::simulating(19.2e6);
  CHECK(c.hz() > 19.2e6 / 1.5);
  CHECK(c.hz() < 19.2e6 * 1.5);
  CHECK(run::Counter::simulating(0).shift == 0);
  CHECK(run::delay_loops_per_ns() > 0);
}

TEST_CASE("timebase offsets: the range is recorded, derived per test or as given", "[engine]") {
  Fixture f("MP+rlx");
  Settings s{.iterations = 40'000, .size = 1000};
  SECTION("default: aligned") { CHECK(f.run(s, f.plan()).offset_range_ns == 0); }
  SECTION("auto") {
    s.offset_ns = -1;
    const Measurement r = f.run(s, f.plan());
    CHECK(r.histogram.total() == 40'000);
    CHECK(r.offset_range_ns >= 64);
    CHECK(r.offset_range_ns <= 1000);
    CHECK(r.counter_hz > 0);
  }
  SECTION("fixed") {
    s.offset_ns = 300;
    CHECK(f.run(s, f.plan()).offset_range_ns == 300);
  }
}

TEST_CASE("under a simulated 19.2 MHz counter the schedule runs to completion", "[engine]") {
  // MP+rlx's witness is forbidden on x86-TSO, and every outcome is one of the four herd allows
  // under SC or interleavings; what is certain here is that the run completes, counts every
  // iteration once, applies its offsets and records the coarse counter.
  Fixture f("MP+rlx");
  const Measurement r =
      f.run({.iterations = 50'000, .size = 1000, .offset_ns = -1, .counter_hz = 19.2e6}, f.plan());
  CHECK(r.iterations == 50'000);
  CHECK(r.histogram.total() == 50'000);
  CHECK(r.counter_hz < 40e6);
  CHECK(r.offset_range_ns >= 64);
  for (const auto& [o, n] : r.histogram.sorted()) {
    INFO(f.layout.format(o));
    for (std::size_t i = 0; i < o.size; ++i) CHECK((o.v[i] == 0 || o.v[i] == 1));
#if defined(__x86_64__)
    CHECK_FALSE(f.layout.is_witness(o));  // x86-TSO forbids it: a certainty on this machine
#endif
  }
}
