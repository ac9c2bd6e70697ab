// hbscope core: the declaration of a litmus test.
//
// A litmus test is plain constexpr data: shared locations with initial values, 2 to 4 threads of
// straight-line operations on them, each with its std::memory_order, and a final condition in
// herd7's syntax. Everything downstream (the compiled runner, the SC enumerator, grading, the
// results file) reads this one declaration. This header includes nothing of ours.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace hbscope {

//! Capacity of one declaration. Raising a limit only costs memory in the tables below.
inline constexpr std::size_t kMaxThreads = 4;
inline constexpr std::size_t kMaxOps = 8;   // operations per thread
inline constexpr std::size_t kMaxRegs = 8;  // registers per thread
inline constexpr std::size_t kMaxLocs = 8;  // shared locations per test

using Order = std::memory_order;

enum class OpKind : std::uint8_t {
  load,       // reg = loc.load(order)
  store,      // loc.store(value, order), or loc.store(reg[value_reg] + value, order)
  fence,      // std::atomic_thread_fence(order)
  exchange,   // reg = loc.exchange(value, order)
  fetch_add,  // reg = loc.fetch_add(value, order), or fetch_and / fetch_or / fetch_xor (`fetch`)
  cas,     // reg = value read by loc.compare_exchange_strong(expected, value, order, fail_order);
           // with expected_loc >= 0, C's form: expected is read from that location (plain),
           // the read value is written back there on failure, and reg = 1 or 0 (success)
  assign,  // reg = value, or reg = reg[value_reg] + value (herd's `int r2 = 0;`, `r2 = r1;`)
  branch,  // if (reg == value) — or != with `negate` — guards the next `span` operations
};

//! The operation of a fetch-and-op (OpKind::fetch_add): herd's atomic_fetch_{add,sub,and,or,xor}.
//! fetch_sub is fetch_add of the negated value.
// and, or and xor are alternative tokens in C++: the trailing underscore avoids them.
enum class Fetch : std::uint8_t { add, and_, or_, xor_ };  // NOLINT(readability-identifier-naming)

//! a + b as std::atomic adds: wrapping, never signed overflow.
constexpr std::int32_t wrapping_add(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}

//! -a, wrapping (the negation of INT32_MIN is itself).
constexpr std::int32_t wrapping_neg(std::int32_t a) {
  return static_cast<std::int32_t>(0u - static_cast<std::uint32_t>(a));
}

//! The value a fetch-and-op writes, given the value it read (wrapping, as std::atomic does).
constexpr std::int32_t fetch_apply(Fetch f, std::int32_t read, std::int32_t operand) {
  const auto a = static_cast<std::uint32_t>(read), b = static_cast<std::uint32_t>(operand);
  switch (f) {
    case Fetch::add:
      return wrapping_add(read, operand);
    case Fetch::and_:
      return static_cast<std::int32_t>(a & b);
    case Fetch::or_:
      return static_cast<std::int32_t>(a | b);
    case Fetch::xor_:
      return static_cast<std::int32_t>(a ^ b);
  }
  return read;
}
constexpr std::string_view fetch_name(Fetch f) {
  switch (f) {
    case Fetch::add:
      return "add";
    case Fetch::and_:
      return "and";
    case Fetch::or_:
      return "or";
    case Fetch::xor_:
      return "xor";
  }
  return "add";
}

