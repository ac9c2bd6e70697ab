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
//! Under emulation (`emulated`), a forbidden outcome grades `emulator-fault`, not
//! `forbidden-seen`: qemu-user is known not to implement every ordering (it translates AArch64
//! stlr then ldar without a store-load barrier, so SB+sc shows its forbidden outcome on an x86
//! host). It is reported loudly, but it is not a hardware result and not a failure of the run.
TestRecord grade(const Test& test, const OutcomeLayout& layout, const run::Result& result,
                 const run::Plan& plan, bool emulated = false);

//! The 95% upper bound on a rate never seen in n trials: 1 - 0.05^(1/n) (about 3/n).
double zero_count_upper_bound(std::uint64_t n);

MachineRecord machine_record(const run::MachineInfo& m);

//! True when the run recorded an outcome C++ forbids.
bool any_forbidden(const RunRecord& r);

}  // namespace hbscope::report
