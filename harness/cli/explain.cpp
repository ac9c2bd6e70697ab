// hbscope explain: one test's story — code, question, each model's verdict and its reason.
#include "report/explain.hpp"

#include <fmt/format.h>

#include "build_info.hpp"
#include "campaign/selection.hpp"
#include "campaign/session.hpp"
#include "cli/command.hpp"
#include "model/model.hpp"
#include "report/console.hpp"
#include "report/graph.hpp"
#include "run/disassemble.hpp"
#include "support/output.hpp"

namespace hbscope::cli {

namespace {

struct ExplainOptions {
  std::string test, graph, model = "rc11";
  std::uint64_t run_iterations = 0;
  bool no_code = false;
};

void print_code(const run::Entry& entry) {
  fmt::print(
      "\nMachine code this build ({}, {}) emitted for each thread's operations\n"
      "(stores to the register argument save results for hbscope, not part of the test):\n",
      compiled_arch(), HBSCOPE_CXX_FLAGS);
  if (std::string_view(HBSCOPE_BUILD_TYPE) == "Debug")
    fmt::print(
        "  (a Debug build: std::atomic's members are calls here, not instructions; build "
        "optimised to see them)\n");
  for (std::size_t t = 0; t < entry.test->threads.size; ++t) {
    fmt::print("  P{}:\n", t);
    try {
      std::fputs(run::disassemble(entry, t).c_str(), stdout);
    } catch (const std::exception& e) {
      fmt::print("      ({})\n", e.what());
    }
  }
}

int explain(const ExplainOptions& o) {
  const campaign::Selection selection({o.test});
  const Test& test = selection.one("explain");
  const run::Entry* compiled = selection.compiled_in(test);
  const std::optional<model::Model> model = model::parse_model(o.model);
  if (!model) throw UsageError("unknown model '" + o.model + "' (sc, rc11, iso, x86-tso, armv8)");
  std::optional<report::GraphFormat> format;
  if (!o.graph.empty()) {
    format = report::graph_format_of(o.graph);
    if (!format)
      throw UsageError("--graph " + o.graph +
                       ": name the file .dot or .gv (DOT text), .svg, .png "
                       "or .pdf (drawn by Graphviz)");
    support::check_writable(o.graph);
  }
  std::fputs(report::explain_text(test).c_str(), stdout);
  if (compiled && !o.no_code) print_code(*compiled);
  if (format) {
    support::write_output(o.graph,
                          report::render_graph(report::explain_dot(test, *model), *format));
    if (o.graph != "-")
      fmt::print("\ngraph of the witness's execution under {}: {}\n", o.model, o.graph);
  }
  if (o.run_iterations > 0) {
    const run::Entry& entry = compiled ? *compiled : *selection.compile().front();
    const run::Topology topo = run::Topology::this_machine();
    Settings settings;
    settings.iterations = o.run_iterations;
    stop_on_signals();
    const report::TestRecord t =
        campaign::measure_and_grade(entry, settings, topo, {&stop_flag(), nullptr});
    fmt::print("\nOn this machine ({}):\n{}", compiled_arch(), report::console_test(t));
    if (stop_flag().load()) return stop_status();
    if (t.grade == Grade::forbidden_seen) return kForbidden;
  }
  return kOk;
}

}  // namespace

Command add_explain(CLI::App& app) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Tell one test's story: code, question, each model's verdict and its reason");
  cmd->add_option("test", o->test, "One test, e.g. MP+rel+acq, or a herd C FILE.litmus")
      ->required();
  cmd->add_option("--graph", o->graph,
                  "Write the witness's execution graph (po, rf, co, fr, sw; the cycle in red) "
                  "as FILE.dot or FILE.gv, or drawn by Graphviz as FILE.svg, FILE.png, FILE.pdf");
  cmd->add_option("--model", o->model, "Model for --graph")
      ->default_val(o->model)
      ->check(CLI::IsMember(model::model_names()));
  cmd->add_option("--run", o->run_iterations,
                  "Also run it N iterations here and show the histogram")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  cmd->add_flag("--no-code", o->no_code, "Do not show the machine code");
  cmd->footer(
      "\nShows the threads side by side, what the condition asks, and for SC, RC11, ISO C++,\n"
      "x86-TSO and ARMv8 whether the outcome is allowed; when forbidden, the cycle of\n"
      "relations that rules it out, edge by edge. Then the instructions this build emitted\n"
      "for each thread (objdump), so mov vs xchg or ldar/stlr/dmb are visible.\n"
      "\nExit status: 0; 1 --run saw an outcome C++ forbids; 2 bad usage; 3 the graph could\n"
      "not be written; 128+N --run stopped by signal N.\n"
      "\nExamples:\n  hbscope explain MP+rel+acq\n"
      "  hbscope explain SB+rel+acq --graph sb.svg --model rc11 --run 1000000");
  return {cmd, [o] { return explain(*o); }};
}

}  // namespace hbscope::cli
