// Model enumeration time: every candidate execution of every catalogue test, all five models.
//   build/tests/hbscope_model_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "../four_writers.hpp"
#include "herd/litmus_file.hpp"
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
  const Test& t = hbscope::testing::kFourWriters;
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  for (auto _ : state) benchmark::DoNotOptimize(model::analyse(t, layout));
}
BENCHMARK(four_writers)->Unit(benchmark::kMillisecond);

// herd7's C corpus (tests/data/herd-c): every file the parser reads,
// both fig6 tests included (herd7 takes about 86 s on each).
static void herd_corpus(benchmark::State& state) {
  const std::string dir = std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/herd-c";
  std::vector<std::unique_ptr<herd::LitmusFile>> files;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      if (e.path().extension() == ".litmus") try {
          files.push_back(herd::read_litmus(e.path().string()));
        } catch (const herd::ParseError&) {
        }
  if (files.empty()) {
    state.SkipWithError("no corpus beside the project");
    return;
  }
  for (auto _ : state)
    for (const auto& f : files) {
      const OutcomeLayout layout(f->test, Condition::parse(f->test.condition));
      benchmark::DoNotOptimize(model::analyse(f->test, layout));
    }
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(herd_corpus)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
