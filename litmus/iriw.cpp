// IRIW — independent reads of independent writes.
//
//   P0          | P1          | P2             | P3
//   x.store(1)  | y.store(1)  | r0 = x.load()  | r0 = y.load()
//               |             | r1 = y.load()  | r1 = x.load()
//   exists (2:r0=1 /\ 2:r1=0 /\ 3:r0=1 /\ 3:r1=0)
//
// Two readers see the two independent writes in opposite orders. Only seq_cst forbids it (one
// total order S that every seq_cst load agrees with); release/acquire allows it. Hardware that
// is multi-copy atomic (x86, ARMv8) never shows it even for relaxed accesses; POWER does.
// Four threads: on a machine with fewer than four PUs it runs unpinned and is mostly a
// self-check.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test iriw_rlx{
    .name = "IRIW+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx)},
                {st(y, 1, rlx)},
                {ld(r0, x, rlx), ld(r1, y, rlx)},
                {ld(r0, y, rlx), ld(r1, x, rlx)}},
    .condition = "exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "relaxed loads need not agree on the order of writes to different locations",
};
HBSCOPE_REGISTER(iriw_rlx);

constexpr Test iriw_rel_acq{
    .name = "IRIW+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rel)},
                {st(y, 1, rel)},
                {ld(r0, x, acq), ld(r1, y, acq)},
                {ld(r0, y, acq), ld(r1, x, acq)}},
    .condition = "exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "release/acquire gives each reader happens-before from the write it read, but no "
        "single order of the two writes that both readers must respect",
};
HBSCOPE_REGISTER(iriw_rel_acq);

constexpr Test iriw_sc{
    .name = "IRIW+sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc)},
                {st(y, 1, sc)},
                {ld(r0, x, sc), ld(r1, y, sc)},
                {ld(r0, y, sc), ld(r1, x, sc)}},
    .condition = "exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why = "seq_cst loads all agree with one total order S of the two writes",
};
HBSCOPE_REGISTER(iriw_sc);

}  // namespace
}  // namespace hbscope::litmus
