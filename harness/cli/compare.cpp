// hbscope compare: several runs' histograms side by side, with intervals and differences.
#include "report/compare.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "store/store.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

int compare(const std::vector<std::string>& files, bool markdown, bool json_given,
            std::string json) {
  if (json_given && json.empty()) json = "-";
  // `--json A.json B.json` takes A.json as the output: never overwrite an input that way.
  if (!json.empty() && json != "-") try {
      report::read_source(json);
      throw UsageError("--json " + json +
                       " would overwrite a results file: give the output after the inputs, "
                       "or write --json=-");
    } catch (const report::ResultsError&) {
      // not a results file or log (or absent): free to write
    }
  const std::vector<report::Source> sources = store::read_inputs(files);
  if (sources.size() < 2) throw UsageError("compare needs two runs or more");
  if (!json.empty()) {
    support::write_output(json, report::json_text(report::matrix_json(report::matrix(sources))));
    if (json != "-") std::fputs(report::compare_text(sources, markdown).c_str(), stdout);
  } else {
    std::fputs(report::compare_text(sources, markdown).c_str(), stdout);
  }
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
  auto json = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Histograms of several runs side by side, with intervals and differences");
  cmd->add_option("files", *files,
                  "Results JSON files (run --json) or litmus7-format logs (run --log, or "
                  "litmus7's own), or store queries (runs.db?label=pi*, see 'hbscope store'); the "
                  "first is the reference A")
      ->required()
      ->expected(1, 64)
      ->check(kExistingFileOrStore);
  cmd->add_flag("--markdown", *markdown, "Markdown tables, for an issue or a slide");
  CLI::Option* json_opt = cmd->add_option(
      "--json", *json,
      "Write the overview matrix as JSON to FILE (alone: to stdout, instead of the text)");
  json_opt->expected(0, 1);
  cmd->footer(
      "\nFirst an overview: one row per test, one column per machine, each cell the witness\n"
      "count over iterations with its 95% interval and a mark (W weak, F forbidden, - never\n"
      "seen, with its 95% upper bound). Rows join tests by name, and a litmus7 log's plain\n"
      "MP, SB, LB... to hbscope's relaxed variant by the shape of its witness, whatever the\n"
      "registers are called (1:X0=1; 1:X2=0 on AArch64 is MP+rlx's 1:r0=1; 1:r1=0).\n"
      "\nThen, for each test: every outcome's rate per million iterations in each file, with its "
      "95%\n"
      "Wilson interval; '!' marks a rate that differs from file A at p < 0.001 (two-proportion\n"
      "z-test, pooled). Tests present in some files only are named. Machines are labelled by\n"
      "'run --label', else CPU model and architecture.\n"
      "\nExit status: 0; 1 when a file holds an outcome C++ forbids; 2 bad usage or a corrupt\n"
      "file.\n"
      "\nExamples:\n  hbscope compare epyc.json graviton.json\n"
      "  hbscope compare a.json b.json --markdown > diff.md\n"
      "  hbscope compare ours.json litmus7-output.log\n"
      "  hbscope compare a.json b.json pi.log --json matrix.json\n"
      "  hbscope compare 'runs.db?arch=aarch64&test=MP*'   runs from a store (hbscope store)");
  return {cmd, [=] { return compare(*files, *markdown, json_opt->count() > 0, *json); }};
}

}  // namespace hbscope::cli
