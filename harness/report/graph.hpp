//! hbscope report: an execution graph written in the format its file name asks for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hbscope::report {

enum class GraphFormat : std::uint8_t { dot, svg, png, pdf };

//! The format of FILE by its extension: .dot/.gv (or "-") DOT text, .svg, .png, .pdf through
//! Graphviz; nothing for any other name.
std::optional<GraphFormat> graph_format_of(const std::string& file);

//! `dot_text` rendered as `format` (DOT is returned as it is). Throws std::runtime_error when
//! Graphviz's `dot` is missing or fails.
std::string render_graph(const std::string& dot_text, GraphFormat format);

}  // namespace hbscope::report
