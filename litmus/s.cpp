// S — a write, then a flag, racing a write.
//
//   P0          | P1
//   x.store(2)  | r0 = y.load()
//   y.store(1)  | x.store(1)
//   exists (1:r0=1 /\ x=2)
//
// P1 sees the flag, then writes x; the weak outcome is P0's earlier x=2 landing after P1's x=1
// in coherence order. With a release flag read by an acquire load, x=2 happens-before x=1, and
// coherence must follow happens-before: forbidden. Relaxed: allowed. x86 never shows it.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test s_rlx{
    .name = "S+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 2, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
    .condition = "exists (1:r0=1 /\\ x=2)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "nothing orders P0's store of x before P1's",
};
HBSCOPE_REGISTER(s_rlx);

constexpr Test s_rel_acq{
    .name = "S+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 2, rlx), st(y, 1, rel)}, {ld(r0, y, acq), st(x, 1, rlx)}},
    .condition = "exists (1:r0=1 /\\ x=2)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "the flag synchronises, so x=2 happens-before x=1 and must precede it in coherence "
        "order",
};
HBSCOPE_REGISTER(s_rel_acq);

}  // namespace
}  // namespace hbscope::litmus
