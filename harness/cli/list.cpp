// hbscope list: the catalogue, or one declaration told in full.
#include <fmt/format.h>

#include "campaign/selection.hpp"
#include "cli/command.hpp"

namespace hbscope::cli {

namespace {

std::string cpp_column(const Test& t) {
  if (t.cpp.rc11 == t.cpp.iso) return std::string(name(t.cpp.rc11));
  return "iso-only";
}

int list(const std::vector<std::string>& patterns, bool long_form) {
  const campaign::Selection selection(patterns);
  const auto& tests = selection.tests();
  if (!long_form) {
    fmt::print("{:<24} {:>3}  {:<10} {}\n", "test", "thr", "C++", "condition");
    for (const Test* t : tests)
      fmt::print("{:<24} {:>3}  {:<10} {}\n", t->name, t->threads.size, cpp_column(*t),
                 t->condition);
    fmt::print(
        "\n{} tests. 'hbscope list -l PATTERN' shows declarations; 'hbscope run PATTERN' "
        "runs them.\n",
        tests.size());
    return kOk;
  }
  auto verb = [](Verdict v) { return v == Verdict::allowed ? "allows" : "forbids"; };
  for (const Test* t : tests) {
    fmt::print("{}  (hash {})\n", t->name, declaration_hash(*t));
    for (std::size_t i = 0; i < t->threads.size; ++i) {
      fmt::print("  P{}:", i);
      for (std::size_t k = 0; k < t->threads.v[i].size; ++k)
        fmt::print(" {};", op_text(*t, t->threads.v[i].ops[k], i));
      fmt::print("\n");
    }
    fmt::print("  {}\n  C++: RC11 {}, ISO {} — {}\n\n", t->condition, verb(t->cpp.rc11),
               verb(t->cpp.iso), t->why);
  }
  return kOk;
}

}  // namespace

Command add_list(CLI::App& app) {
  auto patterns = std::make_shared<std::vector<std::string>>();
  auto long_form = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("list", "List the catalogue (all tests, or those matching)");
  cmd->add_option("pattern", *patterns,
                  "Test name, family (MP) or glob (\"SB+*\", \"*sc*\"); case-insensitive; or "
                  ".litmus files, FOLDER/ or @index");
  cmd->add_flag("-l,--long", *long_form, "Show each declaration: threads, condition, verdict, why");
  cmd->footer("\nExamples:\n  hbscope list\n  hbscope list -l MP+rel+acq\n  hbscope list 'SB+*'");
  return {cmd, [=] { return list(*patterns, *long_form); }};
}

}  // namespace hbscope::cli
