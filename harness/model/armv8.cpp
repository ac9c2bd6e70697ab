//! hbscope model: the multi-copy-atomic ARMv8 model (Pulte et al., POPL 2018; herd's
//! aarch64.cat) on the AArch64 instructions compilers emit for C++ atomics (mapping_text()):
//! internal visibility, atomicity, and external visibility, acyclic(ob).
#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

class Armv8 final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }
  void judge(const Execution& x, Verdicts& out) override {
    const std::size_t n = x.n;
    const Rel& po = x.po;
    Set a = 0, l = 0, dmb_full = 0, dmb_ld = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Event& e = x.ev[i];
      const Set bit = Set{1} << i;
      if (e.thread < 0) continue;
      if (e.kind == Kind::read && acquires(e.order)) a |= bit;  // ldar, ldaxr
      if (e.kind == Kind::write && releases(e.order)) l |= bit;  // stlr, stlxr
      if (e.kind == Kind::fence) (e.order == Order::acquire ? dmb_ld : dmb_full) |= bit;
    }
    obs_ = x.com & x.ext;
    aob_ = x.rmw | seq(Rel::identity(n, x.rmw.range()), (x.rf - x.ext).restrict(~Set{0}, a));
    bob_ = seq(po.restrict(~Set{0}, dmb_full), po) | po.restrict(l, a) |
           seq(po.restrict(x.reads, dmb_ld), po) | po.restrict(a, ~Set{0}) |
           po.restrict(~Set{0}, l);
    Rel data(n);  // from the reads a stored register holds to the store
    for (std::size_t w = 0; w < n; ++w)
      if (x.ev[w].has_data)
        for (int src : {x.ev[w].data.event, x.ev[w].data.plus})
          if (src >= 0) data.add(src, w);
    dob_ = x.ctrl.restrict(~Set{0}, x.writes) | data;  // no address dependencies here
    const Rel ob = (obs_ | dob_ | aob_ | bob_).plus();
    out[static_cast<std::size_t>(Model::armv8)].failed =
        !(x.po_loc | x.com).acyclic() ? Axiom::internal
        : !x.atomic                   ? Axiom::atomicity
        : !ob.irreflexive()           ? Axiom::external
                                      : Axiom::none;
  }
  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    if (failed == Axiom::internal) return po_loc_com_cycle(x);
    if (failed == Axiom::atomicity) return atomicity_cycle(x, x.fr & x.ext, x.co & x.ext);
    return cycle_in({{"obs", obs_}, {"dob", dob_}, {"aob", aob_}, {"bob", bob_}}, x.n);
  }

 private:
  static constexpr Model kJudged[] = {Model::armv8};
  Rel obs_, aob_, bob_, dob_;  // of the execution judged last, for cycle()
};

}  // namespace

std::unique_ptr<Axioms> armv8_axioms() { return std::make_unique<Armv8>(); }

}  // namespace hbscope::model
