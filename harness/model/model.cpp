#include "model/model.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "model/relation.hpp"

namespace hbscope::model {

const char* model_name(Model m) {
  switch (m) {
    case Model::sc: return "sc";
    case Model::rc11: return "rc11";
    case Model::iso: return "iso";
    case Model::x86_tso: return "x86-tso";
    case Model::armv8: return "armv8";
  }
  return "?";
}

const Model* hardware_model_of(const std::string& arch) {
  static const Model x86 = Model::x86_tso, arm = Model::armv8;
  if (arch == "x86_64") return &x86;
  if (arch == "aarch64") return &arm;
  return nullptr;
}

bool Analysis::allows(Model m, const Outcome& o) const {
  const auto& a = allowed[static_cast<std::size_t>(m)];
  return std::binary_search(a.begin(), a.end(), o);
}

bool Analysis::allows_witness(Model m, const OutcomeLayout& layout) const {
  const auto& a = allowed[static_cast<std::size_t>(m)];
  return std::any_of(a.begin(), a.end(), [&](const Outcome& o) { return layout.is_witness(o); });
}

std::string Analysis::why_not(Model m, const Outcome& o) const {
  const auto& r = reasons[static_cast<std::size_t>(m)];
  auto it = r.find(o);
  if (it == r.end())
    return pruned ? "no execution that is SC per location produces it (coherence)"
                  : "no execution produces it";
  std::string s;
  for (const std::string& why : it->second) s += (s.empty() ? "" : "; ") + why;
  return s;
}

std::string mapping_text() {
  return "C++ -> x86-64 (as GCC and Clang compile it; the x86-tso model):\n"
         "  load (any order)            mov\n"
         "  store rlx / rel             mov\n"
         "  store sc                    xchg (locked: a full fence)\n"
         "  fence acq / rel / acq_rel   nothing\n"
         "  fence sc                    mfence (or a locked no-op)\n"
         "  RMW (any order)             lock xadd / xchg / lock cmpxchg (locked)\n"
         "C++ -> AArch64 (GCC; the armv8 model):\n"
         "  load rlx                    ldr\n"
         "  load acq / sc               ldar\n"
         "  store rlx                   str\n"
         "  store rel / sc              stlr\n"
         "  fence acq                   dmb ishld\n"
         "  fence rel / acq_rel / sc    dmb ish\n"
         "  RMW                         ldxr/stxr loop, with ldaxr when the order acquires and\n"
         "                              stlxr when it releases (LSE: one ldadd/swp/cas with the\n"
         "                              same acquire/release suffixes, same model)\n";
}

namespace {

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
  bool has_data = false;      // a store of a register's value: `data` (a data dependency)
  RegSource data;
  bool cas = false, cas_success = false;
  bool weak = false;  // a weak CAS: its failure needs no inequality (spurious)
  std::int32_t expected = 0;
  bool na = false;  // a non-atomic access
  int op_index = -1;
  int expected_event = -1;  // CAS in C's form: the read of the expected value
  int copy_from = -1;       // a write of the value another event read (C's CAS failure)
};

// A branch on the path taken: the value it tests, and which way it was assumed to go.
struct BranchCheck {
  RegSource reg;
  std::int32_t value = 0;
  bool negate = false, taken = false;
};

bool acquires(Order o) {
  return o == Order::acquire || o == Order::acq_rel || o == Order::seq_cst ||
         o == Order::consume;
}
bool releases(Order o) {
  return o == Order::release || o == Order::acq_rel || o == Order::seq_cst;
}
// The orders of the two halves of an RMW, as herd splits them.
Order read_half(Order o) {
  if (o == Order::acq_rel) return Order::acquire;
  if (o == Order::release) return Order::relaxed;
  return o;
}
Order write_half(Order o) {
  if (o == Order::acq_rel) return Order::release;
  if (o == Order::acquire || o == Order::consume) return Order::relaxed;
  return o;
}

using Edge = Explanation::Edge;
using Parts = std::vector<std::pair<std::string, Rel>>;

// A shortest path from `from` to `to` in the union of labelled relations (BFS), as edges.
std::vector<Edge> path_in(const Parts& parts, std::size_t n, int from, int to) {
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

// A shortest cycle in the union of labelled relations.
std::vector<Edge> cycle_in(const Parts& parts, std::size_t n) {
  std::vector<Edge> best;
  for (std::size_t e = 0; e < n; ++e) {
    std::vector<Edge> c = path_in(parts, n, static_cast<int>(e), static_cast<int>(e));
    if (!c.empty() && (best.empty() || c.size() < best.size())) best = std::move(c);
  }
  return best;
}

class Enumerator {
 public:
  Enumerator(const Test& test, const OutcomeLayout& layout, Analysis& out)
      : test_(test), layout_(layout), out_(out) {}

  //! Explain mode: record the execution of `o` under `m` (see explain()).
  void explain(const Outcome& o, Model m, Explanation& into) {
    target_ = &o;
    target_model_ = m;
    expl_ = &into;
  }

  void run() {
    // Every combination of CAS successes and failures, and of branch directions: bit k of
    // `mask` (`paths`) is the k-th CAS (branch) in thread, then program, order.
    std::size_t cases = 0, branches = 0;
    for (std::size_t t = 0; t < test_.threads.size; ++t)
      for (std::size_t i = 0; i < test_.threads.v[t].size; ++i) {
        cases += test_.threads.v[t].ops[i].kind == OpKind::cas;
        branches += test_.threads.v[t].ops[i].kind == OpKind::branch;
      }
    if (cases + branches > 16)
      throw std::invalid_argument(std::string(test_.name) + ": too many branches and CASes");
    for (std::uint32_t mask = 0; mask < (1u << cases); ++mask)
      for (std::uint32_t paths = 0; paths < (1u << branches); ++paths)
        if (build_events(mask, paths)) enumerate_rf(0);
  }

 private:
  // Builds the events of one path; false when `paths` sets a branch the path never reaches
  // (that combination is enumerated with the bit clear).
  bool build_events(std::uint32_t mask, std::uint32_t paths) {
    ev_.clear();
    checks_.clear();
    ctrl_.clear();
    unseq_.clear();
    std::size_t branch_no = 0, cas_no = 0;
    // An RMW's read and write, linked, with herd's split of its order into the two halves.
    auto push_rmw = [&](Event r, Event w, Order order) {
      r.order = read_half(order);
      w.order = write_half(order);
      r.partner = static_cast<int>(ev_.size()) + 1;
      w.partner = static_cast<int>(ev_.size());
      ev_.push_back(r);
      ev_.push_back(w);
    };
    // The value a store or an assignment writes: a constant, or a register plus a constant.
    auto operand = [](const std::array<RegSource, kMaxRegs>& regs, const Op& op) {
      if (op.value_reg < 0) return RegSource{-1, op.value};
      RegSource src = regs[static_cast<std::size_t>(op.value_reg)];
      src.constant = wrapping_add(src.constant, op.value);
      return src;
    };
    for (std::size_t l = 0; l < test_.locs.size; ++l) {
      Event e;
      e.kind = Kind::write;
      e.loc = static_cast<int>(l);
      e.constant = test_.locs.v[l].init;
      ev_.push_back(e);
    }
    final_.assign(test_.threads.size, {});
    for (std::size_t t = 0; t < test_.threads.size; ++t) {
      const Thread& th = test_.threads.v[t];
      std::array<RegSource, kMaxRegs>& regs = final_[t];
      std::size_t skip_until = 0;  // ops before this index are inside an untaken branch
      for (std::size_t i = 0; i < th.size; ++i) {
        const Op& op = th.ops[i];
        const bool cas_success = op.kind == OpKind::cas && (mask >> cas_no++ & 1);
        if (op.kind == OpKind::branch) {
          const bool taken = paths >> branch_no++ & 1;
          if (i < skip_until) {
            if (taken) return false;
            continue;
          }
          checks_.push_back({regs[op.reg], op.value, op.negate, taken});
          // herd's ctrl: from the read that fed the branch to everything after it.
          for (int src : {regs[op.reg].event, regs[op.reg].plus})
            if (src >= 0) ctrl_.push_back({src, static_cast<int>(ev_.size())});
          if (!taken) skip_until = i + op.span + 1;
          continue;
        }
        if (i < skip_until) continue;
        if (op.kind == OpKind::assign) {
          regs[op.reg] = operand(regs, op);
          continue;
        }
        Event e;
        e.thread = static_cast<int>(t);
        e.op = op.kind;
        e.loc = op.loc;
        e.na = op.plain;
        e.op_index = static_cast<int>(i);
        if (op.kind == OpKind::cas && op.expected_loc >= 0) {
          // C's compare-exchange: read *e (plain), then the RMW on success, or the read of x
          // and a plain write of its value to *e on failure; the result is 1 or 0.
          const bool success = cas_success;
          Event re = e;
          re.kind = Kind::read;
          re.loc = op.expected_loc;
          re.na = true;
          re.op = OpKind::load;
          const int re_index = static_cast<int>(ev_.size());
          ev_.push_back(re);
          Event r = e;
          r.kind = Kind::read;
          r.cas = true;
          r.cas_success = success;
          r.weak = op.weak;
          r.expected_event = re_index;
          if (!success) {
            r.order = op.fail_order;
            const int r_index = static_cast<int>(ev_.size());
            ev_.push_back(r);
            Event we = e;
            we.kind = Kind::write;
            we.loc = op.expected_loc;
            we.na = true;
            we.op = OpKind::store;
            we.copy_from = r_index;
            ev_.push_back(we);
          } else {
            Event w = e;
            w.kind = Kind::write;
            w.constant = op.value;
            push_rmw(r, w, op.order);
          }
          regs[op.reg] = {-1, success ? 1 : 0};
          continue;
        }
        if (op.unsequenced && !ev_.empty() && ev_.back().thread == static_cast<int>(t))
          unseq_.push_back({static_cast<int>(ev_.size()) - 1, static_cast<int>(ev_.size())});
        if (op.kind == OpKind::load && op.accumulate) {
          if (regs[op.reg].plus >= 0 || (regs[op.reg].event < 0 && op.unsequenced))
            throw std::invalid_argument(std::string(test_.name) +
                                        ": a register sums more than two reads");
          regs[op.reg].plus = static_cast<int>(ev_.size());
        } else if (op.kind != OpKind::fence && op.kind != OpKind::store) {
          regs[op.reg] = {static_cast<int>(ev_.size()), 0};  // the read half comes first
        }
        switch (op.kind) {
          case OpKind::fence:
            e.kind = Kind::fence;
            e.order = op.order;
            ev_.push_back(e);
            break;
          case OpKind::load:
            e.kind = Kind::read;
            e.order = op.order;
            e.reg = op.reg;
            ev_.push_back(e);
            break;
          case OpKind::store:
            e.kind = Kind::write;
            e.order = op.order;
            e.constant = op.value;
            if (op.value_reg >= 0) {
              e.has_data = true;
              e.data = operand(regs, op);
            }
            ev_.push_back(e);
            break;
          case OpKind::assign:
          case OpKind::branch: break;
          case OpKind::exchange:
          case OpKind::fetch_add:
          case OpKind::cas: {
            const bool success = op.kind != OpKind::cas || cas_success;
            Event r = e;
            r.kind = Kind::read;
            r.reg = op.reg;
            r.cas = op.kind == OpKind::cas;
            r.cas_success = success;
            r.weak = op.weak;
            r.expected = op.expected;
            if (!success) {  // a failed CAS only reads, with its failure order
              r.order = op.fail_order;
              ev_.push_back(r);
              break;
            }
            Event w = e;
            w.kind = Kind::write;
            w.constant = op.value;
            w.adds = op.kind == OpKind::fetch_add;
            w.fetch = op.fetch;
            push_rmw(r, w, op.order);
            break;
          }
        }
      }
    }
    if (ev_.size() > kMaxEvents)
      throw std::invalid_argument(std::string(test_.name) + ": more than " +
                                  std::to_string(kMaxEvents) + " events");
    reads_.clear();
    for (std::size_t i = 0; i < ev_.size(); ++i)
      if (ev_[i].kind == Kind::read) reads_.push_back(static_cast<int>(i));
    rf_.assign(ev_.size(), -1);
    return true;
  }

  // Candidate executions: per location, a coherence order (initial write first, then a
  // permutation of the others) and a source for each read. Small tests are enumerated in
  // full, so that every outcome gets the reason each model forbids it. Past kPruneAbove
  // candidates, each location's choices are first filtered by SC per location
  // (acyclic(po-loc ∪ rf ∪ co ∪ fr)), which every model here requires, so incoherent
  // combinations never multiply across locations.
  static constexpr double kPruneAbove = 200'000;

  void enumerate_rf(std::size_t) {
    const std::size_t nloc = test_.locs.size;
    std::vector<std::vector<int>> writes(nloc), reads(nloc);
    for (std::size_t i = nloc; i < ev_.size(); ++i) {
      if (ev_[i].kind == Kind::write) writes[ev_[i].loc].push_back(static_cast<int>(i));
      if (ev_[i].kind == Kind::read) reads[ev_[i].loc].push_back(static_cast<int>(i));
    }
    double count = 1;
    for (std::size_t l = 0; l < nloc; ++l) {
      for (std::size_t k = 2; k <= writes[l].size(); ++k) count *= static_cast<double>(k);
      for (std::size_t k = 0; k < reads[l].size(); ++k)
        count *= static_cast<double>(writes[l].size() + 1);
    }
    const bool prune = count > kPruneAbove;
    if (prune) out_.pruned = true;
    // Per location: every (co order, rf choice) that survives the filter.
    struct Choice {
      std::vector<int> order;
      std::vector<int> sources;  // parallel to reads[l]
    };
    std::vector<std::vector<Choice>> choices(nloc);
    for (std::size_t l = 0; l < nloc; ++l) {
      std::vector<int> order = writes[l];
      std::sort(order.begin(), order.end());
      std::vector<int> candidates{static_cast<int>(l)};  // the initial write
      candidates.insert(candidates.end(), writes[l].begin(), writes[l].end());
      do {
        std::vector<int> sources(reads[l].size(), 0);
        std::function<void(std::size_t)> pick = [&](std::size_t k) {
          if (k == reads[l].size()) {
            if (!prune || coherent_at(static_cast<int>(l), order, reads[l], sources))
              choices[l].push_back({order, sources});
            return;
          }
          for (int w : candidates) {
            if (ev_[w].partner == reads[l][k]) continue;  // an RMW never reads its own write
            sources[k] = w;
            pick(k + 1);
          }
        };
        pick(0);
      } while (std::next_permutation(order.begin(), order.end()));
    }
    std::vector<std::vector<int>> orders(nloc);
    std::function<void(std::size_t)> combine = [&](std::size_t l) {
      if (l == nloc) {
        check(orders);
        return;
      }
      for (const Choice& c : choices[l]) {
        orders[l] = c.order;
        for (std::size_t k = 0; k < reads[l].size(); ++k) rf_[reads[l][k]] = c.sources[k];
        combine(l + 1);
      }
    };
    combine(0);
  }

  // SC per location for one location's choices: acyclic(po-loc ∪ rf ∪ co ∪ fr).
  bool coherent_at(int l, const std::vector<int>& order, const std::vector<int>& reads,
                   const std::vector<int>& sources) const {
    const std::size_t n = ev_.size();
    Rel r(n);
    std::vector<int> chain{l};
    chain.insert(chain.end(), order.begin(), order.end());
    std::vector<std::size_t> pos(n, 0);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      pos[chain[i]] = i;
      for (std::size_t j = i + 1; j < chain.size(); ++j) r.add(chain[i], chain[j]);  // co
    }
    for (std::size_t k = 0; k < reads.size(); ++k) {
      r.add(sources[k], reads[k]);                                            // rf
      for (std::size_t j = pos[sources[k]] + 1; j < chain.size(); ++j)
        if (chain[j] != reads[k]) r.add(reads[k], chain[j]);                 // fr
    }
    for (std::size_t a = 0; a < n; ++a)  // po-loc
      for (std::size_t b = a + 1; b < n; ++b)
        if (ev_[a].loc == l && ev_[b].loc == l && ev_[a].thread >= 0 &&
            ev_[a].thread == ev_[b].thread &&
            std::find(unseq_.begin(), unseq_.end(), std::pair<int, int>(a, b)) == unseq_.end())
          r.add(a, b);
    return r.acyclic();
  }

  // Values: writes are constants, (fetch_add) partner read + addend, or (a store of a register)
  // the reads the register holds plus a constant; reads take their source's value. A cycle of
  // these dependencies through rf has no grounding: the value is free (out of thin air) unless
  // the cycle adds a constant, which no value satisfies. Free values are solved by unification
  // with the equalities branches and CASes assume (disequalities are checked at the end).
  // False when the values are inconsistent.
  bool compute_values() {
    unmodelled_.clear();
    val_.assign(ev_.size(), Val{});
    bound_.clear();
    std::vector<std::uint8_t> state(ev_.size(), 0);  // 0 new, 1 in progress, 2 done
    std::vector<int> assumed(ev_.size(), -1);         // the free value a cycle assumed for e
    bool ok = true;
    std::function<Val(int)> value = [&](int e) -> Val {
      if (state[e] == 2) return val_[e];
      if (state[e] == 1) {  // a dependency cycle: e's value is free, for now
        if (assumed[e] < 0) {
          assumed[e] = static_cast<int>(bound_.size());
          bound_.push_back(std::nullopt);
        }
        return {assumed[e], 0};
      }
      state[e] = 1;
      const Event& x = ev_[e];
      Val v;
      if (x.kind == Kind::read) {
        v = value(rf_[e]);
      } else if (x.kind == Kind::write) {
        if (x.copy_from >= 0) v = value(x.copy_from);
        else if (x.adds) v = fetched(x.fetch, value(x.partner), x.constant);
        else if (x.has_data) v = value_of(x.data, value);
        else v = {-1, x.constant};
      }
      if (assumed[e] >= 0 && !unify({assumed[e], 0}, v)) ok = false;
      val_[e] = v;
      state[e] = 2;
      return v;
    };
    for (std::size_t e = 0; e < ev_.size(); ++e) value(static_cast<int>(e));
    return ok;
  }

  // a + b, where at most one is free (the models keep free values as one variable + constant).
  // Otherwise the candidate is marked unmodelled (see check()).
  Val plus(Val a, Val b) {
    a = resolve(a);
    b = resolve(b);
    if (a.var >= 0 && b.var >= 0) unmodelled_ = "a sum of two values out of thin air";
    return {std::max(a.var, b.var), wrapping_add(a.off, b.off)};
  }
  // What a fetch-and-op writes after reading v. On a free value only what keeps it one
  // variable plus a constant is modelled (add; and -1, or 0, xor 0).
  Val fetched(Fetch f, Val v, std::int32_t operand) {
    v = resolve(v);
    if (v.var < 0) return {-1, fetch_apply(f, v.off, operand)};
    if (f == Fetch::add) return plus(v, {-1, operand});
    if ((f == Fetch::and_ && operand == -1) || ((f == Fetch::or_ || f == Fetch::xor_) && operand == 0))
      return v;  // the identity
    unmodelled_ = "a bitwise fetch-and-op on a value out of thin air";
    return v;
  }
  template <class ValueFn>
  Val value_of(const RegSource& src, ValueFn&& value) {
    Val v{-1, src.constant};
    if (src.event >= 0) v = plus(v, value(src.event));
    if (src.plus >= 0) v = plus(v, value(src.plus));
    return v;
  }
  Val resolve(Val v) const {
    while (v.var >= 0 && bound_[v.var]) v = {bound_[v.var]->var, wrapping_add(bound_[v.var]->off, v.off)};
    return v;
  }
  // Makes a == b hold, binding a free value; false when it cannot (different constants, or
  // v == v + c with c != 0).
  bool unify(Val a, Val b) {
    a = resolve(a);
    b = resolve(b);
    if (a.var == b.var) return a.off == b.off;
    if (a.var >= 0)
      bound_[a.var] = Val{b.var, wrapping_add(b.off, wrapping_neg(a.off))};
    else
      bound_[b.var] = Val{a.var, wrapping_add(a.off, wrapping_neg(b.off))};
    return true;
  }
  // Does the execution's assumption `(a == b) == want` hold? Equalities bind free values;
  // disequalities between values that stay free are checked once everything is bound.
  bool assume(Val a, Val b, bool want, std::vector<std::pair<Val, Val>>& unequal) {
    if (want) return unify(a, b);
    unequal.push_back({a, b});
    return true;
  }

  void check(const std::vector<std::vector<int>>& co_orders) {
    if (!compute_values()) return;
    auto known = [&](int e) { return val_[e]; };
    std::vector<std::pair<Val, Val>> unequal;
    std::vector<std::pair<Val, Val>> weak_failures;  // spurious when the two are equal
    for (int r : reads_) {
      if (!ev_[r].cas) continue;
      const Val expected = ev_[r].expected_event >= 0 ? val_[ev_[r].expected_event]
                                                      : Val{-1, ev_[r].expected};
      if (ev_[r].weak && !ev_[r].cas_success) {  // fails whether or not the values are equal
        weak_failures.push_back({val_[r], expected});
        continue;
      }
      if (!assume(val_[r], expected, ev_[r].cas_success, unequal)) return;
    }
    for (const BranchCheck& b : checks_)
      if (!assume(value_of(b.reg, known), {-1, b.value}, b.taken != b.negate, unequal)) return;
    for (const auto& [a, b] : unequal)
      if (resolve(a) == resolve(b)) return;
    for (Val& v : val_) v = resolve(v);
    bool spurious = false;  // a weak CAS failed although it read the expected value
    for (const auto& [a, b] : weak_failures) spurious = spurious || resolve(a) == resolve(b);
    ++out_.executions;

    const std::size_t n = ev_.size();
    Set reads = 0, writes = 0, fences = 0, init = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Set bit = Set{1} << i;
      if (ev_[i].kind == Kind::read) reads |= bit;
      if (ev_[i].kind == Kind::write) writes |= bit;
      if (ev_[i].kind == Kind::fence) fences |= bit;
      if (ev_[i].thread < 0) init |= bit;
    }
    const Set mem = reads | writes;
    Rel po(n), loc(n), ext(n), rf(n), co(n), rmw(n);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) {
        const Event &x = ev_[a], &y = ev_[b];
        if (x.thread >= 0 && x.thread == y.thread && a < b) po.add(a, b);
        if (x.loc >= 0 && x.loc == y.loc) loc.add(a, b);
        if (x.thread != y.thread || x.thread < 0) ext.add(a, b);
      }
    for (int r : reads_) rf.add(rf_[r], r);
    // sb: po without the pairs C++ leaves unsequenced (the operands of one `+`). The C++ models
    // and SC use sb; the hardware models use po, the order the compiled code runs them in.
    Rel sb = po;
    for (const auto& [a, b] : unseq_) sb.remove(a, b);
    for (const auto& order : co_orders) {
      if (order.empty()) continue;
      const int init_w = ev_[order.front()].loc;  // initial writes are events 0..nlocs-1
      std::vector<int> chain{init_w};
      chain.insert(chain.end(), order.begin(), order.end());
      for (std::size_t i = 0; i < chain.size(); ++i)
        for (std::size_t j = i + 1; j < chain.size(); ++j) co.add(chain[i], chain[j]);
    }
    for (std::size_t i = 0; i < n; ++i)
      if (ev_[i].kind == Kind::read && ev_[i].partner >= 0) rmw.add(i, ev_[i].partner);
    Rel ctrl(n);
    for (const auto& [from, first_after] : ctrl_)
      for (std::size_t b = static_cast<std::size_t>(first_after); b < n; ++b)
        if (ev_[b].thread == ev_[from].thread) ctrl.add(from, b);
    Set na = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (ev_[i].na) na |= Set{1} << i;
    const Rel fr = seq(rf.inverse(), co) - Rel::identity(n);
    const Rel com = rf | co | fr;
    const Rel po_loc = po & loc;
    const Rel sb_loc = (sb & loc).restrict(mem, mem);
    const bool atomic = (rmw & seq(fr & ext, co & ext)).empty();

