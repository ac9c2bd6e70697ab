//! hbscope model: the candidate executions of a test, enumerated exhaustively (every path
//! through its branches and CASes, every rf and co choice, the values that follow), each built
//! into an Execution and judged by every model's axioms (axioms.hpp).
#include "model/candidates.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>

#include "model/axioms.hpp"
#include "model/execution.hpp"

namespace hbscope::model {
namespace {

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

// A branch on the path taken: the value it tests, and which way it was assumed to go.
struct BranchCheck {
  RegSource reg;
  std::int32_t value = 0;
  bool negate = false, taken = false;
};

class Enumerator {
 public:
  Enumerator(const Test& test, const OutcomeLayout& layout, Analysis& out,
             const ExplainRequest* explain)
      : test_(test), layout_(layout), out_(out), explain_(explain), axioms_(all_axioms()) {}

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
        if (op.addr_dep >= 0) {
          e.has_addr = true;
          e.addr = regs[static_cast<std::size_t>(op.addr_dep)];
        }
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
            if (op.data_dep >= 0) {
              e.has_masked = true;
              e.masked = regs[static_cast<std::size_t>(op.data_dep)];
            }
            ev_.push_back(e);
            break;
          case OpKind::assign:
          case OpKind::branch:
            break;
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
  // About a minute of judging on one core; past it the model refuses (exit 2 from the CLI).
  static constexpr double kMaxCandidates = 20'000'000;

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
        // Coherence puts a thread's writes to one location in co in program order, whatever
        // the model: pruned, the other orders are skipped before any read is given a source
        // (2 threads x 5 writes: 252 orders of 3.6 million).
        if (prune && !in_program_order(order)) continue;
        std::vector<int> sources(reads[l].size(), 0);
        std::vector<std::size_t> pos(ev_.size(), 0);  // place in co; the initial write is 0
        for (std::size_t i = 0; i < order.size(); ++i) pos[order[i]] = i + 1;
        std::function<void(std::size_t)> pick = [&](std::size_t k) {
          if (k == reads[l].size()) {
            if (!prune || coherent_at(static_cast<int>(l), order, reads[l], sources))
              choices[l].push_back({order, sources});
            return;
          }
          for (int w : candidates) {
            if (ev_[w].partner == reads[l][k]) continue;  // an RMW never reads its own write
            if (prune && !locally_coherent(k, w, reads[l], sources, order, pos)) continue;
            sources[k] = w;
            pick(k + 1);
          }
        };
        pick(0);
      } while (std::next_permutation(order.begin(), order.end()));
    }
    // A clear refusal rather than hours of silence: the combinations left after pruning.
    double combinations = 1;
    for (const auto& c : choices) combinations *= static_cast<double>(c.size());
    if (combinations > kMaxCandidates)
      throw std::invalid_argument(std::string(test_.name) + ": " +
                                  std::to_string(static_cast<long long>(combinations)) +
                                  " candidate executions on one path, more than the bound of " +
                                  std::to_string(static_cast<long long>(kMaxCandidates)));
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

  // Are the writes of each thread in `order` in their program order? (Events are numbered in
  // program order within a thread.)
  bool in_program_order(const std::vector<int>& order) const {
    for (std::size_t i = 0; i < order.size(); ++i)
      for (std::size_t j = i + 1; j < order.size(); ++j)
        if (ev_[order[i]].thread == ev_[order[j]].thread && order[i] > order[j]) return false;
    return true;
  }

