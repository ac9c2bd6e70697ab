//! hbscope model: C++11 as herd's c11_partialSC.cat states it (Batty, Donaldson, Wickerson,
//! POPL 2016, over c11_base.cat): happens-before with release sequences, consume's
//! dependency-ordered-before, coherence, visible side effects for non-atomic reads, and the
//! C++11 rule for seq_cst, acyclic over SC events only of a partial order (scp) that reaches
//! SC fences through sb, where C++20's psc (cpp.cpp) goes through hb. No no-thin-air axiom:
//! load-buffering cycles are allowed, as C++11 allows them.
#include <optional>

#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

// c11_base.cat's relations, built in place (see Execution).
struct C11Relations {
  explicit C11Relations(const Execution& x)
      : all(x.n == kMaxEvents ? ~Set{0} : (Set{1} << x.n) - 1),
        atomic(x.mem & ~x.na),
        sc(events_where(x.ev,
                        [](const Event& e) { return e.thread >= 0 && e.order == Order::seq_cst; })),
        // cacq = ACQ | (SC & (R | F)) | ACQ_REL | (F & CON); crel = REL | (SC & (W | F)) |
        // ACQ_REL; herd splits an RMW's order into its halves as candidates.cpp does.
        cacq(events_where(x.ev,
                          [](const Event& e) {
                            return e.thread >= 0 && e.kind != Kind::write &&
                                   (e.order == Order::acquire || e.order == Order::acq_rel ||
                                    e.order == Order::seq_cst ||
                                    (e.kind == Kind::fence && e.order == Order::consume));
                          })),
        crel(events_where(x.ev,
                          [](const Event& e) {
                            return e.thread >= 0 && e.kind != Kind::read && releases(e.order);
                          })),
        ccon(events_where(x.ev,
                          [](const Event& e) {
                            return e.kind == Kind::read && e.order == Order::consume && !e.na;
                          })),
        mo(x.co.restrict(x.writes & ~x.na, x.writes & ~x.na)),
        fr(seq(x.rf.inverse(), mo)),
        fsb_opt(Rel::identity(x.n) | x.sb.restrict(x.fences, all)),
        sbf_opt(Rel::identity(x.n) | x.sb.restrict(all, x.fences)),
        rs(release_sequence(x, mo)),
        sw((x.ext & seq(seq(seq(seq(fsb_opt.restrict(crel, atomic & x.writes), rs.opt()), x.rf)
                                .restrict(all, x.reads & atomic),
                            sbf_opt),
                        Rel::identity(x.n, cacq))) |
           Rel::product(x.n, x.init, all & ~x.init)),
        // cad = ((rf & sb) | dd)+ with dd = (data | addr)+;
        // dob = (ext & ([W & crel] ; fsb? ; [A & W] ; rs? ; rf ; [ccon])) ; cad?
        dob(seq(x.ext & seq(seq(Rel::identity(x.n, x.writes & crel & atomic), rs.opt()), x.rf)
                            .restrict(all, ccon),
                ((x.rf & x.sb) | x.data | x.addr).plus().opt())),
        hb(happens_before(x, sw, dob)),
        hbl(hb & x.loc),
        // vis = (hbl & (W * R)) \ (hbl ; [W] ; hbl)
        invisible(x.rf.restrict(all, x.reads & x.na) -
                  (hbl.restrict(x.writes, x.reads) - seq(hbl.restrict(all, x.writes), hbl))),
        racy(has_data_race(x, hb)) {}

  // rs = mo & rs' \ ((mo \ rs') ; mo), rs' = int | (_ * RMW writes)
  static Rel release_sequence(const Execution& x, const Rel& mo) {
    const Rel internal = Rel::product(x.n, ~x.init, ~x.init) - x.ext;
    const Rel prime = internal | Rel::product(x.n, ~Set{0}, x.rmw.range());
    return (mo & prime) - seq(mo - prime, mo);
  }
  // ithbr = sw | dob | sw ; sb;  ithb = (ithbr | sb ; ithbr)+;  hb = sb | ithb
  static Rel happens_before(const Execution& x, const Rel& sw, const Rel& dob) {
    const Rel ithbr = sw | dob | seq(sw, x.sb);
    return x.sb | (ithbr | seq(x.sb, ithbr)).plus();
  }

