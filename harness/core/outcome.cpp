#include "core/outcome.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/hash.hpp"

namespace hbscope {

// ---------------------------------------------------------------------------------------------
// Condition parser: recursive descent over herd's grammar.
//   condition := ("exists" | "~exists" | "~" "exists" | "forall") prop
//   prop      := disj ;  disj := conj ("\/" conj)* ;  conj := unary ("/\" unary)*
//   unary     := "~" unary | "(" prop ")" | "true" | "false" | atom
//   atom      := INT ":" IDENT "=" INT  |  IDENT "=" INT  |  "[" IDENT "]" "=" INT
class ConditionParser {
 public:
  explicit ConditionParser(std::string_view s) : s_(s) {}
  static constexpr int kMaxDepth = 100;

  Condition run() {
    skip();
    if (eat("~")) {
      skip();
      expect_word("exists");
      c_.quantifier_ = Quantifier::not_exists;
    } else if (eat_word("exists")) {
      c_.quantifier_ = Quantifier::exists;
    } else if (eat_word("forall")) {
      c_.quantifier_ = Quantifier::forall;
    } else {
      fail("expected 'exists', '~exists' or 'forall'");
    }
    c_.root_ = disj();
    skip();
    if (pos_ != s_.size()) fail("expected '/\\', '\\/' or end of condition");
    return std::move(c_);
  }

 private:
  int add(Condition::Kind k, int a = -1, int b = -1) {
    c_.nodes_.push_back({k, a, b});
    return static_cast<int>(c_.nodes_.size()) - 1;
  }
  int disj() {
    int left = conj();
    while ((skip(), eat("\\/"))) left = add(Condition::Kind::disj, left, conj());
    return left;
  }
  int conj() {
    int left = unary();
    while ((skip(), eat("/\\"))) left = add(Condition::Kind::conj, left, unary());
    return left;
  }
  int unary() {
    skip();
    // Nesting is bounded, so that no input can exhaust the stack.
    if (++depth_ > kMaxDepth)
      fail("condition nested more than " + std::to_string(kMaxDepth) + " deep");
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    if (eat("~")) return add(Condition::Kind::neg, unary());
    if (eat("(")) {
      int inner = disj();
      skip();
      if (!eat(")")) fail("expected ')'");
      return inner;
    }
    if (eat_word("true")) return add(Condition::Kind::truth);
    if (eat_word("false")) return add(Condition::Kind::falsity);
    return atom();
  }
  int atom() {
    Condition::Atom a;
    skip();
    if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      a.thread = static_cast<int>(integer());
      if (!eat(":")) fail("expected ':' after thread number");
      a.name = ident();
    } else if (eat("[")) {
      a.name = ident();
      if (!eat("]")) fail("expected ']'");
    } else {
      a.name = ident();
    }
    skip();
    const bool differs = eat("!=");
    if (!differs && !eat("=")) fail("expected '='");
    skip();
    a.value = static_cast<std::int32_t>(integer());
    c_.atoms_.push_back(std::move(a));
    const int atom = add(Condition::Kind::atom, static_cast<int>(c_.atoms_.size()) - 1);
    return differs ? add(Condition::Kind::neg, atom) : atom;
  }
  long long integer() {
    skip();
    std::size_t start = pos_;
    bool negative = false;
    if (pos_ < s_.size() && s_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    int base = 10;
    if (s_.substr(pos_, 2) == "0x" || s_.substr(pos_, 2) == "0X") {
      base = 16;
      pos_ += 2;
    }
    const std::size_t digits = pos_;
    while (pos_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[pos_])) &&
           (base == 16 || std::isdigit(static_cast<unsigned char>(s_[pos_]))))
      ++pos_;
    long long v = 0;
    auto [p, ec] = std::from_chars(s_.data() + digits, s_.data() + pos_, v, base);
    if (negative) v = -v;
    if (ec != std::errc() || p != s_.data() + pos_ || v < INT32_MIN || v > INT32_MAX) {
      pos_ = start;
      fail("expected a 32-bit integer");
    }
    return v;
  }
  std::string ident() {
    skip();
    std::size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    if (start == pos_ || std::isdigit(static_cast<unsigned char>(s_[start]))) {
      pos_ = start;
      fail("expected a register or location name");
    }
    return std::string(s_.substr(start, pos_ - start));
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view tok) {
    if (s_.substr(pos_, tok.size()) != tok) return false;
    pos_ += tok.size();
    return true;
  }
  bool eat_word(std::string_view w) {
    skip();
    if (s_.substr(pos_, w.size()) != w) return false;
    std::size_t end = pos_ + w.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    pos_ = end;
    return true;
  }
  void expect_word(std::string_view w) {
    if (!eat_word(w)) fail("expected '" + std::string(w) + "'");
  }
  [[noreturn]] void fail(const std::string& what) {
    std::string found = pos_ < s_.size() ? "'" + std::string(s_.substr(pos_, 8)) + "'" : "end";
    throw ConditionError(pos_ + 1, what + ", found " + found);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  Condition c_;
};

