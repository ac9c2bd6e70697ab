#include "herd/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "core/outcome.hpp"
#include "herd/lexer.hpp"

namespace hbscope::herd {

namespace {

const std::set<std::string> kTypeWords = {"int",      "atomic_int", "volatile",   "const",
                                          "unsigned", "signed",     "_Atomic",    "long",
                                          "short",    "char",       "atomic_long"};

bool is_lkmm(const std::string& id) {
  return id == "READ_ONCE" || id == "WRITE_ONCE" || id.rfind("smp_", 0) == 0 ||
         id.rfind("rcu_", 0) == 0 || id.rfind("spin_", 0) == 0 || id == "atomic_t" ||
         id == "xchg" || id == "cmpxchg" || id.rfind("atomic_inc", 0) == 0;
}
bool is_int128(const std::string& id) { return id.find("int128") != std::string::npos; }

class Parser {
 public:
  Parser(std::string_view text, const std::string& path, LitmusFile& out)
      : text_(text), path_(path), out_(out), toks_(lex(text, path)) {}

  void run() {
    header();
    init_block();
    while (peek().kind == Tok::ident && peek().text.size() > 1 && peek().text[0] == 'P' &&
           std::isdigit(static_cast<unsigned char>(peek().text[1])))
      thread();
    if (threads_.size == 0) fail("expected a thread P0 (...) { ... }");
    final_condition();
    Test& t = out_.test;
    t.locs = locs_;
    t.threads = threads_;
    t.cpp = {Verdict::allowed, Verdict::allowed};  // files carry no hand verdict: models decide
    t.why = keep("read from " + path_);
    for (std::size_t i = 0; i < regs_.size(); ++i)
      for (std::size_t r = 0; r < regs_[i].size(); ++r) t.registers[i].v[r] = keep(regs_[i][r]);
    // The model and the runner index registers densely from 0; the names are only names.
    const auto problems = validate(t);
    if (!problems.empty()) {
      std::string why = problems.front();
      const std::string prefix = std::string(t.name) + ": ";
      if (why.rfind(prefix, 0) == 0) why.erase(0, prefix.size());
      fail_at(why.rfind("condition", 0) == 0 ? condition_at_ : peek(), why);
    }
  }

 private:
  // --- tokens --------------------------------------------------------------------------------
  const Token& peek(std::size_t k = 0) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  Token next() { return toks_[std::min(i_++, toks_.size() - 1)]; }
  bool is(const char* text, std::size_t k = 0) const {
    return peek(k).kind != Tok::end && peek(k).kind != Tok::string && peek(k).text == text;
  }
  bool accept(const char* text) {
    if (!is(text)) return false;
    ++i_;
    return true;
  }
  static std::string describe(const Token& t) {
    if (t.kind == Tok::end) return "end of file";
    return "'" + t.text + "'";
  }
  [[noreturn]] void fail_at(const Token& t, const std::string& what) const {
    throw ParseError(path_, t.line, t.column, what);
  }
  [[noreturn]] void fail(const std::string& what) const { fail_at(peek(), what); }
  void expect(const char* text) {
    if (!accept(text)) fail(std::string("expected '") + text + "', found " + describe(peek()));
  }
  std::string ident(const char* what) {
    if (peek().kind != Tok::ident)
      fail(std::string("expected ") + what + ", found " + describe(peek()));
    const Token t = next();
    if (is_lkmm(t.text))
      fail_at(t, "'" + t.text +
                     "' is the Linux-kernel (LKMM) dialect, not C11: hbscope reads "
                     "C11 litmus tests");
    if (is_int128(t.text)) fail_at(t, "128-bit integers are not supported");
    return t.text;
  }
  std::int32_t number() {
    bool negative = accept("-");
    if (peek().kind != Tok::number) fail("expected a number, found " + describe(peek()));
    const Token t = next();
    std::string_view d = t.text;
    int base = 10;
    if (d.size() > 2 && (d.substr(0, 2) == "0x" || d.substr(0, 2) == "0X")) {
      base = 16;
      d.remove_prefix(2);
    }
    long long v = 0;
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v, base);
    if (ec != std::errc() || p != d.data() + d.size() || v > INT32_MAX + std::int64_t{negative})
      fail_at(t, "expected a 32-bit integer, found '" + t.text + "'");
    return static_cast<std::int32_t>(negative ? -v : v);
  }
  std::string_view keep(std::string s) {
    out_.strings.push_back(std::move(s));
    return out_.strings.back();
  }

