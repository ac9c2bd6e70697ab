// hbscope run: the compiled form of a declaration.
//
// `thread_loop<T, Th>` is thread Th of test T as straight-line C++: a fold over the thread's
// operations, each expanded by `exec<T, Th, I>` with its kind, location, value and memory order
// as compile-time constants, so the compiler emits exactly the instructions the order asks for
// (mov / xchg / mfence on x86-64; ldr / ldar / stlr / dmb on AArch64). No switch on the order at
// run time, no interpreter in the loop.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "core/test.hpp"
#include "run/engine.hpp"

namespace hbscope::run {

//! Does branch B let operation I run? (true when B is not a branch enclosing I)
template <const Test& T, std::size_t Th, std::size_t B, std::size_t I>
[[gnu::always_inline]] inline bool branch_allows(const std::int32_t* regs) {
  constexpr Op b = T.threads.v[Th].ops[B];
  if constexpr (b.kind == OpKind::branch && I <= B + b.span)
    return (regs[b.reg] == b.value) != b.negate;
  else
    return true;
}

//! diy's dependency term (r & kDepMask) as an instruction on the value read: the empty asm hides
//! the result from the optimiser, so the and, and everything computed from it, stays in the
//! emitted code and the hardware has a real register dependency to respect (what ARM orders).
[[gnu::always_inline]] inline std::int32_t dependency(std::int32_t r) {
  std::int32_t d = r & kDepMask;
  asm volatile("" : "+r"(d));
  return d;
}

//! The value store `op` writes, with its data dependency kept in the code.
template <Op op>
[[gnu::always_inline]] inline std::int32_t stored_value(const std::int32_t* regs) {
  if constexpr (op.data_dep >= 0) {
    constexpr Op base = [] {
      Op b = op;
      b.data_dep = -1;
      return b;
    }();
    return wrapping_add(operand_value(base, regs), dependency(regs[op.data_dep]));
  } else {
    return operand_value(op, regs);
  }
}

//! The cell an access names. An address dependency adds (r & kDepMask) & ~kDepMask: always 0,
//! so the access stays on its location (the models refuse executions where herd's address
//! would move), but the compiler cannot know that, and the address waits for the read.
template <Op op>
[[gnu::always_inline]] inline std::atomic<std::int32_t>& cell_of(std::atomic<std::int32_t>* inst,
                                                                 std::size_t loc_stride,
                                                                 const std::int32_t* regs) {
  std::atomic<std::int32_t>* cell = &inst[op.loc * loc_stride];
  if constexpr (op.addr_dep >= 0) cell += dependency(regs[op.addr_dep]) & ~kDepMask;
  return *cell;
}

//! Operation I of thread Th, with everything about it a compile-time constant. Non-atomic
//! accesses go through a volatile int32_t: the compiler emits one plain access, in order
//! with the other volatile accesses, and may not cache or elide it.
template <const Test& T, std::size_t Th, std::size_t I, bool Perpetual>
[[gnu::always_inline]] inline void exec(std::atomic<std::int32_t>* inst, std::size_t loc_stride,
                                        std::int32_t* regs, [[maybe_unused]] std::int32_t stamp) {
  constexpr Op op = T.threads.v[Th].ops[I];
  if constexpr (T.threads.v[Th].guarded(I)) {
    const bool run = [&]<std::size_t... B>(std::index_sequence<B...>) {
      return (branch_allows<T, Th, B, I>(regs) && ...);
    }
    (std::make_index_sequence<I>{});
    if (!run) return;
  }
  if constexpr (op.kind == OpKind::branch) {
    // Evaluated by the operations it guards.
  } else if constexpr (op.kind == OpKind::assign) {
    regs[op.reg] = operand_value(op, regs);
  } else if constexpr (op.kind == OpKind::fence) {
    std::atomic_thread_fence(op.order);
  } else {
    std::atomic<std::int32_t>& cell = cell_of<op>(inst, loc_stride, regs);
    if constexpr (op.plain) {
      static_assert(sizeof(std::atomic<std::int32_t>) == sizeof(std::int32_t));
      auto* plain = reinterpret_cast<volatile std::int32_t*>(&cell);
      if constexpr (op.kind == OpKind::load && op.accumulate)
        regs[op.reg] += *plain;
      else if constexpr (op.kind == OpKind::load)
        regs[op.reg] = *plain;
      else
        *plain = Perpetual ? stamp : stored_value<op>(regs);
    } else if constexpr (op.kind == OpKind::load && op.accumulate) {
      regs[op.reg] += cell.load(op.order);
    } else if constexpr (op.kind == OpKind::load) {
      regs[op.reg] = cell.load(op.order);
    } else if constexpr (op.kind == OpKind::store) {
      // Perpetual mode stores the iteration's stamp; the tally maps it back to op.value.
      // A register's value is a data dependency on the load that set it; the compiler keeps it.
      cell.store(Perpetual ? stamp : stored_value<op>(regs), op.order);
    } else if constexpr (op.kind == OpKind::exchange) {
      regs[op.reg] = cell.exchange(op.value, op.order);
    } else if constexpr (op.kind == OpKind::fetch_add && op.fetch == Fetch::add) {
      regs[op.reg] = cell.fetch_add(op.value, op.order);
    } else if constexpr (op.kind == OpKind::fetch_add && op.fetch == Fetch::and_) {
      regs[op.reg] = cell.fetch_and(op.value, op.order);
    } else if constexpr (op.kind == OpKind::fetch_add && op.fetch == Fetch::or_) {
      regs[op.reg] = cell.fetch_or(op.value, op.order);
    } else if constexpr (op.kind == OpKind::fetch_add && op.fetch == Fetch::xor_) {
      regs[op.reg] = cell.fetch_xor(op.value, op.order);
    } else if constexpr (op.kind == OpKind::cas && op.expected_loc >= 0) {
      // C's atomic_compare_exchange: *e holds the expected value and receives the value read
      // when the exchange fails; the result is whether it succeeded.
      auto* e = reinterpret_cast<volatile std::int32_t*>(&inst[op.expected_loc * loc_stride]);
      std::int32_t expected = *e;
      const bool ok =
          op.weak ? cell.compare_exchange_weak(expected, op.value, op.order, op.fail_order)
                  : cell.compare_exchange_strong(expected, op.value, op.order, op.fail_order);
      if (!ok) *e = expected;
      regs[op.reg] = ok ? 1 : 0;
    } else if constexpr (op.kind == OpKind::cas) {
      std::int32_t expected = op.expected;
      if constexpr (op.weak)
        cell.compare_exchange_weak(expected, op.value, op.order, op.fail_order);
      else
        cell.compare_exchange_strong(expected, op.value, op.order, op.fail_order);
      regs[op.reg] = expected;  // the value read, whether or not the exchange happened
    }
  }
}

//! Registers a thread writes only under a branch: zeroed at the start of each iteration, so an
//! untaken branch leaves 0 (as herd and the models assume), never a previous run's value.
template <const Test& T, std::size_t Th>
constexpr std::array<bool, kMaxRegs> conditional_registers() {
  std::array<bool, kMaxRegs> c{};
  const Thread& th = T.threads.v[Th];
  for (std::size_t i = 0; i < th.size; ++i)
    if (th.ops[i].kind != OpKind::branch && th.ops[i].reg >= 0 && th.guarded(i))
      c[th.ops[i].reg] = true;
  for (std::size_t i = 0; i < th.size; ++i)  // an unguarded write covers every path
    if (th.ops[i].kind != OpKind::branch && th.ops[i].reg >= 0 && !th.guarded(i))
      c[th.ops[i].reg] = false;
  return c;
}

//! One iteration of thread Th: its operations in program order on instance `inst`.
template <const Test& T, std::size_t Th, bool Perpetual>
[[gnu::always_inline]] inline void body(std::atomic<std::int32_t>* inst, std::size_t loc_stride,
                                        std::int32_t* regs, std::int32_t stamp) {
  constexpr std::array<bool, kMaxRegs> zero = conditional_registers<T, Th>();
  for (std::size_t r = 0; r < kMaxRegs; ++r)
    if (zero[r]) regs[r] = 0;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (exec<T, Th, I, Perpetual>(inst, loc_stride, regs, stamp), ...);
  }
  (std::make_index_sequence<T.threads.v[Th].size>{});
}

