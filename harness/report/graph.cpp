#include "report/graph.hpp"

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/output.hpp"
#include "support/process.hpp"

namespace hbscope::report {

std::optional<GraphFormat> graph_format_of(const std::string& file) {
  const auto dot = file.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot);
  if (file == "-" || ext == ".dot" || ext == ".gv") return GraphFormat::dot;
  if (ext == ".svg") return GraphFormat::svg;
  if (ext == ".png") return GraphFormat::png;
  if (ext == ".pdf") return GraphFormat::pdf;
  return std::nullopt;
}

std::string render_graph(const std::string& dot_text, GraphFormat format) {
  if (format == GraphFormat::dot) return dot_text;
  if (!support::on_path("dot"))
    throw std::runtime_error(
        "drawing SVG, PNG or PDF needs Graphviz's dot (apt-get install "
        "graphviz); a .dot file needs nothing");
  const char* type = format == GraphFormat::svg   ? "svg"
                     : format == GraphFormat::png ? "png"
                                                  : "pdf";
  char in_path[] = "/tmp/hbscope-graph-XXXXXX";
  const int fd = ::mkstemp(in_path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for dot");
  ::close(fd);
  const std::string out_path = std::string(in_path) + "." + type;
  std::string bytes;
  try {
    support::write_output(in_path, dot_text);
    const auto r =
        support::capture("dot -T" + std::string(type) + " -o " + support::shell_quote(out_path) +
                         " " + support::shell_quote(in_path) + " 2>&1");
    if (r.status != 0) throw std::runtime_error("dot failed: " + r.output);
    std::ifstream in(out_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  } catch (...) {
    ::unlink(in_path);
    ::unlink(out_path.c_str());
    throw;
  }
  ::unlink(in_path);
  ::unlink(out_path.c_str());
  return bytes;
}

}  // namespace hbscope::report
