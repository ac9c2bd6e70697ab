#include "report/explain.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <stdexcept>

#include "report/model_view.hpp"
#include "support/text.hpp"

namespace hbscope::report {

namespace {

// The witness the explanation is about: the first candidate outcome that is the test's witness.
const Outcome* witness_of(const model::Analysis& a, const OutcomeLayout& layout) {
  for (const Outcome& o : a.candidates)
    if (layout.is_witness(o)) return &o;
  return nullptr;
}

std::string threads_side_by_side(const Test& test) {
  constexpr std::size_t width = 26;
  std::string s = "  ";
  std::size_t rows = 0;
  for (std::size_t t = 0; t < test.threads.size; ++t) {
    s += fmt::format("{:<{}}", "P" + std::to_string(t), width);
    rows = std::max<std::size_t>(rows, test.threads.v[t].size);
  }
  s += "\n";
  for (std::size_t i = 0; i < rows; ++i) {
    s += "  ";
    for (std::size_t t = 0; t < test.threads.size; ++t) {
      const Thread& th = test.threads.v[t];
      std::string cell;
      if (i < th.size) {
        cell = op_text(test, th.ops[i], t) + ";";
        if (th.guarded(i)) cell = "  " + cell;
      }
      s += fmt::format("{:<{}}", cell, width);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    s += "\n";
  }
  while (s.find(" \n") != std::string::npos) s.replace(s.find(" \n"), 2, "\n");
  std::string init;
  for (std::size_t l = 0; l < test.locs.size; ++l)
    init += (init.empty() ? "" : ", ") + std::string(test.locs.v[l].name) + " = " +
            std::to_string(test.locs.v[l].init);
  return "  initially " + init + "\n" + s;
}

std::string edge_words(const std::string& label) {
  static const std::map<std::string, std::string> words = {
      {"po", "then, in program order,"},
      {"sb", "is sequenced before"},
      {"sw", "synchronises with"},
      {"hb", "happens before"},
      {"rf", "is read by"},
      {"rfe", "is read, on another CPU, by"},
      {"co", "is overwritten (coherence order) by"},
      {"fr", "reads a value overwritten by"},
      {"rmw", "is the read half of the RMW that writes"},
      {"psc", "must precede, in the seq_cst order,"},
      {"po-loc", "comes in program order, same location, before"},
      {"ppo", "stays in program order (TSO) before"},
      {"mfence", "is fenced (mfence) before"},
      {"locked", "is ordered by a locked instruction before"},
      {"obs", "is observed by"},
      {"bob", "is ordered by a barrier or acquire/release before"},
      {"aob", "is ordered by atomicity before"},
      {"dob", "is ordered by a dependency before"},
  };
  auto it = words.find(label);
  return it == words.end() ? label : it->second;
}

}  // namespace

std::string explain_text(const Test& test) {
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  std::string s = fmt::format("{}\n\n", test.name);
  s += threads_side_by_side(test);
  s += fmt::format("\n  {}\n", layout.condition().text());
  const Outcome* w = witness_of(a, layout);
  const bool forall = layout.condition().quantifier() == Quantifier::forall;
  if (w) {
    // In words: "P1 ends with r0 = 1 and r1 = 0", "x ends as 2".
    std::string words;
    std::istringstream parts(layout.herd_state(*w));
    for (std::string item; parts >> item;) {
      if (!item.empty() && item.back() == ';') item.pop_back();
      const std::size_t eq = item.find('='), colon = item.find(':');
      std::string phrase;
      if (colon != std::string::npos && colon < eq)
        phrase = "P" + item.substr(0, colon) + "'s " + item.substr(colon + 1, eq - colon - 1) +
                 " = " + item.substr(eq + 1);
      else
        phrase = "final " + item.substr(1, item.find(']') - 1) + " = " + item.substr(eq + 1);
      words += (words.empty() ? "" : " and ") + phrase;
    }
    s += support::wrap(fmt::format("The question: can a run end with {}? ({})", words,
                                   forall ? "that would break the forall"
                                          : "the outcome the condition asks about"),
                       "  ");
    if (w->symbolic)
      s += support::wrap(
          "S0 (S1...) is a value out of thin air: the stores write what the loads "
          "read, in a cycle, so nothing fixes the value; ISO C++ does not rule such a "
          "cycle out, RC11 does (no thin air), and so do the x86-TSO and ARMv8 models.",
          "  ");
  }
  s += support::wrap(std::string(test.why), "  ");
  if (uses_consume(test)) s += support::wrap(consume_note(), "  ");
  if (!w) return s + "\n  No candidate execution produces the condition's outcome at all.\n";
  for (model::Model m : model::kModels) {
    const model::Explanation x = model::explain(test, layout, *w, m);
    s += fmt::format("\n{}: {}", model::model_name(m),
                     x.allowed ? std::string("ALLOWED")
                               : "forbidden, " + std::string(model::axiom_name(x.axiom)));
    if (m == model::Model::x86_tso) s += "  (on the instructions x86-64 compilers emit)";
    if (m == model::Model::armv8) s += "  (on the instructions AArch64 compilers emit)";
    s += "\n";
    if (x.allowed || x.cycle.empty()) continue;
    s += fmt::format("    {}\n", x.events[x.cycle.front().from]);
    for (const auto& e : x.cycle)
      s += fmt::format("      {} ({})\n    {}\n", edge_words(e.label), e.label, x.events[e.to]);
    s += "    ...which is where the cycle started: no execution can order them so.\n";
  }
  return s;
}

std::string explain_dot(const Test& test, model::Model m) {
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  const Outcome* w = witness_of(a, layout);
  if (!w) throw std::invalid_argument("no candidate execution produces the witness");
  const model::Explanation x = model::explain(test, layout, *w, m);
  auto esc = [](std::string_view t) {
    std::string o;
    for (char c : t) o += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return o;
  };
  std::string s = fmt::format(
      "digraph \"{}\" {{\n  label=\"{} under {}: {}\";\n  labelloc=t; fontname=Helvetica;\n"
      "  node [shape=box, fontname=Helvetica, fontsize=11];\n  edge [fontname=Helvetica, "
      "fontsize=10];\n",
      esc(test.name), esc(test.name), model::model_name(m),
      esc(x.allowed ? "allowed" : "forbidden (" + std::string(model::axiom_name(x.axiom)) + ")"));
  int max_thread = -1;
  for (int t : x.threads) max_thread = std::max(max_thread, t);
  for (int t = -1; t <= max_thread; ++t) {
    s += t < 0 ? "  subgraph cluster_init {\n    label=\"initial state\";\n"
               : fmt::format("  subgraph cluster_P{} {{\n    label=\"P{}\";\n", t, t);
    for (std::size_t e = 0; e < x.events.size(); ++e)
      if (x.threads[e] == t) s += fmt::format("    e{} [label=\"{}\"];\n", e, esc(x.events[e]));
    s += "  }\n";
  }
  auto in_cycle = [&](const model::Explanation::Edge& e) {
    for (const auto& c : x.cycle)
      if (c.from == e.from && c.to == e.to) return true;
    return false;
  };
  static const std::map<std::string, std::string> colour = {
      {"po", "black"}, {"rf", "darkgreen"}, {"co", "blue"}, {"fr", "orange"}, {"sw", "purple"}};
  for (const auto& e : x.edges) {
    const auto c = colour.find(e.label);
    s += fmt::format("  e{} -> e{} [label=\"{}\", color={}{}];\n", e.from, e.to, e.label,
                     in_cycle(e) ? "red" : (c == colour.end() ? "gray" : c->second),
                     in_cycle(e) ? ", penwidth=2.5, fontcolor=red" : "");
  }
  // Cycle edges that are derived relations (hb, ppo, bob...) are drawn too, dashed.
  for (const auto& e : x.cycle) {
    bool drawn = false;
    for (const auto& b : x.edges) drawn = drawn || (b.from == e.from && b.to == e.to);
    if (!drawn)
      s += fmt::format(
          "  e{} -> e{} [label=\"{}\", color=red, fontcolor=red, style=dashed, "
          "penwidth=2.5];\n",
          e.from, e.to, e.label);
  }
  return s + "}\n";
}

}  // namespace hbscope::report
