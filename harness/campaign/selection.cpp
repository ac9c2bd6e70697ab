#include "campaign/selection.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "run/native.hpp"

namespace hbscope::campaign {

namespace fs = std::filesystem;

bool is_path_argument(const std::string& arg) {
  std::error_code ec;
  return arg.ends_with(".litmus") || arg.ends_with('/') || arg.starts_with('@') ||
         fs::is_directory(arg, ec);
}

namespace {

//! The .litmus files of a folder, sorted by name: a family as diy7 writes it.
std::vector<std::string> folder_tests(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw SelectionError(dir + ": no such folder");
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".litmus") out.push_back(e.path().string());
  if (ec) throw SelectionError(dir + ": cannot read the folder (" + ec.message() + ")");
  std::sort(out.begin(), out.end());
  if (out.empty()) throw SelectionError(dir + ": folder holds no .litmus file");
  return out;
}

//! litmus7's index convention: one file name per line, relative to the index's folder; blank
//! lines and lines starting with '#' skipped; an index may name other @indexes.
std::vector<std::string> index_tests(const std::string& index, int depth = 0) {
  if (depth > 8) throw SelectionError(index + ": @index files nest too deep");
  std::ifstream in(index);
  if (!in) throw SelectionError("@" + index + ": cannot open the index file");
  const fs::path base = fs::path(index).parent_path();
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    line = line.substr(b, line.find_last_not_of(" \t") - b + 1);
    if (line.starts_with('@')) {
      for (std::string& f : index_tests((base / line.substr(1)).string(), depth + 1))
        out.push_back(f);
    } else {
      out.push_back((base / line).string());
    }
  }
  if (out.empty()) throw SelectionError("@" + index + ": the index names no test");
  return out;
}

//! Why `path` cannot be a test, before the parser sees it; empty when it may be one.
std::string not_a_test(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return "no such file";
  if (fs::is_directory(path, ec)) return "is a directory (a folder of tests is named FOLDER/)";
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be read";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.empty()) return "is empty, not a herd C litmus test";
  if (text.find('\0') != std::string::npos) return "is not a text file (it holds NUL bytes)";
  if (text.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
    return "holds only blank space and line breaks, not a herd C litmus test";
  return {};
}

}  // namespace

void Selection::add_file(const std::string& path) {
  if (const std::string why = not_a_test(path); !why.empty())
    throw SelectionError(path + ": " + why);
  try {
    files_.push_back(herd::read_litmus(path));
  } catch (const herd::ParseError& e) {
    throw SelectionError(e.what());
  }
  tests_.push_back(&files_.back()->test);
  entries_.push_back(nullptr);
}

Selection::Selection(const std::vector<std::string>& patterns) {
  const run::Registry& reg = run::Registry::instance();
  std::set<const run::Entry*> chosen;
  bool any_pattern = false;
  for (const std::string& p : patterns) {
    if (is_path_argument(p)) continue;
    any_pattern = true;
    const auto found = reg.match(p);
    if (found.empty()) throw SelectionError("no test matches '" + p + "' (see 'hbscope list')");
    chosen.insert(found.begin(), found.end());
  }
  const bool all = patterns.empty();
  for (const run::Entry& e : reg.all())  // catalogue order
    if (all || (any_pattern && chosen.count(&e))) {
      tests_.push_back(e.test);
      entries_.push_back(&e);
    }
  for (const std::string& p : patterns) {
    if (!is_path_argument(p)) continue;
    if (p.starts_with('@')) {
      for (const std::string& f : index_tests(p.substr(1))) add_file(f);
    } else if (std::error_code ec; p.ends_with('/') || fs::is_directory(p, ec)) {
      for (const std::string& f : folder_tests(p)) add_file(f);
    } else {
      add_file(p);
    }
  }
}

const Test& Selection::one(const char* command) const {
  if (tests_.size() != 1)
    throw SelectionError(std::string(command) + " takes one test; the arguments select " +
                         std::to_string(tests_.size()));
  return *tests_.front();
}

const run::Entry* Selection::compiled_in(const Test& test) const {
  for (std::size_t i = 0; i < tests_.size(); ++i)
    if (tests_[i] == &test) return entries_[i];
  return nullptr;
}

std::vector<const run::Entry*> Selection::compile(
    const std::function<void(const std::string&)>& progress) const {
  // Every file in one build: a family of hundreds is a few compiler runs, not hundreds.
  std::vector<const Test*> files;
  for (std::size_t i = 0; i < tests_.size(); ++i)
    if (!entries_[i]) files.push_back(tests_[i]);
  std::vector<const run::Entry*> compiled;
  try {
    compiled = run::load_native(files, {}, progress);
  } catch (const run::NativeError& e) {
    throw SelectionError(e.what());
  }
  std::vector<const run::Entry*> out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < tests_.size(); ++i)
    out.push_back(entries_[i] ? entries_[i] : compiled[next++]);
  return out;
}

}  // namespace hbscope::campaign
