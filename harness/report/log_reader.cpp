#include "report/log_reader.hpp"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>

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
}  // namespace

RunRecord parse_litmus_log(const std::string& text, const std::string& name) {
  RunRecord r;
  r.tool = "litmus7-log";
  std::istringstream in(text);
  std::string line;
  std::size_t line_no = 0;
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
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
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
      t = &r.tests.back();
    } else if (t && line.rfind("Histogram (", 0) == 0) {
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
    } else if (t && line.rfind("Hash=", 0) == 0) {
      t->hash = line.substr(5);
    } else if (t && line.rfind("% Overlap ", 0) == 0) {
      // hbscope's own comment line: "% Overlap NAME: RATE [LOW, HIGH] of iterations not serial"
      Overlap o;
      const std::size_t colon = line.find(": ");
      if (colon != std::string::npos &&
          std::sscanf(line.c_str() + colon + 2, "%lf [%lf, %lf]", &o.rate, &o.low, &o.high) == 3 &&
          o.rate >= 0 && o.rate <= 1) {
        o.count = static_cast<std::uint64_t>(o.rate * static_cast<double>(t->iterations) + 0.5);
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
  for (TestRecord& x : r.tests) {
    x.witnesses = x.positive;
    x.observation = observation_of(x.positive, x.negative);
  }
  return r;
}

}  // namespace hbscope::report
