// hbscope report: the results of a run as plain data, and its JSON file.
//
// Reporters (console table, litmus7 log) read only these structs, so `hbscope report FILE`
// re-renders a saved run exactly as `hbscope run` printed it. The schema is documented in
// results/README.md; bump kSchemaVersion on any incompatible change.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/machine.hpp"
#include "core/measurement.hpp"
#include "core/settings.hpp"
#include "core/vocabulary.hpp"

namespace hbscope::report {

inline constexpr int kSchemaVersion = 1;

//! One observed outcome, graded.
struct OutcomeRow {
  std::string outcome;  // herd's rendering: "0:r0=0; 1:r0=0;"
  std::uint64_t count = 0;
  bool satisfies = false;  // the proposition under the condition's quantifier holds
  OutcomeClass cls = OutcomeClass::sc;
  double rate_low = 0, rate_high = 0;  // Wilson 95% interval on count / iterations
  //! Which models allow this outcome, by model name ("sc", "rc11", "iso", "x86-tso", "armv8").
  std::map<std::string, bool> models;
  //! Why each model that forbids it does, in the model's words.
  std::map<std::string, std::string> reasons;
};

struct PlacementRecord {
  Plan plan;
  std::vector<int> observed;  // PU each thread last ran on (-1: unknown)
};

//! How often the threads really ran at the same time: the fraction of iterations whose outcome
//! is not serial (model::serial_outcomes), with its Wilson 95% interval. A "Never" over
//! iterations that hardly overlapped shows little.
struct Overlap {
  std::uint64_t count = 0;  // iterations whose outcome no serial order of the threads gives
  double rate = 0, low = 0, high = 1;
};

//! How a timebase schedule started the threads (absent for other modes and in older files).
struct Schedule {
  double offset_range_ns = 0;  // range of the start offsets, 0: every instance aligned
  double transfer_ns = 0;      // the cache-line transfer it was derived from, 0: not measured
  double counter_hz = 0;       // the counter the schedule read (lower when simulated coarse)
};

//! Where the learnt layout settled (absent in files written before it was learnt).
struct Learnt {
  double shuffled = 0;  // share of runs that visited their instances in a random order
  double stretch = 1;   // mean stretch of the period over the one the threads kept up with
  std::map<std::string, int> homes;  // location -> the thread whose cache it best started in
};

//! Below this overlap rate a test's "Never" is flagged as showing little.
inline constexpr double kLowOverlap = 0.001;

struct TestRecord {
  std::string name, family, hash, condition, why, declaration;
  Verdict rc11 = Verdict::allowed, iso = Verdict::allowed;  // C++ verdicts on the witness
  //! The hardware model of the architecture the run was compiled for ("x86-tso", "armv8", or
  //! empty), and its verdict on the witness for the instructions compiled.
  std::string hardware_model;
  std::optional<Verdict> witness_on_hardware;
  int threads = 0;
  PlacementRecord placement;
  std::uint64_t iterations = 0;
  double seconds = 0;
  bool partial = false;
  std::vector<OutcomeRow> histogram;
  std::uint64_t positive = 0, negative = 0;  // herd's Witnesses: satisfy / don't
  Observation observation = Observation::never;
  std::uint64_t witnesses = 0;  // iterations showing the test's witness
  Grade grade = Grade::ok;
  //! 95% upper bound on the witness rate when it was allowed and never seen; 0 otherwise.
  double witness_rate_bound = 0;
  //! When the witness first showed (0 when never): iterations done by the end of the run that
  //! showed it, and seconds then.
  std::uint64_t first_witness_iterations = 0;
  double first_witness_seconds = 0;
  //! timebase sync: the mean period used (the adaptive schedule may widen it); 0 otherwise.
  double period_ns = 0;
  //! Absent in files written before hbscope measured it, and in litmus7's own logs.
  std::optional<Overlap> overlap;
  std::optional<Schedule> schedule;
  std::optional<Learnt> learnt;
};

struct RunRecord {
  int schema = kSchemaVersion;
  std::string tool = "hbscope", version, git_sha, date, command, label;
  MachineInfo machine;
  struct Build {
    std::string compiler, flags, build_type;
  } build;
  Settings settings;
  bool partial = false;  // interrupted: some tests incomplete or not run
  std::vector<TestRecord> tests;
};

//! A results file that cannot be read: the message names the file and the problem.
struct ResultsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const RunRecord& r);
//! Throws ResultsError on a missing field, a wrong type, a count that is negative or does not
//! fit in 64 bits, a word outside a vocabulary, or an unknown schema version.
RunRecord from_json(const nlohmann::json& j);

//! `j` as a file's text: indented, and valid UTF-8 whatever bytes its strings hold (bytes
//! that are not UTF-8 are written as \\xNN).
std::string json_text(const nlohmann::json& j);
//! The results file's text for `r`.
std::string json_text(const RunRecord& r);
//! Throws ResultsError when the file is missing, not JSON, or not a results file.
RunRecord read_json_file(const std::string& path);

//! True when the record holds an outcome C++ forbids that was seen on hardware.
bool any_forbidden(const RunRecord& r);

}  // namespace hbscope::report
