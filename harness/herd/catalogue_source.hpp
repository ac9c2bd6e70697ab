// hbscope herd: `hbscope import` — a herd C litmus test as a catalogue source file.
#pragma once

#include <string>
#include <string_view>

#include "core/test.hpp"

namespace hbscope::herd {

//! A litmus/ source file declaring `test` with the catalogue's vocabulary (ld, st, if_ne...,
//! with the test's own location and register names where C++ allows them) and registering it.
//! `herd_text` is quoted in the opening comment, for readers; `test.cpp` and `test.why` are
//! written as given (the caller computes the verdicts).
std::string catalogue_source(const Test& test, std::string_view herd_text);

//! The C++ identifier the declaration gets: "MP+rel+acq" -> "mp_rel_acq".
std::string catalogue_identifier(std::string_view test_name);

}  // namespace hbscope::herd
