// A test the model must not explode on: four threads each storing to both locations and reading
// one back (4! coherence orders per location, five sources per read, ~360,000 raw candidates).
// Shared by the model unit tests and the model benchmark.
#pragma once

#include "core/test.hpp"

namespace hbscope::testing {
using namespace hbscope::dsl;
inline constexpr Test kFourWriters{.name = "4W",
                                   .locs = {{"x", 0}, {"y", 0}},
                                   .threads = {{st(x, 1, rlx), ld(r0, x, rlx), st(y, 1, rlx)},
                                               {st(x, 2, rlx), ld(r0, x, rlx), st(y, 2, rlx)},
                                               {st(y, 3, rlx), ld(r0, y, rlx), st(x, 3, rlx)},
                                               {st(y, 4, rlx), ld(r0, y, rlx), st(x, 4, rlx)}},
                                   .condition = "exists (x=1 /\\ y=4)"};
}  // namespace hbscope::testing
