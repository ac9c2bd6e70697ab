//! hbscope campaign: a session — tests measured one after another on this machine, each
//! graded as it finishes, into one self-describing record.
//!
//! The one place where run/ (measuring) meets report/ (grading): `hbscope run`, `tune`,
//! `explain --run`, the hardware tests and the benchmarks all measure through here.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "report/results.hpp"
#include "run/engine.hpp"
#include "run/registry.hpp"
#include "run/topology.hpp"

namespace hbscope::campaign {

//! A record with this build, this machine and `settings` filled in, no tests yet, marked
//! partial until a session completes it.
report::RunRecord new_record(const Settings& settings, const run::Topology& topo,
                             const std::string& command, const std::string& label);

//! Measures one compiled test with `settings` and grades it with the models.
report::TestRecord measure_and_grade(const run::Entry& entry, const Settings& settings,
                                     const run::Topology& topo, const run::Control& control = {});

//! What a session reports while it runs.
struct Observer {
  //! Between runs of one test: the test, iterations done, target (0 in time mode), seconds.
  std::function<void(const Test&, std::uint64_t, std::uint64_t, double)> progress;
  //! After each test, with the record so far (the test just measured is its last): print it,
  //! save it, so nothing measured is lost if the session stops later.
  std::function<void(const report::RunRecord&)> measured;
};

//! Runs `tests` in order into `record`, stopping early when `stop` is raised (a signal, a
//! time limit). Leaves `record.partial` true when stopped or when any test is partial.
void run_session(report::RunRecord& record, const std::vector<const run::Entry*>& tests,
                 const run::Topology& topo, const std::atomic<bool>& stop,
                 const Observer& observer = {});

}  // namespace hbscope::campaign
