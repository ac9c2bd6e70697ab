#include "report/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/console.hpp"
#include "report/log_reader.hpp"
#include "support/text.hpp"

namespace hbscope::report {

using support::group_digits;

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
    s.label = !s.record.label.empty() ? s.record.label
              : !m.cpu_model.empty()  ? m.cpu_model
                                      : m.arch;
    if (m.emulated) s.label += " (emulated)";
  } else {
    s.record = parse_litmus_log(text, path);
    s.from_log = true;
    const std::size_t slash = path.find_last_of('/');
    s.label = slash == std::string::npos ? path : path.substr(slash + 1);
    if (const std::size_t dot = s.label.find_last_of('.'); dot != std::string::npos && dot > 0)
      s.label.resize(dot);
  }
  return s;
}

std::vector<Source> read_sources(const std::vector<std::string>& paths) {
  std::vector<Source> out;
  std::map<std::string, int> seen;
  for (const std::string& p : paths) {
    out.push_back(read_source(p));
    if (const int n = ++seen[out.back().label]; n > 1) out.back().label += fmt::format(" #{}", n);
  }
  return out;
}

std::string source_tag(std::size_t i) {
  std::string t;
  for (std::size_t n = i + 1; n > 0; n = (n - 1) / 26)
    t.insert(t.begin(), static_cast<char>('A' + (n - 1) % 26));
  return t;
}

