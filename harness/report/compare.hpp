// hbscope report: histograms of several runs side by side (several machines, or one machine
// with different settings), with intervals and a test of whether rates differ.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/results.hpp"
#include "report/stats.hpp"

namespace hbscope::report {

//! One input of a comparison: a results JSON, or a litmus7-format log (hbscope's or litmus7's).
struct Source {
  std::string path;
  std::string label;  // how the machine is named in tables: run --label, CPU model, log's stem
  RunRecord record;   // from a log: tests with histograms only
  bool from_log = false;
};

//! Reads a JSON results file or a litmus7 log (recognised by content). Throws ResultsError.
Source read_source(const std::string& path);
//! Reads every file; labels that repeat get " #2", " #3"... so that each machine column has
//! its own name.
std::vector<Source> read_sources(const std::vector<std::string>& paths);

//! "A".."Z", then "AA", "AB"...: how tables name the i-th source.
std::string source_tag(std::size_t i);

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

//! The detail: per test (by name), the union of outcomes with each source's rate. The
//! witness (the outcome a plain `exists` conjunction asks about) always has a row, seen or not.
std::vector<TestComparison> compare(const std::vector<Source>& sources);

//! A test shape known across tools: a litmus7 log whose test is named plainly after the family
//! (`MP`, `mp`) and whose witness has the same canonical form is that shape as hbscope's `test`
//! compiles it.
struct Shape {
  std::string_view family, test, witness;  // witness: hbscope's condition for `test`
};
std::span<const Shape> known_shapes();

//! The witness condition with its spelling taken out: atoms of `exists (A /\ B ...)` with
//! register atoms in thread order, then locations; threads, each thread's registers and the
//! locations renamed by first appearance (`1:X0=1 /\ 1:X2=0` and `1:r0=1 /\ 1:r1=0` are both
//! `t0:r0=1 /\ t0:r1=0`). Empty when the condition is not such a conjunction.
std::string canonical_witness(const std::string& condition);

//! One machine's view of one row's witness.
struct MatrixCell {
  bool present = false;
  std::string test;  // the source's own name for the test (`mp`, `SB`)
  std::uint64_t witnesses = 0, iterations = 0;
  double low = 0, high = 0;  // Wilson 95% on witnesses / iterations
  double bound = 0;          // never seen: the 95% upper bound on the rate
  Mark mark = Mark::never;
  std::optional<Overlap> overlap;
};

struct MatrixRow {
  std::string test;       // hbscope's name when one matches, else the source's
  std::string condition;  // as the first source spells it
  Matched matched_by = Matched::unmatched;
  std::vector<MatrixCell> cells;  // one per source
};

//! The overview: one row per test across sources, one column per machine.
struct Matrix {
  std::vector<std::string> machines;  // the sources' labels
  std::vector<MatrixRow> rows;
};
Matrix matrix(const std::vector<Source>& sources);
//! `{"machines": [...], "rows": [{"test", "matched_by", "condition", "cells": {label: {...}}}]}`
nlohmann::json matrix_json(const Matrix& m);
//! One cell as the overview prints it: `W 96/1M 96 [79-117]`, `- 0/1M <3.0`.
std::string matrix_cell_text(const MatrixCell& c);
//! The overview as console text or a Markdown table.
std::string matrix_text(const Matrix& m, bool markdown);

//! How often each source's threads overlapped in `test` (iterations whose outcome no serial
//! order gives): `A 0.55% [0.42-0.72%], B ...`; empty when no source measured it.
std::string overlap_summary(const std::vector<Source>& sources, const std::string& test);

//! The overview, then the detail: text for the console, or GitHub-flavoured Markdown for an
//! issue or a slide.
std::string compare_text(const std::vector<Source>& sources, bool markdown);

}  // namespace hbscope::report
