#include "report/log_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

namespace hbscope::report {

namespace {
//! Leading `digits` of `s` as a 64-bit count; nothing when absent, signed or too large.
std::optional<std::uint64_t> count_of(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return std::nullopt;
  s.remove_prefix(b);
  std::size_t e = 0;
  while (e < s.size() && s[e] >= '0' && s[e] <= '9') ++e;
  if (e == 0) return std::nullopt;
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + e, v);
  if (ec != std::errc() || p != s.data() + e) return std::nullopt;
  return v;
}

bool quote_char(char c) { return c == '>' || c == '+' || c == '|' || c == ' ' || c == '\t'; }

//! The prefix every content line of a quoted log starts with: a mail quote and a diff's `+`
//! (`> +`), a Markdown indent. Lines made of quote characters only are the quote's blank lines.
//! Empty when some content line is not quoted (a prose line between two indented runs).
std::string quote_prefix(const std::vector<std::string>& lines) {
  std::optional<std::string> prefix;
  for (const std::string& l : lines) {
    std::size_t n = 0;
    while (n < l.size() && quote_char(l[n])) ++n;
    if (n == l.size()) continue;  // blank, or quote characters only
    const std::string lead = l.substr(0, n);
    if (!prefix) {
      prefix = lead;
      continue;
    }
    std::size_t k = 0;
    while (k < prefix->size() && k < lead.size() && (*prefix)[k] == lead[k]) ++k;
    prefix->resize(k);
  }
  return prefix.value_or("");
}

//! `exists (A /\ B)` from the one histogram line marked `*>` (`A; B;`); empty when several
//! lines are marked, since the condition is then no plain conjunction.
std::string condition_of_marked(const std::vector<OutcomeRow>& histogram) {
  const OutcomeRow* marked = nullptr;
  for (const OutcomeRow& row : histogram)
    if (row.satisfies) {
      if (marked) return "";
      marked = &row;
    }
  if (!marked) return "";
  std::string c;
  std::istringstream atoms(marked->outcome);
  for (std::string a; std::getline(atoms, a, ';');) {
    a.erase(0, std::min(a.size(), a.find_first_not_of(' ')));
    if (!a.empty()) c += (c.empty() ? "" : " /\\ ") + a;
  }
  return "exists (" + c + ")";
}
}  // namespace

