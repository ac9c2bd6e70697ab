// CoRR — coherence of read-read pairs: a self-check of the harness.
//
//   P0          | P1
//   x.store(1)  | r0 = x.load()
//               | r1 = x.load()
//   exists (1:r0=1 /\ 1:r1=0)
//
// Two loads of one location in program order cannot see its writes in reverse order, whatever
// the memory order: every atomic location has a single modification order that reads respect.
// Forbidden in every form, on every CPU. Seeing it means a broken compiler, CPU, emulator or
// harness.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test corr_rlx{
    .name = "CoRR+rlx",
    .locs = {{"x", 0}},
    .threads = {{st(x, 1, rlx)}, {ld(r0, x, rlx), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "read-read coherence: a later load cannot read a write earlier in modification "
        "order than one an earlier load of the same thread read",
};
HBSCOPE_REGISTER(corr_rlx);

constexpr Test corr_sc{
    .name = "CoRR+sc",
    .locs = {{"x", 0}},
    .threads = {{st(x, 1, sc)}, {ld(r0, x, sc), ld(r1, x, sc)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why = "read-read coherence holds for every memory order",
};
HBSCOPE_REGISTER(corr_sc);

}  // namespace
}  // namespace hbscope::litmus
