// LB — load buffering.
//
//   P0                 | P1
//   r0 = x.load()      | r0 = y.load()
//   y.store(1)         | x.store(1)
//   exists (0:r0=1 /\ 1:r0=1)
//
// Each thread reads, then writes what the other reads. The weak outcome needs each load to read
// a store that comes after the other thread's load in program order: a cycle of po and rf.
// ISO C++ allows it for relaxed accesses; RC11 forbids every po ∪ rf cycle ("no thin air"), and
// compilers and CPUs in practice behave as RC11 for this shape (x86 and most ARM cores never show
// it). Release stores read by acquire loads make it a happens-before cycle: forbidden by both.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test lb_rlx{
    .name = "LB+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = allowed},
    .why =
        "ISO C++ allows the po ∪ rf cycle between relaxed accesses; RC11's no-thin-air "
        "axiom forbids it",
};
HBSCOPE_REGISTER(lb_rlx);

constexpr Test lb_rel_acq{
    .name = "LB+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, acq), st(y, 1, rel)}, {ld(r0, y, acq), st(x, 1, rel)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "each acquire load reading the other's release store would make each load "
        "happen-before the other: a happens-before cycle",
};
HBSCOPE_REGISTER(lb_rel_acq);

}  // namespace
}  // namespace hbscope::litmus
