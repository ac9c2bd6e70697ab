// hbscope: the command-line tool. Registers the subcommands (one file each), runs the chosen
// one, and turns what it throws into a message and a documented exit status.
#include <fmt/format.h>

#include <algorithm>

#include "build_info.hpp"
#include "campaign/selection.hpp"
#include "cli/command.hpp"
#include "report/results.hpp"
#include "support/output.hpp"

int main(int argc, char** argv) {
  using namespace hbscope;
  using namespace hbscope::cli;
  CLI::App app{
      "hbscope: memory-model litmus tests on the machine in front of you.\n"
      "Runs message passing, store buffering and their classic family with std::atomic in\n"
      "relaxed, release/acquire, seq_cst and fenced forms, pinned one thread per CPU, and\n"
      "grades every outcome: sc (an interleaving explains it), weak (a happens-before failure\n"
      "C++ allows, shown on this CPU), forbidden (C++ forbids it: a bug, exit status 1).\n",
      "hbscope"};
  app.set_version_flag("--version", std::string("hbscope ") + HBSCOPE_VERSION + " (" +
                                        HBSCOPE_GIT_SHA + ", " + compiled_arch() + ", " +
                                        HBSCOPE_BUILD_TYPE + ")");
  app.require_subcommand(1);
  app.footer(
      "\nExamples:\n"
      "  hbscope list                       the catalogue, with each test's C++ verdict\n"
      "  hbscope run SB+rlx                 store buffering, relaxed: weak outcome on x86\n"
      "  hbscope run MP --json mp.json      every MP variant, results saved\n"
      "  hbscope report mp.json             re-print a saved run\n"
      "  hbscope tune SB+rlx                find the settings that show SB's weak outcome fastest\n"
      "  hbscope model SB+sc                which outcomes each memory model allows, and why\n"
      "  hbscope compare a.json b.json      two machines' histograms side by side\n"
      "  hbscope explain MP+rel+acq         one test's story, with the cycle and machine code\n"
      "  hbscope run test.litmus            a herd7 C litmus file, compiled and run natively\n"
      "\nExit status: 0 ok; 1 a forbidden outcome; 2 bad usage or input; 3 results could not\n"
      "be written; 128+N stopped by signal N (results saved, marked partial).\n"
      "Run 'hbscope COMMAND --help' for a command's options.");

  const std::vector<Command> commands = {add_list(app),    add_run(app, join_argv(argc, argv)),
                                         add_report(app),  add_tune(app),
                                         add_model(app),   add_compare(app),
                                         add_export(app),  add_import(app),
                                         add_explain(app), add_store(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (msg.empty()) msg = "missing command";
    // CLI11 calls an unknown subcommand "extra" arguments: name it as what it is.
    if (argc > 1 && argv[1][0] != '-' &&
        std::none_of(commands.begin(), commands.end(),
                     [&](const Command& c) { return c.app->get_name() == argv[1]; }))
      msg = std::string("unknown command '") + argv[1] +
            "' (commands: list, run, report, compare, model, explain, export, import, tune, store)";
    fmt::print(stderr, "hbscope: {} (see 'hbscope --help')\n", msg);
    return kUsage;
  }

  try {
    for (const Command& c : commands)
      if (c.app->parsed()) return c.run();
  } catch (const support::WriteError& e) {
    fmt::print(stderr, "hbscope: cannot write results: {}\n", e.what());
    return kWrite;
  } catch (const std::exception& e) {
    // Input the user can fix (a flag, a test name, a file) is one line and status 2.
    const bool usage = dynamic_cast<const UsageError*>(&e) ||
                       dynamic_cast<const campaign::SelectionError*>(&e) ||
                       dynamic_cast<const report::ResultsError*>(&e) ||
                       dynamic_cast<const std::invalid_argument*>(&e);
    fmt::print(stderr, "hbscope: {}{}\n", usage ? "" : "error: ", e.what());
    return usage ? kUsage : kWrite;
  }
  return kUsage;
}