  // --- sections ------------------------------------------------------------------------------
  void header() {
    const Token& t = peek();
    if (t.kind != Tok::ident || t.text != "C")
      fail_at(t, "expected 'C' (herd's C dialect) on the first line, found " + describe(t) +
                     (t.kind == Tok::ident ? ": only C litmus tests are supported" : ""));
    // The name is the rest of the line, whatever it holds (MP+rel+acq, C-foo.bar...).
    const std::size_t start = t.offset + 1;
    const std::size_t eol = text_.find('\n', start);
    std::string name(
        text_.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start));
    const auto b = name.find_first_not_of(" \t\r"), e = name.find_last_not_of(" \t\r");
    if (b == std::string::npos) fail_at(t, "expected the test's name after 'C'");
    out_.test.name = keep(name.substr(b, e - b + 1));
    while (peek().kind != Tok::end && peek().line == t.line) ++i_;
    // Optional lines before the initial state: a quoted description and Key=value lines whose
    // value runs to the end of the line (diy's `Cycle=Rfe PodWR`, `Prefetch=0:x=F,1:y=T`...).
    // They are kept, line by line, so that `export` writes them back.
    std::string metadata;
    while (peek().kind != Tok::end && !is("{")) {
      const bool quoted = peek().kind == Tok::string;
      if (!quoted && !(peek().kind == Tok::ident && is("=", 1)))
        fail("expected '{' (the initial state), found " + describe(peek()));
      const Token first = peek();
      // The line's own tokens, without a comment or an initial state that shares it.
      std::size_t end = first.offset;
      while (peek().kind != Tok::end && peek().line == first.line && !is("{")) {
        const Token& t = next();
        end = t.offset + t.text.size() + (t.kind == Tok::string ? 2 : 0);
      }
      const std::string line(text_.substr(first.offset, end - first.offset));
      if (!quoted && first.text == "Variant" && line.find("128") != std::string::npos)
        fail_at(first, "128-bit variants are not supported");
      (metadata += metadata.empty() ? "" : "\n") += line;
    }
    if (!metadata.empty()) out_.test.metadata = keep(metadata);
  }

  int location(const std::string& name, const Token& at) {
    for (std::size_t l = 0; l < locs_.size; ++l)
      if (locs_.v[l].name == name) return static_cast<int>(l);
    if (locs_.size == kMaxLocs)
      fail_at(at, "more than " + std::to_string(kMaxLocs) + " shared locations");
    locs_.v[locs_.size] = {keep(name), 0};
    return locs_.size++;
  }

  void skip_type() {
    while (peek().kind == Tok::ident && (kTypeWords.count(peek().text) || is_int128(peek().text))) {
      if (is_int128(peek().text)) fail("128-bit integers are not supported");
      ++i_;
    }
  }

  void init_block() {
    expect("{");
    while (!accept("}")) {
      if (accept(";")) continue;
      skip_type();
      const Token at = peek();
      if (peek().kind == Tok::number)
        fail("initial values of registers (0:r0=...) are not supported");
      std::string name;
      if (accept("[")) {
        name = ident("a location name");
        expect("]");
      } else {
        name = ident("a location name");
      }
      const int l = location(name, at);
      if (accept("=")) {
        if (is("&")) fail("pointer-valued locations are not supported");
        locs_.v[l].init = number();
      }
      if (!is("}")) expect(";");
    }
  }

  void thread() {
    const Token p = next();
    int n = -1;
    const std::string_view digits = std::string_view(p.text).substr(1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size()) n = -1;
    if (n != static_cast<int>(threads_.size))
      fail_at(p, "expected P" + std::to_string(threads_.size) + ", found " + p.text);
    if (threads_.size == kMaxThreads)
      fail_at(p, "more than " + std::to_string(kMaxThreads) + " threads");
    expect("(");
    while (!accept(")")) {
      skip_type();
      accept("*");
      skip_type();
      const Token at = peek();
      location(ident("a parameter name"), at);
      if (!is(")")) expect(",");
    }
    regs_.emplace_back();
    thread_ = &threads_.v[threads_.size++];
    expect("{");
    while (!accept("}")) statement();
    drop_zero_initialisers();
  }

