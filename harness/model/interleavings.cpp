//! hbscope model: sequential consistency by running every interleaving, independent of the
//! axioms in sc.cpp, so that the two can check each other (tests, fuzzer).
#include "model/interleavings.hpp"

#include <array>
#include <set>
#include <utility>

namespace hbscope::model {

namespace {
// One SC state: program counter per thread, memory, registers.
struct State {
  std::array<std::uint8_t, kMaxThreads> pc{};
  std::array<std::int32_t, kMaxLocs> mem{};
  std::array<std::array<std::int32_t, kMaxRegs>, kMaxThreads> regs{};
  auto operator<=>(const State&) const = default;  // NOLINT(modernize-use-nullptr): defaulted
};

// Could op, in state s, be a weak compare-exchange failing spuriously (the values are equal)?
bool may_fail_spuriously(const Op& op, const State& s) {
  if (op.kind != OpKind::cas || !op.weak) return false;
  const std::int32_t expected = op.expected_loc >= 0 ? s.mem[op.expected_loc] : op.expected;
  return s.mem[op.loc] == expected;
}

// Executes op (a weak CAS failing spuriously if asked); returns how many following operations
// to skip (an untaken branch's span).
std::size_t step(const Op& op, State& s, std::size_t t, bool spurious = false) {
  std::int32_t* cell = op.loc >= 0 ? &s.mem[op.loc] : nullptr;
  switch (op.kind) {
    case OpKind::assign:
      s.regs[t][op.reg] = operand_value(op, s.regs[t].data());
      break;
    case OpKind::branch:
      return ((s.regs[t][op.reg] == op.value) != op.negate) ? 0 : op.span;
    case OpKind::load:
      s.regs[t][op.reg] = op.accumulate ? s.regs[t][op.reg] + *cell : *cell;
      break;
    case OpKind::store:
      *cell = operand_value(op, s.regs[t].data());
      break;
    case OpKind::fence:
      break;
    case OpKind::exchange:
      s.regs[t][op.reg] = std::exchange(*cell, op.value);
      break;
    case OpKind::fetch_add:
      s.regs[t][op.reg] = *cell;
      *cell = fetch_apply(op.fetch, *cell, op.value);
      break;
    case OpKind::cas:
      if (op.expected_loc >= 0) {  // C's form: expected in memory, result 1 or 0
        std::int32_t& e = s.mem[op.expected_loc];
        const bool ok = *cell == e && !spurious;
        if (ok)
          *cell = op.value;
        else
          e = *cell;
        s.regs[t][op.reg] = ok ? 1 : 0;
        break;
      }
      s.regs[t][op.reg] = *cell;
      if (*cell == op.expected && !spurious) *cell = op.value;
      break;
  }
  return 0;
}
}  // namespace

namespace {
// Every outcome of the test's executions, explored state by state. `serial`: a thread may start
// only when every thread that started has finished, so threads run one after another, in every
// order, never interleaved.
std::vector<Outcome> explore(const Test& test, const OutcomeLayout& layout, bool serial) {
  State init;
  for (std::size_t l = 0; l < test.locs.size; ++l) init.mem[l] = test.locs.v[l].init;
  std::set<State> seen;
  std::set<Outcome> outcomes;
  std::vector<State> stack{init};
  while (!stack.empty()) {
    State s = stack.back();
    stack.pop_back();
    if (!seen.insert(s).second) continue;
    bool done = true;
    std::size_t running = kMaxThreads;  // serial: the thread that started and has not finished
    for (std::size_t t = 0; t < test.threads.size; ++t)
      if (s.pc[t] > 0 && s.pc[t] < test.threads.v[t].size) running = t;
    for (std::size_t t = 0; t < test.threads.size; ++t) {
      if (s.pc[t] >= test.threads.v[t].size) continue;
      done = false;
      if (serial && running != kMaxThreads && t != running) continue;
      const Op& op = test.threads.v[t].ops[s.pc[t]];
      for (bool spurious : {false, true}) {
        if (spurious && !may_fail_spuriously(op, s)) continue;
        State next = s;
        const std::size_t skip = step(op, next, t, spurious);
        next.pc[t] = static_cast<std::uint8_t>(next.pc[t] + 1 + skip);
        stack.push_back(next);
      }
    }
    if (!done) continue;
    Outcome o;
    o.size = static_cast<std::uint8_t>(layout.slots().size());
    for (std::size_t i = 0; i < layout.slots().size(); ++i) {
      const auto& slot = layout.slots()[i];
      o.v[i] = slot.thread < 0 ? s.mem[slot.index] : s.regs[slot.thread][slot.index];
    }
    outcomes.insert(o);
  }
  return {outcomes.begin(), outcomes.end()};
}
}  // namespace

std::vector<Outcome> interleaving_outcomes(const Test& test, const OutcomeLayout& layout) {
  return explore(test, layout, false);
}

std::vector<Outcome> serial_outcomes(const Test& test, const OutcomeLayout& layout) {
  return explore(test, layout, true);
}

}  // namespace hbscope::model
