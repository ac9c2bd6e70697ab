#include "report/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "report/compare.hpp"
#include "report/console.hpp"
#include "report/stats.hpp"
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
// Outcome labels run downwards (rotated 90 degrees), one per group at least kGroupGap apart, so
// they cannot overlap; long ones are cut, whole in their tooltip.
constexpr std::size_t kLabelChars = 32;
constexpr double kCharWidth = 6.2;

std::string cut(const std::string& s, std::size_t n) {
  return s.size() <= n ? s : s.substr(0, n - 1) + "\u2026";
}

std::string chart(const TestComparison& c, const std::vector<Source>& sources) {
  const std::size_t n = sources.size();
  const double group = static_cast<double>(n) * (kBar + kGap) + kGroupGap;
  const double width = kLeft + group * static_cast<double>(c.outcomes.size()) + 10;
  const double base = kTop + kChartHeight;
  std::size_t longest = 0;
  for (const OutcomeComparison& oc : c.outcomes)
    longest = std::max(longest, std::min(kLabelChars, oc.outcome.size() + 2));
  std::string s = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" "
      "role=\"img\" aria-label=\"histogram of {}\">\n",
      width, base + 24 + kCharWidth * static_cast<double>(longest), esc(c.name));
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
          x + kBar / 2, base + 12, source_tag(si));
    }
    const std::string label = (oc.satisfies ? "* " : "") + oc.outcome;
    const double cx = x0 + (group - kGroupGap) / 2 - 4;
    s += fmt::format(
        "<text class=\"label\" x=\"{:.1f}\" y=\"{:.0f}\" font-size=\"10\" "
        "transform=\"rotate(90 {:.1f} {:.0f})\"><title>{}</title>{}</text>\n",
        cx, base + 18, cx, base + 18, esc(label), esc(cut(label, kLabelChars)));
  }
  return s + "</svg>\n";
}

// Heat: the witness rate on a log scale, 1 in 10^8 pale to every iteration dark.
std::string heat_colour(double rate) {
  const double t = std::clamp((std::log10(std::max(rate, 1e-8)) + 8) / 8, 0.0, 1.0);
  return fmt::format("hsl(30,90%,{:.0f}%)", 92 - 52 * t);
}

std::string anchor(const std::string& test) {
  std::string a = "t-";
  for (char c : test) a += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return a;
}

std::string heat_map(const Matrix& m) {
  std::string s = fmt::format(
      "<section id=\"matrix\"><h2>Matrix: each test's witness on each machine</h2>\n"
      "<p class=\"legend\">Colour: the witness rate on a log scale (pale: 1 in 10<sup>8</sup>; "
      "dark: every iteration). <span class=\"key forbidden\">F</span> forbidden outcome seen "
      "<span class=\"key never\">&#8211;</span> never seen (hover: the 95% upper bound) "
      "<span class=\"key seen\">s</span> seen, no C++ verdict. Hover a cell for its counts "
      "and interval; rows are matched by name, or a litmus7 log's by the witness's "
      "shape.</p>\n<div class=\"heat\"><table class=\"heat\" data-rows=\"{}\" "
      "data-cols=\"{}\">\n<thead><tr><th class=\"corner\">test</th><th class=\"mb\">matched"
      "</th>",
      m.rows.size(), m.machines.size());
  for (std::size_t i = 0; i < m.machines.size(); ++i)
    s += fmt::format("<th class=\"col\" title=\"{}: {}\"><span>{}</span></th>", source_tag(i),
                     esc(m.machines[i]), esc(cut(m.machines[i], 24)));
  s += "</tr></thead>\n<tbody>\n";
  for (const MatrixRow& r : m.rows) {
    s += fmt::format(
        "<tr><th class=\"row\" title=\"{} {}\"><a href=\"#{}\">{}</a></th><td class=\"mb\">{}"
        "</td>",
        esc(r.test), esc(r.condition), anchor(r.test), esc(r.test), name(r.matched_by));
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const MatrixCell& c = r.cells[i];
      if (!c.present) {
        s += "<td class=\"cell absent\"></td>";
        continue;
      }
      const double rate =
          c.iterations ? static_cast<double>(c.witnesses) / static_cast<double>(c.iterations) : 0;
      std::string title = fmt::format(
          "{} on {} (as {}): {}", r.test, m.machines[i], c.test,
          c.mark == Mark::never
              ? fmt::format("Never, over {} iterations, < {} per 1M", group_digits(c.iterations),
                            support::per_million_compact(c.bound))
              : fmt::format("{} of {} ({} per 1M, 95% {}-{}), {}", group_digits(c.witnesses),
                            group_digits(c.iterations), support::per_million_compact(rate),
                            support::per_million_compact(c.low),
                            support::per_million_compact(c.high), name(c.mark)));
      if (c.overlap)
        title +=
            fmt::format("; threads overlapped in {:.3g}% of iterations", c.overlap->rate * 100);
      const std::string text = c.mark == Mark::forbidden ? "F"
                               : c.mark == Mark::never   ? "&#8211;"
                               : c.mark == Mark::seen    ? "s"
                                                         : esc(support::per_million_compact(rate));
      s += fmt::format("<td class=\"cell {}\"{} title=\"{}\">{}</td>", name(c.mark),
                       c.mark == Mark::weak || c.mark == Mark::seen
                           ? " style=\"background:" + heat_colour(rate) + "\""
                           : "",
                       esc(title), text);
    }
    s += "</tr>\n";
  }
  return s +
         "</tbody></table></div>\n<p>Cells show the witness rate per million iterations.</p>"
         "</section>\n";
}

}  // namespace

