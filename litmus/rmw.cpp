// RMW — atomicity of read-modify-writes.
//
//   P0                        | P1
//   r0 = x.fetch_add(1)       | r0 = x.fetch_add(1)
//   exists (0:r0=0 /\ 1:r0=0)
//
// Two increments of a counter cannot both read 0: an RMW reads the write immediately before its
// own in the location's modification order, even when relaxed. The exchange and
// compare-exchange forms make the same promise (two CAS 0->1 cannot both succeed). Forbidden in
// every form: seeing it means a lost update — a broken compiler, CPU, emulator or harness.
#include "run/registry.hpp"

namespace hbscope::litmus {
namespace {
using namespace hbscope::dsl;

constexpr Test rmw_fadd{
    .name = "RMW+fadd+rlx",
    .locs = {{"x", 0}},
    .threads = {{fetch_add(r0, x, 1, rlx)}, {fetch_add(r0, x, 1, rlx)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "RMW atomicity: each fetch_add reads the value immediately before its own write in "
        "modification order",
};
HBSCOPE_REGISTER(rmw_fadd);

constexpr Test rmw_xchg{
    .name = "RMW+xchg+rlx",
    .locs = {{"x", 0}},
    .threads = {{xchg(r0, x, 1, rlx)}, {xchg(r0, x, 2, rlx)}},
    .condition = "exists (0:r0=0 /\\ 1:r0=0)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why = "RMW atomicity: only the first exchange in modification order reads the initial 0",
};
HBSCOPE_REGISTER(rmw_xchg);

// C's compare-exchange, as in real code: each thread's expected value (0) sits in a location of
// its own (e0, e1), receives the value read on failure, and the result is success (1) or not.
constexpr Test rmw_cas{
    .name = "RMW+cas+rlx",
    .locs = {{"x", 0}, {"e0", 0}, {"e1", 0}},
    .threads = {{cas_c(r0, x, y, 1, rlx, rlx)}, {cas_c(r0, x, z, 2, rlx, rlx)}},
    .condition = "exists (0:r0=1 /\\ 1:r0=1)",
    .cpp = {.rc11 = forbidden, .iso = forbidden},
    .why =
        "RMW atomicity: two compare-exchanges from 0 cannot both succeed (the second reads "
        "the first one's write)",
};
HBSCOPE_REGISTER(rmw_cas);

}  // namespace
}  // namespace hbscope::litmus
