// R — a write-write race observed by a read.
//
//   P0          | P1
//   x.store(1)  | y.store(2)
//   y.store(1)  | r0 = x.load()
//   exists (y=2 /\ 1:r0=0)
//
// P1's y=2 lands after P0's y=1 in coherence, yet P1's later load misses P0's earlier x=1. This
// is store buffering in disguise (P1's store->load is what gets reordered), so only seq_cst
// forbids it; release/acquire does not. x86 shows it as it shows SB.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test r_rlx{
    .name = "R+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rlx)}, {st(y, 2, rlx), ld(r0, x, rlx)}},
    .condition = "exists (y=2 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "relaxed accesses to different locations are unordered",
};
HBSCOPE_REGISTER(r_rlx);

constexpr Test r_rel_acq{
    .name = "R+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rel), st(y, 1, rel)}, {st(y, 2, rel), ld(r0, x, acq)}},
    .condition = "exists (y=2 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "no load reads a release store, so nothing synchronises; release/acquire does not "
        "order P1's store before its load",
};
HBSCOPE_REGISTER(r_rel_acq);

constexpr Test r_sc{
    .name = "R+sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc), st(y, 1, sc)}, {st(y, 2, sc), ld(r0, x, sc)}},
    .condition = "exists (y=2 /\\ 1:r0=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "in S, x=1 < y=1 < y=2 < the load of x (coherence and program order), so the load "
        "must read 1",
};
HBSCOPE_REGISTER(r_sc);

}  // namespace
}  // namespace hbscope::litmus