//! One operation. Unused fields keep their defaults; `reg` is -1 for ops that write no register
//! (a branch reads `reg` instead).
struct Op {
  OpKind kind = OpKind::fence;
  std::int8_t loc = -1;
  std::int8_t reg = -1;
  std::int32_t value = 0;     // stored value, exchange value, addend, CAS desired, assigned value,
                              // or the value a branch compares with
  std::int32_t expected = 0;  // CAS only
  Order order = Order::relaxed;
  Order fail_order = Order::relaxed;  // CAS only
  bool plain = false;     // load/store: a non-atomic access (`*x = 1`, `r = *x`), run as volatile
  bool negate = false;    // branch: taken when reg != value
  std::uint8_t span = 0;  // branch: how many following operations it guards
  std::int8_t expected_loc = -1;  // CAS: the location holding the expected value, or -1
  bool accumulate = false;        // load: reg += the value read (herd's `t = t + *y`)
  std::int8_t value_reg = -1;     // store, assign: the value is this register's plus `value`
                                  // (a data dependency: herd's `atomic_store(x, r1)`)
  bool unsequenced = false;       // load: unsequenced with the operation before it, the two
                                  // operands of one `+` (herd's `t = load(x) + *y`). The C++
                                  // models put no sequenced-before edge between them; the
                                  // runner evaluates them in the order written.
  Fetch fetch = Fetch::add;       // fetch_add: which fetch-and-op
  bool weak = false;              // cas: compare_exchange_weak, which may fail spuriously (even
                                  // when the values are equal), as LL/SC does on ARM
  // diy's dependencies, `(r & kDepMask)`: a term that is 0 for the values litmus tests use but
  // that the hardware must wait for. The runner keeps it in the emitted instructions; the C++
  // models see only values; the ARMv8 model draws data and addr edges from it.
  std::int8_t data_dep = -1;  // store: the value also adds (reg[data_dep] & kDepMask)
  std::int8_t addr_dep = -1;  // load, store: the address is loc + (reg[addr_dep] & kDepMask),
                              // modelled only where that term is 0
};

//! The mask of diy's dependencies: `1 + (r0 & 128)`, `x + (r0 & 128)`.
inline constexpr std::int32_t kDepMask = 128;

//! The value a store or an assignment writes, given the thread's registers: the constant, or
//! register `value_reg` plus it (shared by the runner and the interleaving enumerator).
constexpr std::int32_t operand_value(const Op& op, const std::int32_t* regs) {
  const std::int32_t v = op.value_reg < 0 ? op.value : wrapping_add(regs[op.value_reg], op.value);
  return op.data_dep < 0 ? v : wrapping_add(v, regs[op.data_dep] & kDepMask);
}

struct Thread {
  std::array<Op, kMaxOps> ops{};
  std::uint8_t size = 0;

  constexpr Thread() = default;
  constexpr Thread(std::initializer_list<Op> list) {
    for (const Op& op : list) {
      if (size == kMaxOps) throw "too many operations in one thread (kMaxOps)";
      ops[size++] = op;
    }
  }
  //! Number of registers: one past the highest register index written.
  [[nodiscard]] constexpr std::size_t registers() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (ops[i].kind != OpKind::branch && ops[i].reg >= 0 &&
          static_cast<std::size_t>(ops[i].reg) + 1 > n)
        n = ops[i].reg + 1;
    return n;
  }
  //! Is operation i executed only when some branch is taken?
  [[nodiscard]] constexpr bool guarded(std::size_t i) const {
    for (std::size_t b = 0; b < i; ++b)
      if (ops[b].kind == OpKind::branch && i <= b + ops[b].span) return true;
    return false;
  }
};

struct Location {
  std::string_view name;
  std::int32_t init = 0;
};

struct Locations {
  std::array<Location, kMaxLocs> v{};
  std::uint8_t size = 0;
  constexpr Locations() = default;
  constexpr Locations(std::initializer_list<Location> list) {
    for (const Location& l : list) {
      if (size == kMaxLocs) throw "too many locations (kMaxLocs)";
      v[size++] = l;
    }
  }
};

struct Threads {
  std::array<Thread, kMaxThreads> v{};
  std::uint8_t size = 0;
  constexpr Threads() = default;
  constexpr Threads(std::initializer_list<Thread> list) {
    for (const Thread& t : list) {
      if (size == kMaxThreads) throw "too many threads (kMaxThreads)";
      v[size++] = t;
    }
  }
};

