//! hbscope model: herd's x86tso.cat, on the x86-64 instructions compilers emit for C++ atomics
//! (mapping_text()): uniproc, atomicity of locked instructions, and acyclic(ghb).
#include <optional>

#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

// The parts of ghb beyond com, built in place (see Execution).
struct Ghb {
  explicit Ghb(const Execution& x)
      : mfence(events_where(x.ev,
                            [](const Event& e) {
                              return e.thread >= 0 && e.kind == Kind::fence &&
                                     e.order == Order::seq_cst;
                            })),
        locked(events_where(x.ev,
                            [](const Event& e) {
                              return e.thread >= 0 &&
                                     ((e.kind == Kind::write && e.op == OpKind::store &&
                                       e.order == Order::seq_cst) ||  // xchg
                                      e.op == OpKind::exchange ||
                                      e.op == OpKind::fetch_add ||
                                      e.op ==
                                          OpKind::cas);  // lock-prefixed, even a failing cmpxchg
                            })),
        ppo(x.po.restrict(x.writes, x.writes) | x.po.restrict(x.reads, x.mem)),
        fenced(seq(x.po.restrict(x.mem, mfence), x.po.restrict(mfence, x.mem))),
        implied(x.po.restrict(x.mem, locked) | x.po.restrict(locked, x.mem)) {}
  Set mfence, locked;
  Rel ppo, fenced, implied;
};

class X86Tso final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }
  void judge(const Execution& x, Verdicts& out) override {
    const Ghb& g = ghb_.emplace(x);
    const Rel ghb = g.ppo | g.fenced | g.implied | (x.rf & x.ext) | x.fr | x.co;
    out[static_cast<std::size_t>(Model::x86_tso)].failed = x.spurious ? Axiom::no_spurious_failure
                                                           : !(x.po_loc | x.com).acyclic()
                                                               ? Axiom::uniproc
                                                           : !x.atomic      ? Axiom::atomicity
                                                           : !ghb.acyclic() ? Axiom::tso
                                                                            : Axiom::none;
  }
  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    switch (failed) {
      case Axiom::no_spurious_failure:
        return {};  // no cycle: the instruction cannot do it
      case Axiom::uniproc:
        return po_loc_com_cycle(x);
      case Axiom::atomicity:
        return atomicity_cycle(x, x.fr & x.ext, x.co & x.ext);
      default:
        return cycle_in({{"ppo", ghb_->ppo},
                         {"mfence", ghb_->fenced},
                         {"locked", ghb_->implied},
                         {"rfe", x.rf & x.ext},
                         {"fr", x.fr},
                         {"co", x.co}},
                        x.n);
    }
  }

 private:
  static constexpr Model kJudged[] = {Model::x86_tso};
  std::optional<Ghb> ghb_;  // of the execution judged last, for cycle()
};

}  // namespace

std::unique_ptr<Axioms> x86_tso_axioms() { return std::make_unique<X86Tso>(); }

}  // namespace hbscope::model
