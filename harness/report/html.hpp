// hbscope report: one self-contained HTML page (inline SVG charts, a few lines of script, no
// network) for one or several results files.
#pragma once

#include <string>
#include <vector>

#include "report/compare.hpp"

namespace hbscope::report {

//! Per test: a bar chart of the histogram (one bar per file per outcome, coloured by class,
//! log-scale toggle), the condition, each model's verdict per outcome, rates with intervals;
//! machines and settings at the top. The page sets body data-charts (charts drawn) and
//! data-errors (script errors) when its script has run: what the browser test reads.
std::string html_report(const std::vector<Source>& sources);

}  // namespace hbscope::report
