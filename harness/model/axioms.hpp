//! hbscope model: the interface every model's axioms implement over one shared Execution, and
//! the helpers that turn a failed axiom into a cycle for the explanation. One file per model
//! (sc.cpp, cpp.cpp for RC11 and ISO C++20, c11.cpp, x86_tso.cpp, armv8.cpp), as herd7 keeps one
//! .cat each.
//
// To add a model:
//   1. model.hpp: a value in `Model`, in `kModels`, and its one spelling in model_name()
//      (model.cpp); parse_model() reads it from there.
//   2. model.hpp: a value in `Axiom` for each axiom that can fail, and its one spelling in
//      axiom_name() (axioms.cpp).
//   3. A new file, e.g. power.cpp: a class deriving from Axioms whose models() lists the new
//      Model, whose judge() names the first axiom that fails, and whose cycle() shows it; and a
//      factory `std::unique_ptr<Axioms> power_axioms()` declared below.
//   4. axioms.cpp: the factory in the table all_axioms().
//   5. CMakeLists.txt: the file in hbscope_model's sources.
//   6. report/model_view.cpp: a column in the console table of `hbscope model` (`--json` and
//      `explain` list every model of kModels themselves); cli/explain.cpp's --model check
//      reads kModels too.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "model/execution.hpp"
#include "model/model.hpp"

namespace hbscope::model {

//! What one model says about one execution.
struct Verdict {
  Axiom failed = Axiom::none;  // the first axiom that fails; none: allowed
  bool racy = false;           // allowed, with a data race on a non-atomic location
};
using Verdicts = std::array<Verdict, kModels.size()>;

using Edge = Explanation::Edge;

//! The axioms of one model, or of several that share their relations (RC11 and ISO C++ share
//! hb and psc). An object keeps the relations of the execution it judged last, so that cycle()
//! draws the explanation from them without computing them again.
class Axioms {
 public:
  virtual ~Axioms() = default;
  //! The models judged, in the order their verdicts are applied (the first allowing a candidate
  //! whose values are not modelled names itself in the error).
  [[nodiscard]] virtual std::span<const Model> models() const = 0;
  //! Judges x under each of models(), into out[model].
  virtual void judge(const Execution& x, Verdicts& out) = 0;
  //! The cycle behind `failed` under m, for the execution judge() saw last; empty when the
  //! failure is no cycle (a lock cmpxchg failing spuriously).
  [[nodiscard]] virtual std::vector<Edge> cycle(const Execution& x, Model m,
                                                Axiom failed) const = 0;
  //! A relation the explanation draws besides po, rf, co and fr (sw for the C++ models).
  [[nodiscard]] virtual const Rel* drawn() const { return nullptr; }
};

std::unique_ptr<Axioms> sc_axioms();
std::unique_ptr<Axioms> cpp_axioms();  // rc11 and iso
std::unique_ptr<Axioms> c11_axioms();
std::unique_ptr<Axioms> x86_tso_axioms();
std::unique_ptr<Axioms> armv8_axioms();

//! Every model's axioms; each model is judged by exactly one entry.
std::vector<std::unique_ptr<Axioms>> all_axioms();

//! A data race under hb: conflicting accesses from two threads, one non-atomic, unordered.
bool has_data_race(const Execution& x, const Rel& hb);

// --- for the explanation ----------------------------------------------------------------------

using Parts = std::vector<std::pair<const char*, Rel>>;

//! A shortest path from `from` to `to` in the union of labelled relations, edge by edge.
std::vector<Edge> path_in(const Parts& parts, std::size_t n, int from, int to);
//! A shortest cycle in the union of labelled relations.
std::vector<Edge> cycle_in(const Parts& parts, std::size_t n);
//! An atomicity violation, edge by edge: the RMW's read, the write it read, the write that came
//! between (f ; c), and the RMW's own write.
std::vector<Edge> atomicity_cycle(const Execution& x, const Rel& f, const Rel& c);
//! acyclic(po-loc ∪ com) as the hardware models name it (uniproc, internal visibility).
std::vector<Edge> po_loc_com_cycle(const Execution& x);

}  // namespace hbscope::model
