//! hbscope model: the relations of one candidate execution, derived once from its events and
//! its rf and co choice, shared by every model's axioms.
#include "model/execution.hpp"

namespace hbscope::model {

Execution build_execution(const Choice& c) {
  Execution x;
  x.ev = c.events;
  const std::size_t n = x.n = c.events.size();
  x.po = x.loc = x.ext = x.rf = x.co = x.rmw = x.ctrl = Rel(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Set bit = Set{1} << i;
    const Event& e = c.events[i];
    if (e.kind == Kind::read) x.reads |= bit;
    if (e.kind == Kind::write) x.writes |= bit;
    if (e.kind == Kind::fence) x.fences |= bit;
    if (e.thread < 0) x.init |= bit;
    if (e.na) x.na |= bit;
  }
  x.mem = x.reads | x.writes;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const Event &p = c.events[a], &q = c.events[b];
      if (p.thread >= 0 && p.thread == q.thread && a < b) x.po.add(a, b);
      if (p.loc >= 0 && p.loc == q.loc) x.loc.add(a, b);
      if (p.thread != q.thread || p.thread < 0) x.ext.add(a, b);
    }
  for (std::size_t r = 0; r < n; ++r)
    if (c.events[r].kind == Kind::read) x.rf.add(c.rf[r], r);
  x.sb = x.po;
  for (const auto& [a, b] : c.unsequenced) x.sb.remove(a, b);
  for (const auto& order : c.co_orders) {
    if (order.empty()) continue;
    const int init_w = c.events[order.front()].loc;  // initial writes are events 0..nlocs-1
    std::vector<int> chain{init_w};
    chain.insert(chain.end(), order.begin(), order.end());
    for (std::size_t i = 0; i < chain.size(); ++i)
      for (std::size_t j = i + 1; j < chain.size(); ++j) x.co.add(chain[i], chain[j]);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (c.events[i].kind == Kind::read && c.events[i].partner >= 0)
      x.rmw.add(i, c.events[i].partner);
  for (const auto& [from, first_after] : c.ctrl)
    for (std::size_t b = static_cast<std::size_t>(first_after); b < n; ++b)
      if (c.events[b].thread == c.events[from].thread) x.ctrl.add(from, b);
  x.fr = seq(x.rf.inverse(), x.co) - Rel::identity(n);
  x.com = x.rf | x.co | x.fr;
  x.po_loc = x.po & x.loc;
  x.sb_loc = (x.sb & x.loc).restrict(x.mem, x.mem);
  x.atomic = (x.rmw & seq(x.fr & x.ext, x.co & x.ext)).empty();
  x.spurious = c.spurious;
  return x;
}

}  // namespace hbscope::model
