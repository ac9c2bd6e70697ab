// hbscope compare: several runs' histograms side by side, with intervals and differences.
#include "report/compare.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace hbscope::cli {

namespace {

int compare(const std::vector<std::string>& files, bool markdown) {
  const std::vector<report::Source> sources = store::read_inputs(files);
  if (sources.size() < 2) throw UsageError("compare needs two runs or more");
  std::fputs(report::compare_text(sources, markdown).c_str(), stdout);
  bool forbidden = false;
  for (const report::Source& s : sources) forbidden = forbidden || report::any_forbidden(s.record);
  if (forbidden)
    fmt::print(stderr, "hbscope: a compared file holds an outcome C++ forbids (exit status 1)\n");
  return forbidden ? kForbidden : kOk;
}

}  // namespace

Command add_compare(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "compare", "Histograms of several runs side by side, with intervals and differences");
  cmd->add_option("files", *files,
                  "Results JSON files (run --json) or litmus7-format logs (run --log, or "
                  "litmus7's own), or store queries (runs.db?label=pi*, see 'hbscope store'); the "
                  "first is the reference A")
      ->required()
      ->expected(1, 64)
      ->check(existing_file_or_store);
  cmd->add_flag("--markdown", *markdown, "Markdown tables, for an issue or a slide");
  cmd->footer(
      "\nFor each test: every outcome's rate per million iterations in each file, with its 95%\n"
      "Wilson interval; '!' marks a rate that differs from file A at p < 0.001 (two-proportion\n"
      "z-test, pooled). Tests present in some files only are named. Machines are labelled by\n"
      "'run --label', else CPU model and architecture.\n"
      "\nExit status: 0; 1 when a file holds an outcome C++ forbids; 2 bad usage or a corrupt\n"
      "file.\n"
      "\nExamples:\n  hbscope compare epyc.json graviton.json\n"
      "  hbscope compare a.json b.json --markdown > diff.md\n"
      "  hbscope compare ours.json litmus7-output.log\n"
      "  hbscope compare 'runs.db?arch=aarch64&test=MP*'   runs from a store (hbscope store)");
  return {cmd, [=] { return compare(*files, *markdown); }};
}

}  // namespace hbscope::cli
