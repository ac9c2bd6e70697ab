// SB — store buffering (Dekker's pattern).
//
//   P0                 | P1
//   x.store(1)         | y.store(1)
//   r0 = y.load()      | r0 = x.load()
//   exists (0:r0=0 /\ 1:r0=0)
//
// Each thread writes its own flag, then reads the other's. The weak outcome is both reading 0:
// each store sat in its core's store buffer while the later load went ahead. Only seq_cst forbids
// it — seq_cst on every access, or seq_cst fences between the store and the load in *both*
// threads. Release/acquire is not enough (it orders store->store and load->load, not
// store->load), nor is a fence in one thread only, nor seq_cst stores with acquire loads. This is
// the one reordering x86-TSO performs, so x86 shows it readily.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test sb_rlx{
    .name = "SB+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), ld(r0, y, rlx)}, {st(y, 1, rlx), ld(r0, x, rlx)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "relaxed accesses to different locations are unordered",
};
HBSCOPE_REGISTER(sb_rlx);

constexpr Test sb_rel_acq{
    .name = "SB+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rel), ld(r0, y, acq)}, {st(y, 1, rel), ld(r0, x, acq)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "neither load reads the other thread's release store, so nothing synchronises; "
        "release/acquire never orders a store before a later load",
};
HBSCOPE_REGISTER(sb_rel_acq);

constexpr Test sb_sc{
    .name = "SB+sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc), ld(r0, y, sc)}, {st(y, 1, sc), ld(r0, x, sc)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "all four accesses are seq_cst: one total order S, consistent with program order, "
        "and some load comes after both stores in it",
};
HBSCOPE_REGISTER(sb_sc);

constexpr Test sb_fence_sc{
    .name = "SB+fence.sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads =
        {
            {st(x, 1, rlx), fence(sc), ld(r0, y, rlx)},
            {st(y, 1, rlx), fence(sc), ld(r0, x, rlx)},
        },
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "the two seq_cst fences are ordered in S; the load after the later fence must see "
        "the store before the earlier one",
};
HBSCOPE_REGISTER(sb_fence_sc);

constexpr Test sb_fence_sc_po{
    .name = "SB+fence.sc+po",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), fence(sc), ld(r0, y, rlx)}, {st(y, 1, rlx), ld(r0, x, rlx)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "a seq_cst fence orders only against other seq_cst operations: P1 has none, so its "
        "store and load stay unordered",
};
HBSCOPE_REGISTER(sb_fence_sc_po);

constexpr Test sb_sc_acq{
    .name = "SB+sc+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc), ld(r0, y, acq)}, {st(y, 1, sc), ld(r0, x, acq)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "the loads are only acquire, so they are not in the seq_cst order S: seq_cst "
        "stores alone do not forbid store buffering (on x86 the compiler's xchg hides it)",
};
HBSCOPE_REGISTER(sb_sc_acq);

}  // namespace
}  // namespace hbscope::litmus