    // The outcome: registers, then the final values of the condition's locations.
    Outcome o;
    o.size = static_cast<std::uint8_t>(layout_.slots().size());
    std::vector<int> names;  // free values, numbered in order of first appearance
    for (std::size_t s = 0; s < layout_.slots().size(); ++s) {
      const auto& slot = layout_.slots()[s];
      Val v;
      if (slot.thread >= 0) {
        v = resolve(value_of(final_[slot.thread][slot.index], known));
      } else {
        const auto& order = co_orders[slot.index];
        v = order.empty() ? val_[slot.index] : val_[order.back()];
      }
      if (v.var < 0) {
        o.v[s] = v.off;
        continue;
      }
      if (v.off != 0) unmodelled_ = "a value out of thin air plus a constant";
      auto it = std::find(names.begin(), names.end(), v.var);
      if (it == names.end()) it = names.insert(names.end(), v.var);
      o.v[s] = static_cast<std::int32_t>(it - names.begin());
      o.symbolic |= std::uint64_t{1} << s;
    }
    // A candidate whose values the models cannot represent is dropped when every model forbids
    // it anyway (often it is incoherent: a read from its own thread's later write), and is an
    // error when some model allows it: refused, never approximated.
    if (unmodelled_.empty()) candidates_.insert(o);
    // Explain mode: this candidate produces the outcome asked about, and no allowed execution
    // has been recorded yet.
    const bool explaining = unmodelled_.empty() && target_ && o == *target_ &&
                            !(expl_->found && expl_->allowed);
    auto explain_if = [&](Model m, const std::string& why, const Rel* sw,
                          const std::function<std::vector<Edge>()>& cycle) {
      if (!explaining || m != target_model_) return;
      if (why.empty())
        record(po, rf, co, fr, sw, true, why, {});
      else if (!expl_->found)
        record(po, rf, co, fr, sw, false, why, cycle());
    };
    // The atomicity violation, edge by edge: the RMW's read, the write it read, the write that
    // came between, and the RMW's own write.
    auto atomicity_cycle = [&](const Rel& f, const Rel& c) {
      for (std::size_t r = 0; r < n; ++r)
        if (ev_[r].kind == Kind::read && ev_[r].partner >= 0)
          for (std::uint64_t m = f.row[r]; m; m &= m - 1) {
            const int w = std::countr_zero(m);
            if (c.has(w, ev_[r].partner))
              return std::vector<Edge>{{static_cast<int>(r), w, "fr"},
                                       {w, ev_[r].partner, "co"},
                                       {static_cast<int>(r), ev_[r].partner, "rmw"}};
          }
      return std::vector<Edge>{};
    };

