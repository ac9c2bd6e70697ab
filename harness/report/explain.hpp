// hbscope report: `explain` — one test told as a story, for teaching happens-before.
#pragma once

#include <string>

#include "core/test.hpp"
#include "model/model.hpp"

namespace hbscope::report {

//! The threads side by side, the condition in words, and for each model whether it allows the
//! witness and, if not, the cycle that rules it out, edge by edge.
std::string explain_text(const Test& test);

//! Graphviz text of the witness's execution under model m: events by thread, po/rf/co/fr/sw
//! edges, the ruling-out cycle in red.
std::string explain_dot(const Test& test, model::Model m);

}  // namespace hbscope::report