  Set all, atomic, sc, cacq, crel, ccon;
  Rel mo, fr, fsb_opt, sbf_opt, rs, sw, dob, hb, hbl, invisible;
  bool racy;
};

// scp = hb | fsb? ; mo ; sbf? | rf^-1 ; [SC] ; mo | rf^-1 ; hbl ; [W] | fsb ; fr | fr ; sbf |
//       fsb ; fr ; sbf, restricted to SC events, without its identity.
Rel partial_sc(const Execution& x, const C11Relations& r) {
  const Rel fsb = x.sb.restrict(x.fences, r.all), sbf = x.sb.restrict(r.all, x.fences);
  const Rel rf_inv = x.rf.inverse();
  const Rel scp = r.hb | seq(seq(r.fsb_opt, r.mo), r.sbf_opt) |
                  seq(rf_inv.restrict(r.all, r.sc), r.mo) |
                  seq(rf_inv, r.hbl.restrict(r.all, x.writes)) | seq(fsb, r.fr) | seq(r.fr, sbf) |
                  seq(seq(fsb, r.fr), sbf);
  return scp.restrict(r.sc, r.sc) - Rel::identity(x.n);
}

class C11 final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }

  void judge(const Execution& x, Verdicts& out) override {
    const C11Relations& r = r_.emplace(x);
    const Rel rf_opt_inv = x.rf.inverse().opt();
    Axiom failed = Axiom::none;
    if (!r.hb.acyclic())
      failed = Axiom::hb;
    else if (!seq(seq(seq(rf_opt_inv, r.mo), x.rf.opt()), r.hb).irreflexive())
      failed = Axiom::coherence;
    else if (!seq(x.rf, r.hb).irreflexive())
      failed = Axiom::rf_hb;
    else if (!r.invisible.empty())
      failed = Axiom::visible_side_effect;
    else if (!final_writes_last(x, r))
      failed = Axiom::na_final_write;
    else if (!(x.rmw & seq(r.fr, r.mo)).empty())
      failed = Axiom::c11_atomicity;
    else if (!scp_.emplace(partial_sc(x, r)).acyclic())
      failed = Axiom::partial_sc;
    out[static_cast<std::size_t>(Model::c11)] = {failed, r.racy};
  }

  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    const C11Relations& r = *r_;
    switch (failed) {
      case Axiom::hb:
        return cycle_in({{"sb", x.sb}, {"sw", r.sw}, {"dob", r.dob}}, x.n);
      case Axiom::coherence:
        return cycle_in({{"hb", r.hb}, {"mo", r.mo}, {"rf", x.rf}, {"fr", r.fr}}, x.n);
      case Axiom::rf_hb:
        return cycle_in({{"rf", x.rf}, {"hb", r.hb}}, x.n);
      case Axiom::visible_side_effect:
        return cycle_in({{"rf", r.invisible}}, x.n);
      case Axiom::c11_atomicity:
        return atomicity_cycle(x, r.fr, r.mo);
      case Axiom::partial_sc:
        return cycle_in({{"scp", *scp_}}, x.n);
      default:
        return {};
    }
  }

  const Rel* drawn() const override { return &r_->sw; }

 private:
  static constexpr Model kJudged[] = {Model::c11};

  // empty [FW \ A] ; hbl ; [W]: a non-atomic location's final write (the last in co) is not
  // hb-before another write to it.
  static bool final_writes_last(const Execution& x, const C11Relations& r) {
    const Set final_na = x.writes & x.na & ~x.co.restrict(x.writes, x.writes).inverse().range();
    return r.hbl.restrict(final_na, x.writes).empty();
  }

  std::optional<C11Relations> r_;  // of the execution judged last, for cycle() and drawn()
  std::optional<Rel> scp_;
};

}  // namespace

std::unique_ptr<Axioms> c11_axioms() { return std::make_unique<C11>(); }

}  // namespace hbscope::model
