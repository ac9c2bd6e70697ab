// MP — message passing.
//
//   P0                 | P1
//   x.store(1)         | r0 = y.load()
//   y.store(1)         | r1 = x.load()
//   exists (1:r0=1 /\ 1:r1=0)
//
// P0 writes the data x, then raises the flag y. The weak outcome is P1 seeing the flag but not
// the data. It is a happens-before failure: nothing makes the data store happen before the data
// load unless the flag store synchronises with the flag load — a release store read by an acquire
// load (or release/acquire fences around relaxed accesses, or seq_cst). x86-TSO never shows it
// (stores leave in order, loads are not reordered with loads); ARM and POWER do.
//
// The dependency variants (+addr, +ctrl, +data-rfi-addr) are diy's: the reader's second access
// depends on the flag it read through `(r0 & 128)` (0 at run time). C++ gives a dependency no
// ordering, so they are allowed wherever the relaxed version is; ARM hardware keeps address and
// data dependencies (not control into a load), so with a barrier on the writer ARMv8 forbids
// +addr and +data-rfi-addr: herd's aarch64.cat says the same of MP+dmb.sy+addr and
// MP+dmb.st+data-rfi-addr (tests/data/families/aarch64). MP+rel+con+addr is the consume idiom:
// C++11 (c11) orders it, RC11 does not (consume is relaxed there), compilers emit acquire.
//
// MP+na+rel+acq is the pattern real code uses: plain (non-atomic) data published through an
// atomic flag, read only when the flag is seen. It is race-free exactly because the flag
// synchronises; with a relaxed flag it would be a data race, undefined behaviour.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test mp_rlx{
    .name = "MP+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "relaxed accesses create no synchronisation, so nothing orders the data store "
        "before the data load",
};
HBSCOPE_REGISTER(mp_rlx);

constexpr Test mp_rel_acq{
    .name = "MP+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rel)}, {ld(r0, y, acq), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "the acquire load reads the release store, so the data store happens-before the "
        "data load, which therefore cannot read the initial 0",
};
HBSCOPE_REGISTER(mp_rel_acq);

constexpr Test mp_sc{
    .name = "MP+sc",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, sc), st(y, 1, sc)}, {ld(r0, y, sc), ld(r1, x, sc)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why = "seq_cst stores and loads are also release and acquire: the flag synchronises",
};
HBSCOPE_REGISTER(mp_sc);

constexpr Test mp_fence_rel_fence_acq{
    .name = "MP+fence.rel+fence.acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), fence(rel), st(y, 1, rlx)},
                {ld(r0, y, rlx), fence(acq), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "a release fence before a relaxed store read by a relaxed load followed by an "
        "acquire fence synchronises the fences, so the data store happens-before the load",
};
HBSCOPE_REGISTER(mp_fence_rel_fence_acq);

constexpr Test mp_rel_rlx{
    .name = "MP+rel+rlx",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rel)}, {ld(r0, y, rlx), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "a release store synchronises only with an acquire load (or fence): the relaxed "
        "flag load may be followed by a stale data load",
};
HBSCOPE_REGISTER(mp_rel_rlx);

constexpr Test mp_na_rel_acq{
    .name = "MP+na+rel+acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st_na(x, 1), st(y, 1, rel)}, {ld(r0, y, acq), if_ne(r0, 0, 1), ld_na(r1, x)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "the data is read only after the acquire load saw the release store, so the plain "
        "store of data happens-before the plain load: no race, and it must read 1",
};
HBSCOPE_REGISTER(mp_na_rel_acq);

constexpr Test mp_fence_rel_addr{
    .name = "MP+fence.rel+addr",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), fence(rel), st(y, 1, rlx)},
                {ld(r0, y, rlx), ld_addr(r1, x, r0, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "a release fence needs an acquire on the reading side; an address dependency is no "
        "acquire in C++ (ARM hardware respects it)",
};
HBSCOPE_REGISTER(mp_fence_rel_addr);

constexpr Test mp_fence_rel_ctrl{
    .name = "MP+fence.rel+ctrl",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), fence(rel), st(y, 1, rlx)},
                {ld(r0, y, rlx), if_eq(r0, 1, 1), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "a branch on the flag orders nothing in C++, and ARM may satisfy the guarded load "
        "early (speculation): a control dependency orders only later stores",
};
HBSCOPE_REGISTER(mp_fence_rel_ctrl);

constexpr Test mp_rlx_addr{
    .name = "MP+rlx+addr",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), ld_addr(r1, x, r0, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why = "the reader's dependency is no use while the writer's two stores may reorder",
};
HBSCOPE_REGISTER(mp_rlx_addr);

constexpr Test mp_fence_rel_data_rfi_addr{
    .name = "MP+fence.rel+data-rfi-addr",
    .locs = {{"x", 0}, {"y", 0}, {"z", 0}},
    .threads = {{st(x, 1, rlx), fence(rel), st(y, 1, rlx)},
                {ld(r0, y, rlx), st_data(z, 1, r0, rlx), ld(r1, z, rlx), ld_addr(r2, x, r1, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=1 /\\ 1:r2=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "dependencies order nothing in C++; on ARM the data dependency into z, read back, "
        "then an address dependency chain the flag read to the data read",
};
HBSCOPE_REGISTER(mp_fence_rel_data_rfi_addr);

constexpr Test mp_rel_con_addr{
    .name = "MP+rel+con+addr",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rel)},
                {ld(r0, y, Order::consume), ld_addr(r1, x, r0, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
    .cpp = {.rc11 = allowed, .iso = allowed},
    .why =
        "RC11 (herd's rc11.cat) gives consume no synchronisation; C++11's dependency "
        "ordering (c11) forbids it, and compilers emit consume as acquire",
};
HBSCOPE_REGISTER(mp_rel_con_addr);

}  // namespace
}  // namespace hbscope::litmus
