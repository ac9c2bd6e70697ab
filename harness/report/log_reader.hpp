//! hbscope report: reading litmus7 logs — litmus7's own, and those `run --log` writes.
#pragma once

#include <string>

#include "report/results.hpp"

namespace hbscope::report {

//! Parses litmus7 log text: `Test X Allowed`, `Histogram (N states)`, count lines
//! (`96    *>0:EAX=0; 1:EAX=0;`, `1975326:>...`), `Condition ...`, `Hash=`, `Time X S`.
//! Throws ResultsError naming `name` and the line: no test block, a malformed count line, a
//! count that is negative or does not fit in 64 bits, a histogram cut short.
RunRecord parse_litmus_log(const std::string& text, const std::string& name);

}  // namespace hbscope::report
