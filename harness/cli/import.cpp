// hbscope import: a herd7 C .litmus file turned into a catalogue source file (litmus/NAME.cpp).
#include "herd/import.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cli/command.hpp"
#include "run/registry.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

int import_file(const std::string& path, const std::string& output, bool force) {
  herd::Imported imported;
  try {
    imported = herd::import_litmus(path, [](std::string_view name) {
      return run::Registry::instance().find(name) != nullptr;
    });
  } catch (const herd::ImportError& e) {
    throw UsageError(e.what());
  }
  if (!output.empty() && output != "-" && std::filesystem::exists(output) && !force)
    throw UsageError(output + " exists: pass --force to replace it");
  support::write_output(output.empty() ? "-" : output, imported.cpp);
  for (const std::string& note : imported.notes) fmt::print(stderr, "note: {}\n", note);
  auto verb = [](Verdict v) { return v == Verdict::allowed ? "allows" : "forbids"; };
  if (!output.empty() && output != "-")
    fmt::print(
        "{}: catalogue source for {} (C++: RC11 {}, ISO {}). Put it in litmus/ and rebuild: "
        "it joins the catalogue, and 'hbscope list' shows it.\n",
        output, imported.name, verb(imported.verdict.rc11), verb(imported.verdict.iso));
  return kOk;
}

}  // namespace

Command add_import(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "import", "Turn a herd7 C .litmus file into a catalogue source file (litmus/NAME.cpp)");
  cmd->add_option("file", *file, "A herd C litmus file")->required();
  cmd->add_option("-o,--output", *output, "File to write (default: standard output)");
  cmd->add_flag("--force", *force, "Replace the output file if it exists");
  cmd->footer(
      "\nWrites the test with the catalogue's vocabulary (ld, st, if_ne...), the herd source as\n"
      "its opening comment, and C++ verdicts computed by the models. Saved in litmus/, it is\n"
      "compiled into hbscope on the next build: no list to edit. Without it, 'hbscope run\n"
      "FILE.litmus' runs the file directly.\n"
      "\nExamples:\n  hbscope import mp.litmus -o litmus/mp-herd.cpp && cmake --build build\n"
      "  hbscope list MP*");
  return {cmd, [=] { return import_file(*file, *output, *force); }};
}

}  // namespace hbscope::cli
