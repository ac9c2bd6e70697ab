// WRC — write-to-read causality.
//
//   P0          | P1             | P2
//   x.store(1)  | r0 = x.load()  | r0 = y.load()
//               | y.store(1)     | r1 = x.load()
//   exists (1:r0=1 /\ 2:r0=1 /\ 2:r1=0)
//
// P1 sees P0's write and then writes y; P2 sees y but not x. Is causality transitive? With
// release/acquire, yes: happens-before chains through P1, so P2 must see x=1. Relaxed: no.
// Multi-copy-atomic hardware (x86, ARMv8) never shows it even relaxed. Three threads: on a
// two-PU machine it runs unpinned.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test wrc_rlx{
    .name = "WRC+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx)}, {ld(r0, x, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "relaxed accesses carry no happens-before from P0 through P1 to P2",
};
HBSCOPE_REGISTER(wrc_rlx);

constexpr Test wrc_rel_acq{
    .name = "WRC+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rel)}, {ld(r0, x, acq), st(y, 1, rel)}, {ld(r0, y, acq), ld(r1, x, acq)}},
    .condition = "exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "x=1 synchronises with P1's load, P1's release of y with P2's load: the write of x "
        "happens-before P2's read of x",
};
HBSCOPE_REGISTER(wrc_rel_acq);

}  // namespace
}  // namespace hbscope::litmus
