#include "report/html.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "report/compare.hpp"
#include "report/console.hpp"
#include "support/text.hpp"

namespace hbscope::report {

using support::group_digits;

namespace {

std::string esc(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

const char* class_colour(OutcomeClass cls) {
  switch (cls) {
    case OutcomeClass::sc:
      return "#6b8fb3";
    case OutcomeClass::weak:
      return "#e8891c";
    case OutcomeClass::weak_iso:
      return "#d9c21a";
    case OutcomeClass::forbidden:
      return "#d62728";
    case OutcomeClass::unknown:
      break;
  }
  return "#9a9a9a";  // unknown (a litmus7 log)
}

// The row of source `si` for test `name` and outcome `outcome`, if it has one.
const OutcomeRow* row_of(const Source& src, const std::string& name, const std::string& outcome,
                         const TestRecord** test = nullptr) {
  for (const TestRecord& t : src.record.tests)
    if (t.name == name) {
      if (test) *test = &t;
      for (const OutcomeRow& r : t.histogram)
        if (r.outcome == outcome) return &r;
    }
  return nullptr;
}

constexpr double kChartHeight = 160, kBar = 18, kGap = 4, kGroupGap = 22, kLeft = 8, kTop = 10;

std::string chart(const TestComparison& c, const std::vector<Source>& sources) {
  const std::size_t n = sources.size();
  const double group = static_cast<double>(n) * (kBar + kGap) + kGroupGap;
  const double width = kLeft + group * static_cast<double>(c.outcomes.size()) + 10;
  const double base = kTop + kChartHeight;
  std::string s = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" "
      "role=\"img\" aria-label=\"histogram of {}\">\n",
      width, base + 70, esc(c.name));
  s += fmt::format("<line x1=\"{}\" y1=\"{:.0f}\" x2=\"{:.0f}\" y2=\"{:.0f}\" stroke=\"#333\"/>\n",
                   kLeft, base, width - 10, base);
  for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
    const OutcomeComparison& oc = c.outcomes[o];
    const double x0 = kLeft + group * static_cast<double>(o);
    for (std::size_t si = 0; si < n; ++si) {
      const CellStat& cell = oc.cells[si];
      if (!cell.present) continue;
      const OutcomeRow* row = row_of(sources[si], c.name, oc.outcome);
      const OutcomeClass cls = row ? row->cls : OutcomeClass::unknown;
      const double lin = kChartHeight * cell.rate;
      // Log scale: 1 per million at the bottom, everything at the top.
      const double per_m = cell.rate * 1e6;
      const double log = per_m > 0 ? kChartHeight * std::log10(1 + per_m) / 6.0 : 0;
      const double x = x0 + static_cast<double>(si) * (kBar + kGap);
      s += fmt::format(
          "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.2f}\" "
          "data-lin=\"{:.3f}\" data-log=\"{:.3f}\" data-base=\"{:.1f}\" fill=\"{}\"{}>"
          "<title>{}: {} on {}: {} of {} ({:.1f} per 1M, 95% {:.3g}-{:.3g}), class {}</title>"
          "</rect>\n",
          x, base - lin, kBar, lin, lin, log, base, class_colour(cls),
          oc.satisfies ? " stroke=\"#000\" stroke-width=\"1.5\"" : "", esc(c.name), esc(oc.outcome),
          esc(sources[si].label), group_digits(cell.count), group_digits(cell.iterations), per_m,
          cell.low * 1e6, cell.high * 1e6, name(cls));
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.0f}\" font-size=\"10\" text-anchor=\"middle\">{}"
          "</text>\n",
          x + kBar / 2, base + 12, static_cast<char>('A' + si));
    }
    s += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.0f}\" font-size=\"10\" transform=\"rotate(20 {:.1f} {:.0f})\">"
        "{}{}</text>\n",
        x0, base + 26, x0, base + 26, oc.satisfies ? "* " : "", esc(oc.outcome));
  }
  return s + "</svg>\n";
}

}  // namespace

