//! hbscope report: reading litmus7 logs — litmus7's own, and those `run --log` writes.
#pragma once

#include <string>

#include "report/results.hpp"

namespace hbscope::report {

//! Parses litmus7 log text: `Test X Allowed`, `Histogram (N states)`, count lines
//! (`96    *>0:EAX=0; 1:EAX=0;`, `1975326:>...`), `Condition ...`, `Hash=`, `Time X S`.
//! Logs as people publish them are read too: quoted in a mail or a patch (every line starting
//! `> +` or `> `, stripped when the whole log carries it), indented, with prose and `...` cuts
//! between runs, or cut after the histogram (no Observation line: the counts come from the
//! histogram, and the condition from its one line marked `*>`).
//! Throws ResultsError naming `name` and the line: no test block, a malformed count line, a
//! count that is negative or does not fit in 64 bits, a histogram cut short, a test with
//! neither a Condition line nor a marked line (its witness is unknown).
RunRecord parse_litmus_log(const std::string& text, const std::string& name);

}  // namespace hbscope::report
