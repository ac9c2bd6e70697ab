// hbscope run: measure tests on this machine, print the graded histograms, save the results.
#include <fmt/format.h>
#include <unistd.h>

#include "campaign/selection.hpp"
#include "campaign/session.hpp"
#include "cli/command.hpp"
#include "report/console.hpp"
#include "report/litmus_log.hpp"
#include "run/machine.hpp"
#include "support/output.hpp"
#include "support/text.hpp"

namespace hbscope::cli {

namespace {

struct RunOptions {
  std::vector<std::string> patterns;
  Settings settings;
  std::string json, log, label;
  bool quiet = false;
};

//! The outputs that are files, written after every test so that a run stopped later (a
//! signal, a crash, a closed ssh session) keeps what it measured. Streams are written once, at
//! the end: a FIFO or stdout cannot take back half a document.
void save(const report::RunRecord& rec, const RunOptions& o, bool final) {
  const auto write = [&](const std::string& target, auto&& text) {
    if (target.empty() || (!final && support::is_stream(target))) return;
    support::write_output(target, text());
  };
  write(o.json, [&] { return report::json_text(rec); });
  write(o.log, [&] { return report::litmus_log(rec); });
}

int run(const RunOptions& o, const std::string& command) {
  if (o.json == "-" && o.log == "-")
    throw UsageError(
        "--json - and --log - would both write to standard output: send one to a file");
  const campaign::Selection selection(o.patterns);
  const std::vector<const run::Entry*> tests = selection.compile([&](const std::string& what) {
    if (!o.quiet) fmt::print(stderr, "hbscope: {} (one build, cached)\n", what);
  });
  const Settings& settings = o.settings;
  // Refuse what cannot run before measuring anything.
  if (settings.sync == Sync::perpetual)
    for (const run::Entry* e : tests)
      if (std::string why = run::perpetual_problem(*e->test); !why.empty())
        throw UsageError("--sync perpetual cannot run " + std::string(e->test->name) + ": " + why +
                         " (it suits MP, SB, LB, IRIW, WRC and CoRR)");
  const run::Topology topo = run::Topology::this_machine();
  if (settings.placement == Policy::cpus)
    run::check_cpu_list(topo, run::parse_cpu_list(settings.cpus));
  for (const std::string& target : {o.json, o.log})
    if (!target.empty()) try {
        support::check_writable(target);
      } catch (const support::WriteError& e) {
        throw UsageError(e.what());
      }

  // The table goes to stdout unless stdout carries the JSON or the log.
  std::FILE* out = (o.json == "-" || o.log == "-") ? stderr : stdout;
  const bool progress = !o.quiet && isatty(fileno(stderr));
  report::RunRecord rec = campaign::new_record(settings, topo, command, o.label);
  if (!o.quiet) std::fputs(report::console_header(rec).c_str(), out);

  stop_on_signals();
  campaign::Observer observer;
  if (progress)
    observer.progress = [&](const Test& t, std::uint64_t done, std::uint64_t target, double secs) {
      const double pct = target ? 100.0 * static_cast<double>(done) / static_cast<double>(target)
                                : 100.0 * secs / settings.seconds;
      fmt::print(stderr, "\r\033[K  [{}/{}] {:<24} {:5.1f}%  {} iterations  {:.1f}M it/s",
                 rec.tests.size() + 1, tests.size(), t.name, pct, support::group_digits(done),
                 secs > 0 ? static_cast<double>(done) / secs / 1e6 : 0);
      std::fflush(stderr);
    };
  observer.measured = [&](const report::RunRecord& r) {
    if (progress) fmt::print(stderr, "\r\033[K");
    const report::TestRecord& t = r.tests.back();
    if (!o.quiet) std::fputs(("\n" + report::console_test(t)).c_str(), out);
    if (t.grade == Grade::forbidden_seen || t.grade == Grade::emulator_fault)
      std::fputs(report::forbidden_alarm(t).c_str(), stderr);
    save(r, o, false);
  };
  campaign::run_session(rec, tests, topo, stop_flag(), observer);
  std::fputs(report::console_summary(rec).c_str(), out);
  save(rec, o, true);
  if (!o.json.empty() && o.json != "-") fmt::print(out, "results: {}\n", o.json);
  if (!o.log.empty() && o.log != "-") fmt::print(out, "litmus7 log: {}\n", o.log);
  if (stop_flag().load()) {
    fmt::print(stderr,
               "hbscope: stopped by a signal; {} of {} tests measured and saved, marked "
               "partial\n",
               rec.tests.size(), tests.size());
    return stop_status();
  }
  return report::any_forbidden(rec) ? kForbidden : kOk;
}

}  // namespace

Command add_run(CLI::App& app, const std::string& command_line) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run tests on this machine, print the graded histograms, save results");
  cmd->add_option("pattern", o->patterns,
                  "Tests to run: names, families (MP) or globs (\"SB+*\"); herd C .litmus files, "
                  "a FOLDER/ of them or a litmus7 @index; default: the whole catalogue");
  add_settings_options(*cmd, o->settings);
  cmd->add_option("--json", o->json, "Save results as JSON (- for stdout); see results/README.md");
  cmd->add_option("--log", o->log, "Save results as a litmus7 log for mcompare7 (- for stdout)");
  cmd->add_option("--label", o->label, "A name for this machine in the results (e.g. 'graviton3')");
  cmd->add_flag("-q,--quiet", o->quiet, "Print only the summary table");
  cmd->footer(
      "\nExit status: 0 all good; 1 a forbidden outcome was seen; 2 bad usage or input;\n"
      "3 results could not be written; 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM,\n"
      "129 SIGHUP): what was measured is printed and saved, marked partial.\n"
      "Results files are saved after every test; FIFOs, devices and - are written at the end.\n"
      "\nExamples:\n"
      "  hbscope run                          the whole catalogue, 1M iterations each\n"
      "  hbscope run SB+rlx --json r.json     store buffering; results to r.json\n"
      "  hbscope run 'MP+*' -t 10             each MP variant for 10 seconds\n"
      "  hbscope run SB+rlx --cpus 0,1 --log sb.log");
  return {cmd, [o, command_line] { return run(*o, command_line); }};
}

}  // namespace hbscope::cli