  // `int r = 0;` before anything else writes r says what the models and the runner assume
  // anyway (registers start at 0); when a later operation writes r, it is dropped, so that a
  // declaration exported with its registers declared up front reads back unchanged.
  void drop_zero_initialisers() {
    Thread& th = *thread_;
    for (std::size_t i = 0; i < th.size;) {
      const Op& op = th.ops[i];
      bool drop = op.kind == OpKind::assign && op.value == 0 && op.value_reg < 0 && !th.guarded(i);
      for (std::size_t k = 0; drop && k < i; ++k)
        drop = !(th.ops[k].kind != OpKind::branch && th.ops[k].reg == op.reg);
      bool later = false;  // a later operation writes r before anything reads it
      for (std::size_t k = i + 1; drop && !later && k < th.size; ++k) {
        const Op& o = th.ops[k];
        if (o.value_reg == op.reg || (o.kind == OpKind::branch && o.reg == op.reg) ||
            (o.accumulate && o.reg == op.reg))
          drop = false;
        later = o.kind != OpKind::branch && o.reg == op.reg;
      }
      if (!drop || !later) {
        ++i;
        continue;
      }
      for (std::size_t b = 0; b < i; ++b)  // an enclosing branch (none: unguarded) keeps spans
        if (th.ops[b].kind == OpKind::branch && i <= b + th.ops[b].span) --th.ops[b].span;
      for (std::size_t k = i; k + 1 < th.size; ++k) th.ops[k] = th.ops[k + 1];
      --th.size;
    }
  }

