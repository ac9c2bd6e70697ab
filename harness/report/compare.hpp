// hbscope report: histograms of several runs side by side (several machines, or one machine
// with different settings), with intervals and a test of whether rates differ.
#pragma once

#include <string>
#include <vector>

#include "report/results.hpp"
#include "report/stats.hpp"

namespace hbscope::report {

//! One input of a comparison: a results JSON, or a litmus7-format log (hbscope's or litmus7's).
struct Source {
  std::string path;
  std::string label;  // how the machine is named in tables
  RunRecord record;   // from a log: tests with histograms only
  bool from_log = false;
};

//! Reads a JSON results file or a litmus7 log (recognised by content). Throws ResultsError.
Source read_source(const std::string& path);

struct CellStat {
  bool present = false;  // the source ran this test
  std::uint64_t count = 0, iterations = 0;
  double rate = 0, low = 0, high = 0;  // per iteration, Wilson 95%
};

struct OutcomeComparison {
  std::string outcome;
  bool satisfies = false;
  std::vector<CellStat> cells;  // one per source
  std::vector<double> z;        // two-proportion z against source 0 (0 for source 0)
  std::vector<bool> different;  // |z| beyond the threshold
};

struct TestComparison {
  std::string name, condition;
  std::vector<bool> present;         // per source
  bool declarations_differ = false;  // the sources' declaration hashes disagree
  std::vector<OutcomeComparison> outcomes;
};

std::vector<TestComparison> compare(const std::vector<Source>& sources);

//! Text for the console, or GitHub-flavoured Markdown for an issue or a slide.
std::string compare_text(const std::vector<Source>& sources, bool markdown);

}  // namespace hbscope::report