    auto verdict = [&](Model m, const std::string& why, bool racy = false) {
      const auto i = static_cast<std::size_t>(m);
      if (!unmodelled_.empty()) {
        if (why.empty())
          throw std::invalid_argument(std::string(test_.name) + ": " + unmodelled_ + ", which " +
                                      model_name(m) + " allows here, is not modelled");
        return;
      }
      if (why.empty()) {
        allowed_[i].insert(o);
        if (racy) undefined_[i].insert(o);
      } else {
        out_.reasons[i][o].insert(why);
      }
    };

    // --- SC ---------------------------------------------------------------------------------
    {
      const bool cyclic = !(sb | com).acyclic();
      const std::string why = cyclic  ? "po ∪ rf ∪ co ∪ fr cycle: not an interleaving"
                              : !atomic ? "rmw ∩ (fre ; coe): atomicity"
                                        : "";
      verdict(Model::sc, why);
      explain_if(Model::sc, why, nullptr, [&] {
        return cyclic ? cycle_in({{"sb", sb}, {"rf", rf}, {"co", co}, {"fr", fr}}, n)
                      : atomicity_cycle(fr & ext, co & ext);
      });
    }

    // --- RC11 and ISO C++ -------------------------------------------------------------------
    {
      Set rel = 0, acq = 0, sc = 0, fsc = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const Set bit = Set{1} << i;
        const Event& e = ev_[i];
        if (e.thread < 0) continue;
        if (e.kind != Kind::read && releases(e.order)) rel |= bit;
        if (e.kind != Kind::write && acquires(e.order)) acq |= bit;
        if (e.order == Order::seq_cst) sc |= bit;
        if (e.kind == Kind::fence && e.order == Order::seq_cst) fsc |= bit;
      }
      const Rel id = Rel::identity(n);
      // rs = [W] ; sb|loc? ; [W] ; (rf ; rmw)*
      const Rel rs = seq((sb & loc).opt().restrict(writes, writes & ~na), seq(rf, rmw).star());
      // sw = [REL] ; ([F] ; sb)? ; rs ; rf ; [R] ; (sb ; [F])? ; [ACQ]
      const Rel from_rel = (id | sb.restrict(fences, ~Set{0})).restrict(rel, ~Set{0});
      const Rel to_acq = (id | sb.restrict(~Set{0}, fences)).restrict(reads & ~na, acq);
      const Rel sw = seq(seq(seq(from_rel, rs), rf), to_acq);
      // Initial writes happen before everything.
      const Set all = n == kMaxEvents ? ~Set{0} : (Set{1} << n) - 1;
      const Rel init_hb = Rel::product(n, init, all & ~init);
      const Rel hb = (sb | sw | init_hb).plus();
      const Rel eco = com.plus();
      // C11's atomicity: no write between an RMW's read and its write in co, same thread or not.
      const bool c11_atomic = (rmw & seq(fr, co)).empty();
      // A data race: conflicting accesses, one non-atomic, unordered by hb.
      const Rel conflict = (loc & (Rel::product(n, writes, mem) | Rel::product(n, mem, writes)) &
                            ext).restrict(mem, mem) -
                           Rel::product(n, init, ~Set{0}) - Rel::product(n, ~Set{0}, init);
      const Rel involves_na = Rel::product(n, na, ~Set{0}) | Rel::product(n, ~Set{0}, na);
      const bool racy = !((conflict & involves_na) - hb - hb.inverse()).empty();
      std::string why;
      if (!hb.irreflexive())
        why = "hb cycle";
      else if (!seq(hb, eco).irreflexive())
        why = "hb ; eco cycle: coherence";
      else if (!c11_atomic)
        why = "rmw ∩ (fr ; co): atomicity";
      else {
        const Rel sb_nloc = sb - sb_loc;
        const Rel hb_loc = (hb & loc).restrict(mem, mem);
        const Rel scb = sb | seq(seq(sb_nloc, hb), sb_nloc) | hb_loc | co | fr;
        const Rel left = Rel::identity(n, sc) | seq(Rel::identity(n, fsc), hb.opt());
        const Rel right = Rel::identity(n, sc) | seq(hb.opt(), Rel::identity(n, fsc));
        const Rel psc_base = seq(seq(left, scb), right);
        const Rel psc_f = (hb | seq(seq(hb, eco), hb)).restrict(fsc, fsc);
        if (!(psc_base | psc_f).acyclic()) why = "psc cycle: seq_cst";
      }
      std::string iso_why = why;
      // ISO C++: a non-atomic read reads a write that happens before it (visible side effect).
      const Rel invisible = rf.restrict(~Set{0}, na) - hb;
      if (iso_why.empty() && !invisible.empty())
        iso_why = "non-atomic read of a write not hb-before it: visible side effect";
      verdict(Model::iso, iso_why, racy);
      const std::string c11_why = why;
      if (why.empty() && !(sb | rf).acyclic()) why = "po ∪ rf cycle: no thin air";
      verdict(Model::rc11, why, racy);
      if (explaining && (target_model_ == Model::rc11 || target_model_ == Model::iso)) {
        const Parts hb_parts = {{"sb", sb}, {"sw", sw}};
        auto cycle = [&]() -> std::vector<Edge> {
          if (c11_why == "hb cycle") return cycle_in(hb_parts, n);
          if (c11_why == "hb ; eco cycle: coherence") {
            // e -hb-> f -eco-> e: spell out both halves in base relations.
            const Rel coh = seq(hb, eco);
            for (std::size_t e = 0; e < n; ++e)
              if (coh.has(e, e))
                for (std::size_t f = 0; f < n; ++f)
                  if (hb.has(e, f) && eco.has(f, e)) {
                    std::vector<Edge> a = path_in({{"sb", sb}, {"sw", sw}, {"hb", init_hb}}, n,
                                                  static_cast<int>(e), static_cast<int>(f));
                    const std::vector<Edge> b = path_in({{"rf", rf}, {"co", co}, {"fr", fr}}, n,
                                                        static_cast<int>(f), static_cast<int>(e));
                    a.insert(a.end(), b.begin(), b.end());
                    return a;
                  }
          }
          if (c11_why == "rmw ∩ (fr ; co): atomicity") return atomicity_cycle(fr, co);
          if (c11_why == "psc cycle: seq_cst") {
            const Rel sb_nloc = sb - sb_loc;
            const Rel scb = sb | seq(seq(sb_nloc, hb), sb_nloc) | (hb & loc).restrict(mem, mem) |
                            co | fr;
            const Rel left = Rel::identity(n, sc) | seq(Rel::identity(n, fsc), hb.opt());
            const Rel right = Rel::identity(n, sc) | seq(hb.opt(), Rel::identity(n, fsc));
            const Rel psc = seq(seq(left, scb), right) |
                            (hb | seq(seq(hb, eco), hb)).restrict(fsc, fsc);
            return cycle_in({{"psc", psc}}, n);
          }
          if (target_model_ == Model::iso && !invisible.empty()) return cycle_in({{"rf", invisible}}, n);
          return cycle_in({{"sb", sb}, {"rf", rf}}, n);  // no thin air
        };
        explain_if(target_model_, target_model_ == Model::iso ? iso_why : why, &sw, cycle);
      }
    }

    // --- x86-TSO ----------------------------------------------------------------------------
    {
      Set locked = 0, mfence = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const Event& e = ev_[i];
        const Set bit = Set{1} << i;
        if (e.thread < 0) continue;
        if (e.kind == Kind::fence && e.order == Order::seq_cst) mfence |= bit;
        if (e.kind == Kind::write && e.op == OpKind::store && e.order == Order::seq_cst)
          locked |= bit;  // xchg
        if (e.op == OpKind::exchange || e.op == OpKind::fetch_add || e.op == OpKind::cas)
          locked |= bit;  // lock-prefixed, even a failing cmpxchg
      }
      const Rel po_ghb = po.restrict(writes, writes) | po.restrict(reads, mem);
      const Rel fenced = seq(po.restrict(mem, mfence), po.restrict(mfence, mem));
      const Rel implied = po.restrict(mem, locked) | po.restrict(locked, mem);
      const Rel ghb = po_ghb | fenced | implied | (rf & ext) | fr | co;
      const bool uniproc = (po_loc | com).acyclic();
      const std::string why = spurious        ? "lock cmpxchg never fails spuriously"
                              : !uniproc      ? "po-loc ∪ com cycle: uniproc"
                              : !atomic       ? "rmw ∩ (fre ; coe): atomicity"
                              : !ghb.acyclic() ? "ghb cycle: tso"
                                               : "";
      verdict(Model::x86_tso, why);
      explain_if(Model::x86_tso, why, nullptr, [&] {
        if (spurious) return std::vector<Edge>{};  // no cycle: the instruction cannot do it
        if (!uniproc) return cycle_in({{"po-loc", po_loc}, {"rf", rf}, {"co", co}, {"fr", fr}}, n);
        if (!atomic) return atomicity_cycle(fr & ext, co & ext);
        return cycle_in({{"ppo", po_ghb}, {"mfence", fenced}, {"locked", implied},
                         {"rfe", rf & ext}, {"fr", fr}, {"co", co}}, n);
      });
    }

    // --- ARMv8 (multi-copy atomic) -----------------------------------------------------------
    {
      Set a = 0, l = 0, dmb_full = 0, dmb_ld = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const Event& e = ev_[i];
        const Set bit = Set{1} << i;
        if (e.thread < 0) continue;
        if (e.kind == Kind::read && acquires(e.order)) a |= bit;  // ldar, ldaxr
        if (e.kind == Kind::write && releases(e.order)) l |= bit;  // stlr, stlxr
        if (e.kind == Kind::fence) (e.order == Order::acquire ? dmb_ld : dmb_full) |= bit;
      }
      const Rel obs = (rf | co | fr) & ext;
      const Rel aob = rmw | seq(Rel::identity(n, rmw.range()), (rf - ext).restrict(~Set{0}, a));
      const Rel bob = seq(po.restrict(~Set{0}, dmb_full), po) | po.restrict(l, a) |
                      seq(po.restrict(reads, dmb_ld), po) | po.restrict(a, ~Set{0}) |
                      po.restrict(~Set{0}, l);
      Rel data(n);  // from the reads a stored register holds to the store
      for (std::size_t w = 0; w < n; ++w)
        if (ev_[w].has_data)
          for (int src : {ev_[w].data.event, ev_[w].data.plus})
            if (src >= 0) data.add(src, w);
      const Rel dob = ctrl.restrict(~Set{0}, writes) | data;  // no address dependencies here
      const Rel ob = (obs | dob | aob | bob).plus();
      const bool internal = (po_loc | com).acyclic();
      const std::string why = !internal          ? "po-loc ∪ com cycle: internal visibility"
                              : !atomic          ? "rmw ∩ (fre ; coe): atomicity"
                              : !ob.irreflexive() ? "ob cycle: external visibility"
                                                  : "";
      verdict(Model::armv8, why);
      explain_if(Model::armv8, why, nullptr, [&] {
        if (!internal) return cycle_in({{"po-loc", po_loc}, {"rf", rf}, {"co", co}, {"fr", fr}}, n);
        if (!atomic) return atomicity_cycle(fr & ext, co & ext);
        return cycle_in({{"obs", obs}, {"dob", dob}, {"aob", aob}, {"bob", bob}}, n);
      });
    }
  }

 public:
  std::set<Outcome> candidates_;
  std::array<std::set<Outcome>, kModels.size()> allowed_;
  std::array<std::set<Outcome>, kModels.size()> undefined_;

 private:
  const Test& test_;
  const OutcomeLayout& layout_;
  Analysis& out_;
  std::vector<Event> ev_;
  std::vector<int> reads_;
  std::vector<int> rf_;
  std::vector<BranchCheck> checks_;
  std::vector<std::pair<int, int>> ctrl_;  // (read, first event after the branch)
  std::vector<std::pair<int, int>> unseq_;  // events with no sequenced-before edge between them
  std::vector<std::array<RegSource, kMaxRegs>> final_;
  const Outcome* target_ = nullptr;
  Model target_model_ = Model::sc;
  Explanation* expl_ = nullptr;

  std::string describe(std::size_t i) const {
    const Event& e = ev_[i];
    const std::string loc = e.loc >= 0 ? std::string(test_.locs.v[e.loc].name) : "";
    if (e.thread < 0) return "init: " + loc + " = " + text(val_[i]);
    const Op& op = test_.threads.v[e.thread].ops[e.op_index];
    std::string s = "P" + std::to_string(e.thread) + ": " + op_text(test_, op, e.thread);
    if (e.partner >= 0) s += e.kind == Kind::read ? " [its read]" : " [its write]";
    if (e.kind == Kind::read) s += ", reads " + text(val_[i]);
    if (e.kind == Kind::write && (e.partner >= 0 || e.has_data)) s += ", writes " + text(val_[i]);
    return s;
  }

  // Records this execution in the explanation: events and its basic relations.
  void record(const Rel& po, const Rel& rf, const Rel& co, const Rel& fr, const Rel* sw,
              bool allowed, const std::string& why, std::vector<Edge> cycle) {
    Explanation& x = *expl_;
    x = Explanation{};
    x.found = true;
    x.allowed = allowed;
    x.axiom = why;
    x.cycle = std::move(cycle);
    const std::size_t n = ev_.size();
    for (std::size_t i = 0; i < n; ++i) {
      x.events.push_back(describe(i));
      x.threads.push_back(ev_[i].thread);
    }
    // Immediate po and co only: the transitive edges add nothing to a drawing.
    const Rel po_imm = po - seq(po, po), co_imm = co - seq(co, co);
    const std::pair<const char*, const Rel*> rels[] = {
        {"po", &po_imm}, {"rf", &rf}, {"co", &co_imm}, {"fr", &fr}, {"sw", sw}};
    for (const auto& [label, r] : rels) {
      if (!r) continue;
      for (std::size_t a = 0; a < n; ++a)
        for (std::uint64_t m = r->row[a]; m; m &= m - 1)
          x.edges.push_back({static_cast<int>(a), std::countr_zero(m), label});
    }
  }
  static std::string text(Val v) {
    if (v.var < 0) return std::to_string(v.off);
    return "a value out of thin air" + (v.off ? " + " + std::to_string(v.off) : std::string());
  }
  std::vector<Val> val_;
  std::string unmodelled_;  // why this candidate's values cannot be represented, if they cannot
  std::vector<std::optional<Val>> bound_;  // free value i, once an equality binds it
};

}  // namespace

