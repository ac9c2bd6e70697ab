//! hbscope model: the multi-copy-atomic ARMv8 model (Pulte et al., POPL 2018; herd's
//! aarch64.cat) on the AArch64 instructions compilers emit for C++ atomics (mapping_text()):
//! internal visibility, atomicity, and external visibility, acyclic(ob), with the data, addr
//! and ctrl dependencies the compiled code keeps (run/compiled.hpp).
#include <optional>

#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

// The parts of ob, built in place (see Execution).
struct Ob {
  explicit Ob(const Execution& x)
      : a(events_where(x.ev,
                       [](const Event& e) {  // ldar, ldaxr
                         return e.thread >= 0 && e.kind == Kind::read && acquires(e.order);
                       })),
        l(events_where(x.ev,
                       [](const Event& e) {  // stlr, stlxr
                         return e.thread >= 0 && e.kind == Kind::write && releases(e.order);
                       })),
        dmb_ld(events_where(x.ev,
                            [](const Event& e) {
                              return e.thread >= 0 && e.kind == Kind::fence &&
                                     e.order == Order::acquire;
                            })),
        dmb_full(events_where(x.ev,
                              [](const Event& e) {
                                return e.thread >= 0 && e.kind == Kind::fence &&
                                       e.order != Order::acquire;
                              })),
        obs(x.com & x.ext),
        aob(x.rmw | seq(Rel::identity(x.n, x.rmw.range()), (x.rf - x.ext).restrict(~Set{0}, a))),
        bob(seq(x.po.restrict(~Set{0}, dmb_full), x.po) | x.po.restrict(l, a) |
            seq(x.po.restrict(x.reads, dmb_ld), x.po) | x.po.restrict(a, ~Set{0}) |
            x.po.restrict(~Set{0}, l)),
        // aarch64.cat: addr | data | ctrl;[W] | addr;po;[W] | (ctrl | data);coi |
        // (addr | data);rfi (no ISB: hbscope's C++ never emits one)
        dob(x.addr | x.data | x.ctrl.restrict(~Set{0}, x.writes) |
            seq(x.addr, x.po).restrict(~Set{0}, x.writes) | seq(x.ctrl | x.data, x.co - x.ext) |
            seq(x.addr | x.data, x.rf - x.ext)) {}
  Set a, l, dmb_ld, dmb_full;
  Rel obs, aob, bob, dob;
};

class Armv8 final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }
  void judge(const Execution& x, Verdicts& out) override {
    const Ob& o = ob_.emplace(x);
    const Rel ob = (o.obs | o.dob | o.aob | o.bob).plus();
    out[static_cast<std::size_t>(Model::armv8)].failed = !(x.po_loc | x.com).acyclic()
                                                             ? Axiom::internal
                                                         : !x.atomic         ? Axiom::atomicity
                                                         : !ob.irreflexive() ? Axiom::external
                                                                             : Axiom::none;
  }
  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    if (failed == Axiom::internal) return po_loc_com_cycle(x);
    if (failed == Axiom::atomicity) return atomicity_cycle(x, x.fr & x.ext, x.co & x.ext);
    return cycle_in({{"obs", ob_->obs}, {"dob", ob_->dob}, {"aob", ob_->aob}, {"bob", ob_->bob}},
                    x.n);
  }

 private:
  static constexpr Model kJudged[] = {Model::armv8};
  std::optional<Ob> ob_;  // of the execution judged last, for cycle()
};

}  // namespace

std::unique_ptr<Axioms> armv8_axioms() { return std::make_unique<Armv8>(); }

}  // namespace hbscope::model
