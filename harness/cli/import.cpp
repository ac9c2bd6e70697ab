// hbscope import: a herd7 C .litmus file turned into a catalogue source file (litmus/NAME.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/command.hpp"
#include "herd/catalogue_source.hpp"
#include "herd/litmus_file.hpp"
#include "model/model.hpp"
#include "run/registry.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

int import_file(const std::string& path, const std::string& output, bool force) {
  if (!path.ends_with(".litmus")) throw UsageError("import reads a herd C .litmus file, not '" + path + "'");
  std::unique_ptr<herd::LitmusFile> file;
  try {
    file = herd::read_litmus(path);
  } catch (const herd::ParseError& e) {
    throw UsageError(e.what());
  }
  Test& test = file->test;
  if (run::Registry::instance().find(test.name))
    throw UsageError("the catalogue already has a test called " + std::string(test.name) +
                     ": rename it on the file's first line (C NAME)");
  // The verdicts on the witness, from the models, as the catalogue's hand-written ones would be.
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  test.cpp = {a.allows_witness(model::Model::rc11, layout) ? Verdict::allowed : Verdict::forbidden,
              a.allows_witness(model::Model::iso, layout) ? Verdict::allowed : Verdict::forbidden};
  std::string why;
  const std::string origin = std::filesystem::path(path).filename().string();
  if (test.cpp.rc11 == Verdict::allowed) {
    why = "C++ allows the witness (RC11 and ISO C++); imported from " + origin;
  } else {
    const auto w = std::find_if(a.candidates.begin(), a.candidates.end(),
                                [&](const Outcome& o) { return layout.is_witness(o); });
    why = w == a.candidates.end() ? "no execution produces the witness"
                                  : "RC11 forbids the witness: " + a.why_not(model::Model::rc11, *w);
    why += test.cpp.iso == Verdict::allowed ? " (ISO C++ allows it)" : "";
    why += "; imported from " + origin;
  }
  test.why = file->strings.emplace_back(why);
  const std::string source = herd::catalogue_source(test, file->source);
  if (!output.empty() && output != "-" && std::filesystem::exists(output) && !force)
    throw UsageError(output + " exists: pass --force to replace it");
  support::write_output(output.empty() ? "-" : output, source);
  // The catalogue's conventions, which its unit tests check: say so now rather than at ctest.
  std::set<Outcome> others;
  for (model::Model m : {model::Model::rc11, model::Model::iso})
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)])
      if (!a.allows(model::Model::sc, o) && !layout.is_witness(o)) others.insert(o);
  if (!others.empty())
    fmt::print(stderr,
               "note: C++ allows {} non-SC outcome(s) besides the witness; the catalogue's unit "
               "test 'RC11 allows exactly SC plus the witness' expects none, so make the condition "
               "name the one outcome the test is about\n",
               others.size());
  if (a.allows_witness(model::Model::sc, layout))
    fmt::print(stderr,
               "note: an interleaving (SC) produces the witness; the catalogue's unit test 'every "
               "catalogue witness is a non-SC outcome' expects the condition to ask for a weak "
               "outcome\n");
  if (!output.empty() && output != "-")
    fmt::print("{}: catalogue source for {} (C++: RC11 {}, ISO {}). Put it in litmus/ and rebuild: "
               "it joins the catalogue, and 'hbscope list' shows it.\n",
               output, test.name, test.cpp.rc11 == Verdict::allowed ? "allows" : "forbids",
               test.cpp.iso == Verdict::allowed ? "allows" : "forbids");
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
