// 2+2W — two threads, two writes each.
//
//   P0          | P1
//   x.store(1)  | y.store(1)
//   y.store(2)  | x.store(2)
//   exists (x=1 /\ y=1)
//
// Final x=1 and y=1 means each thread's second write was overwritten by the other's first:
// coherence order contradicts program order on both locations at once. Relaxed allows it, and so
// does release (there are no reads, so nothing synchronises); seq_cst forbids it. x86-TSO never
// shows it (stores drain in order). Only final values are observed.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test w22_rlx{
    .name = "2+2W+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 2, rlx)}, {st(y, 1, rlx), st(x, 2, rlx)}},
    .condition = "exists (x=1 /\\ y=1)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "coherence is per location; relaxed stores to different locations are unordered",
};
HBSCOPE_REGISTER(w22_rlx);

constexpr Test w22_rel{
    .name = "2+2W+rel",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rel), st(y, 2, rel)}, {st(y, 1, rel), st(x, 2, rel)}},
    .condition = "exists (x=1 /\\ y=1)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "release orders a store after earlier accesses only for an acquire reader: with no "
        "loads there is no synchronisation at all",
};
HBSCOPE_REGISTER(w22_rel);

constexpr Test w22_sc{
    .name = "2+2W+sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc), st(y, 2, sc)}, {st(y, 1, sc), st(x, 2, sc)}},
    .condition = "exists (x=1 /\\ y=1)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "the four seq_cst stores are totally ordered by S, consistent with program order "
        "and with each location's coherence order: the cycle cannot be",
};
HBSCOPE_REGISTER(w22_sc);

}  // namespace
}  // namespace hbscope::litmus
