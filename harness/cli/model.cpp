// hbscope model: which outcomes each memory model allows, and why not.
#include "model/model.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "campaign/selection.hpp"
#include "cli/command.hpp"
#include "report/model_view.hpp"
#include "report/results.hpp"

namespace hbscope::cli {

namespace {

int model(const std::vector<std::string>& patterns, bool as_json, bool mapping) {
  const campaign::Selection selection(patterns);
  if (as_json) {
    nlohmann::json all = nlohmann::json::array();
    for (const Test* t : selection.tests()) all.push_back(report::model_json(*t));
    std::fputs(report::json_text(all.size() == 1 ? all.front() : all).c_str(), stdout);
    return kOk;
  }
  for (const Test* t : selection.tests()) std::fputs(report::model_table(*t).c_str(), stdout);
  if (mapping)
    fmt::print("{}", model::mapping_text());
  else
    fmt::print(
        "x86-tso and armv8 judge the instructions compilers emit; 'hbscope model "
        "--mapping' prints the mapping.\n");
  return kOk;
}

}  // namespace

Command add_model(CLI::App& app) {
  auto patterns = std::make_shared<std::vector<std::string>>();
  auto as_json = std::make_shared<bool>(false);
  auto mapping = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "model", "Which outcomes SC, RC11, ISO C++20, C++11, x86-TSO and ARMv8 allow, and why not");
  cmd->add_option("pattern", *patterns,
                  "Tests, as for run: catalogue patterns, FILE.litmus, FOLDER/ or @index; "
                  "default: the whole catalogue");
  cmd->add_flag("--json", *as_json,
                "One JSON object per test: {test, condition, models: {sc|rc11|iso|c11|x86-tso|"
                "armv8: {observation, allowed: [herd final states], forbidden}}}");
  cmd->add_flag("--mapping", *mapping,
                "Print the C++ -> x86-64 and C++ -> AArch64 instruction mappings");
  cmd->footer(
      "\nEnumerates every candidate execution (reads-from and coherence choices) and checks\n"
      "each model's axioms: sc; rc11 (Lahav et al. 2017: coherence, atomicity, psc, no thin\n"
      "air; herd's rc11.cat); iso (C++20: rc11 without no-thin-air); c11 (C++11, herd's\n"
      "c11_partialSC.cat); x86-tso (herd's x86tso.cat); armv8 (the MCA\n"
      "model of Pulte et al. 2018) on the instructions compilers emit. '*' marks outcomes\n"
      "satisfying the condition.\n"
      "\nExamples:\n  hbscope model MP+rel+acq\n  hbscope model SB+sc --json\n"
      "  hbscope model --mapping LB+rlx");
  return {cmd, [=] { return model(*patterns, *as_json, *mapping); }};
}

}  // namespace hbscope::cli
