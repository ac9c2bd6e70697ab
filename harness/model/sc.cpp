//! hbscope model: sequential consistency, acyclic(sb ∪ rf ∪ co ∪ fr) with RMW atomicity: the
//! executions some interleaving of the threads produces (interleavings.hpp enumerates those
//! directly, as a check on this file).
#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

class Sc final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }
  void judge(const Execution& x, Verdicts& out) override {
    const bool interleaving = (x.sb | x.com).acyclic();
    out[static_cast<std::size_t>(Model::sc)].failed = !interleaving ? Axiom::interleaving
                                                      : !x.atomic   ? Axiom::atomicity
                                                                    : Axiom::none;
  }
  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    if (failed == Axiom::atomicity) return atomicity_cycle(x, x.fr & x.ext, x.co & x.ext);
    return cycle_in({{"sb", x.sb}, {"rf", x.rf}, {"co", x.co}, {"fr", x.fr}}, x.n);
  }

 private:
  static constexpr Model kJudged[] = {Model::sc};
};

}  // namespace

std::unique_ptr<Axioms> sc_axioms() { return std::make_unique<Sc>(); }

}  // namespace hbscope::model
