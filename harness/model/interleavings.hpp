//! hbscope model: the outcomes sequential consistency allows, found by interleaving the threads'
//! operations rather than by axioms: a second derivation of sc.cpp's verdicts to test it by.
#pragma once

#include <vector>

#include "core/outcome.hpp"

namespace hbscope::model {

//! Every outcome some interleaving of the test's operations produces (sequential consistency),
//! in the layout's order, sorted. Exhaustive over interleavings, memoised on the state.
std::vector<Outcome> interleaving_outcomes(const Test& test, const OutcomeLayout& layout);

//! Every outcome of running the threads one after another, in some order, with no
//! interleaving: what a harness shows when its threads never overlap. An observed outcome
//! outside this set proves that two threads ran at the same time.
std::vector<Outcome> serial_outcomes(const Test& test, const OutcomeLayout& layout);

}  // namespace hbscope::model
