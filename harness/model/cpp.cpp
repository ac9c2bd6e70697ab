//! hbscope model: RC11 (Lahav et al., PLDI 2017) and ISO C++ in one file, because they share
//! their relations: sw, hb, eco and psc are built once per execution and judged twice. ISO C++
//! is RC11 without no-thin-air, with the visible-side-effect rule for non-atomic reads.
#include <optional>

#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

// rs = [W] ; sb|loc? ; [W] ; (rf ; rmw)*
// sw = [REL] ; ([F] ; sb)? ; rs ; rf ; [R] ; (sb ; [F])? ; [ACQ]
Rel synchronises_with(const Execution& x, Set rel, Set acq, Set consume) {
  const Rel id = Rel::identity(x.n);
  const Rel rs =
      seq((x.sb & x.loc).opt().restrict(x.writes, x.writes & ~x.na), seq(x.rf, x.rmw).star());
  const Rel from_rel = (id | x.sb.restrict(x.fences, ~Set{0})).restrict(rel, ~Set{0});
  const Rel to_acq =
      (id | x.sb.restrict(~Set{0}, x.fences)).restrict(x.reads & ~x.na & ~consume, acq);
  return seq(seq(seq(from_rel, rs), x.rf), to_acq);
}

// The relations RC11 and ISO C++ share, built in place (see Execution).
struct Relations {
  explicit Relations(const Execution& x)
      : rel(events_where(x.ev,
                         [](const Event& e) {
                           return e.thread >= 0 && e.kind != Kind::read && releases(e.order);
                         })),
        // rc11.cat leaves consume out of sw at both ends: a consume read (or fence) neither
        // acquires nor is the read sw goes through; it is a relaxed read here.
        acq(events_where(x.ev,
                         [](const Event& e) {
                           return e.thread >= 0 && e.kind != Kind::write && acquires(e.order) &&
                                  e.order != Order::consume;
                         })),
        consume(events_where(x.ev, [](const Event& e) { return e.order == Order::consume; })),
        sc(events_where(x.ev,
                        [](const Event& e) { return e.thread >= 0 && e.order == Order::seq_cst; })),
        fsc(events_where(x.ev,
                         [](const Event& e) {
                           return e.thread >= 0 && e.kind == Kind::fence &&
                                  e.order == Order::seq_cst;
                         })),
        sw(synchronises_with(x, rel, acq, consume)),
        // Initial writes happen before everything.
        init_hb(Rel::product(x.n, x.init,
                             (x.n == kMaxEvents ? ~Set{0} : (Set{1} << x.n) - 1) & ~x.init)),
        hb((x.sb | sw | init_hb).plus()),
        eco(x.com.plus()),
        // ISO C++: a non-atomic read reads a write that happens before it.
        invisible(x.rf.restrict(~Set{0}, x.na) - hb),
        racy(has_data_race(x, hb)) {}
  Set rel, acq, consume, sc, fsc;
  Rel sw, init_hb, hb, eco, invisible;
  bool racy;
};

// psc, built only when the cheaper axioms hold.
struct Psc {
  Psc(const Execution& x, const Relations& r) : rel(psc(x, r)) {}
  static Rel psc(const Execution& x, const Relations& r) {
    const std::size_t n = x.n;
    const Rel sb_nloc = x.sb - x.sb_loc;
    const Rel hb_loc = (r.hb & x.loc).restrict(x.mem, x.mem);
    const Rel scb = x.sb | seq(seq(sb_nloc, r.hb), sb_nloc) | hb_loc | x.co | x.fr;
    const Rel left = Rel::identity(n, r.sc) | seq(Rel::identity(n, r.fsc), r.hb.opt());
    const Rel right = Rel::identity(n, r.sc) | seq(r.hb.opt(), Rel::identity(n, r.fsc));
    return seq(seq(left, scb), right) | (r.hb | seq(seq(r.hb, r.eco), r.hb)).restrict(r.fsc, r.fsc);
  }
  Rel rel;
};

class Cpp final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }

  void judge(const Execution& x, Verdicts& out) override {
    const Relations& r = r_.emplace(x);
    const Axiom common = shared_axiom(x, r);
    const Axiom iso = common != Axiom::none  ? common
                      : !r.invisible.empty() ? Axiom::visible_side_effect
                                             : Axiom::none;
    const Axiom rc11 = common != Axiom::none      ? common
                       : !(x.sb | x.rf).acyclic() ? Axiom::no_thin_air
                                                  : Axiom::none;
    out[static_cast<std::size_t>(Model::iso)] = {iso, r.racy};
    out[static_cast<std::size_t>(Model::rc11)] = {rc11, r.racy};
  }

  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    const std::size_t n = x.n;
    const Relations& r = *r_;
    switch (failed) {
      case Axiom::hb:
        return cycle_in({{"sb", x.sb}, {"sw", r.sw}}, n);
      case Axiom::coherence:
        // e -hb-> f -eco-> e: both halves spelled out in base relations.
        for (std::size_t e = 0; e < n; ++e)
          for (std::size_t f = 0; f < n; ++f)
            if (r.hb.has(e, f) && r.eco.has(f, e)) {
              std::vector<Edge> a = path_in({{"sb", x.sb}, {"sw", r.sw}, {"hb", r.init_hb}}, n,
                                            static_cast<int>(e), static_cast<int>(f));
              const std::vector<Edge> b = path_in({{"rf", x.rf}, {"co", x.co}, {"fr", x.fr}}, n,
                                                  static_cast<int>(f), static_cast<int>(e));
              a.insert(a.end(), b.begin(), b.end());
              return a;
            }
        return {};
      case Axiom::c11_atomicity:
        return atomicity_cycle(x, x.fr, x.co);
      case Axiom::psc:
        return cycle_in({{"psc", psc_->rel}}, n);
      case Axiom::visible_side_effect:
        return cycle_in({{"rf", r.invisible}}, n);
      default:
        return cycle_in({{"sb", x.sb}, {"rf", x.rf}}, n);  // no thin air
    }
  }

  const Rel* drawn() const override { return &r_->sw; }

 private:
  static constexpr Model kJudged[] = {Model::iso, Model::rc11};

  // The axioms RC11 and ISO C++ share: the first that fails.
  Axiom shared_axiom(const Execution& x, const Relations& r) {
    if (!r.hb.irreflexive()) return Axiom::hb;
    if (!seq(r.hb, r.eco).irreflexive()) return Axiom::coherence;
    // C11's atomicity: no write between an RMW's read and its write in co, same thread or not.
    if (!(x.rmw & seq(x.fr, x.co)).empty()) return Axiom::c11_atomicity;
    return psc_.emplace(x, r).rel.acyclic() ? Axiom::none : Axiom::psc;
  }

  // Of the execution judged last, for cycle() and drawn().
  std::optional<Relations> r_;
  std::optional<Psc> psc_;
};

}  // namespace

std::unique_ptr<Axioms> cpp_axioms() { return std::make_unique<Cpp>(); }

}  // namespace hbscope::model
