// hbscope core: outcomes, the final condition, and the checks a declaration must pass.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/test.hpp"

namespace hbscope {

inline constexpr std::size_t kMaxOutcome = kMaxThreads * kMaxRegs + kMaxLocs;

//! The values one iteration produced: every register of every thread, then the final values
//! of the locations the condition names, in the order of the test's OutcomeLayout.
//!
//! Runs only ever produce concrete values. The models can also produce a *symbolic* value: a
//! value out of thin air, which a cycle of data dependencies (`r1 = y; x = r1 || r2 = x; y =
//! r2`) leaves free to be anything. Slot i is symbolic when bit i of `symbolic` is set, and then
//! v[i] numbers the free value (S0, S1...): slots with the same number hold the same value. As
//! in herd7, a symbolic value differs from every constant in a condition.
struct Outcome {
  std::array<std::int32_t, kMaxOutcome> v{};
  std::uint8_t size = 0;
  std::uint64_t symbolic = 0;

  [[nodiscard]] bool is_symbolic(std::size_t i) const { return symbolic >> i & 1; }

  friend bool operator==(const Outcome& a, const Outcome& b) {
    if (a.size != b.size || a.symbolic != b.symbolic) return false;
    for (std::size_t i = 0; i < a.size; ++i)
      if (a.v[i] != b.v[i]) return false;
    return true;
  }
  friend bool operator<(const Outcome& a, const Outcome& b) {
    for (std::size_t i = 0; i < a.size && i < b.size; ++i)
      if (a.v[i] != b.v[i]) return a.v[i] < b.v[i];
    if (a.size != b.size) return a.size < b.size;
    return a.symbolic < b.symbolic;
  }
};
static_assert(kMaxOutcome <= 64, "Outcome::symbolic has one bit per slot");

//! Thrown for a malformed condition; `column` is 1-based within the condition text.
struct ConditionError : std::runtime_error {
  std::size_t column;
  ConditionError(std::size_t col, const std::string& what)
      : std::runtime_error(what), column(col) {}
};

enum class Quantifier : std::uint8_t { exists, not_exists, forall };

//! A parsed herd condition: `exists (0:r0=1 /\ ~(x=2 \/ [y]=1))`, `~exists ...`, `forall ...`.
class Condition {
 public:
  struct Atom {
    int thread = -1;   // -1: a location (`x=1` or `[x]=1`)
    std::string name;  // register or location name
    std::int32_t value = 0;
  };

  static Condition parse(std::string_view text);  // throws ConditionError

  [[nodiscard]] Quantifier quantifier() const { return quantifier_; }
  [[nodiscard]] const std::vector<Atom>& atoms() const { return atoms_; }
  //! Canonical herd text, e.g. "exists (1:r0=1 /\ 1:r1=0)".
  [[nodiscard]] std::string text() const;
  //! The proposition under the quantifier, evaluated with `value_of(atom index)`, which returns
  //! std::optional<std::int32_t>: no value (a symbolic one) equals no constant.
  template <class ValueOf>
  [[nodiscard]] bool holds(ValueOf&& value_of) const {
    return eval(root_, value_of);
  }

 private:
  enum class Kind : std::uint8_t { atom, conj, disj, neg, truth, falsity };
  struct Node {
    Kind kind;
    int a = -1, b = -1;  // children, or a = atom index
  };
  template <class ValueOf>
  bool eval(int n, ValueOf& value_of) const {
    const Node& node = nodes_[n];
    switch (node.kind) {
      case Kind::atom: {  // value_of gives std::optional<int32_t>: empty for a symbolic value
        const auto v = value_of(node.a);
        return v && *v == atoms_[node.a].value;
      }
      case Kind::conj:
        return eval(node.a, value_of) && eval(node.b, value_of);
      case Kind::disj:
        return eval(node.a, value_of) || eval(node.b, value_of);
      case Kind::neg:
        return !eval(node.a, value_of);
      case Kind::truth:
        return true;
      case Kind::falsity:
        return false;
    }
    return false;
  }
  std::string text_of(int n, int parent_prec) const;

