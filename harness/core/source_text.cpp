#include "core/source_text.hpp"

#include "core/outcome.hpp"

namespace hbscope {

std::string cpp_literal(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

const char* cpp_order(Order o) {
  switch (o) {
    case Order::relaxed:
      return "std::memory_order_relaxed";
    case Order::consume:
      return "std::memory_order_consume";
    case Order::acquire:
      return "std::memory_order_acquire";
    case Order::release:
      return "std::memory_order_release";
    case Order::acq_rel:
      return "std::memory_order_acq_rel";
    case Order::seq_cst:
      return "std::memory_order_seq_cst";
  }
  return "std::memory_order_seq_cst";
}

const char* cpp_kind(OpKind k) {
  switch (k) {
    case OpKind::load:
      return "load";
    case OpKind::store:
      return "store";
    case OpKind::fence:
      return "fence";
    case OpKind::exchange:
      return "exchange";
    case OpKind::fetch_add:
      return "fetch_add";
    case OpKind::cas:
      return "cas";
    case OpKind::assign:
      return "assign";
    case OpKind::branch:
      return "branch";
  }
  return "fence";
}

std::string cpp_op_literal(const Op& op) {
  const Op d{};
  std::string s = std::string("Op{.kind = OpKind::") + cpp_kind(op.kind);
  auto field = [&](const char* name, const std::string& value) {
    s += std::string(", .") + name + " = " + value;
  };
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  if (op.loc != d.loc) field("loc", std::to_string(op.loc));
  if (op.reg != d.reg) field("reg", std::to_string(op.reg));
  if (op.value != d.value) field("value", std::to_string(op.value));
  if (op.expected != d.expected) field("expected", std::to_string(op.expected));
  if (op.order != d.order) field("order", cpp_order(op.order));
  if (op.fail_order != d.fail_order) field("fail_order", cpp_order(op.fail_order));
  if (op.plain != d.plain) field("plain", flag(op.plain));
  if (op.negate != d.negate) field("negate", flag(op.negate));
  if (op.span != d.span) field("span", std::to_string(op.span));
  if (op.expected_loc != d.expected_loc) field("expected_loc", std::to_string(op.expected_loc));
  if (op.accumulate != d.accumulate) field("accumulate", flag(op.accumulate));
  if (op.value_reg != d.value_reg) field("value_reg", std::to_string(op.value_reg));
  if (op.unsequenced != d.unsequenced) field("unsequenced", flag(op.unsequenced));
  if (op.fetch != d.fetch) {
    const std::string_view f = fetch_name(op.fetch);
    field("fetch", "hbscope::Fetch::" + std::string(f) + (f == "add" ? "" : "_"));
  }
  if (op.weak != d.weak) field("weak", flag(op.weak));
  if (op.data_dep != d.data_dep) field("data_dep", std::to_string(op.data_dep));
  if (op.addr_dep != d.addr_dep) field("addr_dep", std::to_string(op.addr_dep));
  return s + "}";
}

std::string cpp_locations(const Test& t) {
  std::string s = "{";
  for (std::size_t l = 0; l < t.locs.size; ++l)
    s += (l ? ", {" : "{") + cpp_literal(t.locs.v[l].name) + ", " +
         std::to_string(t.locs.v[l].init) + "}";
  return s + "}";
}

std::string cpp_threads(const Test& t,
                        const std::function<std::string(std::size_t, const Op&)>& op_text) {
  std::string s = "{";
  for (std::size_t th = 0; th < t.threads.size; ++th) {
    s += th ? ",\n                {" : "{";
    for (std::size_t i = 0; i < t.threads.v[th].size; ++i)
      s += (i ? ",\n                 " : "") + op_text(th, t.threads.v[th].ops[i]);
    s += "}";
  }
  return s + "}";
}

std::string cpp_register_names(const Test& t) {
  std::string s = "{";
  for (std::size_t th = 0; th < t.threads.size; ++th) {
    s += th ? ", RegNames{" : "RegNames{";
    for (std::size_t r = 0; r < t.threads.v[th].registers(); ++r)
      s += (r ? ", " : "") + cpp_literal(register_name(t, th, r));
    s += "}";
  }
  return s + "}";
}

}  // namespace hbscope
