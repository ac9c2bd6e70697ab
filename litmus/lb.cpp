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
//
// LB+datas, +addrs, +ctrls are diy's dependency variants: each store depends on the load before
// it (its value, its address through `(r0 & 128)`, or a branch). ARM never makes a store visible
// before the loads it depends on, so ARMv8 forbids them all (herd's aarch64.cat agrees,
// tests/data/families/aarch64), and allows LB+data+po where one side has no dependency. In C++
// they are relaxed LB: RC11 forbids them (no thin air); in ISO C++ LB+datas has no execution
// whose values herd's solver finds (each value is 1 + a value out of thin air & 128), while
// +addrs and +ctrls are allowed, as LB+rlx is.
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

constexpr Test lb_datas{
    .name = "LB+datas",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, rlx), st_data(y, 1, r0, rlx)}, {ld(r0, y, rlx), st_data(x, 1, r0, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "each stored value depends on the other thread's: no execution grounds the 1s (ISO "
        "C++), and RC11 forbids the po ∪ rf cycle",
};
HBSCOPE_REGISTER(lb_datas);

constexpr Test lb_addrs{
    .name = "LB+addrs",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, rlx), st_addr(y, 1, r0, rlx)}, {ld(r0, y, rlx), st_addr(x, 1, r0, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = allowed},
    .why =
        "address dependencies order nothing in C++: relaxed LB, which only RC11's no-thin-air "
        "axiom forbids",
};
HBSCOPE_REGISTER(lb_addrs);

constexpr Test lb_ctrls{
    .name = "LB+ctrls",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, rlx), if_eq(r0, 1, 1), st(y, 1, rlx)},
                {ld(r0, y, rlx), if_eq(r0, 1, 1), st(x, 1, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = allowed},
    .why =
        "each store happens only if its load read 1: relaxed LB with branches, which ISO C++ "
        "allows and RC11's no-thin-air axiom forbids",
};
HBSCOPE_REGISTER(lb_ctrls);

constexpr Test lb_data_po{
    .name = "LB+data+po",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, x, rlx), st_data(y, 1, r0, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = allowed},
    .why =
        "one side's store may go first: relaxed LB, which only RC11's no-thin-air axiom "
        "forbids (ARM allows it too)",
};
HBSCOPE_REGISTER(lb_data_po);

}  // namespace
}  // namespace hbscope::litmus
