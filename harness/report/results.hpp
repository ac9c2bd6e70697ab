// hbscope report: the results of a run as plain data, and its JSON file.
//
// Reporters (console table, litmus7 log) read only these structs, so `hbscope report FILE`
// re-renders a saved run exactly as `hbscope run` printed it. The schema is documented in
// results/README.md; bump kSchemaVersion on any incompatible change.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hbscope::report {

inline constexpr int kSchemaVersion = 1;

//! Classes of an observed outcome.
//!   sc        an interleaving of the threads explains it
//!   weak      not SC, allowed by C++ (RC11): a happens-before failure shown on this machine
//!   weak-iso  not SC, allowed by ISO C++ but forbidden by RC11 (no-thin-air): not a failure
//!   forbidden C++ forbids it: a compiler, CPU, emulator or harness bug
struct OutcomeRow {
  std::string outcome;  // herd's rendering: "0:r0=0; 1:r0=0;"
  std::uint64_t count = 0;
  bool satisfies = false;  // the proposition under the condition's quantifier holds
  std::string cls;         // sc | weak | weak-iso | forbidden
  double rate_low = 0, rate_high = 0;  // Wilson 95% interval on count / iterations
  //! Which models allow this outcome: "sc", "rc11", "iso", "x86-tso", "armv8".
  std::map<std::string, bool> models;
  //! Why each model that forbids it does, in the model's words.
  std::map<std::string, std::string> reasons;
};

struct PlacementRecord {
  std::string policy;
  bool pinned = false;
  bool oversubscribed = false;
  std::vector<int> planned;   // OS PU index per thread (empty: unpinned)
  std::vector<int> observed;  // PU each thread last ran on (-1: unknown)
  std::string warning;
};

struct TestRecord {
  std::string name, family, hash, condition, why, declaration;
  std::string rc11, iso;  // C++ verdict on the witness: "allowed" | "forbidden" (computed)
  //! The hardware model of the architecture the run was compiled for ("x86-tso", "armv8", or
  //! empty), and its verdict on the witness for the instructions compiled.
  std::string hardware_model, witness_on_hardware;
  int threads = 0;
  PlacementRecord placement;
  std::uint64_t iterations = 0;
  double seconds = 0;
  bool partial = false;
  std::vector<OutcomeRow> histogram;
  std::uint64_t positive = 0, negative = 0;  // herd's Witnesses: satisfy / don't
  std::string observation;                   // Never | Sometimes | Always
  std::uint64_t witnesses = 0;               // iterations showing the test's witness
  //! ok | weak-seen | weak-not-seen | forbidden-seen
  std::string grade;
  //! 95% upper bound on the witness rate when it was allowed and never seen; 0 otherwise.
  double witness_rate_bound = 0;
  //! When the witness first showed (0 when never): iterations done by the end of the run that
  //! showed it, and seconds then.
  std::uint64_t first_witness_iterations = 0;
  double first_witness_seconds = 0;
  //! timebase sync: the mean period used (the adaptive schedule may widen it); 0 otherwise.
  double period_ns = 0;
};

struct MachineRecord {
  std::string arch, binary_arch, cpu_vendor, cpu_model, topology, kernel, hostname, hypervisor;
  int packages = 0, cores = 0, pus = 0, usable_pus = 0;
  struct Cache {
    int level = 0;
    std::string type;
    unsigned long long size = 0;
    int count = 0;
  };
  std::vector<Cache> caches;
  bool emulated = false;
  std::string emulation;
};

struct RunRecord {
  int schema = kSchemaVersion;
  std::string tool = "hbscope", version, git_sha, date, command, label;
  MachineRecord machine;
  struct Build {
    std::string compiler, flags, build_type;
  } build;
  struct Settings {
    std::uint64_t iterations = 0;
    double seconds = 0;
    std::uint32_t size = 0, stride = 0;
    std::string placement, cpus, sync;
    bool preload = false, same_line = false;
    double period_ns = 0;
    bool adaptive_period = false;
  } settings;
  bool partial = false;  // interrupted: some tests incomplete or not run
  std::vector<TestRecord> tests;
};

//! A results file that cannot be read: the message names the file and the problem.
struct ResultsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const RunRecord& r);
//! Throws ResultsError on a missing field, a wrong type or an unknown schema version.
RunRecord from_json(const nlohmann::json& j);

//! Writes to PATH.tmp, then renames over PATH, so a reader never sees half a file.
void write_json_file(const RunRecord& r, const std::string& path);
//! Throws ResultsError when the file is missing, not JSON, or not a results file.
RunRecord read_json_file(const std::string& path);

}  // namespace hbscope::report
