// hbscope report: one self-contained HTML page (inline SVG charts, a few lines of script, no
// network) for one or several results files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/compare.hpp"

namespace hbscope::report {

//! Each test's hb graph (what `explain --graph F.svg` draws), drawn by the caller, which knows
//! the catalogue.
struct HtmlGraphs {
  std::map<std::string, std::string> svg;  // test name -> <svg>...</svg>
  std::string missing;                     // why there are none (no Graphviz), said in the page
};

//! First the matrix (report::matrix) as a heat map: one row per test, one column per machine,
//! coloured by the witness rate on a log scale, marked when forbidden or never seen.
//! Then per test: a bar chart of the histogram (one bar per file per outcome, coloured by class,
//! log-scale toggle), the condition, each model's verdict per outcome, rates with intervals;
//! machines and settings at the top. The page sets body data-charts (charts drawn) and
//! data-errors (script errors) and data-overlaps (labels whose boxes intersect, listed in
//! data-overlap-list) when its script has run: what the browser test reads.
std::string html_report(const std::vector<Source>& sources, const HtmlGraphs& graphs = {});

}  // namespace hbscope::report