//! Thread Th's operations alone, out of line: `hbscope explain` disassembles this to show the
//! instructions each memory order compiles to (the same selection as inlined in the loop).
template <const Test& T, std::size_t Th>
[[gnu::noinline]] void body_only(std::atomic<std::int32_t>* inst, std::size_t loc_stride,
                                 std::int32_t* regs) {
  body<T, Th, false>(inst, loc_stride, regs, 0);
}
using BodyFn = void (*)(std::atomic<std::int32_t>*, std::size_t, std::int32_t*);

//! One run of thread Th under synchronisation mode S: the hot loop.
template <const Test& T, std::size_t Th, Sync S>
[[gnu::always_inline]] inline void run_iterations(Engine& e, Engine::Worker& me) {
  const std::uint32_t n = e.run_size();
  std::atomic<std::int32_t>* const cells = e.cells();
  const std::size_t loc_stride = e.loc_stride();
  std::int32_t* const regs = me.regs;
  if constexpr (S == Sync::perpetual) {
    for (std::uint32_t k = 0; k < n; ++k)
      body<T, Th, true>(cells, loc_stride, regs + std::size_t{k} * kMaxRegs,
                        static_cast<std::int32_t>(k + 1));
  } else {
    const std::uint32_t* order = e.visit_order();
    const std::size_t inst_stride = e.instance_stride();
    for (std::uint32_t j = 0; j < n; ++j) {
      const std::uint32_t i = order[j];
      e.iteration_sync<S>(me, Th, i);
      body<T, Th, false>(cells + i * inst_stride, loc_stride, regs + std::size_t{i} * kMaxRegs, 0);
    }
  }
}

//! Thread Th's whole life in one test: pin, then runs until the engine says stop. The mode is
//! chosen once per run, never per iteration. noinline and named, so that `objdump` finds each
//! thread's code by its symbol.
template <const Test& T, std::size_t Th>
[[gnu::noinline]] void thread_loop(Engine& e) {
  e.enter(Th);
  Engine::Worker& me = e.worker(Th);
  while (e.start_run(Th)) {
    switch (e.sync()) {
      case Sync::barrier:
        run_iterations<T, Th, Sync::barrier>(e, me);
        break;
      case Sync::fenced:
        run_iterations<T, Th, Sync::fenced>(e, me);
        break;
      case Sync::timebase:
        run_iterations<T, Th, Sync::timebase>(e, me);
        break;
      case Sync::perpetual:
        run_iterations<T, Th, Sync::perpetual>(e, me);
        break;
    }
    e.end_run(Th);
  }
  e.leave(Th);
}

}  // namespace hbscope::run
