//! hbscope model: herd's x86tso.cat, on the x86-64 instructions compilers emit for C++ atomics
//! (mapping_text()): uniproc, atomicity of locked instructions, and acyclic(ghb).
#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

class X86Tso final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }
  void judge(const Execution& x, Verdicts& out) override {
    Set locked = 0, mfence = 0;
    for (std::size_t i = 0; i < x.n; ++i) {
      const Event& e = x.ev[i];
      const Set bit = Set{1} << i;
      if (e.thread < 0) continue;
      if (e.kind == Kind::fence && e.order == Order::seq_cst) mfence |= bit;
      if (e.kind == Kind::write && e.op == OpKind::store && e.order == Order::seq_cst)
        locked |= bit;  // xchg
      if (e.op == OpKind::exchange || e.op == OpKind::fetch_add || e.op == OpKind::cas)
        locked |= bit;  // lock-prefixed, even a failing cmpxchg
    }
    const Rel& po = x.po;
    po_ghb_ = po.restrict(x.writes, x.writes) | po.restrict(x.reads, x.mem);
    fenced_ = seq(po.restrict(x.mem, mfence), po.restrict(mfence, x.mem));
    implied_ = po.restrict(x.mem, locked) | po.restrict(locked, x.mem);
    const Rel ghb = po_ghb_ | fenced_ | implied_ | (x.rf & x.ext) | x.fr | x.co;
    out[static_cast<std::size_t>(Model::x86_tso)].failed =
        x.spurious                           ? Axiom::no_spurious_failure
        : !(x.po_loc | x.com).acyclic()      ? Axiom::uniproc
        : !x.atomic                          ? Axiom::atomicity
        : !ghb.acyclic()                     ? Axiom::tso
                                             : Axiom::none;
  }
  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    switch (failed) {
      case Axiom::no_spurious_failure: return {};  // no cycle: the instruction cannot do it
      case Axiom::uniproc: return po_loc_com_cycle(x);
      case Axiom::atomicity: return atomicity_cycle(x, x.fr & x.ext, x.co & x.ext);
      default:
        return cycle_in({{"ppo", po_ghb_}, {"mfence", fenced_}, {"locked", implied_},
                         {"rfe", x.rf & x.ext}, {"fr", x.fr}, {"co", x.co}}, x.n);
    }
  }

 private:
  static constexpr Model kJudged[] = {Model::x86_tso};
  Rel po_ghb_, fenced_, implied_;  // of the execution judged last, for cycle()
};

}  // namespace

std::unique_ptr<Axioms> x86_tso_axioms() { return std::make_unique<X86Tso>(); }

}  // namespace hbscope::model