namespace {

std::string trimmed(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const std::size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

//! The atoms `A`, `B` of `exists (A /\ B)`; nothing when the condition is anything else.
std::vector<std::string> witness_atoms(const std::string& condition) {
  std::string c = trimmed(condition);
  if (!c.starts_with("exists")) return {};
  c = trimmed(std::string_view(c).substr(6));
  if (c.size() < 2 || c.front() != '(' || c.back() != ')') return {};
  c = c.substr(1, c.size() - 2);
  if (c.find_first_of("()~|") != std::string::npos || c.find("\\/") != std::string::npos) return {};
  std::vector<std::string> atoms;
  for (std::size_t p = 0;;) {
    const std::size_t q = c.find("/\\", p);
    std::string a = trimmed(std::string_view(c).substr(p, q == std::string::npos ? q : q - p));
    a.erase(std::remove(a.begin(), a.end(), ' '), a.end());
    if (a.find('=') == std::string::npos) return {};
    atoms.push_back(a);
    if (q == std::string::npos) break;
    p = q + 2;
  }
  return atoms;
}

//! The atoms of a histogram line `1:r0=1; 1:r1=0; x=1;`.
std::vector<std::string> outcome_atoms(const std::string& outcome) {
  std::vector<std::string> atoms;
  std::istringstream in(outcome);
  for (std::string a; std::getline(in, a, ';');) {
    a.erase(std::remove(a.begin(), a.end(), ' '), a.end());
    if (!a.empty()) atoms.push_back(a);
  }
  return atoms;
}

// Conditions compare atoms in hbscope's and litmus7's shared syntax: `T:REG=V` or `LOC=V`.
constexpr Shape kShapes[] = {
    {"MP", "MP+rlx", "exists (1:r0=1 /\\ 1:r1=0)"},
    {"SB", "SB+rlx", "exists (0:r0=0 /\\ 1:r0=0)"},
    {"LB", "LB+rlx", "exists (0:r0=1 /\\ 1:r0=1)"},
    {"IRIW", "IRIW+rlx", "exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)"},
    {"WRC", "WRC+rlx", "exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)"},
    {"2+2W", "2+2W+rlx", "exists (x=1 /\\ y=1)"},
    {"R", "R+rlx", "exists (y=2 /\\ 1:r0=0)"},
    {"S", "S+rlx", "exists (1:r0=1 /\\ x=2)"},
    {"CoRR", "CoRR+rlx", "exists (1:r0=1 /\\ 1:r1=0)"},
};

}  // namespace

std::span<const Shape> known_shapes() { return kShapes; }

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
    // The witness always has a row: never seen is the most telling cell.
    const std::vector<std::string> witness = witness_atoms(c.condition);
    const bool witness_listed =
        std::any_of(outcomes.begin(), outcomes.end(), [&](const std::string& o) {
          const std::vector<std::string> atoms = outcome_atoms(o);
          return std::all_of(witness.begin(), witness.end(), [&](const std::string& a) {
            return std::find(atoms.begin(), atoms.end(), a) != atoms.end();
          });
        });
    if (!witness.empty() && !witness_listed) {
      std::string o;
      for (const std::string& a : witness) o += a + "; ";
      o.pop_back();
      outcomes.push_back(o);
      satisfies[o] = true;
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
          cell.rate = t->iterations
                          ? static_cast<double>(cell.count) / static_cast<double>(t->iterations)
                          : 0;
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

std::string canonical_witness(const std::string& condition) {
  const std::vector<std::string> atoms = witness_atoms(condition);
  if (atoms.empty()) return "";
  struct Atom {
    long thread;  // -1: a location
    std::string where, value;
  };
  std::vector<Atom> parsed;
  for (const std::string& a : atoms) {
    const std::size_t eq = a.find('='), colon = a.find(':');
    Atom x{-1, a.substr(0, eq), a.substr(eq + 1)};
    if (colon != std::string::npos && colon < eq) {
      char* end = nullptr;
      x.thread = std::strtol(a.c_str(), &end, 10);
      if (end != a.c_str() + colon || x.thread < 0) return "";
      x.where = a.substr(colon + 1, eq - colon - 1);
    }
    parsed.push_back(std::move(x));
  }
  // Registers by thread (stable: a thread's atoms keep their order), then locations.
  std::stable_sort(parsed.begin(), parsed.end(), [](const Atom& a, const Atom& b) {
    return (a.thread < 0 ? LONG_MAX : a.thread) < (b.thread < 0 ? LONG_MAX : b.thread);
  });
  std::map<long, std::size_t> threads;
  std::map<std::pair<long, std::string>, std::size_t> names;
  std::map<long, std::size_t> per_thread;
  std::string out;
  for (const Atom& a : parsed) {
    if (!names.count({a.thread, a.where})) names[{a.thread, a.where}] = per_thread[a.thread]++;
    const std::size_t n = names[{a.thread, a.where}];
    std::string atom;
    if (a.thread >= 0) {
      if (!threads.count(a.thread)) {
        const std::size_t k = threads.size();
        threads[a.thread] = k;
      }
      atom = fmt::format("t{}:r{}={}", threads[a.thread], n, a.value);
    } else {
      atom = fmt::format("m{}={}", n, a.value);
    }
    out += (out.empty() ? "" : " /\\ ") + atom;
  }
  return out;
}

Matrix matrix(const std::vector<Source>& sources) {
  Matrix m;
  for (const Source& src : sources) m.machines.push_back(src.label);
  std::map<std::string, std::size_t> rows;  // upper-cased test name -> row
  std::vector<std::string> canon;           // per row
  std::vector<std::optional<Verdict>> verdict;
  auto new_row = [&](const std::string& name, const std::string& condition) {
    rows[upper(name)] = m.rows.size();
    MatrixRow r;
    r.test = name;
    r.condition = condition;
    r.cells.resize(sources.size());
    m.rows.push_back(std::move(r));
    canon.push_back(canonical_witness(condition));
    verdict.emplace_back();
    return m.rows.size() - 1;
  };
  auto free_row = [&](const std::string& name, std::size_t si, const std::string& cw) {
    const auto it = rows.find(upper(name));
    return it != rows.end() && !m.rows[it->second].cells[si].present && canon[it->second] == cw
               ? std::optional<std::size_t>(it->second)
               : std::nullopt;
  };
  auto place = [&](std::size_t si, const TestRecord& t) {
    const Source& src = sources[si];
    const std::string cw = canonical_witness(t.condition);
    std::optional<std::size_t> row = free_row(t.name, si, cw);
    bool by_shape = false;
    if (!row && src.from_log && !cw.empty())
      for (const Shape& shape : kShapes)
        if (upper(t.name) == upper(std::string(shape.family)) &&
            canonical_witness(std::string(shape.witness)) == cw) {
          const std::string test(shape.test);
          row = free_row(test, si, cw);
          if (!row && !rows.count(upper(test))) row = new_row(test, std::string(shape.witness));
          by_shape = row.has_value();
        }
    if (!row) {
      // A name taken by another shape, or a second test of that name in one log.
      std::string name = t.name;
      for (int n = 2; rows.count(upper(name)); ++n) name = fmt::format("{} #{}", t.name, n);
      row = new_row(name, t.condition);
    }
    MatrixRow& r = m.rows[*row];
    if (by_shape) r.matched_by = Matched::shape_witness;
    MatrixCell& c = r.cells[si];
    c.present = true;
    c.test = t.name;
    c.witnesses = t.witnesses;
    c.iterations = t.iterations;
    const Interval ci = wilson_interval(t.witnesses, t.iterations);
    c.low = ci.low;
    c.high = ci.high;
    c.bound = t.witnesses == 0 ? zero_count_upper_bound(t.iterations) : 0;
    c.overlap = t.overlap;
    if (!src.from_log) {
      verdict[*row] = t.rc11;
      c.mark = t.grade == Grade::forbidden_seen || t.grade == Grade::emulator_fault
                   ? Mark::forbidden
               : t.witnesses == 0 ? Mark::never
                                  : Mark::weak;
    }
  };
  // hbscope's own results first: their names and verdicts are what logs are matched against.
  for (bool logs : {false, true})
    for (std::size_t si = 0; si < sources.size(); ++si)
      if (sources[si].from_log == logs)
        for (const TestRecord& t : sources[si].record.tests) place(si, t);
  for (std::size_t ri = 0; ri < m.rows.size(); ++ri) {
    MatrixRow& r = m.rows[ri];
    std::size_t present = 0;
    for (std::size_t si = 0; si < sources.size(); ++si) {
      MatrixCell& c = r.cells[si];
      present += c.present;
      if (!c.present || !sources[si].from_log) continue;
      c.mark = c.witnesses == 0                     ? Mark::never
               : !verdict[ri]                       ? Mark::seen
               : *verdict[ri] == Verdict::forbidden ? Mark::forbidden
                                                    : Mark::weak;
    }
    if (r.matched_by != Matched::shape_witness && present > 1) r.matched_by = Matched::name;
  }
  return m;
}

nlohmann::json matrix_json(const Matrix& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (const MatrixRow& r : m.rows) {
    nlohmann::json cells = nlohmann::json::object();
    for (std::size_t si = 0; si < r.cells.size(); ++si) {
      const MatrixCell& c = r.cells[si];
      if (!c.present) continue;
      nlohmann::json j = {
          {"test", c.test}, {"witnesses", c.witnesses}, {"iterations", c.iterations},
          {"low", c.low},   {"high", c.high},           {"mark", name(c.mark)}};
      if (c.mark == Mark::never) j["bound"] = c.bound;
      if (c.overlap)
        j["overlap"] = {
            {"rate", c.overlap->rate}, {"low", c.overlap->low}, {"high", c.overlap->high}};
      cells[m.machines[si]] = std::move(j);
    }
    rows.push_back({{"test", r.test},
                    {"matched_by", name(r.matched_by)},
                    {"condition", r.condition},
                    {"cells", std::move(cells)}});
  }
  return {{"machines", m.machines}, {"rows", std::move(rows)}};
}

namespace {

//! 1M, 50M, 20k: iteration counts as people round them; exact otherwise.
std::string count_compact(std::uint64_t n) {
  if (n >= 1'000'000 && n % 1'000'000 == 0) return fmt::format("{}M", n / 1'000'000);
  if (n >= 1'000 && n % 1'000 == 0) return fmt::format("{}k", n / 1'000);
  return group_digits(n);
}

char mark_letter(Mark m) {
  switch (m) {
    case Mark::weak:
      return 'W';
    case Mark::forbidden:
      return 'F';
    case Mark::never:
      return '-';
    case Mark::seen:
      break;
  }
  return 's';
}

}  // namespace

std::string matrix_cell_text(const MatrixCell& c) {
  if (!c.present) return "";
  if (c.mark == Mark::never)
    return fmt::format("- 0/{} <{}", count_compact(c.iterations),
                       support::per_million_compact(c.bound));
  return fmt::format("{} {}/{} {} [{}-{}]", mark_letter(c.mark), group_digits(c.witnesses),
                     count_compact(c.iterations),
                     support::per_million_compact(static_cast<double>(c.witnesses) /
                                                  static_cast<double>(c.iterations)),
                     support::per_million_compact(c.low), support::per_million_compact(c.high));
}

std::string matrix_text(const Matrix& m, bool markdown) {
  std::string s =
      markdown ? "Each test's witness on each machine: witnesses/iterations, rate per 1M "
                 "[95% Wilson interval]. W weak (C++ allows it, seen), F forbidden (seen: a "
                 "bug), - never seen (< its 95% upper bound per 1M), s seen (no C++ verdict).\n\n"
               : "overview: each test's witness on each machine: witnesses/iterations, rate per "
                 "1M\n[95% Wilson interval]. W weak (C++ allows it, seen), F forbidden (seen: a "
                 "bug),\n- never seen (< its 95% upper bound per 1M), s seen (no C++ verdict)\n\n";
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> head = {"test", "matched by"};
  for (std::size_t i = 0; i < m.machines.size(); ++i) head.push_back(source_tag(i));
  table.push_back(head);
  for (const MatrixRow& r : m.rows) {
    std::vector<std::string> line = {r.test, std::string(name(r.matched_by))};
    for (const MatrixCell& c : r.cells) line.push_back(c.present ? matrix_cell_text(c) : ".");
    table.push_back(std::move(line));
  }
  if (markdown) {
    for (std::size_t li = 0; li < table.size(); ++li) {
      s += "|";
      for (const std::string& x : table[li]) s += " " + x + " |";
      s += "\n";
      if (li == 0) {
        s += "|";
        for (std::size_t k = 0; k < head.size(); ++k) s += "---|";
        s += "\n";
      }
    }
    return s;
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& line : table)
    for (std::size_t k = 0; k < line.size(); ++k) width[k] = std::max(width[k], line[k].size());
  for (const auto& line : table) {
    std::string l;
    for (std::size_t k = 0; k < line.size(); ++k) l += fmt::format("{:<{}}  ", line[k], width[k]);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    s += " " + l + "\n";
  }
  return s;
}

std::string overlap_summary(const std::vector<Source>& sources, const std::string& test) {
  std::string s;
  for (std::size_t i = 0; i < sources.size(); ++i)
    for (const TestRecord& t : sources[i].record.tests)
      if (t.name == test && t.overlap)
        s += fmt::format("{}{} {:.3g}% [{:.3g}-{:.3g}%]", s.empty() ? "" : ", ", source_tag(i),
                         t.overlap->rate * 100, t.overlap->low * 100, t.overlap->high * 100);
  return s;
}

namespace {
std::string cell_text(const CellStat& c) {
  if (!c.present) return "-";
  if (c.count == 0)
    return fmt::format("0 [<{}]",
                       support::per_million_compact(zero_count_upper_bound(c.iterations)));
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
    const std::string tag = source_tag(i);
    const MachineInfo& mi = sources[i].record.machine;
    std::string detail =
        sources[i].from_log ? "litmus7 log" : mi.cpu_model + " " + mi.arch + ", " + mi.topology;
    if (!sources[i].from_log)
      detail += ", sync " + std::string(name(sources[i].record.settings.sync)) + ", " +
                sources[i].record.date;
    if (markdown)
      s += fmt::format("| {} | {} ({}) | `{}` |\n", tag, sources[i].label, detail, sources[i].path);
    else
      s += fmt::format("  {}  {}  ({})\n     {}\n", tag, sources[i].label, sources[i].path, detail);
  }
  s += "\n" + matrix_text(matrix(sources), markdown);
  s += markdown
           ? "\nDetail. Rates per million iterations, [95% Wilson interval]; **bold**: differs "
             "from A at p < 0.001 (two-proportion z-test, pooled).\n"
           : "\ndetail: per 1M iterations [95% Wilson interval]; '!' differs from A at p < 0.001\n"
             "(two-proportion z-test, pooled); '*' outcome satisfies the condition\n";
  int differing = 0;
  for (const TestComparison& c : cmp) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < c.present.size(); ++i)
      if (!c.present[i]) missing.push_back(source_tag(i));
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
    if (const std::string o = overlap_summary(sources, c.name); !o.empty())
      s += markdown ? "\nThreads overlapped: " + o + "\n" : "   overlapped: " + o + "\n";
    if (markdown) {
      s += "\n| outcome |";
      for (std::size_t i = 0; i < sources.size(); ++i) s += fmt::format(" {} |", source_tag(i));
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
