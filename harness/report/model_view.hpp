//! hbscope report: the models' verdicts on a declaration, as a table and as JSON
//! (`hbscope model`), beside the other writers of results.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/test.hpp"

namespace hbscope::report {

//! Every candidate outcome with each model's yes/no, then why each model forbids the witness.
std::string model_table(const Test& test);
//! {test, condition, executions, models: {sc|rc11|iso|c11|x86-tso|armv8: {observation, positive,
//! negative, allowed: [herd final states], undefined, forbidden: {outcome: reason}}}}
nlohmann::json model_json(const Test& test);
//! Does a thread use memory_order_consume? Then the models and the machine can differ, for a
//! reason consume_note() gives (`model` and `explain` print it).
bool uses_consume(const Test& test);
std::string consume_note();

}  // namespace hbscope::report
