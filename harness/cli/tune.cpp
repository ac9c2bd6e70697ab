// hbscope tune: search synchronisation modes and layout knobs for the highest witness rate.
#include "campaign/tune.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "campaign/selection.hpp"
#include "cli/command.hpp"

namespace hbscope::cli {

namespace {

int tune(const std::string& pattern, double budget, const Settings& base) {
  const campaign::Selection selection({pattern});
  const Test& test = selection.one("tune");
  const run::Entry& entry = *selection.compile().front();
  const run::Topology topo = run::Topology::this_machine();
  const std::size_t n = campaign::tune_candidates(test, base).size();
  fmt::print("tuning {}: {} settings, {:.2f} s each\n", test.name, n,
             budget / static_cast<double>(n));
  stop_on_signals();
  const bool tty = isatty(fileno(stderr));
  const auto trials = campaign::tune(entry, base, budget, topo, stop_flag(),
                                     [&](std::size_t done, std::size_t total) {
                                       if (tty) fmt::print(stderr, "\r\033[K  {}/{}", done, total);
                                     });
  if (tty) fmt::print(stderr, "\r\033[K");
  fmt::print("{:<44} {:>9} {:>9} {:>10}\n", "settings", "it/s", "weak/1M", "weak/s");
  bool forbidden = false;
  for (const campaign::TuneTrial& t : trials) {
    const bool seen = t.record.grade == Grade::forbidden_seen;
    fmt::print("{:<44} {:>8.1f}M {:>9.0f} {:>9.2f}M{}\n", campaign::tune_flags(t.settings),
               t.iterations_per_second() / 1e6,
               t.record.iterations ? 1e6 * static_cast<double>(t.record.witnesses) /
                                         static_cast<double>(t.record.iterations)
                                   : 0.0,
               t.witnesses_per_second() / 1e6, seen ? "  FORBIDDEN" : "");
    forbidden = forbidden || seen;
  }
  if (!trials.empty()) {
    if (test.cpp.rc11 == Verdict::forbidden && test.cpp.iso == Verdict::forbidden)
      fmt::print("\nC++ forbids {}'s witness: the ranking is by iterations/s only.\n", test.name);
    fmt::print("\nbest: hbscope run {} {}\n", test.name,
               campaign::tune_flags(trials.front().settings));
  }
  if (forbidden) fmt::print(stderr, "hbscope: a forbidden outcome was seen while tuning\n");
  if (stop_flag().load()) return stop_status();
  return forbidden ? kForbidden : kOk;
}

}  // namespace

Command add_tune(CLI::App& app) {
  auto test = std::make_shared<std::string>();
  auto budget = std::make_shared<double>(10);
  auto base = std::make_shared<Settings>();
  CLI::App* cmd = app.add_subcommand(
      "tune", "Search synchronisation modes and layout knobs for the highest weak-outcome rate");
  cmd->add_option("test", *test, "One test, e.g. SB+rlx")->required();
  cmd->add_option("-t,--time", *budget, "Total seconds to spend")
      ->default_val(*budget)
      ->check(kFinite & CLI::Range(0.5, 3600.0));
  cmd->add_option_function<std::string>(
         "-p,--placement",
         [base](const std::string& w) { base->placement = *parse_word<Policy>(w); }, "As for run")
      ->default_str("cores")
      ->check(CLI::IsMember({"cores", "spread", "smt", "none"}));
  cmd->footer(
      "\nRuns the test under each candidate (timebase periods, fenced and barrier with strides,\n"
      "perpetual where sound, each with and without preload) and ranks them by weak outcomes\n"
      "per second. Prints the command line of the best.\n"
      "\nExample:\n  hbscope tune SB+rlx -t 20");
  return {cmd, [=] { return tune(*test, *budget, *base); }};
}

}  // namespace hbscope::cli
