#include "report/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "report/console.hpp"
#include "report/log_reader.hpp"
#include "support/text.hpp"

namespace hbscope::report {

Source read_source(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  Source s;
  s.path = path;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool json = path.ends_with(".json") ||
                    (first != std::string::npos && (text[first] == '{' || text[first] == '['));
  if (json) {
    s.record = read_json_file(path);
    const MachineInfo& m = s.record.machine;
    const std::string cpu = m.cpu_model.empty() ? m.arch : m.cpu_model + " " + m.arch;
    s.label = s.record.label.empty() ? cpu : s.record.label + " (" + cpu + ")";
    if (m.emulated) s.label += " (emulated)";
  } else {
    s.record = parse_litmus_log(text, path);
    s.from_log = true;
    const std::size_t slash = path.find_last_of('/');
    s.label = slash == std::string::npos ? path : path.substr(slash + 1);
  }
  return s;
}

std::vector<TestComparison> compare(const std::vector<Source>& sources) {
  std::vector<TestComparison> out;
  std::map<std::string, std::size_t> index;
  for (std::size_t si = 0; si < sources.size(); ++si)
    for (const TestRecord& t : sources[si].record.tests) {
      if (!index.count(t.name)) {
        index[t.name] = out.size();
        TestComparison c;
        c.name = t.name;
        c.condition = t.condition;
        c.present.assign(sources.size(), false);
        out.push_back(std::move(c));
      }
      out[index[t.name]].present[si] = true;
    }
  for (TestComparison& c : out) {
    std::string hash;
    std::vector<const TestRecord*> recs(sources.size(), nullptr);
    for (std::size_t si = 0; si < sources.size(); ++si)
      for (const TestRecord& t : sources[si].record.tests)
        if (t.name == c.name) {
          recs[si] = &t;
          if (!t.hash.empty() && !sources[si].from_log) {
            if (!hash.empty() && hash != t.hash) c.declarations_differ = true;
            hash = t.hash;
          }
        }
    // The union of outcomes, in the order first seen.
    std::vector<std::string> outcomes;
    std::map<std::string, bool> satisfies;
    for (const TestRecord* t : recs)
      if (t)
        for (const OutcomeRow& row : t->histogram)
          if (!satisfies.count(row.outcome)) {
            outcomes.push_back(row.outcome);
            satisfies[row.outcome] = row.satisfies;
          }
    std::sort(outcomes.begin(), outcomes.end());
    for (const std::string& o : outcomes) {
      OutcomeComparison oc;
      oc.outcome = o;
      oc.satisfies = satisfies[o];
      for (const TestRecord* t : recs) {
        CellStat cell;
        if (t) {
          cell.present = true;
          cell.iterations = t->iterations;
          for (const OutcomeRow& row : t->histogram)
            if (row.outcome == o) cell.count = row.count;
          cell.rate = t->iterations ? static_cast<double>(cell.count) / t->iterations : 0;
          const Interval ci = wilson_interval(cell.count, t->iterations);
          cell.low = ci.low;
          cell.high = ci.high;
        }
        oc.cells.push_back(cell);
      }
      for (std::size_t si = 0; si < oc.cells.size(); ++si) {
        const CellStat &a = oc.cells[0], &b = oc.cells[si];
        const double z = si > 0 && a.present && b.present
                             ? two_proportion_z(a.count, a.iterations, b.count, b.iterations)
                             : 0.0;
        oc.z.push_back(z);
        oc.different.push_back(std::abs(z) > kSignificantZ);
      }
      c.outcomes.push_back(std::move(oc));
    }
  }
  return out;
}

namespace {
std::string cell_text(const CellStat& c) {
  if (!c.present) return "-";
  return fmt::format("{} [{}-{}]", support::per_million_compact(c.rate),
                     support::per_million_compact(c.low), support::per_million_compact(c.high));
}
}  // namespace

std::string compare_text(const std::vector<Source>& sources, bool markdown) {
  const auto cmp = compare(sources);
  std::string s;
  if (markdown) {
    s += "| | machine | file |\n|---|---|---|\n";
  } else {
    s += "machines:\n";
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const char tag = static_cast<char>('A' + i);
    std::string detail = sources[i].from_log ? "litmus7 log" : sources[i].record.machine.topology;
    if (!sources[i].from_log)
      detail += ", sync " + std::string(name(sources[i].record.settings.sync)) + ", " +
                sources[i].record.date;
    if (markdown)
      s += fmt::format("| {} | {} ({}) | `{}` |\n", tag, sources[i].label, detail, sources[i].path);
    else
      s += fmt::format("  {}  {}  ({})\n     {}\n", tag, sources[i].label, sources[i].path, detail);
  }
  s += markdown ? "\nRates per million iterations, [95% Wilson interval]; **bold**: differs "
                  "from A at p < 0.001 (two-proportion z-test, pooled).\n"
                : "\nper 1M iterations [95% Wilson interval]; '!' differs from A at p < 0.001\n"
                  "(two-proportion z-test, pooled); '*' outcome satisfies the condition\n";
  int differing = 0;
  for (const TestComparison& c : cmp) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < c.present.size(); ++i)
      if (!c.present[i]) missing.push_back(std::string(1, static_cast<char>('A' + i)));
    s += markdown ? fmt::format("\n### {}\n\n`{}`", c.name, c.condition)
                  : fmt::format("\n== {}  {}", c.name, c.condition);
    if (!missing.empty()) {
      std::string m;
      for (const auto& x : missing) m += (m.empty() ? "" : ", ") + x;
      s += fmt::format("  (not run by {})", m);
    }
    s += "\n";
    if (c.declarations_differ)
      s += markdown ? "\n**Warning: the declarations differ between files (hash).**\n"
                    : "   WARNING: the declarations differ between files (hash)\n";
    if (markdown) {
      s += "\n| outcome |";
      for (std::size_t i = 0; i < sources.size(); ++i)
        s += fmt::format(" {} |", static_cast<char>('A' + i));
      s += "\n|---|";
      for (std::size_t i = 0; i < sources.size(); ++i) s += "---|";
      s += "\n";
    }
    bool test_differs = false;
    for (const OutcomeComparison& o : c.outcomes) {
      if (markdown) {
        s += fmt::format("| {}`{}` |", o.satisfies ? "\\* " : "", o.outcome);
        for (std::size_t i = 0; i < o.cells.size(); ++i) {
          const std::string t = cell_text(o.cells[i]);
          s += o.different[i] ? fmt::format(" **{}** |", t) : fmt::format(" {} |", t);
        }
        s += "\n";
      } else {
        s += fmt::format(" {} {:<32}", o.satisfies ? '*' : ' ', o.outcome);
        for (std::size_t i = 0; i < o.cells.size(); ++i)
          s += fmt::format(" {:>21}{}", cell_text(o.cells[i]), o.different[i] ? '!' : ' ');
        s += "\n";
      }
      for (bool d : o.different) test_differs = test_differs || d;
    }
    differing += test_differs;
  }
  s += fmt::format("\n{} tests compared; rates differ significantly in {}.\n", cmp.size(),
                   differing);
  return s;
}

}  // namespace hbscope::report
