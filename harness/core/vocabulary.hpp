//! hbscope core: the tool's vocabularies, each an enum with one spelling.
//!
//! Code compares values; the words below are used only at the edges (JSON, console, logs,
//! flags). Every word of a vocabulary lives in one table, read by name() and parse_word().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

#include "core/test.hpp"

namespace hbscope {

//! herd's observation of a condition over a histogram.
enum class Observation : std::uint8_t { never, sometimes, always };

//! How an observed outcome is classed against the models.
enum class OutcomeClass : std::uint8_t {
  sc,         // some interleaving of the threads explains it
  weak,       // not SC, RC11 allows it: a happens-before failure this machine performed
  weak_iso,   // not SC, only ISO C++ allows it (no-thin-air): reported, never a failure
  forbidden,  // C++ forbids it: a compiler, CPU, emulator or harness bug
  unknown,    // not graded: read from a litmus7 log, which carries no declaration
};

//! What one test's run amounts to.
enum class Grade : std::uint8_t {
  ok,              // the witness is forbidden and was not seen
  weak_seen,       // C++ allows the witness and this machine showed it
  weak_not_seen,   // C++ allows the witness; not seen in this run
  forbidden_seen,  // an outcome C++ forbids was seen on hardware: a bug
  emulator_fault,  // the same under an emulator: not a hardware result
};

//! How the threads start each iteration.
enum class Sync : std::uint8_t {
  barrier,    // sense-reversing spin barrier: all threads arrive, the last one releases
  fenced,     // thread 0 raises the instance's flag and fences; the others wait for it
              // (litmus7's "userfence"): one line transfer per iteration
  timebase,   // a common schedule: instance j starts at tick t0 + j * period on every thread
  perpetual,  // no per-iteration synchronisation; outcomes reconstructed (PerpLE)
};

//! The order in which a run visits its instances.
enum class Visit : std::uint8_t {
  learnt,    // run by run, whichever of the two below showed more overlaps per second
  strided,   // --stride interleaved passes: 0, s, 2s, ..., 1, 1+s, ...
  shuffled,  // a new random order every run: no prefetcher can bring a thread its lines early
};

//! Which cache holds each location's line when a run starts: the thread that writes its
//! initial value back after the previous run.
enum class Homes : std::uint8_t {
  learnt,  // drawn per location and instance, towards the threads that have shown overlaps
  slices,  // thread t resets the t-th slice of the instances: an instance's lines in one cache
};

//! Where test threads go when no CPU list is given.
enum class Policy : std::uint8_t {
  cores,   // distinct cores, nearest first (consecutive cores of one package): the default
  spread,  // distinct cores, alternating packages: as far apart as the machine allows
  smt,     // SMT siblings of one core first: threads share L1 and the core's store buffer
  none,    // leave placement to the OS
  cpus,    // an explicit CPU list (--cpus)
};

//! A matrix cell's mark: what one machine showed of one test's witness.
enum class Mark : std::uint8_t {
  weak,       // seen, and C++ allows it
  forbidden,  // seen, and C++ forbids it (or another outcome C++ forbids was seen)
  never,      // not seen: the cell gives the 95% upper bound on its rate
  seen,       // seen, with no C++ verdict to grade it (a litmus7 log no hbscope test matches)
};

//! How a matrix row brought its sources' tests together.
enum class Matched : std::uint8_t {
  name,           // the same test name (ignoring case) and the same witness
  shape_witness,  // a litmus7 log's plain family name (MP, sb) and witness of the same shape
  unmatched,      // one source only
};

// Each vocabulary's table has the one name `list`, which generic code reads (Words<E>::list).
// NOLINTBEGIN(readability-identifier-naming)
template <class E>
struct Words;
template <>
struct Words<Verdict> {
  static constexpr std::array<std::string_view, 2> list{"allowed", "forbidden"};
};
template <>
struct Words<Observation> {
  static constexpr std::array<std::string_view, 3> list{"Never", "Sometimes", "Always"};
};
template <>
struct Words<OutcomeClass> {
  static constexpr std::array<std::string_view, 5> list{"sc", "weak", "weak-iso", "forbidden",
                                                        "unknown"};
};
template <>
struct Words<Grade> {
  static constexpr std::array<std::string_view, 5> list{"ok", "weak-seen", "weak-not-seen",
                                                        "forbidden-seen", "emulator-fault"};
};
template <>
struct Words<Sync> {
  static constexpr std::array<std::string_view, 4> list{"barrier", "fenced", "timebase",
                                                        "perpetual"};
};
template <>
struct Words<Visit> {
  static constexpr std::array<std::string_view, 3> list{"learnt", "strided", "shuffled"};
};
template <>
struct Words<Homes> {
  static constexpr std::array<std::string_view, 2> list{"learnt", "slices"};
};
template <>
struct Words<Policy> {
  static constexpr std::array<std::string_view, 5> list{"cores", "spread", "smt", "none", "cpus"};
};

template <>
struct Words<Mark> {
  static constexpr std::array<std::string_view, 4> list{"weak", "forbidden", "never", "seen"};
};
template <>
struct Words<Matched> {
  static constexpr std::array<std::string_view, 3> list{"name", "shape+witness", "unmatched"};
};

// NOLINTEND(readability-identifier-naming)

//! The one spelling of a vocabulary value.
template <class E>
constexpr std::string_view name(E value) {
  return Words<E>::list[static_cast<std::size_t>(value)];
}

//! The value spelled `word`, or nothing.
template <class E>
constexpr std::optional<E> parse_word(std::string_view word) {
  for (std::size_t i = 0; i < Words<E>::list.size(); ++i)
    if (Words<E>::list[i] == word) return static_cast<E>(i);
  return std::nullopt;
}

//! Streams print a vocabulary value as its word (test messages, logs).
template <class E>
requires requires { Words<E>::list; }
std::ostream& operator<<(std::ostream& os, E value) { return os << name(value); }

//! herd's rule: Never when nothing satisfies the condition, Always when everything does.
constexpr Observation observation_of(std::uint64_t positive, std::uint64_t negative) {
  return positive == 0   ? Observation::never
         : negative == 0 ? Observation::always
                         : Observation::sometimes;
}

}  // namespace hbscope
