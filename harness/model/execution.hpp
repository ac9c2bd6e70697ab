//! hbscope model: one candidate execution (events, values, po, rf, co and what follows from
//! them), built once per candidate so that every model's axioms read the same relations, as
//! herd7's .cat files read one execution.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/outcome.hpp"
#include "model/relation.hpp"

namespace hbscope::model {

// Where a register's value comes from on the path taken: the value `event` read (if any), plus
// the value `plus` read (if any: herd's t = t + *y), plus a constant.
struct RegSource {
  int event = -1;
  std::int32_t constant = 0;
  int plus = -1;
};

// A value during the search: a constant, or free value number `var` plus a constant. Free
// values arise only from a cycle of data dependencies through rf (out of thin air).
struct Val {
  int var = -1;
  std::int32_t off = 0;
  friend bool operator==(const Val&, const Val&) = default;
};

enum class Kind : std::uint8_t { read, write, fence };

struct Event {
  Kind kind = Kind::fence;
  int thread = -1;  // -1: an initial write
  int loc = -1;
  Order order = Order::relaxed;
  OpKind op = OpKind::fence;  // the operation this event comes from
  int reg = -1;               // reads: the register written
  int partner = -1;           // RMW: the other half
  std::int32_t constant = 0;  // writes: the value, unless computed from the partner read
  bool adds = false;          // a fetch-and-op's write: partner's value `fetch` constant
  Fetch fetch = Fetch::add;
  bool has_data = false;  // a store of a register's value: `data` (a data dependency)
  RegSource data;
  bool has_masked = false;  // a store's value also adds (`masked` & kDepMask): diy's data dep
  RegSource masked;
  bool has_addr = false;  // an access whose address adds (`addr` & kDepMask): an addr dep
  RegSource addr;
  bool cas = false, cas_success = false;
  bool weak = false;  // a weak CAS: its failure needs no inequality (spurious)
  std::int32_t expected = 0;
  bool na = false;  // a non-atomic access
  int op_index = -1;
  int expected_event = -1;  // CAS in C's form: the read of the expected value
  int copy_from = -1;       // a write of the value another event read (C's CAS failure)
};

inline bool acquires(Order o) {
  return o == Order::acquire || o == Order::acq_rel || o == Order::seq_cst || o == Order::consume;
}
inline bool releases(Order o) {
  return o == Order::release || o == Order::acq_rel || o == Order::seq_cst;
}

//! The set of the events that satisfy pred.
template <class Pred>
Set events_where(std::span<const Event> ev, Pred pred) {
  Set s = 0;
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (pred(ev[i])) s |= Set{1} << i;
  return s;
}

//! What the path and the rf/co choice fix of one candidate; Execution derives the rest.
struct Choice {
  std::span<const Event> events;
  std::span<const int> rf;                           // per read event: the write it reads
  std::span<const std::vector<int>> co_orders;       // per location, without the initial write
  std::span<const std::pair<int, int>> unsequenced;  // pairs with no sb edge (one `+`'s operands)
  std::span<const std::pair<int, int>> ctrl;         // (read, first event after its branch)
  bool spurious = false;
};

//! One candidate execution: its events and the relations every model builds on. Each relation
//! is initialised once, in place: an execution is built per candidate, and a Rel is 520 bytes.
struct Execution {
  explicit Execution(const Choice& c);

  std::span<const Event> ev;
  std::size_t n;
  Set reads, writes, fences, init, mem, na;
  Rel po, loc, ext, rf, co, rmw, ctrl;
  // From the reads a register holds to the write whose value (data) or the access whose
  // address (addr) it feeds: herd's data and addr.
  Rel data, addr;
  // sb: po without the pairs C++ leaves unsequenced (the operands of one `+`). The C++ models
  // and SC use sb; the hardware models use po, the order the compiled code runs them in.
  Rel sb;
  Rel fr, com, po_loc, sb_loc;
  bool atomic;    // rmw ∩ (fre ; coe) is empty
  bool spurious;  // a weak CAS failed although it read the expected value
};

}  // namespace hbscope::model
