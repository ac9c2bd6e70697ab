// hbscope report: grading — the C++ verdicts set against what the machine did.
#pragma once

#include "core/outcome.hpp"
#include "report/results.hpp"
#include "run/engine.hpp"
#include "run/machine.hpp"

namespace hbscope::report {

//! Grades one test's run. For each observed outcome: `sc` when an interleaving produces it;
//! otherwise, the test's witness (the condition's outcome) takes the hand-written C++ verdict
//! (`weak`, `weak-iso`, or `forbidden`); any other non-SC outcome is `forbidden` — every
//! catalogue test is declared so that its witness is its only non-SC outcome C++ may allow.
TestRecord grade(const Test& test, const OutcomeLayout& layout, const run::Result& result,
                 const run::Plan& plan);

//! The 95% upper bound on a rate never seen in n trials: 1 - 0.05^(1/n) (about 3/n).
double zero_count_upper_bound(std::uint64_t n);

MachineRecord machine_record(const run::MachineInfo& m);

//! True when the run recorded an outcome C++ forbids.
bool any_forbidden(const RunRecord& r);

}  // namespace hbscope::report