//! Register names of one thread, r0, r1... when not given (herd tests name them freely).
struct RegNames {
  std::array<std::string_view, kMaxRegs> v{};
  constexpr RegNames() = default;
  constexpr RegNames(std::initializer_list<std::string_view> list) {
    std::size_t i = 0;
    for (std::string_view n : list) {
      if (i == kMaxRegs) throw "too many register names (kMaxRegs)";
      v[i++] = n;
    }
  }
};

enum class Verdict : std::uint8_t { allowed, forbidden };

//! The C++ verdict on the condition's witness (the outcome the test is about). RC11 and ISO
//! C++ differ only where RC11's no-thin-air axiom (po ∪ rf acyclic) forbids a load-buffering
//! cycle that ISO C++ allows.
struct CppVerdict {
  Verdict rc11 = Verdict::allowed;
  Verdict iso = Verdict::allowed;
};

//! A litmus test. Declare one as a `static constexpr Test` in a litmus/ family file and register
//! it with HBSCOPE_REGISTER (harness/run/registry.hpp).
struct Test {
  std::string_view name;       // herd-style: FAMILY+variant, e.g. "MP+rel+acq"
  Locations locs;              // index i is the location that Loc{i} names
  Threads threads;             // thread i is herd's Pi
  std::string_view condition;  // herd syntax: exists / ~exists / forall (...)
  CppVerdict cpp;              // hand-written verdict on the witness, cross-checked by models
  std::string_view why;        // one sentence: why C++ allows or forbids the witness
  std::array<RegNames, kMaxThreads> registers{};  // optional names; default r0, r1, ...
  std::string_view observed;  // herd's `locations [0:r2; x;]`: more to show in final states
  // The lines a file carries between its name and its code, as written: a quoted cycle and
  // Key=value lines (diy's `Cycle=...`, `Generator=...`, `Orig=...`), one per line. Kept so
  // that `export` gives a generated family back as generated; nothing else reads them.
  std::string_view metadata;

  //! Does a thread sum two unsequenced reads? Then the C++ models and SC may take them in
  //! either order, while the runner and the interleaving enumerator take the written one.
  [[nodiscard]] constexpr bool has_unsequenced_reads() const {
    for (std::size_t t = 0; t < threads.size; ++t)
      for (std::size_t i = 0; i < threads.v[t].size; ++i)
        if (threads.v[t].ops[i].unsequenced) return true;
    return false;
  }

  //! The family is the name up to the first '+' ("MP+rel+acq" -> "MP"); a family whose name
  //! itself has a '+' starts with a digit ("2+2W+rlx" -> "2+2W").
  [[nodiscard]] constexpr std::string_view family() const {
    std::size_t cut = name.find('+');
    if (!name.empty() && name[0] >= '0' && name[0] <= '9' && cut != std::string_view::npos)
      cut = name.find('+', cut + 1);
    return name.substr(0, cut);
  }
};

