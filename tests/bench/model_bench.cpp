// Model enumeration time: every candidate execution of every catalogue test, all six models.
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

// Every file below dir that the parser reads, modelled once per iteration; an error when none.
static void model_folder(benchmark::State& state, const std::string& dir) {
  std::vector<std::unique_ptr<herd::LitmusFile>> files;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      if (e.path().extension() == ".litmus") try {
          files.push_back(herd::read_litmus(e.path().string()));
        } catch (const herd::ParseError&) {
        }
  if (files.empty()) {
    state.SkipWithError(("no litmus files in " + dir).c_str());
    return;
  }
  for (auto _ : state)
    for (const auto& f : files) {
      const OutcomeLayout layout(f->test, Condition::parse(f->test.condition));
      benchmark::DoNotOptimize(model::analyse(f->test, layout));
    }
  state.counters["files"] = static_cast<double>(files.size());
}

// herd7's C corpus (tests/data/herd-c): every file the parser reads,
// both fig6 tests included (herd7 takes about 86 s on each).
static void herd_corpus(benchmark::State& state) {
  model_folder(state, std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/herd-c");
}
BENCHMARK(herd_corpus)->Unit(benchmark::kMillisecond);

// Many writes to one location (2 threads x 5, 3 x 3, 4 x 2, and a read in each thread): the
// coherence orders are pruned to each thread's program order and the reads' sources to what
// coherence within their thread allows, so each answers in about a second or less.
static void many_writes(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0)), writes = static_cast<int>(state.range(1));
  std::string text = "C many-writes\n{}\n";
  for (int t = 0; t < threads; ++t) {
    text += "P" + std::to_string(t) + " (atomic_int* x) {\n";
    for (int w = 0; w < writes; ++w)
      text += "  atomic_store_explicit(x, " + std::to_string(t * writes + w + 1) +
              ", memory_order_relaxed);\n";
    text += "  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n}\n";
  }
  text += "exists ([x]=1)\n";
  const auto file = herd::parse_litmus(text, "many-writes.litmus");
  const OutcomeLayout layout(file->test, Condition::parse(file->test.condition));
  for (auto _ : state) benchmark::DoNotOptimize(model::analyse(file->test, layout));
}
BENCHMARK(many_writes)->Args({2, 5})->Args({3, 3})->Args({4, 2})->Unit(benchmark::kMillisecond);

// The diycross7 C family (tests/data/families/c11, 596 files): herd7 takes 4.2 s (rc11.cat)
// and 5.8 s (c11_partialSC.cat) on it, one process per family.
static void c11_family(benchmark::State& state) {
  model_folder(state, std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/families/c11");
}
BENCHMARK(c11_family)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
