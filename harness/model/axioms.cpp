//! hbscope model: the table of every model's axioms, the one spelling of each axiom, and the
//! search for the cycle that shows a failed axiom, which every model's explanation uses.
#include "model/axioms.hpp"

#include <bit>

namespace hbscope::model {

const char* axiom_name(Axiom a) {
  switch (a) {
    case Axiom::none:
      return "";
    case Axiom::interleaving:
      return "po ∪ rf ∪ co ∪ fr cycle: not an interleaving";
    case Axiom::atomicity:
      return "rmw ∩ (fre ; coe): atomicity";
    case Axiom::hb:
      return "hb cycle";
    case Axiom::coherence:
      return "hb ; eco cycle: coherence";
    case Axiom::c11_atomicity:
      return "rmw ∩ (fr ; co): atomicity";
    case Axiom::psc:
      return "psc cycle: seq_cst";
    case Axiom::visible_side_effect:
      return "non-atomic read of a write not hb-before it: visible side effect";
    case Axiom::no_thin_air:
      return "po ∪ rf cycle: no thin air";
    case Axiom::no_spurious_failure:
      return "lock cmpxchg never fails spuriously";
    case Axiom::uniproc:
      return "po-loc ∪ com cycle: uniproc";
    case Axiom::tso:
      return "ghb cycle: tso";
    case Axiom::internal:
      return "po-loc ∪ com cycle: internal visibility";
    case Axiom::external:
      return "ob cycle: external visibility";
    case Axiom::rf_hb:
      return "rf ; hb cycle: a read of a write it happens before";
    case Axiom::na_final_write:
      return "non-atomic final write happens before another write";
    case Axiom::partial_sc:
      return "scp cycle: seq_cst (C++11, partial SC)";
  }
  return "?";
}

std::vector<std::unique_ptr<Axioms>> all_axioms() {
  std::vector<std::unique_ptr<Axioms>> all;
  all.push_back(sc_axioms());
  all.push_back(cpp_axioms());
  all.push_back(c11_axioms());
  all.push_back(x86_tso_axioms());
  all.push_back(armv8_axioms());
  return all;
}

bool has_data_race(const Execution& x, const Rel& hb) {
  const std::size_t n = x.n;
  const Rel conflict =
      (x.loc & (Rel::product(n, x.writes, x.mem) | Rel::product(n, x.mem, x.writes)) & x.ext)
          .restrict(x.mem, x.mem) -
      Rel::product(n, x.init, ~Set{0}) - Rel::product(n, ~Set{0}, x.init);
  const Rel involves_na = Rel::product(n, x.na, ~Set{0}) | Rel::product(n, ~Set{0}, x.na);
  return !((conflict & involves_na) - hb - hb.inverse()).empty();
}

std::vector<Edge> path_in(const Parts& parts, std::size_t n, int from, int to) {
  // Breadth first, so that the path is a shortest one.
  std::vector<int> prev(n, -1), via(n, -1);
  std::vector<bool> seen(n, false);
  std::vector<int> queue{from};
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const int a = queue[q];
    for (std::size_t p = 0; p < parts.size(); ++p)
      for (std::uint64_t m = parts[p].second.row[a]; m; m &= m - 1) {
        const int b = std::countr_zero(m);
        if (seen[b]) continue;
        seen[b] = true;
        prev[b] = a;
        via[b] = static_cast<int>(p);
        if (b == to) {
          std::vector<Edge> path;
          for (int x = to;; x = prev[x]) {
            path.push_back({prev[x], x, parts[via[x]].first});
            if (prev[x] == from) break;
          }
          return {path.rbegin(), path.rend()};
        }
        queue.push_back(b);
      }
  }
  return {};
}

std::vector<Edge> cycle_in(const Parts& parts, std::size_t n) {
  std::vector<Edge> best;
  for (std::size_t e = 0; e < n; ++e) {
    std::vector<Edge> c = path_in(parts, n, static_cast<int>(e), static_cast<int>(e));
    if (!c.empty() && (best.empty() || c.size() < best.size())) best = std::move(c);
  }
  return best;
}

std::vector<Edge> atomicity_cycle(const Execution& x, const Rel& f, const Rel& c) {
  for (std::size_t r = 0; r < x.n; ++r)
    if (x.ev[r].kind == Kind::read && x.ev[r].partner >= 0)
      for (std::uint64_t m = f.row[r]; m; m &= m - 1) {
        const int w = std::countr_zero(m);
        if (c.has(w, x.ev[r].partner))
          return {{static_cast<int>(r), w, "fr"},
                  {w, x.ev[r].partner, "co"},
                  {static_cast<int>(r), x.ev[r].partner, "rmw"}};
      }
  return {};
}

std::vector<Edge> po_loc_com_cycle(const Execution& x) {
  return cycle_in({{"po-loc", x.po_loc}, {"rf", x.rf}, {"co", x.co}, {"fr", x.fr}}, x.n);
}

}  // namespace hbscope::model
