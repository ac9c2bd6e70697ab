// hbscope report: the console table (fits 80 columns) rendered from a RunRecord.
#pragma once

#include <string>

#include "report/results.hpp"

namespace hbscope::report {

//! Machine, build and settings: the lines above the first test.
std::string console_header(const RunRecord& r);
//! One test: placement, histogram with classes, the condition's observation and the grade.
std::string console_test(const TestRecord& t);
//! The closing table: one line per test, then totals.
std::string console_summary(const RunRecord& r);
//! Everything: header, each test, summary (what `hbscope run` prints and `report` re-prints).
std::string console_report(const RunRecord& r);

//! The loud line for a forbidden outcome, empty when the test saw none.
std::string forbidden_alarm(const TestRecord& t);

}  // namespace hbscope::report
