// The results store at fleet scale: 1,000 runs (the recorded 32-test EPYC run, relabelled as
// 30 machines over 1,000 days and two architectures) ingested into one STORE.db, then queried
// back and lined up by report::compare.
//   build/tests/hbscope_store_bench
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>

#include "report/compare.hpp"
#include "store/store.hpp"
#include "support/output.hpp"

using namespace hbscope;
namespace fs = std::filesystem;

namespace {

constexpr int kRuns = 1000;

// The generated results files and the store they go into, made once for every benchmark.
struct Fleet {
  fs::path dir, db;
  std::vector<std::string> files;
  Fleet() {
    std::string t = (fs::temp_directory_path() / "hbscope-store-bench-XXXXXX").string();
    dir = ::mkdtemp(t.data());
    db = dir / "fleet.db";
    const report::RunRecord base = report::read_json_file(
        std::string(HBSCOPE_SOURCE_DIR) + "/results/x86_64-amd-epyc-kvm-2026-11-26.json");
    for (int i = 0; i < kRuns; ++i) {
      report::RunRecord r = base;
      r.label = "machine-" + std::to_string(i % 30);
      r.machine.arch = i % 30 < 10 ? "aarch64" : "x86_64";
      const int day = i % 28 + 1, month = i / 28 % 12 + 1, year = 2026 + i / (28 * 12);
      char date[32];
      std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:00:00Z", year, month, day, i % 24);
      r.date = date;
      files.push_back((dir / ("run-" + std::to_string(i) + ".json")).string());
      support::write_output(files.back(), report::json_text(r));
    }
  }
  ~Fleet() { fs::remove_all(dir); }
};

Fleet& fleet() {
  static Fleet f;
  return f;
}

void ingest(benchmark::State& state) {
  Fleet& f = fleet();
  for (auto _ : state) {
    fs::remove(f.db);
    store::Store s(f.db.string());
    benchmark::DoNotOptimize(s.add(f.files));
  }
  state.counters["runs"] = kRuns;
  state.counters["MB"] = static_cast<double>(fs::file_size(f.db)) / 1e6;
}
BENCHMARK(ingest)->Unit(benchmark::kMillisecond)->Iterations(1);

// A query and the comparison over what it returns: `hbscope compare 'fleet.db?QUERY'` without
// the printing.
void query_and_compare(benchmark::State& state, const std::string& query) {
  Fleet& f = fleet();
  if (!fs::exists(f.db)) store::Store(f.db.string()).add(f.files);
  std::size_t runs = 0;
  for (auto _ : state) {
    const std::vector<report::Source> sources = store::read_sources(f.db.string() + "?" + query);
    runs = sources.size();
    benchmark::DoNotOptimize(report::compare(sources));
  }
  state.counters["runs"] = static_cast<double>(runs);
}
BENCHMARK_CAPTURE(query_and_compare, all_1000_runs_MP_SB, std::string("test=[MS][PB]+*"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(query_and_compare, all_1000_runs_all_tests, std::string(""))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(query_and_compare, aarch64_2026_SB_rlx,
                  std::string("arch=aarch64&since=2026-01-01&until=2026&test=SB+rlx"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
