//! hbscope report: grading — the models' verdicts set against what the machine did.
#pragma once

#include "core/measurement.hpp"
#include "core/outcome.hpp"
#include "report/results.hpp"

namespace hbscope::report {

//! Grades one test's measurement with the models (model/model.hpp): each observed outcome is
//! `sc` when SC allows it, else `weak` when RC11 allows it, else `weak-iso` when only ISO C++
//! does (a load-buffering cycle: never a failure), else `forbidden`. Each row also carries
//! every model's verdict and reasons; the test carries the verdict of the hardware model of
//! `arch` ("x86_64" -> x86-tso, "aarch64" -> armv8) on its witness.
//! Under emulation (`emulated`), a forbidden outcome grades `emulator-fault`, not
//! `forbidden-seen`: qemu-user is known not to implement every ordering (it translates AArch64
//! stlr then ldar without a store-load barrier, so SB+sc shows its forbidden outcome on an x86
//! host). It is reported loudly, but it is not a hardware result and not a failure of the run.
TestRecord grade(const Test& test, const OutcomeLayout& layout, const Measurement& measured,
                 bool emulated, const std::string& arch);

}  // namespace hbscope::report
