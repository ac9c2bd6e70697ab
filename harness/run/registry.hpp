// hbscope run: the catalogue of compiled tests.
//
// Each litmus/ family file declares its tests and registers each with HBSCOPE_REGISTER, which
// instantiates the compiled thread loops and adds them to the registry during static
// initialisation. There is no central list to edit. The catalogue is linked as an OBJECT library
// so that no registrar is dropped by the linker.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/test.hpp"
#include "run/compiled.hpp"

namespace hbscope::run {

struct Entry {
  const Test* test = nullptr;
  std::array<ThreadFn, kMaxThreads> loops{};
  std::array<BodyFn, kMaxThreads> bodies{};  // for disassembly
};

class Registry {
 public:
  static Registry& instance();
  bool add(const Entry& e);
  //! All tests: families in teaching order (MP, SB, LB, ...), variants in declaration order.
  [[nodiscard]] const std::vector<Entry>& all() const;
  [[nodiscard]] const Entry* find(std::string_view name) const;
  //! Tests matching a pattern: an exact name, a family name ("MP"), or a glob ("SB+*", "*sc*"),
  //! case-insensitively. Empty when nothing matches.
  [[nodiscard]] std::vector<const Entry*> match(std::string_view pattern) const;

 private:
  mutable std::vector<Entry> entries_;
  mutable bool sorted_ = true;
};

template <const Test& T>
Entry make_entry() {
  static_assert(T.threads.size >= 1 && T.threads.size <= kMaxThreads);
  Entry e{&T, {}, {}};
  [&]<std::size_t... Th>(std::index_sequence<Th...>) {
    ((e.loops[Th] = &thread_loop<T, Th>), ...);
    ((e.bodies[Th] = &body_only<T, Th>), ...);
  }
  (std::make_index_sequence<T.threads.size>{});
  return e;
}

}  // namespace hbscope::run

#define HBSCOPE_REGISTER_CAT2(a, b) a##b
#define HBSCOPE_REGISTER_CAT(a, b) HBSCOPE_REGISTER_CAT2(a, b)
//! Registers a `static constexpr hbscope::Test` with the catalogue.
#define HBSCOPE_REGISTER(test)                                                                \
  [[maybe_unused]] static const bool HBSCOPE_REGISTER_CAT(hbscope_registered_, __COUNTER__) = \
      ::hbscope::run::Registry::instance().add(::hbscope::run::make_entry<test>())
