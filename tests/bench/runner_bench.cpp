// Iterations per second and weak outcomes per second of the default engine, for SB and MP
// relaxed, plus TSO-forbidden controls whose weak counter must stay 0 on x86-64.
//
//   build/tests/hbscope_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "report/grade.hpp"
#include "run/registry.hpp"

using namespace hbscope;

namespace {
void run_litmus(benchmark::State& state, const char* name) {
  const run::Entry& e = *run::Registry::instance().find(name);
  const OutcomeLayout layout(*e.test, Condition::parse(e.test->condition));
  const run::Topology topo = run::Topology::this_machine();
  const run::Plan plan = run::plan_placement(topo, run::Policy::cores, e.test->threads.size);
  const run::Settings settings{.iterations = static_cast<std::uint64_t>(state.range(0))};
  std::uint64_t iterations = 0, weak = 0;
  for (auto _ : state) {
    run::Engine engine(*e.test, layout, settings, plan, topo, {});
    const run::Result r = engine.execute(e.loops.data());
    const report::TestRecord t = report::grade(*e.test, layout, r, plan);
    iterations += t.iterations;
    weak += t.witnesses;
  }
  state.counters["it/s"] = benchmark::Counter(static_cast<double>(iterations),
                                              benchmark::Counter::kIsRate);
  state.counters["weak/s"] = benchmark::Counter(static_cast<double>(weak),
                                                benchmark::Counter::kIsRate);
  state.counters["weak/1M"] =
      benchmark::Counter(iterations ? 1e6 * static_cast<double>(weak) / iterations : 0);
}
}  // namespace

BENCHMARK_CAPTURE(run_litmus, SB_rlx, "SB+rlx")->Arg(1'000'000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_litmus, MP_rlx, "MP+rlx")->Arg(1'000'000)->UseRealTime()->Unit(benchmark::kMillisecond);
// Controls: x86-TSO forbids these weak outcomes; weak/s must read 0 here.
BENCHMARK_CAPTURE(run_litmus, SB_sc, "SB+sc")->Arg(1'000'000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_litmus, MP_rel_acq, "MP+rel+acq")->Arg(1'000'000)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
