//! hbscope campaign: which tests a command works on — catalogue names, families and globs,
//! herd C .litmus files, folders of them and litmus7 index files (@index).
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "herd/litmus_file.hpp"
#include "run/registry.hpp"

namespace hbscope::campaign {

//! A selection that names nothing, or a file that is not a test: the message names it.
struct SelectionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! Is this argument a path to read rather than a catalogue pattern? A `.litmus` file, a folder
//! (an argument ending in '/' or naming a directory) or `@index`.
bool is_path_argument(const std::string& arg);

class Selection {
 public:
  //! Every catalogue test when `patterns` is empty. Files are read and parsed now; throws
  //! SelectionError (nothing matches, unreadable or malformed files, empty folders).
  explicit Selection(const std::vector<std::string>& patterns);

  //! Every selected declaration: catalogue tests in catalogue order, then files as named.
  [[nodiscard]] const std::vector<const Test*>& tests() const { return tests_; }
  //! The selection's one test; SelectionError naming `command` when it is not exactly one.
  [[nodiscard]] const Test& one(const char* command) const;
  //! The compiled-in entry of a selected catalogue test, or nullptr for a file.
  [[nodiscard]] const run::Entry* compiled_in(const Test& test) const;
  //! Entries to run: catalogue tests as compiled in, files compiled natively, all in one build
  //! (cached), and loaded. Throws SelectionError with the compiler's message when one does not
  //! compile. `progress` hears what is being compiled.
  [[nodiscard]] std::vector<const run::Entry*> compile(
      const std::function<void(const std::string&)>& progress = {}) const;

 private:
  void add_file(const std::string& path);
  std::vector<std::unique_ptr<herd::LitmusFile>> files_;
  std::vector<const Test*> tests_;
  std::vector<const run::Entry*> entries_;  // parallel to tests_; nullptr for files
};

}  // namespace hbscope::campaign
