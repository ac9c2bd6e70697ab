// hbscope model: which outcomes each memory model allows for a declaration.
//
// Candidate executions are enumerated exhaustively: which way every branch goes and whether
// every compare-exchange succeeds (kept only when the values read agree), a reads-from source
// for every read, a coherence order for every location. Each candidate is checked against the
// axioms of
//   sc       acyclic(po ∪ rf ∪ co ∪ fr), RMW atomicity
//   rc11     Lahav et al., PLDI 2017: coherence, atomicity, SC (psc), no-thin-air
//   iso      ISO C++20: RC11 without no-thin-air
//   c11      C++11 as herd's c11_partialSC.cat (Batty et al., POPL 2016): partial SC for
//            seq_cst, consume's dependency ordering, no no-thin-air
//   x86-tso  herd's x86tso.cat on the x86-64 instructions compilers emit
//   armv8    the multi-copy-atomic ARMv8 model (Pulte et al., POPL 2018; herd's aarch64.cat)
//            on the AArch64 instructions compilers emit
// The instruction mappings are spelled out by `mapping_text()`.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/outcome.hpp"

namespace hbscope::model {

enum class Model : std::uint8_t { sc, rc11, iso, c11, x86_tso, armv8 };
inline constexpr std::array<Model, 6> kModels = {Model::sc,  Model::rc11,    Model::iso,
                                                 Model::c11, Model::x86_tso, Model::armv8};
//! "sc", "rc11", "iso", "c11", "x86-tso", "armv8"
[[nodiscard]] const char* model_name(Model m);
//! Every model's name, in kModels' order (for option checks).
[[nodiscard]] std::vector<std::string> model_names();
//! The model model_name() spells so, if any.
[[nodiscard]] std::optional<Model> parse_model(std::string_view name);

//! Why a model forbids an execution: the axiom that fails, as a value; axiom_name() spells it
//! for people, once, and only the reports (console, JSON, explain) use the spelling.
enum class Axiom : std::uint8_t {
  none,                 // every axiom holds
  interleaving,         // sc: acyclic(sb ∪ rf ∪ co ∪ fr)
  atomicity,            // sc, x86-tso, armv8: rmw ∩ (fre ; coe) = ∅
  hb,                   // C++: acyclic(hb)
  coherence,            // C++: irreflexive(hb ; eco)
  c11_atomicity,        // C++: rmw ∩ (fr ; co) = ∅
  psc,                  // C++: acyclic(psc)
  visible_side_effect,  // iso: a non-atomic read reads a write that happens before it
  no_thin_air,          // rc11: acyclic(sb ∪ rf)
  no_spurious_failure,  // x86-tso: lock cmpxchg never fails spuriously
  uniproc,              // x86-tso: acyclic(po-loc ∪ com)
  tso,                  // x86-tso: acyclic(ghb)
  internal,             // armv8: acyclic(po-loc ∪ com)
  external,             // armv8: acyclic(ob)
  rf_hb,                // c11: irreflexive(rf ; hb)
  na_final_write,       // c11: a non-atomic final write hb-before another write
  partial_sc,           // c11: acyclic(scp on SC events), C++11's seq_cst
};
[[nodiscard]] const char* axiom_name(Axiom a);  // "psc cycle: seq_cst", ...

//! The hardware model of the architecture this binary runs on, if hbscope has one.
[[nodiscard]] const Model* hardware_model_of(const std::string& arch);

//! What the models say about a test's outcomes (in the layout of the test's OutcomeLayout).
struct Analysis {
  //! Every outcome some candidate execution produces, sorted.
  std::vector<Outcome> candidates;
  //! Per model: the outcomes it allows (sorted), and for each candidate outcome it does not
  //! allow, why — the axioms that rule out its executions.
  std::array<std::vector<Outcome>, kModels.size()> allowed;
  std::array<std::map<Outcome, std::set<Axiom>>, kModels.size()> reasons;
  //! Per model: allowed outcomes some of whose executions have a data race on a non-atomic
  //! location (undefined behaviour in C++; herd7 flags *undef*). Empty for hardware models.
  std::array<std::vector<Outcome>, kModels.size()> undefined;
  std::size_t executions = 0;  // candidate executions examined
  bool pruned = false;         // large test: incoherent candidates were filtered out early

  [[nodiscard]] bool allows(Model m, const Outcome& o) const;
  //! Does model m allow some outcome that is the test's witness?
  [[nodiscard]] bool allows_witness(Model m, const OutcomeLayout& layout) const;
  //! Why model m rules o out: its reasons' names, or "no execution produces it".
  [[nodiscard]] std::string why_not(Model m, const Outcome& o) const;
};

//! Throws std::invalid_argument when the test has more events than the model handles.
Analysis analyse(const Test& test, const OutcomeLayout& layout);

//! One execution of a test, as a model sees it, for teaching: its events, its relations, and,
//! when the model forbids the outcome, the cycle that rules it out.
struct Explanation {
  struct Edge {
    int from, to;
    std::string label;  // po, rf, co, fr, sw, hb, ppo, bob, psc...
  };
  bool found = false;               // some candidate execution produces the outcome
  bool allowed = false;             // the model allows one of them (the one shown)
  Axiom axiom = Axiom::none;        // when forbidden: the axiom that fails
  std::vector<std::string> events;  // per event: "P1: r0 = y.load(acq) reads 1"
  std::vector<int> threads;         // per event: thread, -1 for an initial write
  std::vector<Edge> cycle;          // when forbidden: the cycle, edge by edge
  std::vector<Edge> edges;          // po, rf, co, fr (and sw for C++ models) of the execution
};

//! Explains outcome `o` under model `m`: an allowed execution if there is one, else the first
//! candidate execution and the cycle its first failing axiom finds.
Explanation explain(const Test& test, const OutcomeLayout& layout, const Outcome& o, Model m);

//! The C++ -> x86-64 and C++ -> AArch64 mappings the hardware models assume.
std::string mapping_text();

}  // namespace hbscope::model
