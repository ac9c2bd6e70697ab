// hbscope core: spelling a declaration as C++ source. Shared by the two writers of generated
// code: the native runner of .litmus files (data only, compiled to a shared object) and
// `hbscope import` (a catalogue source file a person reads and keeps).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/test.hpp"

namespace hbscope {

//! A C++ string literal with quotes, backslashes and newlines escaped.
std::string cpp_literal(std::string_view s);
//! `std::memory_order_acquire`...
const char* cpp_order(Order o);
//! The enumerator's name: `load`, `store`...
const char* cpp_kind(OpKind k);
//! `Op{.kind = OpKind::store, .loc = 1, ...}` naming only the fields that differ from their
//! defaults, in declaration order (as designated initialisers require).
std::string cpp_op_literal(const Op& op);
//! The initialisers of a Test's fields: `.locs` as `{{"x", 0}, {"y", 0}}`, `.threads` with
//! each operation spelt by `op_text(thread, op)` (one per line), and `.registers` as
//! `{RegNames{"r0"}, RegNames{"a", "b"}}` (RegNames unqualified: the caller brings it in).
std::string cpp_locations(const Test& test);
std::string cpp_threads(const Test& test,
                        const std::function<std::string(std::size_t, const Op&)>& op_text);
std::string cpp_register_names(const Test& test);

}  // namespace hbscope
