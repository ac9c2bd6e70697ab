//! hbscope model: RC11 (Lahav et al., PLDI 2017) and ISO C++ in one file, because they share
//! their relations: sw, hb, eco and psc are built once per execution and judged twice. ISO C++
//! is RC11 without no-thin-air, with the visible-side-effect rule for non-atomic reads.
#include "model/axioms.hpp"

namespace hbscope::model {
namespace {

class Cpp final : public Axioms {
 public:
  std::span<const Model> models() const override { return kJudged; }

  void judge(const Execution& x, Verdicts& out) override {
    const std::size_t n = x.n;
    const Rel& sb = x.sb;
    Set rel = 0, acq = 0, sc = 0;
    fsc_ = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Set bit = Set{1} << i;
      const Event& e = x.ev[i];
      if (e.thread < 0) continue;
      if (e.kind != Kind::read && releases(e.order)) rel |= bit;
      if (e.kind != Kind::write && acquires(e.order)) acq |= bit;
      if (e.order == Order::seq_cst) sc |= bit;
      if (e.kind == Kind::fence && e.order == Order::seq_cst) fsc_ |= bit;
    }
    const Rel id = Rel::identity(n);
    // rs = [W] ; sb|loc? ; [W] ; (rf ; rmw)*
    const Rel rs = seq((sb & x.loc).opt().restrict(x.writes, x.writes & ~x.na),
                       seq(x.rf, x.rmw).star());
    // sw = [REL] ; ([F] ; sb)? ; rs ; rf ; [R] ; (sb ; [F])? ; [ACQ]
    const Rel from_rel = (id | sb.restrict(x.fences, ~Set{0})).restrict(rel, ~Set{0});
    const Rel to_acq = (id | sb.restrict(~Set{0}, x.fences)).restrict(x.reads & ~x.na, acq);
    sw_ = seq(seq(seq(from_rel, rs), x.rf), to_acq);
    // Initial writes happen before everything.
    const Set all = n == kMaxEvents ? ~Set{0} : (Set{1} << n) - 1;
    init_hb_ = Rel::product(n, x.init, all & ~x.init);
    hb_ = (sb | sw_ | init_hb_).plus();
    eco_ = x.com.plus();
    // A data race: conflicting accesses, one non-atomic, unordered by hb.
    const Rel conflict =
        (x.loc & (Rel::product(n, x.writes, x.mem) | Rel::product(n, x.mem, x.writes)) & x.ext)
            .restrict(x.mem, x.mem) -
        Rel::product(n, x.init, ~Set{0}) - Rel::product(n, ~Set{0}, x.init);
    const Rel involves_na = Rel::product(n, x.na, ~Set{0}) | Rel::product(n, ~Set{0}, x.na);
    const bool racy = !((conflict & involves_na) - hb_ - hb_.inverse()).empty();

    const Axiom common = cpp_axiom(x, sc);
    // ISO C++: a non-atomic read reads a write that happens before it (visible side effect).
    invisible_ = x.rf.restrict(~Set{0}, x.na) - hb_;
    const Axiom iso = common != Axiom::none ? common
                      : !invisible_.empty() ? Axiom::visible_side_effect
                                            : Axiom::none;
    const Axiom rc11 = common != Axiom::none    ? common
                       : !(sb | x.rf).acyclic() ? Axiom::no_thin_air
                                                : Axiom::none;
    out[static_cast<std::size_t>(Model::iso)] = {iso, racy};
    out[static_cast<std::size_t>(Model::rc11)] = {rc11, racy};
  }

  std::vector<Edge> cycle(const Execution& x, Model, Axiom failed) const override {
    const std::size_t n = x.n;
    switch (failed) {
      case Axiom::hb: return cycle_in({{"sb", x.sb}, {"sw", sw_}}, n);
      case Axiom::coherence:
        // e -hb-> f -eco-> e: both halves spelled out in base relations.
        for (std::size_t e = 0; e < n; ++e)
          for (std::size_t f = 0; f < n; ++f)
            if (hb_.has(e, f) && eco_.has(f, e)) {
              std::vector<Edge> a = path_in({{"sb", x.sb}, {"sw", sw_}, {"hb", init_hb_}}, n,
                                            static_cast<int>(e), static_cast<int>(f));
              const std::vector<Edge> b = path_in({{"rf", x.rf}, {"co", x.co}, {"fr", x.fr}}, n,
                                                  static_cast<int>(f), static_cast<int>(e));
              a.insert(a.end(), b.begin(), b.end());
              return a;
            }
        return {};
      case Axiom::c11_atomicity: return atomicity_cycle(x, x.fr, x.co);
      case Axiom::psc: return cycle_in({{"psc", psc_}}, n);
      case Axiom::visible_side_effect: return cycle_in({{"rf", invisible_}}, n);
      default: return cycle_in({{"sb", x.sb}, {"rf", x.rf}}, n);  // no thin air
    }
  }

  const Rel* drawn() const override { return &sw_; }

 private:
  static constexpr Model kJudged[] = {Model::iso, Model::rc11};

  // The axioms RC11 and ISO C++ share, the first that fails. psc is built only when the
  // cheaper axioms hold, and kept for cycle().
  Axiom cpp_axiom(const Execution& x, Set sc) {
    const std::size_t n = x.n;
    if (!hb_.irreflexive()) return Axiom::hb;
    if (!seq(hb_, eco_).irreflexive()) return Axiom::coherence;
    // C11's atomicity: no write between an RMW's read and its write in co, same thread or not.
    if (!(x.rmw & seq(x.fr, x.co)).empty()) return Axiom::c11_atomicity;
    const Rel sb_nloc = x.sb - x.sb_loc;
    const Rel hb_loc = (hb_ & x.loc).restrict(x.mem, x.mem);
    const Rel scb = x.sb | seq(seq(sb_nloc, hb_), sb_nloc) | hb_loc | x.co | x.fr;
    const Rel left = Rel::identity(n, sc) | seq(Rel::identity(n, fsc_), hb_.opt());
    const Rel right = Rel::identity(n, sc) | seq(hb_.opt(), Rel::identity(n, fsc_));
    psc_ = seq(seq(left, scb), right) | (hb_ | seq(seq(hb_, eco_), hb_)).restrict(fsc_, fsc_);
    return psc_.acyclic() ? Axiom::none : Axiom::psc;
  }

  // Of the execution judged last, for cycle().
  Set fsc_ = 0;
  Rel sw_, init_hb_, hb_, eco_, invisible_, psc_;
};

}  // namespace

std::unique_ptr<Axioms> cpp_axioms() { return std::make_unique<Cpp>(); }

}  // namespace hbscope::model