  // --- statements ----------------------------------------------------------------------------
  Op& emit(const Op& op) {
    if (thread_->size == kMaxOps)
      fail("more than " + std::to_string(kMaxOps) + " operations in one thread");
    Op& out = thread_->ops[thread_->size++] = op;
    if (addr_dep_ >= 0) {
      if (op.kind != OpKind::load && op.kind != OpKind::store)
        fail("only a load or a store can have an address dependency");
      out.addr_dep = static_cast<std::int8_t>(addr_dep_);
      addr_dep_ = -1;
    }
    return out;
  }
  std::int8_t reg(const std::string& name, bool create, const Token& at) {
    auto& names = regs_.back();
    for (std::size_t r = 0; r < names.size(); ++r)
      if (names[r] == name) return static_cast<std::int8_t>(r);
    if (!create) fail_at(at, "'" + name + "' is not a register of this thread");
    if (names.size() == kMaxRegs)
      fail_at(at, "more than " + std::to_string(kMaxRegs) + " registers in one thread");
    names.push_back(name);
    return static_cast<std::int8_t>(names.size() - 1);
  }
  std::int8_t hidden_reg(const Token& at) {
    return reg("_t" + std::to_string(hidden_++), true, at);
  }
  Order order() {
    const Token t = peek();
    const std::string id = ident("a memory_order");
    static const std::map<std::string, Order> orders = {
        {"memory_order_relaxed", Order::relaxed}, {"memory_order_consume", Order::consume},
        {"memory_order_acquire", Order::acquire}, {"memory_order_release", Order::release},
        {"memory_order_acq_rel", Order::acq_rel}, {"memory_order_seq_cst", Order::seq_cst}};
    auto it = orders.find(id);
    if (it == orders.end()) fail_at(t, "expected a memory_order, found '" + id + "'");
    return it->second;
  }
  // A location, or diy's address dependency on one: `x + (r0 & 128)`, `(x + (r0 & 128))`.
  // The dependency waits in addr_dep_ for the operation emit() writes next.
  std::int8_t loc_arg() {
    const Token at = peek();
    accept("&");
    const bool paren = accept("(");
    const std::string name = ident("a location");
    if (accept("+")) {
      const Token dep_at = peek();
      const Affine d = expression();
      if (d.dep < 0 || d.reg >= 0 || d.off != 0)
        fail_at(dep_at, "an address can only add a dependency (r & " + std::to_string(kDepMask) +
                            ") to a location");
      if (addr_dep_ >= 0) fail_at(dep_at, "one address dependency per operation");
      addr_dep_ = d.dep;
    }
    if (paren) expect(")");
    for (std::size_t l = 0; l < locs_.size; ++l)
      if (locs_.v[l].name == name) return static_cast<std::int8_t>(l);
    fail_at(at, "'" + name + "' is not a location of this test");
  }
  // --- values: one register plus a constant ------------------------------------------------
  // hbscope keeps a computed value as `register + constant` (or a constant), which is what
  // herd's tests compute: `r1`, `r1 + 1`, `(r1 ^ r1) + r1` (= r1). Wider arithmetic is
  // refused rather than approximated.
  struct Affine {
    int reg = -1;
    std::int32_t off = 0;
    int dep = -1;  // plus (reg[dep] & kDepMask): diy's dependency `1 + (r0 & 128)`
    friend bool operator==(const Affine&, const Affine&) = default;
  };
  static std::int32_t wrap(std::int64_t v) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<std::uint64_t>(v)));
  }
  Affine combine(const std::string& op, Affine a, Affine b, const Token& at) const {
    if (a.dep >= 0 || b.dep >= 0) {  // a dependency term is only ever added, once
      if (op != "+" || (a.dep >= 0 && b.dep >= 0))
        fail_at(at, "a dependency (r & " + std::to_string(kDepMask) +
                        ") can only be added to a constant or a register");
      Affine sum = combine(op, {a.reg, a.off}, {b.reg, b.off}, at);
      sum.dep = std::max(a.dep, b.dep);
      return sum;
    }
    const bool ca = a.reg < 0, cb = b.reg < 0;
    const std::uint32_t x = static_cast<std::uint32_t>(a.off),
                        y = static_cast<std::uint32_t>(b.off);
    if (ca && cb) {
      if (op == "+") return {-1, wrap(std::int64_t{x} + y)};
      if (op == "-") return {-1, wrap(std::int64_t{x} - y)};
      if (op == "*") return {-1, wrap(std::int64_t{x} * y)};
      if (op == "^") return {-1, static_cast<std::int32_t>(x ^ y)};
      if (op == "&") return {-1, static_cast<std::int32_t>(x & y)};
      return {-1, static_cast<std::int32_t>(x | y)};
    }
    if (op == "+" && (ca || cb)) return {std::max(a.reg, b.reg), wrap(std::int64_t{x} + y)};
    if (op == "-" && cb) return {a.reg, wrap(std::int64_t{x} - y)};
    if (op == "-" && a.reg == b.reg) return {-1, wrap(std::int64_t{x} - y)};
    if (op == "*" && (ca || cb)) {
      const Affine& k = ca ? a : b;
      if (k.off == 1) return ca ? b : a;
      if (k.off == 0) return {-1, 0};
    }
    if (op == "^" && a == b) return {-1, 0};
    if ((op == "&" || op == "|") && a == b) return a;
    if ((op == "^" || op == "|") && (ca || cb) && (ca ? a : b).off == 0) return ca ? b : a;
    if (op == "&" && (ca || cb) && (ca ? a : b).off == 0) return {-1, 0};
    if (op == "&" && ca != cb && (ca ? a : b).off == kDepMask && (ca ? b : a).off == 0)
      return {-1, 0, (ca ? b : a).reg};
    fail_at(at, "'" + op +
                    "' here does not give one register plus a constant, which is the "
                    "arithmetic hbscope models (e.g. r1, r1 + 2, (r1 ^ r1) + r1)");
  }
  Affine primary() {
    const Token at = peek();
    if (accept("(")) {
      if (++depth_ > 100) fail_at(at, "expression nested more than 100 deep");
      const Affine a = expression();
      --depth_;
      expect(")");
      return a;
    }
    if (peek().kind == Tok::number || (is("-") && peek(1).kind == Tok::number))
      return {-1, number()};
    if (peek().kind == Tok::ident && !is("(", 1)) return {reg(ident("a register"), false, at), 0};
    fail("expected a constant or a register, found " + describe(peek()) +
         (is("*") || (peek().kind == Tok::ident && is("(", 1))
              ? " (a read inside arithmetic is not supported)"
              : ""));
  }
  // C's precedence, loosest first: | ^ & (+ -) *
  Affine binary(int level) {
    static const std::vector<std::vector<std::string>> ops = {
        {"|"}, {"^"}, {"&"}, {"+", "-"}, {"*"}};
    if (level == static_cast<int>(ops.size())) return primary();
    Affine a = binary(level + 1);
    for (;;) {
      const Token at = peek();
      const auto& mine = ops[static_cast<std::size_t>(level)];
      if (at.kind != Tok::punct || std::find(mine.begin(), mine.end(), at.text) == mine.end())
        return a;
      next();
      a = combine(at.text, a, binary(level + 1), at);
    }
  }
  Affine expression() { return binary(0); }
  // A stored value: a constant, or (stores only) a register plus a constant.
  Affine value_arg(bool register_allowed) {
    const Token at = peek();
    const Affine a = expression();
    if ((a.reg >= 0 || a.dep >= 0) && !register_allowed)
      fail_at(at,
              "only a store can take a register's value here (exchange, fetch_add and "
              "compare-exchange take constants)");
    return a;
  }
  // Does a read start at token k: `*x` or `atomic_...(`?
  bool starts_read(std::size_t k = 0) const {
    return is("*", k) || (peek(k).kind == Tok::ident && is("(", k + 1));
  }

  // A call, as a statement (dest < 0) or as the value of register dest.
  void call(int dest) {
    const Token at = peek();
    const std::string f = ident("an atomic operation");
    const bool explicit_order = f.size() > 9 && f.substr(f.size() - 9) == "_explicit";
    const std::string base = explicit_order ? f.substr(0, f.size() - 9) : f;
    expect("(");
    auto finish = [&](Op op) {
      if (op.kind != OpKind::fence && op.kind != OpKind::store)
        op.reg = dest >= 0 ? static_cast<std::int8_t>(dest) : hidden_reg(at);
      else if (dest >= 0)
        fail_at(at, "'" + f + "' returns no value");
      expect(")");
      emit(op);
    };
    if (base == "atomic_thread_fence") {
      Op op{.kind = OpKind::fence, .order = order()};
      return finish(op);
    }
    if (base == "atomic_load") {
      Op op{.kind = OpKind::load, .loc = loc_arg()};
      if (explicit_order)
        expect(","), op.order = order();
      else
        op.order = Order::seq_cst;
      return finish(op);
    }
    static const std::map<std::string, Fetch> fetches = {{"atomic_fetch_add", Fetch::add},
                                                         {"atomic_fetch_sub", Fetch::add},
                                                         {"atomic_fetch_and", Fetch::and_},
                                                         {"atomic_fetch_or", Fetch::or_},
                                                         {"atomic_fetch_xor", Fetch::xor_}};
    if (base == "atomic_store" || base == "atomic_exchange" || fetches.count(base)) {
      Op op{.loc = loc_arg()};
      expect(",");
      const Affine v = value_arg(base == "atomic_store");
      op.value = v.off;
      op.value_reg = static_cast<std::int8_t>(v.reg);
      op.data_dep = static_cast<std::int8_t>(v.dep);
      op.kind = base == "atomic_store"      ? OpKind::store
                : base == "atomic_exchange" ? OpKind::exchange
                                            : OpKind::fetch_add;
      if (fetches.count(base)) op.fetch = fetches.at(base);
      if (base == "atomic_fetch_sub") op.value = wrapping_neg(op.value);
      if (explicit_order)
        expect(","), op.order = order();
      else
        op.order = Order::seq_cst;
      return finish(op);
    }
    if (base == "atomic_compare_exchange_strong" || base == "atomic_compare_exchange_weak") {
      // C's form: (x, e, desired[, success, failure]) with the expected value in location e.
      Op op{.kind = OpKind::cas, .loc = loc_arg()};
      op.weak = base == "atomic_compare_exchange_weak";  // may fail spuriously
      expect(",");
      op.expected_loc = loc_arg();
      expect(",");
      op.value = value_arg(false).off;
      if (explicit_order) {
        expect(",");
        op.order = order();
        expect(",");
        op.fail_order = order();
      } else {
        op.order = op.fail_order = Order::seq_cst;
      }
      return finish(op);
    }
    fail_at(at, "unknown operation '" + f + "'");
  }

  // A term added to register dest: `+ *y` or `+ atomic_load_explicit(y, mo)`.
  void add_term(int dest) {
    const Token at = peek();
    if (accept("*")) {
      emit({.kind = OpKind::load,
            .loc = loc_arg(),
            .reg = static_cast<std::int8_t>(dest),
            .plain = true,
            .accumulate = true});
    } else if (peek().kind == Tok::ident && is("(", 1)) {
      const std::size_t before = thread_->size;
      call(dest);
      Op& op = thread_->ops[thread_->size - 1];
      if (thread_->size != before + 1 || op.kind != OpKind::load)
        fail_at(at, "only a load can be added to a register");
      op.accumulate = true;
    } else {
      fail_at(at, "only *location or an atomic load can be added to a register");
    }
  }

  // The value of `int r = ...;` or `r = ...;`: a read (`*x`, an atomic operation), the sum of
  // two reads (unsequenced operands in C), `r + read` (sequenced after r's value), or
  // arithmetic on registers and constants.
  void assignment(int dest) {
    const std::string& dest_name = regs_.back()[static_cast<std::size_t>(dest)];
    if (peek().kind == Tok::ident && peek().text == dest_name && is("+", 1) && starts_read(2)) {
      next();  // r = r + read: r keeps its value, the read is added
      expect("+");
      add_term(dest);
    } else if (starts_read()) {
      const Token at = peek();
      if (accept("*"))
        emit({.kind = OpKind::load,
              .loc = loc_arg(),
              .reg = static_cast<std::int8_t>(dest),
              .plain = true});
      else
        call(dest);
      if (is("+") && starts_read(1)) {
        // load(x) + *y: C leaves the two operands unsequenced, and so do the C++ models.
        if (thread_->ops[thread_->size - 1].kind != OpKind::load)
          fail_at(at, "only a load can be added to a register");
        next();
        add_term(dest);
        thread_->ops[thread_->size - 1].unsequenced = true;
      }
    } else {
      const Token at = peek();
      const Affine v = expression();
      if (v.dep >= 0) fail_at(at, "a dependency (r & 128) is only modelled in a stored value");
      emit({.kind = OpKind::assign,
            .reg = static_cast<std::int8_t>(dest),
            .value = v.off,
            .value_reg = static_cast<std::int8_t>(v.reg)});
    }
    if (!is(";"))
      fail("expected ';', found " + describe(peek()) +
           " (arithmetic on a value read is not supported: hbscope sums at most two reads)");
  }

  // Emits a branch guarding `block`; returns nothing. `negate` flips the comparison.
  void branch() {
    const Token at = peek();
    expect("(");
    bool negate = false;
    std::int32_t value = 0;
    std::string name;
    if (accept("!")) {
      name = ident("a register");  // !r  ==  r == 0
    } else {
      if (accept("*")) {
        // if (*x ...): herd reads x (plain) and branches on the value; a hidden register holds it.
        const std::int8_t l = loc_arg();
        const std::int8_t h = hidden_reg(at);
        emit({.kind = OpKind::load, .loc = l, .reg = h, .plain = true});
        name = regs_.back()[static_cast<std::size_t>(h)];
      } else {
        name = ident("a register");
      }
      if (accept("==")) {
        value = number();
      } else {
        if (accept("!=")) value = number();
        negate = true;  // if (r)  ==  r != 0
      }
    }
    expect(")");
    const std::int8_t r = reg(name, false, at);
    const std::size_t b = thread_->size;
    emit({.kind = OpKind::branch, .reg = r, .value = value, .negate = negate});
    block();
    close_branch(b);
    if (accept("else")) {
      for (std::size_t i = b + 1; i < thread_->size; ++i)
        if (thread_->ops[i].kind != OpKind::branch && thread_->ops[i].reg == r)
          fail_at(at, "an else after a branch that changes the register it tests is not supported");
      const std::size_t e = thread_->size;
      emit({.kind = OpKind::branch, .reg = r, .value = value, .negate = !negate});
      block();
      close_branch(e);
    }
  }
  void close_branch(std::size_t b) {
    const std::size_t span = thread_->size - b - 1;
    if (span == 0) {  // an empty block guards nothing: drop the branch
      --thread_->size;
      return;
    }
    if (span > 255) fail("a branch guards too many operations");
    thread_->ops[b].span = static_cast<std::uint8_t>(span);
  }
  void block() {
    if (accept("{")) {
      while (!accept("}")) statement();
    } else {
      statement();
    }
  }

  void statement() {
    if (accept(";")) return;
    if (accept("if")) return branch();
    if (accept("*")) {  // *x = v;
      const std::int8_t l = loc_arg();
      expect("=");
      const Affine v = value_arg(true);
      emit({.kind = OpKind::store,
            .loc = l,
            .value = v.off,
            .plain = true,
            .value_reg = static_cast<std::int8_t>(v.reg),
            .data_dep = static_cast<std::int8_t>(v.dep)});
      expect(";");
      return;
    }
    const Token at = peek();
    if (peek().kind == Tok::ident && (kTypeWords.count(peek().text) || is_int128(peek().text))) {
      skip_type();
      const Token name_at = peek();
      const std::string name = ident("a register name");
      const std::int8_t r = reg(name, true, name_at);
      if (accept("=")) {
        assignment(r);
      } else {
        emit({.kind = OpKind::assign, .reg = r, .value = 0});
      }
      expect(";");
      return;
    }
    if (peek().kind == Tok::ident && is("(", 1)) {
      call(-1);
      expect(";");
      return;
    }
    if (peek().kind == Tok::ident && is("=", 1)) {
      const std::string name = ident("a register");
      const std::int8_t r = reg(name, true, at);
      expect("=");
      assignment(r);
      expect(";");
      return;
    }
    fail("expected a statement, found " + describe(peek()));
  }

  void final_condition() {
    if (accept("locations")) {  // more to show in the final states: [0:r2; x;]
      expect("[");
      std::string observed, item;
      while (!accept("]")) {
        if (peek().kind == Tok::end) fail("expected ']' closing locations");
        const Token t = next();
        if (t.text == ";") {
          if (!item.empty()) observed += (observed.empty() ? "" : " ") + item + ";";
          item.clear();
        } else {
          item += t.text;
        }
      }
      if (!item.empty()) observed += (observed.empty() ? "" : " ") + item + ";";
      out_.test.observed = keep(observed);
    }
    while (peek().kind == Tok::ident && is(":", 1) && peek().text != "exists" &&
           peek().text != "forall") {  // e.g. "regions: x:PROP" — not a condition
      const int line = peek().line;
      while (peek().kind != Tok::end && peek().line == line) ++i_;
    }
    if (peek().kind == Tok::end) {
      out_.test.condition = keep("forall (true)");
      return;
    }
    const Token start = peek();
    condition_at_ = start;
    std::string cond(text_.substr(start.offset));
    while (!cond.empty() && std::isspace(static_cast<unsigned char>(cond.back()))) cond.pop_back();
    try {
      out_.test.condition = keep(Condition::parse(cond).text());
    } catch (const ConditionError& e) {
      // Locate the column in the file: count lines within the condition text.
      int line = start.line, col = start.column;
      for (std::size_t k = 0; k + 1 < e.column && k < cond.size(); ++k) {
        if (cond[k] == '\n') {
          ++line;
          col = 1;
        } else {
          ++col;
        }
      }
      throw ParseError(path_, line, col, e.what());
    }
  }

  std::string_view text_;
  const std::string& path_;
  LitmusFile& out_;
  std::vector<Token> toks_;
  std::size_t i_ = 0;
  Locations locs_;
  Threads threads_;
  Thread* thread_ = nullptr;
  std::vector<std::vector<std::string>> regs_;
  int hidden_ = 0;
  int depth_ = 0;      // parentheses open in an expression
  int addr_dep_ = -1;  // loc_arg's address dependency, for the next emit()
  Token condition_at_;
};

}  // namespace

std::unique_ptr<LitmusFile> parse_litmus(std::string_view text, const std::string& path) {
  auto file = std::make_unique<LitmusFile>();
  file->path = path;
  file->source = text;
  Parser(text, path, *file).run();
  return file;
}

std::unique_ptr<LitmusFile> read_litmus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ParseError(path, 0, 0, "cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_litmus(ss.str(), path);
}

}  // namespace hbscope::herd