std::string html_report(const std::vector<Source>& sources, const HtmlGraphs& graphs) {
  const std::vector<TestComparison> cmp = compare(sources);
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>hbscope report</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}\n"
      "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
      "font-size:.9em}th{background:#f3f3f3}code{font-size:.95em}\n"
      ".test{border-top:2px solid #ddd;margin-top:1.5em;padding-top:.5em}\n"
      ".pair{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}"
      ".hist{overflow-x:auto;max-width:100%}.graph{margin:0;max-width:100%}"
      ".graph svg{max-width:100%;height:auto}\n"
      "div.heat{overflow:auto;max-height:80vh;max-width:100%;border:1px solid #ccc}\n"
      "table.heat{margin:0;border-collapse:separate;border-spacing:0}"
      "table.heat td,table.heat th{padding:1px 2px;font-size:11px;border:0;"
      "border-right:1px solid #fff;border-bottom:1px solid #fff}\n"
      "table.heat thead th{position:sticky;top:0;z-index:2;background:#f3f3f3;"
      "vertical-align:bottom}\n"
      "table.heat th.col span{display:inline-block;writing-mode:vertical-rl;"
      "transform:rotate(180deg);max-height:10em;overflow:hidden;text-overflow:ellipsis;"
      "white-space:nowrap}\n"
      "table.heat th.row,table.heat th.corner{position:sticky;left:0;z-index:1;"
      "background:#f3f3f3;text-align:left;max-width:12em;overflow:hidden;"
      "text-overflow:ellipsis;white-space:nowrap}\n"
      "table.heat thead th.corner{z-index:3}table.heat td.mb{color:#666;white-space:nowrap}\n"
      "td.cell{min-width:2.6em;max-width:2.6em;text-align:center;overflow:hidden;"
      "white-space:nowrap}\n"
      "td.never,.key.never{background:#eee;color:#555}td.absent{background:#fff}"
      "td.forbidden,.key.forbidden{background:#d62728;color:#fff;font-weight:bold}"
      ".key{display:inline-block;padding:0 .3em;margin-left:.6em}.key.seen{background:#f6c48e}\n"
      ".yes{color:#2a7a2a}.no{color:#b22}.legend span{display:inline-block;width:1em;height:1em;"
      "margin:0 .3em 0 1em;vertical-align:middle}\n.warn{color:#b22;font-weight:bold}\n"
      "</style>\n</head>\n<body data-charts=\"0\" data-errors=\"0\" data-overlaps=\"-1\">\n"
      "<h1>hbscope report</h1>\n";
  s += heat_map(matrix(sources));
  s += "<h2>Machines</h2>\n<table><tr><th></th><th>machine</th><th>settings</th><th>file</th></"
       "tr>\n";
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
        source_tag(i), machine, esc(sources[i].label), settings, esc(sources[i].path));
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
                     anchor(c.name), esc(c.name), esc(c.condition));
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
    const std::string overlap = overlap_summary(sources, c.name);
    if (!overlap.empty())
      s += "<p>Threads overlapped (iterations whose outcome no serial order gives): " + overlap +
           "</p>\n";
    s += "<div class=\"pair\"><div class=\"hist\">" + chart(c, sources) + "</div>";
    if (const auto g = graphs.svg.find(c.name); g != graphs.svg.end())
      s += "<figure class=\"graph\">" + g->second +
           "<figcaption>the witness's execution under RC11 (explain --graph)</figcaption>"
           "</figure>";
    else if (!graphs.missing.empty())
      s += "<p class=\"nograph\">No hb graph: " + esc(graphs.missing) + "</p>";
    s += "</div>\n";
    // The table: counts per file, class and every model's verdict.
    s += "<table><tr><th>outcome</th><th>class</th><th>sc</th><th>rc11</th><th>iso</th>"
         "<th>x86-tso</th><th>armv8</th>";
    for (std::size_t i = 0; i < sources.size(); ++i)
      s += fmt::format("<th>{} per 1M [95%]</th>", source_tag(i));
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
        if (cell.present && cell.count == 0 && oc.satisfies) {
          s += fmt::format("<td class=\"never\">Never, over {} iterations, &lt; {} per 1M</td>",
                           group_digits(cell.iterations),
                           support::per_million_compact(zero_count_upper_bound(cell.iterations)));
          continue;
        }
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
       // Labels whose boxes intersect: chart labels within a chart, the heat map's headers.
       "  function overlaps(nodes) {\n"
       "    var boxes = Array.prototype.map.call(nodes, function (n) {\n"
       "      return [n, n.getBoundingClientRect()]; }), found = [];\n"
       "    for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {\n"
       "      var a = boxes[i][1], b = boxes[j][1];\n"
       "      if (a.width && b.width && a.left < b.right - 0.5 && b.left < a.right - 0.5 &&\n"
       "          a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)\n"
       "        found.push(boxes[i][0].textContent + ' / ' + boxes[j][0].textContent);\n"
       "    }\n    return found;\n  }\n"
       "  var found = [];\n"
       "  document.querySelectorAll('svg.chart').forEach(function (svg) {\n"
       "    found = found.concat(overlaps(svg.querySelectorAll('text'))); });\n"
       "  found = found.concat(overlaps(document.querySelectorAll('table.heat th.col span')));\n"
       "  found = found.concat(overlaps(document.querySelectorAll('table.heat th.row')));\n"
       "  document.body.dataset.overlaps = found.length;\n"
       "  document.body.dataset.overlapList = found.slice(0, 5).join(' | ');\n"
       "  document.body.dataset.heatRows = document.querySelectorAll('table.heat tbody "
       "tr').length;\n"
       "  document.body.dataset.heatCols = document.querySelectorAll('table.heat th.col').length;\n"
       "})();\n</script>\n</body>\n</html>\n";
  return s;
}

}  // namespace hbscope::report
