// hbscope store: many runs from many machines in one SQLite file — add results, list them.
#include "store/store.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "support/text.hpp"

namespace hbscope::cli {

namespace {

int store_add(const std::string& db, const std::vector<std::string>& files,
              const store::AddOptions& opts) {
  store::Store s(db);
  std::size_t added = 0;
  for (const store::AddResult& r : s.add(files, opts)) {
    if (r.added)
      fmt::print("added {} as run {} ({} tests)\n", r.path, r.run, r.tests);
    else
      fmt::print("skipped {}: already run {} (same bytes, hash {})\n", r.path, r.run, r.hash);
    added += r.added;
  }
  fmt::print("{}: {} added, {} already there\n", db, added, files.size() - added);
  return kOk;
}

int store_list(const std::string& spec) {
  const std::size_t q = spec.find('?');
  if (!store::is_store_spec(spec)) throw UsageError(spec + ": a store is a .db file");
  store::Store s(spec.substr(0, q));
  const auto runs = s.list(store::parse_filter(q == std::string::npos ? "" : spec.substr(q + 1)));
  fmt::print("{:>5}  {:<20} {:<8} {:<24} {:<20} {:>5} {:>15}  {}\n", "run", "label", "arch", "cpu",
             "date", "tests", "iterations", "file");
  std::map<std::string, std::size_t> machines;
  for (const store::RunSummary& r : runs) {
    fmt::print("{:>5}  {:<20} {:<8} {:<24} {:<20} {:>5} {:>15}  {}{}\n", r.run, r.label, r.arch,
               r.cpu_model, r.date, r.tests, support::group_digits(r.iterations), r.path,
               r.kind == "log" ? " (litmus7 log)" : "");
    ++machines[r.label];
  }
  fmt::print("{} runs from {} machines\n", runs.size(), machines.size());
  return kOk;
}

}  // namespace

const CLI::Validator kExistingFileOrStore(
    [](const std::string& arg) {
      const std::string file = store::is_store_spec(arg) ? arg.substr(0, arg.find('?')) : arg;
      return CLI::ExistingFile(file);
    },
    "FILE|STORE.db?QUERY");

Command add_store(CLI::App& app) {
  auto db = std::make_shared<std::string>();
  auto files = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<store::AddOptions>();
  CLI::App* cmd = app.add_subcommand(
      "store", "Keep runs from many machines in one SQLite file: add results, list them");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand("add", "Add results JSON files or litmus7 logs to a store");
  add->add_option("store", *db, "The store (created when absent), e.g. runs.db")->required();
  add->add_option("files", *files, "Results JSON files or litmus7 logs")
      ->required()
      ->check(CLI::ExistingFile);
  add->add_option("--label", opts->label,
                  "Machine label for these files, replacing theirs (litmus7 logs have none)");
  add->add_option("--arch", opts->arch,
                  "Architecture for these files, replacing theirs (litmus7 logs have none)");
  CLI::App* list = cmd->add_subcommand("list", "The runs in a store, one per line");
  list->add_option("store", *db, "The store, with an optional query: runs.db?label=pi*")
      ->required();
  cmd->footer(
      "\nA file already in the store (same bytes) is skipped. compare and report read a store\n"
      "among their inputs, with a query after '?': keys label, arch, cpu (globs over the\n"
      "machine label, architecture and CPU model), test (a glob over test names), since and\n"
      "until (ISO dates, inclusive prefixes). Schema: results/README.md.\n"
      "\nExamples:\n"
      "  hbscope store add runs.db results/*.json\n"
      "  hbscope store add runs.db --label pi3 --arch armv7l litmus7-pi3.log\n"
      "  hbscope store list runs.db\n"
      "  hbscope compare 'runs.db?arch=aarch64&test=MP*&since=2026-01-01'");
  return {cmd, [=] {
            if (list->parsed()) return store_list(*db);
            return store_add(*db, *files, *opts);
          }};
}

}  // namespace hbscope::cli