std::string html_report(const std::vector<Source>& sources) {
  const std::vector<TestComparison> cmp = compare(sources);
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>hbscope report</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}\n"
      "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
      "font-size:.9em}th{background:#f3f3f3}code{font-size:.95em}\n"
      ".test{border-top:2px solid #ddd;margin-top:1.5em;padding-top:.5em}\n"
      ".yes{color:#2a7a2a}.no{color:#b22}.legend span{display:inline-block;width:1em;height:1em;"
      "margin:0 .3em 0 1em;vertical-align:middle}\n.warn{color:#b22;font-weight:bold}\n"
      "</style>\n</head>\n<body data-charts=\"0\" data-errors=\"0\">\n<h1>hbscope report</h1>\n";
  s += "<table><tr><th></th><th>machine</th><th>settings</th><th>file</th></tr>\n";
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const RunRecord& r = sources[i].record;
    std::string machine = sources[i].from_log
                              ? "litmus7 log"
                              : r.machine.arch + ", " + r.machine.cpu_vendor + " " +
                                    r.machine.cpu_model + "<br>" + esc(r.machine.topology);
    if (!r.machine.hypervisor.empty()) machine += "<br>" + esc(r.machine.hypervisor) + " guest";
    if (r.machine.emulated)
      machine += "<br><span class=\"warn\">EMULATED: not a hardware result</span>";
    const std::string settings =
        sources[i].from_log
            ? ""
            : esc(fmt::format("{} {}; sync {}{}; placement {}; {} {}", r.build.compiler,
                              r.build.flags, name(r.settings.sync),
                              r.settings.sync == Sync::timebase
                                  ? fmt::format(" {:g} ns", r.settings.period_ns)
                                  : "",
                              name(r.settings.placement), r.date, r.partial ? "(PARTIAL)" : ""));
    s += fmt::format(
        "<tr><th>{}</th><td>{}<br><b>{}</b></td><td>{}</td><td><code>{}</code></td>"
        "</tr>\n",
        static_cast<char>('A' + i), machine, esc(sources[i].label), settings, esc(sources[i].path));
  }
  s += "</table>\n<p class=\"legend\">Bars: rate per iteration, one per file (A, B...), "
       "outlined when the outcome satisfies the condition. Class:"
       "<span style=\"background:#6b8fb3\"></span>sc"
       "<span style=\"background:#e8891c\"></span>weak (C++ allows, not SC)"
       "<span style=\"background:#d9c21a\"></span>weak, ISO C++ only"
       "<span style=\"background:#d62728\"></span>forbidden"
       "<span style=\"background:#9a9a9a\"></span>unknown (log)</p>\n"
       "<p><label><input type=\"checkbox\" id=\"logscale\"> log scale (1 per million to all)"
       "</label></p>\n";
  for (const TestComparison& c : cmp) {
    s += fmt::format("<section class=\"test\" id=\"{}\">\n<h2>{}</h2>\n<p><code>{}</code></p>\n",
                     esc(c.name), esc(c.name), esc(c.condition));
    const TestRecord* first = nullptr;
    for (const Source& src : sources)
      for (const TestRecord& t : src.record.tests)
        if (!first && t.name == c.name && !src.from_log) first = &t;
    if (first) {
      s += fmt::format(
          "<p>The witness (the outcome the condition asks about): RC11 {}, ISO C++ "
          "{}{}. {}</p>\n",
          name(first->rc11), name(first->iso),
          first->hardware_model.empty()
              ? ""
              : fmt::format(
                    ", {} {} (for the instructions compiled)", first->hardware_model,
                    first->witness_on_hardware ? name(*first->witness_on_hardware) : "unknown"),
          esc(first->why));
    }
    if (c.declarations_differ)
      s += "<p class=\"warn\">The declarations differ between files (hash).</p>\n";
    s += chart(c, sources);
    // The table: counts per file, class and every model's verdict.
    s += "<table><tr><th>outcome</th><th>class</th><th>sc</th><th>rc11</th><th>iso</th>"
         "<th>x86-tso</th><th>armv8</th>";
    for (std::size_t i = 0; i < sources.size(); ++i)
      s += fmt::format("<th>{} per 1M [95%]</th>", static_cast<char>('A' + i));
    s += "</tr>\n";
    for (const OutcomeComparison& oc : c.outcomes) {
      const OutcomeRow* row = nullptr;
      for (const Source& src : sources)
        if (!row && !src.from_log) row = row_of(src, c.name, oc.outcome);
      s += fmt::format("<tr><td><code>{}{}</code></td><td>{}</td>", oc.satisfies ? "* " : "",
                       esc(oc.outcome), row ? name(row->cls) : "?");
      for (const char* m : {"sc", "rc11", "iso", "x86-tso", "armv8"}) {
        const bool known = row && row->models.count(m);
        const bool ok = known && row->models.at(m);
        s += known ? fmt::format("<td class=\"{}\" title=\"{}\">{}</td>", ok ? "yes" : "no",
                                 ok ? "" : esc(row->reasons.count(m) ? row->reasons.at(m) : ""),
                                 ok ? "allowed" : "forbidden")
                   : "<td></td>";
      }
      for (std::size_t i = 0; i < oc.cells.size(); ++i) {
        const CellStat& cell = oc.cells[i];
        auto num = [](double x) {
          return x >= 100 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x);
        };
        s += cell.present
                 ? fmt::format("<td{}>{} [{}-{}]</td>", oc.different[i] ? " class=\"warn\"" : "",
                               num(cell.rate * 1e6), num(cell.low * 1e6), num(cell.high * 1e6))
                 : "<td>-</td>";
      }
      s += "</tr>\n";
    }
    s += "</table>\n</section>\n";
  }
  s += "<p>Red rates differ from A at p &lt; 0.001 (two-proportion z-test, pooled). "
       "Generated by hbscope; self-contained, no network.</p>\n"
       "<script>\n(function () {\n"
       "  var errors = 0;\n"
       "  window.addEventListener('error', function () { errors++; "
       "document.body.dataset.errors = errors; });\n"
       "  function apply(log) {\n"
       "    document.querySelectorAll('rect.bar').forEach(function (r) {\n"
       "      var h = parseFloat(log ? r.dataset.log : r.dataset.lin);\n"
       "      r.setAttribute('height', h.toFixed(2));\n"
       "      r.setAttribute('y', (parseFloat(r.dataset.base) - h).toFixed(2));\n"
       "    });\n  }\n"
       "  document.getElementById('logscale').addEventListener('change', function (e) "
       "{ apply(e.target.checked); });\n"
       "  apply(false);\n"
       "  document.body.dataset.charts = document.querySelectorAll('svg.chart').length;\n"
       "  document.body.dataset.errors = errors;\n"
       "})();\n</script>\n</body>\n</html>\n";
  return s;
}

}  // namespace hbscope::report
