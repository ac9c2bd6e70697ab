// Shared fixtures for the report tests: a fixed RunRecord, as a real run would produce.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "report/grade.hpp"
#include "run/registry.hpp"

namespace hbscope::testing {

//! A fresh folder for one test case, removed at the end.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    std::string t = (std::filesystem::temp_directory_path() / "hbscope-test-XXXXXX").string();
    dir = ::mkdtemp(t.data());
  }
  ~Scratch() { std::filesystem::remove_all(dir); }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                  std::filesystem::directory_iterator()));
  }
};

inline Outcome outcome(std::initializer_list<std::int32_t> v) {
  Outcome o;
  for (auto x : v) o.v[o.size++] = x;
  return o;
}

//! Grades a made-up histogram of a catalogue test.
inline report::TestRecord graded(const char* name,
                                 std::initializer_list<std::pair<Outcome, std::uint64_t>> counts,
                                 double seconds = 0.25) {
  const Test& test = *run::Registry::instance().find(name)->test;
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  Measurement r;
  for (const auto& [o, n] : counts) {
    r.histogram.add(o, n);
    r.iterations += n;
  }
  r.seconds = seconds;
  r.first_witness_iterations = 10'000;  // as if the first run showed it
  r.first_witness_seconds = 0.0025;
  r.pus_seen = {0, 1};
  r.bound = {true, true};
  r.plan = Plan{Policy::cores, {0, 1}, true, false, ""};
  return report::grade(test, layout, r, false, "x86_64");  // golden files: fixed arch
}

inline report::RunRecord sample_run() {
  report::RunRecord r;
  r.version = "0.1.0";
  r.git_sha = "0123456789ab";
  r.date = "2026-11-26T00:00:00Z";
  r.command = "hbscope run MP+rel+acq SB+rlx LB+rlx";
  r.label = "test-box";
  r.machine.arch = "x86_64";
  r.machine.binary_arch = "x86_64";
  r.machine.cpu_vendor = "AuthenticAMD";
  r.machine.cpu_model = "AMD EPYC";
  r.machine.packages = 1;
  r.machine.cores = 2;
  r.machine.pus = 2;
  r.machine.usable_pus = 2;
  r.machine.caches = {{1, "data", 32768, 2}, {3, "unified", 33554432, 1}};
  r.machine.topology = "1 package, 2 cores, 2 PUs; L1d 32KiB x2, L3 32MiB x1";
  r.machine.kernel = "Linux 6.1";
  r.machine.hostname = "box";
  r.machine.hypervisor = "KVM";
  r.build = {"g++ 12.2.0", "-O3 -DNDEBUG -std=c++20", "Release"};
  r.settings.iterations = 1000000;
  r.settings.size = 10000;
  r.settings.stride = 1;
  r.settings.placement = Policy::cores;
  r.settings.sync = Sync::timebase;
  r.settings.period_ns = 30;
  r.tests.push_back(
      graded("MP+rel+acq",
             {{outcome({0, 0}), 499000}, {outcome({0, 1}), 2000}, {outcome({1, 1}), 499000}}));
  r.tests.push_back(graded("SB+rlx", {{outcome({0, 0}), 631},
                                      {outcome({0, 1}), 499605},
                                      {outcome({1, 0}), 499761},
                                      {outcome({1, 1}), 3}}));
  r.tests.push_back(graded("LB+rlx", {{outcome({0, 0}), 999000}, {outcome({0, 1}), 1000}}));
  return r;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

//! Compares `actual` with a golden file. HBSCOPE_UPDATE_GOLDEN=1 rewrites the file and still
//! fails, so an update is always a deliberate second run, never a silent pass.
inline bool matches_golden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(HBSCOPE_SOURCE_DIR) + "/tests/golden/" + name;
  if (const char* update = std::getenv("HBSCOPE_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path) << actual;
    FAIL_CHECK("golden file " << path
                              << " rewritten: review the diff, then run without "
                                 "HBSCOPE_UPDATE_GOLDEN");
    return false;
  }
  const std::string expected = read_file(path);
  if (expected.empty()) FAIL_CHECK("golden file " << path << " is missing or empty");
  return expected == actual;
}

}  // namespace hbscope::testing
