// hbscope herd: herd7's C litmus dialect, one header for the callers that read and write it.
// The stages live apart (lexer, parser, exporter), so that a change to one never touches the
// others; this header keeps their callers to one include.
#pragma once

#include "herd/exporter.hpp"
#include "herd/parse_error.hpp"
#include "herd/parser.hpp"
