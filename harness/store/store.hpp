//! hbscope store: many runs from many machines in one SQLite file (STORE.db).
//!
//! Each ingested file (results JSON or litmus7 log) is one run, keyed by the hash of its bytes
//! so that adding it twice keeps one copy. Machine, topology, compiler and settings are columns
//! of `runs`; each test and each outcome is a row of `tests` and `outcomes`, so that ad-hoc SQL
//! can answer what the CLI does not. The schema is documented in results/README.md and versioned
//! by `PRAGMA user_version` (and `meta.schema`); a store of another version is refused.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "report/compare.hpp"
#include "report/results.hpp"

namespace hbscope::store {

inline constexpr int kSchemaVersion = 1;

//! A store that cannot be opened, read or written, or a bad query: the message says which.
//! A ResultsError, so that every subcommand reports it as bad input (exit status 2).
struct StoreError : report::ResultsError {
  using report::ResultsError::ResultsError;
};

//! Which runs, and which of their tests, a query selects. Empty fields select everything;
//! `label`, `arch`, `cpu` and `test` are globs (`*`, `?`, `[...]`, case-sensitive, as SQLite's
//! GLOB); `since`/`until` compare with the run's ISO 8601 date as a prefix, both inclusive
//! (`until=2026-03` takes all of March).
struct Filter {
  std::string label, arch, cpu, test, since, until;
};

//! Parses "label=graviton3&arch=aarch64&test=MP*&since=2026-01-01" (the part after '?').
//! Throws StoreError on an unknown key or a pair without '='.
Filter parse_filter(const std::string& query);

//! What `add` should record where the file does not say: litmus7 logs carry no label and no
//! architecture. Empty keeps the file's own.
struct AddOptions {
  std::string label, arch;
};

struct AddResult {
  std::string path, hash;
  bool added = false;  // false: the same bytes were already in the store
  std::int64_t run = 0;
  std::size_t tests = 0;
};

//! One line of `store list`.
struct RunSummary {
  std::int64_t run = 0;
  std::string label, arch, cpu_model, date, kind, path;
  std::size_t tests = 0;
  std::uint64_t iterations = 0;
};

struct Connection;

class Store {
 public:
  //! Opens STORE.db, creating it (and its schema) when absent. Throws StoreError.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  //! Ingests the files in one transaction: all of them or, on the first unreadable file
  //! (ResultsError), none.
  std::vector<AddResult> add(const std::vector<std::string>& files, const AddOptions& opts = {});
  //! The selected runs as comparison sources, oldest first, each holding only the selected
  //! tests; runs left without a test are left out.
  std::vector<report::Source> query(const Filter& f) const;
  std::vector<RunSummary> list(const Filter& f = {}) const;
  const std::string& path() const { return path_; }

 private:
  std::unique_ptr<Connection> db_;
  std::string path_;
};

//! Is this command-line input a store query ("STORE.db" or "STORE.db?label=...")?
bool is_store_spec(const std::string& arg);
//! The sources a store query names: opens the store (which must exist) and runs the query.
std::vector<report::Source> read_sources(const std::string& spec);
//! The sources of a command line's inputs, in order: report::read_source for a file,
//! read_sources for a store query; labels that repeat get " #2", " #3"...
std::vector<report::Source> read_inputs(const std::vector<std::string>& args);

}  // namespace hbscope::store
