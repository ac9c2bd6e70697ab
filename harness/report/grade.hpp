// hbscope report: grading — the C++ verdicts set against what the machine did.
#pragma once

#include "core/outcome.hpp"
#include "report/results.hpp"
#include "run/engine.hpp"
#include "run/machine.hpp"

namespace hbscope::report {

//! Grades one test's run with the models (model/model.hpp): each observed outcome is `sc` when
//! SC allows it, else `weak` when RC11 allows it, else `weak-iso` when only ISO C++ does (a
//! load-buffering cycle: never a failure), else `forbidden`. Each row also carries every
//! model's verdict and reasons; the test carries the verdict of this architecture's hardware
//! model on its witness.
//! Under emulation (`emulated`), a forbidden outcome grades `emulator-fault`, not
//! `forbidden-seen`: qemu-user is known not to implement every ordering (it translates AArch64
//! stlr then ldar without a store-load barrier, so SB+sc shows its forbidden outcome on an x86
//! host). It is reported loudly, but it is not a hardware result and not a failure of the run.
//! `arch` selects the hardware model ("x86_64" -> x86-tso, "aarch64" -> armv8).
TestRecord grade(const Test& test, const OutcomeLayout& layout, const run::Result& result,
                 const run::Plan& plan, bool emulated = false,
                 const std::string& arch = run::compiled_arch());

//! The 95% upper bound on a rate never seen in n trials: 1 - 0.05^(1/n) (about 3/n).
double zero_count_upper_bound(std::uint64_t n);

//! Wilson score interval, 95%, for k successes in n trials.
struct Interval {
  double low = 0, high = 0;
};
Interval wilson_interval(std::uint64_t k, std::uint64_t n);

MachineRecord machine_record(const run::MachineInfo& m);

//! True when the run recorded an outcome C++ forbids.
bool any_forbidden(const RunRecord& r);

}  // namespace hbscope::report
