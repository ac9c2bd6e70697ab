//! hbscope model: enumerating a test's candidate executions and judging each under every model;
//! model.cpp's analyse() and explain() are the two ways to call it.
#pragma once

#include "model/model.hpp"

namespace hbscope::model {

//! Which execution to explain: one producing `outcome`, under `model`.
struct ExplainRequest {
  const Outcome& outcome;
  Model model;
  Explanation& into;
};

//! Fills `out` from every candidate execution; with `explain`, also fills explain->into (an
//! allowed execution if there is one, else the first and the cycle of its failing axiom).
//! Throws std::invalid_argument when the test has more events than the model handles.
void enumerate(const Test& test, const OutcomeLayout& layout, Analysis& out,
               const ExplainRequest* explain = nullptr);

}  // namespace hbscope::model
