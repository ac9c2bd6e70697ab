#include "herd/exporter.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/outcome.hpp"

namespace hbscope::herd {

std::string export_litmus(const Test& t) {
  auto order_name = [](Order o) {
    switch (o) {
      case Order::relaxed:
        return "memory_order_relaxed";
      case Order::consume:
        return "memory_order_consume";
      case Order::acquire:
        return "memory_order_acquire";
      case Order::release:
        return "memory_order_release";
      case Order::acq_rel:
        return "memory_order_acq_rel";
      case Order::seq_cst:
        return "memory_order_seq_cst";
    }
    return "memory_order_seq_cst";
  };
  std::ostringstream s;
  s << "C " << t.name << "\n";
  if (!t.metadata.empty()) s << t.metadata << "\n";
  if (!t.why.empty()) {
    std::string why(t.why);
    for (std::size_t p; (p = why.find("*)")) != std::string::npos;) why.replace(p, 2, "* )");
    s << "(* " << why << " *)\n";
  }
  s << "{";
  for (std::size_t l = 0; l < t.locs.size; ++l)
    s << " [" << t.locs.v[l].name << "] = " << t.locs.v[l].init << ";";
  s << " }\n";
  for (std::size_t th = 0; th < t.threads.size; ++th) {
    const Thread& thread = t.threads.v[th];
    s << "\nP" << th << " (";
    for (std::size_t l = 0; l < t.locs.size; ++l) {
      bool atomic = false, used = false;
      for (std::size_t i = 0; i < thread.size; ++i)
        if (thread.ops[i].loc == static_cast<int>(l)) {
          used = true;
          atomic = atomic || !thread.ops[i].plain;
        }
      s << (l ? ", " : "") << (atomic || !used ? "atomic_int* " : "volatile int* ")
        << t.locs.v[l].name;
    }
    s << ") {\n";
    // The parser numbers registers in order of first appearance, so the text must introduce
    // them in index order. Registers 0..k-1 are declared up front (`int r = 0;`, which the
    // parser drops again), the others where an unguarded operation first writes them
    // (`int r = ...`), k as small as that order allows. Declaring everything up front would
    // cost an operation per register while parsing, past kMaxOps in a full thread.
    const std::size_t nregs = thread.registers();
    std::vector<int> first_writes;  // registers in order of first write
    std::vector<bool> guarded_first(nregs, false);
    for (std::size_t i = 0; i < thread.size; ++i) {
      const Op& op = thread.ops[i];
      if (op.kind == OpKind::branch || op.reg < 0 ||
          std::find(first_writes.begin(), first_writes.end(), op.reg) != first_writes.end())
        continue;
      first_writes.push_back(op.reg);
      guarded_first[static_cast<std::size_t>(op.reg)] = thread.guarded(i);
    }
    std::size_t up_front = 0;
    for (; up_front < nregs; ++up_front) {
      int expect = static_cast<int>(up_front);
      bool ok = true;
      for (int r : first_writes)
        if (r >= static_cast<int>(up_front)) {
          ok = ok && r == expect++ && !guarded_first[static_cast<std::size_t>(r)];
        }
      if (ok) break;
    }
    std::vector<bool> declared(nregs, false);
    for (std::size_t r = 0; r < up_front; ++r) {
      s << "  int " << register_name(t, th, r) << " = 0;\n";
      declared[r] = true;
    }
    std::vector<std::size_t> closes;  // op indices after which a block closes
    auto read_text = [&](const Op& op) {
      const std::string loc = address_text(t, th, op);
      return op.plain ? (op.addr_dep >= 0 ? "*(" + loc + ")" : "*" + loc)
                      : "atomic_load_explicit(" + loc + ", " + order_name(op.order) + ")";
    };
    for (std::size_t i = 0; i < thread.size; ++i) {
      const Op& op = thread.ops[i];
      const std::string indent(2 + 2 * closes.size(), ' ');
      const std::string loc = op.loc >= 0 ? std::string(t.locs.v[op.loc].name) : "";
      const std::string reg = op.reg >= 0 ? register_name(t, th, op.reg) : "";
      // The register's declaration, at its first write.
      std::string decl;
      if (op.kind != OpKind::branch && op.reg >= 0 && !declared[static_cast<std::size_t>(op.reg)]) {
        decl = "int ";
        declared[static_cast<std::size_t>(op.reg)] = true;
      }
      const std::string value = operand_text(t, th, op);
      switch (op.kind) {
        case OpKind::load:
          if (op.unsequenced) break;  // written with the load before it
          s << indent << decl << reg << " = " << (op.accumulate ? reg + " + " : std::string())
            << read_text(op);
          if (i + 1 < thread.size && thread.ops[i + 1].unsequenced)
            s << " + " << read_text(thread.ops[i + 1]);  // one expression: unsequenced operands
          s << ";\n";
          break;
        case OpKind::store:
          if (op.plain && op.addr_dep >= 0)
            s << indent << "*(" << address_text(t, th, op) << ") = " << value << ";\n";
          else if (op.plain)
            s << indent << "*" << loc << " = " << value << ";\n";
          else
            s << indent << "atomic_store_explicit(" << address_text(t, th, op) << ", " << value
              << ", " << order_name(op.order) << ");\n";
          break;
        case OpKind::fence:
          s << indent << "atomic_thread_fence(" << order_name(op.order) << ");\n";
          break;
        case OpKind::exchange:
        case OpKind::fetch_add:
          s << indent << decl << reg << " = "
            << (op.kind == OpKind::exchange
                    ? std::string("atomic_exchange_explicit(")
                    : "atomic_fetch_" + std::string(fetch_name(op.fetch)) + "_explicit(")
            << loc << ", " << op.value << ", " << order_name(op.order) << ");\n";
          break;
        case OpKind::assign:
          s << indent << decl << reg << " = " << value << ";\n";
          break;
        case OpKind::branch:
          s << indent << "if (" << reg << (op.negate ? " != " : " == ") << op.value << ") {\n";
          closes.push_back(i + op.span);
          break;
        case OpKind::cas:
          if (op.expected_loc >= 0) {
            s << indent << decl << reg << " = atomic_compare_exchange_"
              << (op.weak ? "weak" : "strong") << "_explicit(" << loc << ", "
              << t.locs.v[op.expected_loc].name << ", " << op.value << ", " << order_name(op.order)
              << ", " << order_name(op.fail_order) << ");\n";
            break;
          }
          throw std::invalid_argument(std::string(t.name) +
                                      ": herd's C has no compare-exchange with a constant "
                                      "expected value (it takes a pointer)");
      }
      while (!closes.empty() && closes.back() == i) {
        closes.pop_back();
        s << std::string(2 + 2 * closes.size(), ' ') << "}\n";
      }
    }
    s << "}\n";
  }
  s << "\n";
  if (!t.observed.empty()) s << "locations [" << t.observed << "]\n";
  s << t.condition << "\n";
  return s.str();
}

}  // namespace hbscope::herd