Condition Condition::parse(std::string_view text) { return ConditionParser(text).run(); }

std::string Condition::text_of(int n, int parent_prec) const {
  // Precedence: disj 1 < conj 2 < unary 3. Parenthesise only where needed, as herd prints.
  const Node& node = nodes_[n];
  switch (node.kind) {
    case Kind::atom: {
      const Atom& a = atoms_[node.a];
      std::string lhs = a.thread >= 0 ? std::to_string(a.thread) + ":" + a.name : a.name;
      return lhs + "=" + std::to_string(a.value);
    }
    case Kind::truth:
      return "true";
    case Kind::falsity:
      return "false";
    case Kind::neg:
      return "~" + text_of(node.a, 3);
    case Kind::conj:
    case Kind::disj: {
      int prec = node.kind == Kind::conj ? 2 : 1;
      std::string op = node.kind == Kind::conj ? " /\\ " : " \\/ ";
      std::string s = text_of(node.a, prec) + op + text_of(node.b, prec + 1);
      return prec < parent_prec ? "(" + s + ")" : s;
    }
  }
  return {};
}

std::string Condition::text() const {
  std::string q = quantifier_ == Quantifier::exists       ? "exists"
                  : quantifier_ == Quantifier::not_exists ? "~exists"
                                                          : "forall";
  return q + " (" + text_of(root_, 0) + ")";
}

// ---------------------------------------------------------------------------------------------
OutcomeLayout::OutcomeLayout(const Test& test, Condition condition)
    : test_(&test), condition_(std::move(condition)) {
  for (std::size_t t = 0; t < test.threads.size; ++t) {
    reg_base_[t] = slots_.size();
    for (std::size_t r = 0; r < test.threads.v[t].registers(); ++r)
      slots_.push_back({static_cast<int>(t), static_cast<int>(r)});
  }
  for (const Condition::Atom& a : condition_.atoms())
    atom_slot_.push_back(slot_for(a.thread, a.name, "condition"));
  // herd's `locations [0:r2; x;]`: shown in the final state beside what the condition names.
  std::string_view rest = test.observed;
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '[')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == ']')) item.remove_suffix(1);
    if (item.empty()) continue;
    int thread = -1;
    const std::size_t colon = item.find(':');
    if (colon == 0)
      throw std::invalid_argument("locations: expected T:register, found " + std::string(item));
    if (colon != std::string_view::npos) {
      thread = 0;
      for (char c : item.substr(0, colon)) {
        if (c < '0' || c > '9' || thread > static_cast<int>(kMaxThreads))
          throw std::invalid_argument("locations: expected T:register, found " + std::string(item));
        thread = thread * 10 + (c - '0');
      }
      item.remove_prefix(colon + 1);
    }
    shown_slot_.push_back(slot_for(thread, std::string(item), "locations"));
  }
  if (slots_.size() > kMaxOutcome) throw std::invalid_argument("outcome too large");
}

int OutcomeLayout::slot_for(int thread, const std::string& name, const char* what) {
  const Test& test = *test_;
  if (thread >= 0) {
    if (static_cast<std::size_t>(thread) >= test.threads.size)
      throw std::invalid_argument(std::string(what) + " names thread " + std::to_string(thread) +
                                  ", but the test has " + std::to_string(test.threads.size));
    const std::size_t nregs = test.threads.v[thread].registers();
    for (std::size_t r = 0; r < nregs; ++r)
      if (name == register_name(test, thread, r)) return static_cast<int>(reg_base_[thread] + r);
    throw std::invalid_argument(std::string(what) + " names register " + std::to_string(thread) +
                                ":" + name + ", which thread " + std::to_string(thread) +
                                " never writes");
  }
  int loc = -1;
  for (std::size_t l = 0; l < test.locs.size; ++l)
    if (test.locs.v[l].name == name) loc = static_cast<int>(l);
  if (loc < 0) throw std::invalid_argument(std::string(what) + " names unknown location " + name);
  for (std::size_t s = 0; s < slots_.size(); ++s)
    if (slots_[s].thread < 0 && slots_[s].index == loc) return static_cast<int>(s);
  slots_.push_back({-1, loc});
  return static_cast<int>(slots_.size()) - 1;
}

