#include "core/source_text.hpp"

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
    case Order::relaxed: return "std::memory_order_relaxed";
    case Order::consume: return "std::memory_order_consume";
    case Order::acquire: return "std::memory_order_acquire";
    case Order::release: return "std::memory_order_release";
    case Order::acq_rel: return "std::memory_order_acq_rel";
    case Order::seq_cst: return "std::memory_order_seq_cst";
  }
  return "std::memory_order_seq_cst";
}

const char* cpp_kind(OpKind k) {
  switch (k) {
    case OpKind::load: return "load";
    case OpKind::store: return "store";
    case OpKind::fence: return "fence";
    case OpKind::exchange: return "exchange";
    case OpKind::fetch_add: return "fetch_add";
    case OpKind::cas: return "cas";
    case OpKind::assign: return "assign";
    case OpKind::branch: return "branch";
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
  return s + "}";
}

}  // namespace hbscope
