// hbscope report: run one catalogue test on this machine and grade it — the step shared by
// `hbscope run`, `hbscope tune`, the hardware tests and the benchmarks.
#pragma once

#include "report/grade.hpp"
#include "run/registry.hpp"

namespace hbscope::report {

//! Plans placement (policy, or `cpus` when not empty), runs, grades.
TestRecord measure(const run::Entry& entry, const run::Settings& settings,
                   const run::Topology& topo, run::Policy policy = run::Policy::cores,
                   const std::vector<int>& cpus = {}, const run::Control& control = {});

}  // namespace hbscope::report
