// Model enumeration time: every candidate execution of every catalogue test, all five models.
//   build/tests/hbscope_model_bench
#include <benchmark/benchmark.h>

#include "model/model.hpp"
#include "run/registry.hpp"

using namespace hbscope;

static void whole_catalogue(benchmark::State& state) {
  std::vector<std::pair<const Test*, OutcomeLayout>> tests;
  for (const run::Entry& e : run::Registry::instance().all())
    tests.emplace_back(e.test, OutcomeLayout(*e.test, Condition::parse(e.test->condition)));
  std::size_t executions = 0;
  for (auto _ : state) {
    for (const auto& [test, layout] : tests) {
      const model::Analysis a = model::analyse(*test, layout);
      executions += a.executions;
      benchmark::DoNotOptimize(a.allowed);
    }
  }
  state.counters["tests"] = static_cast<double>(tests.size());
  state.counters["executions/s"] =
      benchmark::Counter(static_cast<double>(executions), benchmark::Counter::kIsRate);
}
BENCHMARK(whole_catalogue)->Unit(benchmark::kMillisecond);

// Four threads storing twice each to two locations (4! coherence orders per location, five
// sources per read): the case that needs pruning by coherence.
static void four_writers(benchmark::State& state) {
  using namespace hbscope::dsl;
  static constexpr Test t{.name = "4W",
                          .locs = {{"x", 0}, {"y", 0}},
                          .threads = {{st(x, 1, rlx), ld(r0, x, rlx), st(y, 1, rlx)},
                                      {st(x, 2, rlx), ld(r0, x, rlx), st(y, 2, rlx)},
                                      {st(y, 3, rlx), ld(r0, y, rlx), st(x, 3, rlx)},
                                      {st(y, 4, rlx), ld(r0, y, rlx), st(x, 4, rlx)}},
                          .condition = "exists (x=1 /\\ y=4)"};
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  for (auto _ : state) benchmark::DoNotOptimize(model::analyse(t, layout));
}
BENCHMARK(four_writers)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
