//! hbscope model: the outcomes sequential consistency allows, found by interleaving the threads'
//! operations rather than by axioms: a second derivation of sc.cpp's verdicts to test it by.
#pragma once

#include <vector>

#include "core/outcome.hpp"

namespace hbscope::model {

//! Every outcome some interleaving of the test's operations produces (sequential consistency),
//! in the layout's order, sorted. Exhaustive over interleavings, memoised on the state.
std::vector<Outcome> interleaving_outcomes(const Test& test, const OutcomeLayout& layout);

}  // namespace hbscope::model
