//! hbscope model: the relations of one candidate execution, derived once from its events and
//! its rf and co choice, shared by every model's axioms.
#include "model/execution.hpp"

namespace hbscope::model {
namespace {

// Relations read straight off the events and the choice, each built in place by its caller.
// The pairs (a, b) of events for which pred(a, b) holds.
template <class Pred>
Rel pairs_where(std::span<const Event> ev, Pred pred) {
  Rel r(ev.size());
  for (std::size_t a = 0; a < ev.size(); ++a)
    for (std::size_t b = 0; b < ev.size(); ++b)
      if (pred(a, b)) r.add(a, b);
  return r;
}
Rel reads_from(const Choice& c) {
  Rel r(c.events.size());
  for (std::size_t e = 0; e < c.events.size(); ++e)
    if (c.events[e].kind == Kind::read) r.add(c.rf[e], e);
  return r;
}
Rel coherence(const Choice& c) {
  Rel r(c.events.size());
  for (const auto& order : c.co_orders) {
    if (order.empty()) continue;
    const int init_w = c.events[order.front()].loc;  // initial writes are events 0..nlocs-1
    std::vector<int> chain{init_w};
    chain.insert(chain.end(), order.begin(), order.end());
    for (std::size_t i = 0; i < chain.size(); ++i)
      for (std::size_t j = i + 1; j < chain.size(); ++j) r.add(chain[i], chain[j]);
  }
  return r;
}
Rel read_modify_write(std::span<const Event> ev) {
  Rel r(ev.size());
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev[i].kind == Kind::read && ev[i].partner >= 0) r.add(i, ev[i].partner);
  return r;
}
Rel control(const Choice& c) {
  Rel r(c.events.size());
  for (const auto& [from, first_after] : c.ctrl)
    for (std::size_t b = static_cast<std::size_t>(first_after); b < c.events.size(); ++b)
      if (c.events[b].thread == c.events[from].thread) r.add(from, b);
  return r;
}
// From the reads `src` holds, for each event with `has` set, to that event.
template <class Field>
Rel dependencies(std::span<const Event> ev, Field field) {
  Rel r(ev.size());
  for (std::size_t e = 0; e < ev.size(); ++e)
    if (const RegSource* src = field(ev[e]))
      for (int from : {src->event, src->plus})
        if (from >= 0) r.add(from, e);
  return r;
}
Rel sequenced_before(Rel po, const Choice& c) {
  for (const auto& [a, b] : c.unsequenced) po.remove(a, b);
  return po;
}

}  // namespace

Execution::Execution(const Choice& c)
    : ev(c.events),
      n(c.events.size()),
      reads(events_where(ev, [](const Event& e) { return e.kind == Kind::read; })),
      writes(events_where(ev, [](const Event& e) { return e.kind == Kind::write; })),
      fences(events_where(ev, [](const Event& e) { return e.kind == Kind::fence; })),
      init(events_where(ev, [](const Event& e) { return e.thread < 0; })),
      mem(reads | writes),
      na(events_where(ev, [](const Event& e) { return e.na; })),
      po(pairs_where(ev,
                     [&](std::size_t a, std::size_t b) {
                       return ev[a].thread >= 0 && ev[a].thread == ev[b].thread && a < b;
                     })),
      loc(pairs_where(ev, [&](std::size_t a,
                              std::size_t b) { return ev[a].loc >= 0 && ev[a].loc == ev[b].loc; })),
      ext(pairs_where(ev,
                      [&](std::size_t a, std::size_t b) {
                        return ev[a].thread != ev[b].thread || ev[a].thread < 0;
                      })),
      rf(reads_from(c)),
      co(coherence(c)),
      rmw(read_modify_write(ev)),
      ctrl(control(c)),
      data(dependencies(ev, [](const Event& e) { return e.has_data ? &e.data : nullptr; }) |
           dependencies(ev, [](const Event& e) { return e.has_masked ? &e.masked : nullptr; })),
      addr(dependencies(ev, [](const Event& e) { return e.has_addr ? &e.addr : nullptr; })),
      sb(sequenced_before(po, c)),
      fr(seq(rf.inverse(), co) - Rel::identity(n)),
      com(rf | co | fr),
      po_loc(po & loc),
      sb_loc((sb & loc).restrict(mem, mem)),
      atomic((rmw & seq(fr & ext, co & ext)).empty()),
      spurious(c.spurious) {}

}  // namespace hbscope::model