Analysis analyse(const Test& test, const OutcomeLayout& layout) {
  for (std::size_t t = 0; t < test.threads.size; ++t)
    for (std::size_t i = 0; i < test.threads.v[t].size; ++i) {
      const Op& op = test.threads.v[t].ops[i];
      const bool has_loc = op.kind != OpKind::fence && op.kind != OpKind::assign &&
                           op.kind != OpKind::branch;
      if (has_loc && (op.loc < 0 || op.loc >= test.locs.size))
        throw std::invalid_argument(std::string(test.name) + ": an operation names location " +
                                    std::to_string(op.loc) + ", which is not declared");
    }
  Analysis a;
  Enumerator e(test, layout, a);
  e.run();
  a.candidates.assign(e.candidates_.begin(), e.candidates_.end());
  for (std::size_t m = 0; m < kModels.size(); ++m) {
    a.allowed[m].assign(e.allowed_[m].begin(), e.allowed_[m].end());
    a.undefined[m].assign(e.undefined_[m].begin(), e.undefined_[m].end());
    for (const Outcome& o : a.allowed[m]) a.reasons[m].erase(o);
  }
  return a;
}

Explanation explain(const Test& test, const OutcomeLayout& layout, const Outcome& o, Model m) {
  Analysis a;
  Explanation x;
  Enumerator e(test, layout, a);
  e.explain(o, m, x);
  e.run();
  return x;
}

}  // namespace hbscope::model