  friend class ConditionParser;
  Quantifier quantifier_ = Quantifier::exists;
  std::vector<Atom> atoms_;
  std::vector<Node> nodes_;
  int root_ = -1;
};

//! Where each value of an Outcome comes from, and the condition bound to those slots.
class OutcomeLayout {
 public:
  struct Slot {
    int thread;  // -1 for a location
    int index;   // register or location index
  };
  //! Throws std::invalid_argument when the condition names an unknown register or location.
  OutcomeLayout(const Test& test, Condition condition);

  [[nodiscard]] const std::vector<Slot>& slots() const { return slots_; }
  [[nodiscard]] const Condition& condition() const { return condition_; }
  [[nodiscard]] std::string slot_name(std::size_t i) const;
  //! herd's rendering of one slot's value: "1", or "S0" for a symbolic value.
  [[nodiscard]] static std::string value_text(const Outcome& o, std::size_t i);
  //! herd's rendering of the whole outcome: "0:r0=1; 1:r0=0; x=1;"
  [[nodiscard]] std::string format(const Outcome& o) const;
  //! herd7's final state: only what the condition and `locations [...]` name, registers first (by
  //! thread, then name), then locations as [x]: "1:r0=1; [x]=2;". This is what herd7 lists under
  //! States.
  [[nodiscard]] std::string herd_state(const Outcome& o) const;
  //! Does the proposition under the quantifier hold for this outcome? (herd's "positive")
  [[nodiscard]] bool satisfies(const Outcome& o) const {
    return condition_.holds([&](int atom) -> std::optional<std::int32_t> {
      const auto slot = static_cast<std::size_t>(atom_slot_[atom]);
      if (o.is_symbolic(slot)) return std::nullopt;
      return o.v[slot];
    });
  }
  //! Is this outcome the test's witness: the proposition for exists/~exists, its negation for
  //! forall? The hand-written C++ verdict is about the witness.
  [[nodiscard]] bool is_witness(const Outcome& o) const {
    return satisfies(o) != (condition_.quantifier() == Quantifier::forall);
  }
  //! Index of the first slot of thread t's registers.
  [[nodiscard]] std::size_t register_base(std::size_t t) const { return reg_base_[t]; }

 private:
  // The slot of register `name` of `thread`, or of location `name` (thread -1), added if new.
  int slot_for(int thread, const std::string& name, const char* what);

  const Test* test_;
  Condition condition_;
  std::vector<Slot> slots_;
  std::vector<int> atom_slot_;
  std::vector<int> shown_slot_;  // herd's `locations [...]`
  std::array<std::size_t, kMaxThreads> reg_base_{};
};

//! Problems with a declaration (empty when it is sound): malformed or dangling condition,
//! operations on undeclared locations, memory orders C++ does not accept for that operation.
std::vector<std::string> validate(const Test& test);

//! Canonical text of a declaration (everything but the name, comment and verdicts) and its
//! 64-bit FNV-1a hash in hex: results carry it so that comparisons can tell when two machines
//! ran different tests under one name.
std::string canonical_text(const Test& test);
std::string declaration_hash(const Test& test);

//! The name of register r of thread t: its declared name, or "r<r>".
std::string register_name(const Test& test, std::size_t t, std::size_t r);

//! The value a store or an assignment writes, as C: "2", "r1", "r1 + 2", "r1 - 2" (and
//! "r1 + -2147483648", which reads back as written).
std::string operand_text(const Test& test, std::size_t thread, const Op& op);
//! The location an access names, with its address dependency: "x", "x + (r0 & 128)".
std::string address_text(const Test& test, std::size_t thread, const Op& op);

//! herd-like rendering of one operation, e.g. "r0 = y.load(acq)" or "x.store(1, rel)".
std::string op_text(const Test& test, const Op& op, std::size_t thread = 0);

}  // namespace hbscope
