// Detection rate: iterations/s and weak outcomes/s of every synchronisation mode, for SB and MP
// relaxed, plus controls whose weak outcome x86-TSO forbids (their weak/s must read 0; on
// x86-64 a control that shows one fails with an error). Every case also reports its overlap:
// iterations whose outcome no serial order of the threads gives (for MP+rlx on x86, the
// interleaved `1:r0=0; 1:r1=1`), per 1M and per second. The timebase schedule runs three more
// ways: `offsets` (learnt per-block start offsets, --offsets auto), `strided` and `shuffle`
// (one visit order throughout instead of the learnt choice, --visit) and `coarse` (a simulated
// 19.2 MHz counter, as on AArch64 boards).
//
// Run the modes interleaved, several times, and read medians with min and max:
//   build/tests/hbscope_bench --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true
//                             --benchmark_report_aggregates_only=true
// The VM this project measures on is noisy (+-3x): compare modes within one invocation.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "campaign/session.hpp"

using namespace hbscope;

namespace {
void run_litmus(benchmark::State& state, const char* name, Settings settings, bool control) {
  const run::Entry& e = *run::Registry::instance().find(name);
  const run::Topology topo = run::Topology::this_machine();
  settings.iterations = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t iterations = 0, weak = 0, overlap = 0;
  double seconds = 0;
  for (auto _ : state) {
    const report::TestRecord t = campaign::measure_and_grade(e, settings, topo);
    state.SetIterationTime(t.seconds);
    iterations += t.iterations;
    weak += t.witnesses;
    overlap += t.overlap ? t.overlap->count : 0;
    seconds += t.seconds;
    if (t.grade == Grade::forbidden_seen) state.SkipWithError("a C++-forbidden outcome was seen");
  }
#if defined(__x86_64__)
  if (control && weak > 0)
    state.SkipWithError("x86-TSO forbids this weak outcome, yet it was seen");
#else
  (void)control;
#endif
  state.counters["it/s"] = benchmark::Counter(static_cast<double>(iterations) / seconds);
  state.counters["weak/s"] = benchmark::Counter(static_cast<double>(weak) / seconds);
  state.counters["weak/1M"] =
      benchmark::Counter(iterations ? 1e6 * static_cast<double>(weak) / iterations : 0);
  state.counters["overlap/s"] = benchmark::Counter(static_cast<double>(overlap) / seconds);
  state.counters["overlap/1M"] =
      benchmark::Counter(iterations ? 1e6 * static_cast<double>(overlap) / iterations : 0);
}

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

void register_all() {
  struct Mode {
    const char* name;
    Settings settings;  // the defaults, but for these
  };
  const Mode modes[] = {{"timebase", {.sync = Sync::timebase}},
                        {"timebase-offsets", {.sync = Sync::timebase, .offset_ns = -1}},
                        {"timebase-strided", {.sync = Sync::timebase, .visit = Visit::strided}},
                        {"timebase-shuffle", {.sync = Sync::timebase, .visit = Visit::shuffled}},
                        {"timebase-coarse", {.sync = Sync::timebase, .counter_hz = 19.2e6}},
                        {"fenced", {.sync = Sync::fenced}},
                        {"barrier", {.sync = Sync::barrier}},
                        {"perpetual", {.sync = Sync::perpetual}}};
  struct Case {
    const char* test;
    bool control;
  };
  const Case cases[] = {{"SB+rlx", false}, {"MP+rlx", true}, {"MP+rel+acq", true},
                        {"MP+sc", true},   {"SB+sc", true},  {"SB+fence.sc", true},
                        {"CoRR+rlx", true}};
  for (const Case& c : cases)
    for (const Mode& m : modes) {
      if (m.settings.sync == Sync::perpetual &&
          !run::perpetual_problem(*run::Registry::instance().find(c.test)->test).empty())
        continue;
      const std::string label = std::string(c.test) + "/" + m.name;
      benchmark::RegisterBenchmark(label.c_str(), run_litmus, c.test, m.settings, c.control)
          ->Arg(2'000'000)
          ->UseManualTime()
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond)
          ->ComputeStatistics("min", min_of)
          ->ComputeStatistics("max", max_of);
    }
}
}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