  // Can read k of a location read w, given its thread's writes there in co (`order`, `pos`)
  // and the sources of the thread's reads before it? The four coherence shapes within one
  // thread, checked as each read is given a source so that whole subtrees of rf choices are
  // skipped (4 threads x 2 writes and a read each: 6561 choices per order become a few):
  // no read of a po-later write, CoWR, CoRW, CoRR. coherent_at() checks the rest.
  bool locally_coherent(std::size_t k, int w, const std::vector<int>& reads,
                        const std::vector<int>& sources, const std::vector<int>& order,
                        const std::vector<std::size_t>& pos) const {
    const int r = reads[k], t = ev_[r].thread;
    auto sequenced = [&](int a, int b) {  // a before b in sb (both of thread t, a < b)
      return std::find(unseq_.begin(), unseq_.end(), std::pair<int, int>(a, b)) == unseq_.end();
    };
    if (ev_[w].thread == t && w > r) return false;
    for (int w2 : order) {
      if (ev_[w2].thread != t || w2 == w) continue;
      if (w2 < r && sequenced(w2, r) && pos[w] < pos[w2]) return false;  // CoWR
      if (w2 > r && sequenced(r, w2) && pos[w] > pos[w2]) return false;  // CoRW
    }
    for (std::size_t k2 = 0; k2 < k; ++k2)
      if (ev_[reads[k2]].thread == t && sequenced(reads[k2], r) && pos[w] < pos[sources[k2]])
        return false;  // CoRR
    return true;
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
      r.add(sources[k], reads[k]);  // rf
      for (std::size_t j = pos[sources[k]] + 1; j < chain.size(); ++j)
        if (chain[j] != reads[k]) r.add(reads[k], chain[j]);  // fr
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
    std::vector<int> assumed(ev_.size(), -1);        // the free value a cycle assumed for e
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
        if (x.copy_from >= 0)
          v = value(x.copy_from);
        else if (x.adds)
          v = fetched(x.fetch, value(x.partner), x.constant);
        else if (x.has_data)
          v = value_of(x.data, value);
        else
          v = {-1, x.constant};
        if (x.has_masked) {
          // (r & kDepMask) of a value out of thin air has no solution herd's solver finds
          // (it keeps values to equations over constants), so the candidate is dropped.
          const Val m = resolve(value_of(x.masked, value));
          if (m.var >= 0)
            ok = false;
          else
            v = plus(v, {-1, m.off & kDepMask});
        }
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
    if ((f == Fetch::and_ && operand == -1) ||
        ((f == Fetch::or_ || f == Fetch::xor_) && operand == 0))
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
    while (v.var >= 0 && bound_[v.var])
      v = {bound_[v.var]->var, wrapping_add(bound_[v.var]->off, v.off)};
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
      const Val expected =
          ev_[r].expected_event >= 0 ? val_[ev_[r].expected_event] : Val{-1, ev_[r].expected};
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
    // An address dependency moves the access by (r & kDepMask): modelled only where that is 0
    // (herd's address would be another cell, which the runner never touches either).
    for (std::size_t e = 0; e < ev_.size(); ++e) {
      if (!ev_[e].has_addr) continue;
      const Val a = resolve(value_of(ev_[e].addr, known));
      if (a.var >= 0) return;  // out of thin air: no solution, as for a masked value
      if ((a.off & kDepMask) != 0) unmodelled_ = "an address dependency that moves the address";
    }
    bool spurious = false;  // a weak CAS failed although it read the expected value
    for (const auto& [a, b] : weak_failures) spurious = spurious || resolve(a) == resolve(b);
    ++out_.executions;
    const Execution x({ev_, rf_, co_orders, unseq_, ctrl_, spurious});

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
    const bool explaining = unmodelled_.empty() && explain_ && o == explain_->outcome &&
                            !(explain_->into.found && explain_->into.allowed);
    Verdicts verdicts;
    for (const auto& axioms : axioms_) {
      axioms->judge(x, verdicts);
      for (Model m : axioms->models()) verdict(m, verdicts[static_cast<std::size_t>(m)], o);
      if (!explaining) continue;
      const std::span<const Model> judged = axioms->models();
      if (std::find(judged.begin(), judged.end(), explain_->model) == judged.end()) continue;
      const Axiom failed = verdicts[static_cast<std::size_t>(explain_->model)].failed;
      if (failed == Axiom::none)
        record(x, axioms->drawn(), failed, {});
      else if (!explain_->into.found)
        record(x, axioms->drawn(), failed, axioms->cycle(x, explain_->model, failed));
    }
  }

  // Only a modelled candidate's verdicts count (see check()).
  void verdict(Model m, const Verdict& v, const Outcome& o) {
    const auto i = static_cast<std::size_t>(m);
    if (!unmodelled_.empty()) {
      if (v.failed == Axiom::none)
        throw std::invalid_argument(std::string(test_.name) + ": " + unmodelled_ + ", which " +
                                    model_name(m) + " allows here, is not modelled");
      return;
    }
    if (v.failed == Axiom::none) {
      allowed_[i].insert(o);
      if (v.racy) undefined_[i].insert(o);
    } else {
      out_.reasons[i][o].insert(v.failed);
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
  std::vector<std::pair<int, int>> ctrl_;   // (read, first event after the branch)
  std::vector<std::pair<int, int>> unseq_;  // events with no sequenced-before edge between them
  std::vector<std::array<RegSource, kMaxRegs>> final_;
  const ExplainRequest* explain_;
  std::vector<std::unique_ptr<Axioms>> axioms_;

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
  void record(const Execution& ex, const Rel* drawn, Axiom failed, std::vector<Edge> cycle) {
    Explanation& x = explain_->into;
    x = Explanation{};
    x.found = true;
    x.allowed = failed == Axiom::none;
    x.axiom = failed;
    x.cycle = std::move(cycle);
    const std::size_t n = ev_.size();
    for (std::size_t i = 0; i < n; ++i) {
      x.events.push_back(describe(i));
      x.threads.push_back(ev_[i].thread);
    }
    // Immediate po and co only: the transitive edges add nothing to a drawing.
    const Rel po_imm = ex.po - seq(ex.po, ex.po), co_imm = ex.co - seq(ex.co, ex.co);
    const std::pair<const char*, const Rel*> rels[] = {
        {"po", &po_imm}, {"rf", &ex.rf}, {"co", &co_imm}, {"fr", &ex.fr}, {"sw", drawn}};
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

void enumerate(const Test& test, const OutcomeLayout& layout, Analysis& out,
               const ExplainRequest* explain) {
  Enumerator e(test, layout, out, explain);
  e.run();
  out.candidates.assign(e.candidates_.begin(), e.candidates_.end());
  for (std::size_t m = 0; m < kModels.size(); ++m) {
    out.allowed[m].assign(e.allowed_[m].begin(), e.allowed_[m].end());
    out.undefined[m].assign(e.undefined_[m].begin(), e.undefined_[m].end());
    for (const Outcome& o : out.allowed[m]) out.reasons[m].erase(o);
  }
}

}  // namespace hbscope::model