std::string OutcomeLayout::slot_name(std::size_t i) const {
  const Slot& s = slots_[i];
  if (s.thread < 0) return std::string(test_->locs.v[s.index].name);
  return std::to_string(s.thread) + ":" + register_name(*test_, s.thread, s.index);
}

std::string OutcomeLayout::value_text(const Outcome& o, std::size_t i) {
  return (o.is_symbolic(i) ? "S" : "") + std::to_string(o.v[i]);
}

std::string OutcomeLayout::format(const Outcome& o) const {
  std::string out;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (i) out += ' ';
    out += slot_name(i) + "=" + value_text(o, i) + ";";
  }
  return out;
}

std::string OutcomeLayout::herd_state(const Outcome& o) const {
  std::vector<std::size_t> named;
  std::vector<int> shown = atom_slot_;
  shown.insert(shown.end(), shown_slot_.begin(), shown_slot_.end());
  for (int slot : shown)
    if (std::find(named.begin(), named.end(), static_cast<std::size_t>(slot)) == named.end())
      named.push_back(static_cast<std::size_t>(slot));
  std::sort(named.begin(), named.end(), [&](std::size_t a, std::size_t b) {
    const Slot &x = slots_[a], &y = slots_[b];
    if ((x.thread < 0) != (y.thread < 0)) return x.thread >= 0;  // registers first
    return slot_name(a) < slot_name(b);
  });
  std::string out;
  for (std::size_t i : named) {
    if (!out.empty()) out += ' ';
    const std::string name = slot_name(i);
    out += (slots_[i].thread < 0 ? "[" + name + "]" : name) + "=" + value_text(o, i) + ";";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
namespace {
bool is_load_order(Order o) {
  return o == Order::relaxed || o == Order::acquire || o == Order::seq_cst || o == Order::consume;
}
bool is_store_order(Order o) {
  return o == Order::relaxed || o == Order::release || o == Order::seq_cst;
}
}  // namespace

std::vector<std::string> validate(const Test& test) {
  std::vector<std::string> problems;
  auto problem = [&](const std::string& s) {
    problems.push_back(std::string(test.name) + ": " + s);
  };
  if (test.name.empty()) problem("empty name");
  if (test.threads.size < 1) problem("a litmus test needs at least one thread");
  for (std::size_t i = 0; i < test.locs.size; ++i) {
    if (test.locs.v[i].name.empty()) problem("location " + std::to_string(i) + " has no name");
    for (std::size_t j = 0; j < i; ++j)
      if (test.locs.v[i].name == test.locs.v[j].name)
        problem("location " + std::string(test.locs.v[i].name) + " declared twice");
  }
  for (std::size_t t = 0; t < test.threads.size; ++t) {
    const Thread& th = test.threads.v[t];
    if (th.size == 0) problem("thread " + std::to_string(t) + " is empty");
    for (std::size_t i = 0; i < th.size; ++i) {
      const Op& op = th.ops[i];
      const std::string where = "thread " + std::to_string(t) + " op " + std::to_string(i) + ": ";
      const bool has_loc =
          op.kind != OpKind::fence && op.kind != OpKind::assign && op.kind != OpKind::branch;
      const bool has_reg = op.kind != OpKind::fence && op.kind != OpKind::store;
      if (has_loc && (op.loc < 0 || static_cast<std::size_t>(op.loc) >= test.locs.size))
        problem(where + "location index out of range");
      if (has_reg && (op.reg < 0 || static_cast<std::size_t>(op.reg) >= kMaxRegs))
        problem(where + "register index out of range");
      if (!has_reg && op.reg != -1) problem(where + "this operation writes no register");
      if (op.plain && op.kind != OpKind::load && op.kind != OpKind::store)
        problem(where + "only loads and stores can be non-atomic");
      if (op.accumulate && op.kind != OpKind::load)
        problem(where + "only a load can add to a register");
      // Does an operation before this one write register r? (Stores and fences write none.)
      auto set_before = [&](int r) {
        for (std::size_t k = 0; k < i; ++k)
          if (th.ops[k].reg == r && th.ops[k].kind != OpKind::branch &&
              th.ops[k].kind != OpKind::store && th.ops[k].kind != OpKind::fence)
            return true;
        return false;
      };
      if (op.accumulate && !set_before(op.reg))
        problem(where + "a register is added to before it is set");
      if (op.value_reg >= 0) {
        if (op.kind != OpKind::store && op.kind != OpKind::assign)
          problem(where + "only a store or an assignment takes a register's value");
        if (static_cast<std::size_t>(op.value_reg) >= kMaxRegs || !set_before(op.value_reg))
          problem(where + "the value comes from a register nothing set before it");
      }
      if (op.fetch != Fetch::add && op.kind != OpKind::fetch_add)
        problem(where + "only a fetch-and-op has a fetch operation");
      if (op.weak && op.kind != OpKind::cas) problem(where + "only a compare-exchange can be weak");
      if (op.unsequenced) {
        bool ok = op.kind == OpKind::load && op.accumulate && i > 0 &&
                  th.ops[i - 1].kind == OpKind::load && th.ops[i - 1].reg == op.reg &&
                  !th.ops[i - 1].accumulate;
        for (std::size_t b = 0; ok && b + 1 < i; ++b)  // both inside the same branches
          if (th.ops[b].kind == OpKind::branch)
            ok = (i - 1 <= b + th.ops[b].span) == (i <= b + th.ops[b].span);
        if (!ok)
          problem(where +
                  "only a load added to the load just before it can be unsequenced with it");
      }
      switch (op.kind) {
        case OpKind::load:
          if (!op.plain && !is_load_order(op.order))
            problem(where + "a load cannot be release/acq_rel");
          break;
        case OpKind::store:
          if (!op.plain && !is_store_order(op.order))
            problem(where + "a store cannot be acquire/acq_rel");
          break;
        case OpKind::fence:
          if (op.order == Order::relaxed) problem(where + "a relaxed fence does nothing");
          break;
        case OpKind::cas:
          if (op.fail_order == Order::release || op.fail_order == Order::acq_rel)
            problem(where + "a CAS failure order cannot be release/acq_rel");
          if (op.expected_loc >= static_cast<int>(test.locs.size) ||
              (op.expected_loc >= 0 && op.expected_loc == op.loc))
            problem(where + "the CAS's expected-value location is out of range or its target");
          break;
        case OpKind::branch: {
          if (op.span == 0 || i + op.span >= th.size)
            problem(where + "a branch must guard 1 or more operations inside the thread");
          if (!set_before(op.reg))
            problem(where + "the branch tests a register nothing set before it");
          // Nested branches must close inside the branch that encloses them.
          for (std::size_t b = 0; b < i; ++b)
            if (th.ops[b].kind == OpKind::branch && i <= b + th.ops[b].span &&
                i + op.span > b + th.ops[b].span)
              problem(where + "the branch overlaps the end of an enclosing branch");
          break;
        }
        case OpKind::assign:
        case OpKind::exchange:
        case OpKind::fetch_add:
          break;
      }
    }
    // Registers must be numbered densely from r0 so that the outcome has no unused slots.
    // A register is written by at most one memory operation (an assign may initialise it).
    std::array<bool, kMaxRegs> written{};
    std::array<int, kMaxRegs> loaded{};
    for (std::size_t i = 0; i < th.size; ++i) {
      const Op& op = th.ops[i];
      if (op.kind == OpKind::branch || op.reg < 0 || static_cast<std::size_t>(op.reg) >= kMaxRegs)
        continue;
      written[op.reg] = true;
      if (op.kind != OpKind::assign && !op.accumulate && ++loaded[op.reg] > 1)
        problem("thread " + std::to_string(t) + " writes " +
                register_name(test, t, static_cast<std::size_t>(op.reg)) + " twice");
    }
    for (std::size_t r = 0; r < th.registers(); ++r)
      if (!written[r])
        problem("thread " + std::to_string(t) + " skips register r" + std::to_string(r));
  }
  try {
    OutcomeLayout layout(test, Condition::parse(test.condition));
  } catch (const ConditionError& e) {
    problem("condition, column " + std::to_string(e.column) + ": " + e.what());
  } catch (const std::exception& e) {
    problem(std::string("condition: ") + e.what());
  }
  return problems;
}

std::string register_name(const Test& test, std::size_t t, std::size_t r) {
  if (t < kMaxThreads && r < kMaxRegs && !test.registers[t].v[r].empty())
    return std::string(test.registers[t].v[r]);
  return "r" + std::to_string(r);
}

std::string operand_text(const Test& test, std::size_t thread, const Op& op) {
  if (op.value_reg < 0) return std::to_string(op.value);
  std::string s = register_name(test, thread, static_cast<std::size_t>(op.value_reg));
  if (op.value > 0 || op.value == INT32_MIN) s += " + " + std::to_string(op.value);
  if (op.value < 0 && op.value != INT32_MIN) s += " - " + std::to_string(-op.value);
  return s;
}

std::string op_text(const Test& test, const Op& op, std::size_t thread) {
  auto loc = [&] {
    return op.loc >= 0 && static_cast<std::size_t>(op.loc) < test.locs.size
               ? std::string(test.locs.v[op.loc].name)
               : std::string("?");
  };
  const std::string reg = op.reg >= 0 ? register_name(test, thread, op.reg) : "";
  const std::string o(order_name(op.order));
  const std::string value = operand_text(test, thread, op);
  switch (op.kind) {
    case OpKind::load:
      return reg + (op.accumulate ? " += " : " = ") +
             (op.plain ? "*" + loc() : loc() + ".load(" + o + ")") +
             (op.unsequenced ? " [unsequenced]" : "");
    case OpKind::store:
      return op.plain ? "*" + loc() + " = " + value : loc() + ".store(" + value + ", " + o + ")";
    case OpKind::assign:
      return reg + " = " + value;
    case OpKind::branch:
      return "if (" + register_name(test, thread, static_cast<std::size_t>(op.reg)) +
             (op.negate ? " != " : " == ") + std::to_string(op.value) + ") {next " +
             std::to_string(op.span) + "}";
    case OpKind::fence:
      return "fence(" + o + ")";
    case OpKind::exchange:
      return reg + " = " + loc() + ".exchange(" + std::to_string(op.value) + ", " + o + ")";
    case OpKind::fetch_add:
      return reg + " = " + loc() + ".fetch_" + std::string(fetch_name(op.fetch)) + "(" +
             std::to_string(op.value) + ", " + o + ")";
    case OpKind::cas:
      if (op.expected_loc >= 0 && static_cast<std::size_t>(op.expected_loc) < test.locs.size)
        return reg + " = " + loc() + (op.weak ? ".cas_weak(*" : ".cas(*") +
               std::string(test.locs.v[op.expected_loc].name) + ", " + std::to_string(op.value) +
               ", " + o + ", " + std::string(order_name(op.fail_order)) + ")";
      return reg + " = " + loc() + (op.weak ? ".cas_weak(" : ".cas(") +
             std::to_string(op.expected) + ", " + std::to_string(op.value) + ", " + o + ", " +
             std::string(order_name(op.fail_order)) + ")";
  }
  return "?";
}

std::string canonical_text(const Test& test) {
  std::string s = "{";
  for (std::size_t i = 0; i < test.locs.size; ++i)
    s += " " + std::string(test.locs.v[i].name) + "=" + std::to_string(test.locs.v[i].init) + ";";
  s += " }\n";
  for (std::size_t t = 0; t < test.threads.size; ++t) {
    s += "P" + std::to_string(t) + ":";
    for (std::size_t i = 0; i < test.threads.v[t].size; ++i)
      s += " " + op_text(test, test.threads.v[t].ops[i], t) + ";";
    s += "\n";
  }
  if (!test.observed.empty()) s += "locations [" + std::string(test.observed) + "]\n";
  try {
    s += Condition::parse(test.condition).text();
  } catch (const ConditionError&) {
    s += std::string(test.condition);
  }
  return s + "\n";
}

std::string declaration_hash(const Test& test) { return hash_hex(fnv1a(canonical_text(test))); }

}  // namespace hbscope
