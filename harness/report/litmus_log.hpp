// hbscope report: results as a litmus7 log, readable by herdtools' mcompare7.
#pragma once

#include <string>

#include "report/results.hpp"

namespace hbscope::report {

//! One block per test in litmus7's layout: "Test X Allowed", "Histogram (N states)", state lines
//! with counts and '*' for those satisfying the condition, Ok/No, Witnesses, Positive/Negative,
//! "Condition ... is [NOT] validated", Hash, Observation, Time. The Hash is hbscope's
//! declaration hash, not herd's digest of a .litmus file.
std::string litmus_log(const RunRecord& r);

}  // namespace hbscope::report