RunRecord parse_litmus_log(const std::string& text, const std::string& name) {
  RunRecord r;
  r.tool = "litmus7-log";
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines.push_back(std::move(l));
    }
  }
  const std::string prefix = quote_prefix(lines);
  std::size_t line_no = 0;
  std::vector<std::size_t> starts;  // the line of each test's `Test` line
  TestRecord* t = nullptr;
  std::size_t pending = 0;  // histogram lines still to read
  auto fail = [&](const std::string& why) {
    throw ResultsError(name + ":" + std::to_string(line_no) + ": " + why);
  };
  auto add = [&](std::uint64_t& total, std::uint64_t n) {
    if (n > std::numeric_limits<std::uint64_t>::max() - total)
      fail("counts add up to more than fits in 64 bits");
    total += n;
  };
  for (std::string line : lines) {
    ++line_no;
    // Quoted logs lose their quote; indented ones (a mail, a Markdown list) their indent.
    if (line.rfind(prefix, 0) == 0)
      line.erase(0, prefix.size());
    else if (line.find_first_not_of("> +|\t") == std::string::npos)
      line.clear();
    line.erase(0, std::min(line.size(), line.find_first_not_of(" \t")));
    if (pending > 0) {
      const std::size_t mark = line.find('>');
      if (mark == std::string::npos || mark == 0 ||
          (line[mark - 1] != '*' && line[mark - 1] != ':'))
        fail("malformed histogram line '" + line + "' (expected COUNT *>STATE or COUNT :>STATE)");
      const std::string count_text = line.substr(0, mark - 1);
      if (count_text.find('-') != std::string::npos) fail("negative count in '" + line + "'");
      if (count_text.find_first_not_of(" \t0123456789") != std::string::npos)
        fail("malformed count in '" + line + "'");
      const auto count = count_of(count_text);
      if (!count) fail("count in '" + line + "' does not fit in 64 bits");
      OutcomeRow row;
      row.count = *count;
      row.satisfies = line[mark - 1] == '*';
      row.outcome = line.substr(mark + 1);
      while (!row.outcome.empty() && row.outcome.back() == ' ') row.outcome.pop_back();
      row.cls = OutcomeClass::unknown;
      add(t->iterations, row.count);
      add(row.satisfies ? t->positive : t->negative, row.count);
      t->histogram.push_back(std::move(row));
      --pending;
      continue;
    }
    if (line.rfind("Test ", 0) == 0) {
      std::istringstream words(line.substr(5));
      TestRecord rec;
      words >> rec.name;
      r.tests.push_back(std::move(rec));
      starts.push_back(line_no);
      t = &r.tests.back();
    } else if (line.rfind("Histogram (", 0) == 0) {
      // A log cut before its `Test` line (a mail's `...`): the Observation line names it.
      if (!t || !t->histogram.empty()) {
        r.tests.emplace_back();
        starts.push_back(line_no);
        t = &r.tests.back();
      }
      const auto n = count_of(line.substr(11));
      if (!n || *n > 1'000'000) fail("malformed '" + line + "'");
      pending = *n;
    } else if (t && line.rfind("Condition ", 0) == 0) {
      std::string c = line.substr(10);
      for (const char* tail : {" is validated", " is NOT validated"})
        if (c.size() > std::strlen(tail) &&
            c.compare(c.size() - std::strlen(tail), std::string::npos, tail) == 0)
          c.resize(c.size() - std::strlen(tail));
      t->condition = c;
    } else if (t && t->name.empty() && line.rfind("Observation ", 0) == 0) {
      std::istringstream words(line.substr(12));
      words >> t->name;
    } else if (t && line.rfind("Hash=", 0) == 0) {
      t->hash = line.substr(5);
    } else if (t && line.rfind("% Overlap ", 0) == 0) {
      // hbscope's own comment line: "% Overlap NAME: RATE [LOW, HIGH] of iterations not serial"
      Overlap o;
      const std::size_t colon = line.find(": ");
      if (colon != std::string::npos &&
          std::sscanf(line.c_str() + colon + 2, "%lf [%lf, %lf]", &o.rate, &o.low, &o.high) == 3 &&
          o.rate >= 0 && o.rate <= 1) {
        o.count =
            static_cast<std::uint64_t>(std::llround(o.rate * static_cast<double>(t->iterations)));
        t->overlap = o;
      }
    } else if (t && line.rfind("Time ", 0) == 0) {
      std::istringstream words(line.substr(5));
      std::string n;
      words >> n >> t->seconds;
      if (!(t->seconds >= 0)) t->seconds = 0;
    }
  }
  if (pending > 0) fail("the log ends inside a histogram");
  if (r.tests.empty()) {
    line_no = 1;
    fail("no 'Test ...' block: not a litmus7 log");
  }
  for (std::size_t i = 0; i < r.tests.size(); ++i) {
    TestRecord& x = r.tests[i];
    if (x.name.empty())
      throw ResultsError(name + ":" + std::to_string(starts[i]) +
                         ": a histogram with no 'Test' or 'Observation' line naming its test");
    // A log cut by its author may lose the Condition line; a marked (*>) histogram line still
    // names the witness. With neither, nothing says which outcome the test asks about.
    if (x.condition.empty() && x.positive == 0)
      throw ResultsError(name + ":" + std::to_string(starts[i]) + ": test " + x.name +
                         " has no Condition line and no outcome marked *>: the log was cut, so "
                         "its witness is unknown");
    if (x.condition.empty()) x.condition = condition_of_marked(x.histogram);
    x.witnesses = x.positive;
    x.observation = observation_of(x.positive, x.negative);
  }
  return r;
}

}  // namespace hbscope::report
