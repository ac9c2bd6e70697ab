// hbscope report: re-print saved results without running anything — console, litmus7 log or
// one HTML page.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "model/model.hpp"
#include "report/compare.hpp"
#include "report/console.hpp"
#include "report/explain.hpp"
#include "report/graph.hpp"
#include "report/html.hpp"
#include "report/litmus_log.hpp"
#include "run/registry.hpp"
#include "store/store.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

//! Each catalogue test's hb graph, drawn as `explain --graph F.svg` draws it; a test that is
//! not in this build's catalogue (a litmus7 log's) has none.
report::HtmlGraphs hb_graphs(const std::vector<report::Source>& sources) {
  report::HtmlGraphs g;
  for (const report::Source& src : sources)
    for (const report::TestRecord& t : src.record.tests) {
      const run::Entry* entry = run::Registry::instance().find(t.name);
      if (!entry || g.svg.count(t.name)) continue;
      std::string svg;
      try {
        svg = report::render_graph(report::explain_dot(*entry->test, model::Model::rc11),
                                   report::GraphFormat::svg);
      } catch (const std::exception& e) {
        g.missing = e.what();
        g.svg.clear();
        return g;
      }
      // Inline in the page: the XML prologue and DOCTYPE go.
      const std::size_t start = svg.find("<svg");
      if (start != std::string::npos) g.svg[t.name] = svg.substr(start);
    }
  return g;
}

int report(const std::vector<std::string>& files, const std::string& log, const std::string& html) {
  if (!log.empty() && !html.empty()) throw UsageError("report writes --log or --html, not both");
  const std::vector<report::Source> sources = store::read_inputs(files);
  bool forbidden = false;
  for (const report::Source& s : sources) forbidden = forbidden || report::any_forbidden(s.record);
  if (!html.empty()) {
    support::write_output(html, report::html_report(sources, hb_graphs(sources)));
    if (html != "-") fmt::print("HTML report: {} ({} files, self-contained)\n", html, files.size());
  } else if (!log.empty()) {
    std::string text;
    for (const report::Source& s : sources) {
      if (s.from_log) throw UsageError(s.path + " is already a litmus7 log");
      text += report::litmus_log(s.record);
    }
    support::write_output(log, text);
  } else {
    for (const report::Source& s : sources) {
      if (s.from_log)
        throw UsageError(s.path +
                         " is a litmus7 log: 'hbscope compare' or 'report --html' read "
                         "it; the console report needs a results JSON file");
      std::fputs(report::console_report(s.record).c_str(), stdout);
    }
  }
  if (forbidden)
    fmt::print(stderr, "hbscope: these results hold an outcome C++ forbids (exit status 1)\n");
  return forbidden ? kForbidden : kOk;
}

}  // namespace

Command add_report(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto log = std::make_shared<std::string>();
  auto html = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Re-print saved results (JSON from 'run --json') without running");
  cmd->add_option("file", *files, "Results files (JSON; litmus7 logs for --html)")
      ->required()
      ->check(kExistingFileOrStore);
  cmd->add_option("--log", *log, "Write a litmus7 log instead (- for stdout)");
  cmd->add_option("--html", *html,
                  "Write one self-contained HTML page instead: a chart per test, every model's "
                  "verdicts, several files side by side (- for stdout)");
  cmd->footer(
      "\nExit status: 0; 1 when the results hold an outcome C++ forbids; 2 bad usage or a\n"
      "corrupt file; 3 the output could not be written.\n"
      "\nExamples:\n  hbscope run SB --json sb.json && hbscope report sb.json\n"
      "  hbscope report --html report.html epyc.json graviton.json");
  return {cmd, [=] { return report(*files, *log, *html); }};
}

}  // namespace hbscope::cli
