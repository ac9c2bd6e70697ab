// hbscope export: a test in herd7's C litmus dialect, for herd7, litmus7 or a paper.
#include <fmt/format.h>

#include "campaign/selection.hpp"
#include "cli/command.hpp"
#include "herd/litmus_file.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

int export_test(const std::string& pattern, const std::string& output) {
  const campaign::Selection selection({pattern});
  const Test& test = selection.one("export");
  std::string text;
  try {
    text = herd::export_litmus(test);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  support::write_output(output.empty() ? "-" : output, text);
  if (!output.empty() && output != "-") fmt::print("{}: herd C litmus file written\n", output);
  return kOk;
}

}  // namespace

Command add_export(CLI::App& app) {
  auto test = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a test in herd7's C litmus dialect, for herd7, litmus7 or a paper");
  cmd->add_option("test", *test, "One test, e.g. MP+rel+acq")->required();
  cmd->add_option("-o,--output", *output, "File to write (default: standard output)");
  cmd->footer(
      "\nhbscope model FILE and hbscope run FILE read the file back unchanged.\n"
      "\nExamples:\n  hbscope export MP+rel+acq -o mp.litmus && herd7 -model rc11.cat mp.litmus");
  return {cmd, [=] { return export_test(*test, *output); }};
}

}  // namespace hbscope::cli