//! Small vocabulary for declarations: `st(x, 1, rlx)`, `ld(r0, y, acq)`, `fence(sc)`...
namespace dsl {
struct Loc {
  std::int8_t index;
};
struct Reg {
  std::int8_t index;
};
// The declaration DSL's words are spelled as litmus tests spell them, not as constants.
// NOLINTBEGIN(readability-identifier-naming)
inline constexpr Loc x{0}, y{1}, z{2}, w{3};
inline constexpr Reg r0{0}, r1{1}, r2{2}, r3{3};

inline constexpr Order rlx = Order::relaxed;
inline constexpr Order acq = Order::acquire;
inline constexpr Order rel = Order::release;
inline constexpr Order acq_rel = Order::acq_rel;
inline constexpr Order sc = Order::seq_cst;

inline constexpr Verdict allowed = Verdict::allowed;
inline constexpr Verdict forbidden = Verdict::forbidden;
// NOLINTEND(readability-identifier-naming)

constexpr Op ld(Reg r, Loc l, Order o) {
  return {.kind = OpKind::load, .loc = l.index, .reg = r.index, .order = o};
}
constexpr Op st(Loc l, std::int32_t v, Order o) {
  return {.kind = OpKind::store, .loc = l.index, .value = v, .order = o};
}
constexpr Op fence(Order o) { return {.kind = OpKind::fence, .order = o}; }
constexpr Op xchg(Reg r, Loc l, std::int32_t v, Order o) {
  return {.kind = OpKind::exchange, .loc = l.index, .reg = r.index, .value = v, .order = o};
}
constexpr Op fetch_add(Reg r, Loc l, std::int32_t v, Order o) {
  return {.kind = OpKind::fetch_add, .loc = l.index, .reg = r.index, .value = v, .order = o};
}
//! Non-atomic accesses: `r = *x` and `*x = v`.
constexpr Op ld_na(Reg r, Loc l) {
  return {.kind = OpKind::load, .loc = l.index, .reg = r.index, .plain = true};
}
constexpr Op st_na(Loc l, std::int32_t v) {
  return {.kind = OpKind::store, .loc = l.index, .value = v, .plain = true};
}
//! `r = v`
constexpr Op assign(Reg r, std::int32_t v) {
  return {.kind = OpKind::assign, .reg = r.index, .value = v};
}
//! `l.store(r, o)`: stores a register's value (a data dependency on the load that set it).
constexpr Op st_reg(Loc l, Reg r, Order o) {
  return {.kind = OpKind::store, .loc = l.index, .order = o, .value_reg = r.index};
}
//! diy's dependencies, `(dep & 128)`: `ld_addr` reads `*(l + (dep & 128))`, `st_addr` writes
//! there; `st_data` stores `v + (dep & 128)`. The term is 0 at run time; the dependency stays.
constexpr Op ld_addr(Reg r, Loc l, Reg dep, Order o) {
  return {.kind = OpKind::load, .loc = l.index, .reg = r.index, .order = o, .addr_dep = dep.index};
}
constexpr Op st_addr(Loc l, std::int32_t v, Reg dep, Order o) {
  return {.kind = OpKind::store, .loc = l.index, .value = v, .order = o, .addr_dep = dep.index};
}
constexpr Op st_data(Loc l, std::int32_t v, Reg dep, Order o) {
  return {.kind = OpKind::store, .loc = l.index, .value = v, .order = o, .data_dep = dep.index};
}
//! `if (r == v)` guarding the next n operations; `if_ne` for `if (r != v)` (herd's `if (r)`).
constexpr Op if_eq(Reg r, std::int32_t v, std::uint8_t n) {
  return {.kind = OpKind::branch, .reg = r.index, .value = v, .span = n};
}
constexpr Op if_ne(Reg r, std::int32_t v, std::uint8_t n) {
  return {.kind = OpKind::branch, .reg = r.index, .value = v, .negate = true, .span = n};
}
constexpr Op cas(Reg r, Loc l, std::int32_t expected, std::int32_t desired, Order o, Order fail) {
  return {.kind = OpKind::cas,
          .loc = l.index,
          .reg = r.index,
          .value = desired,
          .expected = expected,
          .order = o,
          .fail_order = fail};
}
//! C's `r = atomic_compare_exchange_strong_explicit(&l, &e, desired, o, fail)`: the expected
//! value is read from location e, the value read is written back to e on failure, r = 1 on
//! success and 0 on failure.
constexpr Op cas_c(Reg r, Loc l, Loc e, std::int32_t desired, Order o, Order fail) {
  return {.kind = OpKind::cas,
          .loc = l.index,
          .reg = r.index,
          .value = desired,
          .order = o,
          .fail_order = fail,
          .expected_loc = e.index};
}
}  // namespace dsl

//! Short names of memory orders as used in test names and tables: rlx, acq, rel, acq_rel, sc.
constexpr std::string_view order_name(Order o) {
  switch (o) {
    case Order::relaxed:
      return "rlx";
    case Order::consume:
      return "con";
    case Order::acquire:
      return "acq";
    case Order::release:
      return "rel";
    case Order::acq_rel:
      return "acq_rel";
    case Order::seq_cst:
      return "sc";
  }
  return "?";
}

}  // namespace hbscope
