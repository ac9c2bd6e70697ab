#include "store/store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <concepts>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/hash.hpp"

namespace hbscope::store {

namespace {

using nlohmann::json;

// Version 1. A change that older readers cannot read bumps kSchemaVersion; opening a store of
// another version is refused rather than guessed at.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  added TEXT NOT NULL,
  label TEXT NOT NULL,
  display TEXT NOT NULL,
  arch TEXT NOT NULL,
  binary_arch TEXT NOT NULL,
  cpu_vendor TEXT NOT NULL,
  cpu_model TEXT NOT NULL,
  topology TEXT NOT NULL,
  packages INTEGER NOT NULL,
  cores INTEGER NOT NULL,
  pus INTEGER NOT NULL,
  hypervisor TEXT NOT NULL,
  emulated INTEGER NOT NULL,
  kernel TEXT NOT NULL,
  hostname TEXT NOT NULL,
  version TEXT NOT NULL,
  git_sha TEXT NOT NULL,
  compiler TEXT NOT NULL,
  flags TEXT NOT NULL,
  build_type TEXT NOT NULL,
  settings TEXT NOT NULL,
  date TEXT NOT NULL,
  command TEXT NOT NULL,
  partial INTEGER NOT NULL,
  record TEXT NOT NULL);
CREATE TABLE tests(
  id INTEGER PRIMARY KEY,
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  family TEXT NOT NULL,
  hash TEXT NOT NULL,
  condition TEXT NOT NULL,
  iterations INTEGER NOT NULL,
  seconds REAL NOT NULL,
  witnesses INTEGER NOT NULL,
  observation TEXT NOT NULL,
  grade TEXT NOT NULL,
  record TEXT NOT NULL);
CREATE TABLE outcomes(
  test INTEGER NOT NULL REFERENCES tests(id) ON DELETE CASCADE,
  outcome TEXT NOT NULL,
  count INTEGER NOT NULL,
  satisfies INTEGER NOT NULL,
  class TEXT NOT NULL);
CREATE INDEX runs_label ON runs(label);
CREATE INDEX runs_arch ON runs(arch);
CREATE INDEX runs_date ON runs(date);
CREATE INDEX tests_run ON tests(run, position);
CREATE INDEX tests_name ON tests(name);
CREATE INDEX outcomes_test ON outcomes(test);
)sql";

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw report::ResultsError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// One open store; statements report errors through it.
struct Connection {
  sqlite3* handle = nullptr;
  std::string path;

  [[noreturn]] void fail(const std::string& what) const {
    throw StoreError(path + ": " + what + ": " + sqlite3_errmsg(handle));
  }
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(handle, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StoreError(path + ": " + msg);
    }
  }
};

namespace {

// A SELECT over runs r (joined with tests t) narrowed by a filter: its text and the values to
// bind in order.
struct Select {
  std::string sql;
  std::vector<std::string> values;
};

// A prepared statement: bind by position (from 1), step, read columns (from 0).
class Statement {
 public:
  Statement(const Connection& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle, sql, -1, &stmt_, nullptr) != SQLITE_OK) db.fail("prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::string_view v) { return bind(i, std::string(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
  // SQLite stores signed 64-bit integers: counts beyond 2^63 are kept as their bit pattern.
  template <std::integral T>
  Statement& bind(int i, T v) {
    sqlite3_bind_int64(stmt_, i, static_cast<sqlite3_int64>(v));
    return *this;
  }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  //! A filtered SELECT, its values bound.
  Statement(const Connection& db, const Select& q) : Statement(db, q.sql.c_str()) {
    for (std::size_t i = 0; i < q.values.size(); ++i) bind(static_cast<int>(i) + 1, q.values[i]);
  }
  //! True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) db_.fail("step");
    return false;
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  sqlite3_int64 integer(int c) const { return sqlite3_column_int64(stmt_, c); }
  std::string text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : "";
  }

 private:
  const Connection& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

int user_version(const Connection& db) {
  Statement s(db, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

Select select(const std::string& head, const Filter& f, const std::string& tail) {
  Select q{head + " WHERE 1", {}};
  const auto add = [&](const std::string& v, const char* clause) {
    if (v.empty()) return;
    q.sql += clause;
    q.values.push_back(v);
  };
  add(f.label, " AND r.label GLOB ?");
  add(f.arch, " AND r.arch GLOB ?");
  add(f.cpu, " AND r.cpu_model GLOB ?");
  add(f.since, " AND r.date >= ?");
  add(f.until, " AND substr(r.date, 1, length(?)) <= ?");
  if (!f.until.empty()) q.values.push_back(f.until);  // bound twice
  add(f.test, " AND t.name GLOB ?");
  q.sql += tail;
  return q;
}

}  // namespace

Filter parse_filter(const std::string& query) {
  Filter f;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    if (eq == std::string::npos) throw StoreError("store query: '" + pair + "' is not KEY=VALUE");
    const std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
    std::string* field = key == "label"   ? &f.label
                         : key == "arch"  ? &f.arch
                         : key == "cpu"   ? &f.cpu
                         : key == "test"  ? &f.test
                         : key == "since" ? &f.since
                         : key == "until" ? &f.until
                                          : nullptr;
    if (!field)
      throw StoreError("store query: unknown key '" + key +
                       "' (keys: label, arch, cpu, test, since, until)");
    *field = value;
  }
  return f;
}

Store::Store(const std::string& path) : db_(std::make_unique<Connection>()), path_(path) {
  db_->path = path;
  if (sqlite3_open_v2(path.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    const std::string msg = db_->handle ? sqlite3_errmsg(db_->handle) : "out of memory";
    sqlite3_close(db_->handle);
    throw StoreError(path + ": cannot open: " + msg);
  }
  sqlite3_busy_timeout(db_->handle, 10000);  // two `store add` at once wait for each other
  try {
    db_->exec("PRAGMA foreign_keys = ON");
    const int version = user_version(*db_);
    if (version == 0) {
      Statement tables(*db_, "SELECT count(*) FROM sqlite_master");
      if (tables.step() && tables.integer(0) != 0)
        throw StoreError(path + ": an SQLite file, but not an hbscope store");
      db_->exec("BEGIN");
      db_->exec(kSchema);
      Statement meta(*db_, "INSERT INTO meta(key, value) VALUES (?, ?)");
      meta.bind(1, "schema").bind(2, std::to_string(kSchemaVersion)).run();
      meta.bind(1, "created").bind(2, now_utc()).run();
      meta.bind(1, "tool").bind(2, "hbscope").run();
      db_->exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
      db_->exec("COMMIT");
    } else if (version != kSchemaVersion) {
      throw StoreError(path + ": store schema version " + std::to_string(version) +
                       " (this hbscope reads " + std::to_string(kSchemaVersion) + ")");
    }
  } catch (...) {
    sqlite3_close(db_->handle);
    throw;
  }
}

Store::~Store() { sqlite3_close(db_->handle); }

std::vector<AddResult> Store::add(const std::vector<std::string>& files, const AddOptions& opts) {
  std::vector<AddResult> out;
  Connection& db = *db_;
  db.exec("BEGIN IMMEDIATE");
  try {
    Statement seen(db, "SELECT id FROM runs WHERE hash = ?");
    Statement run(db,
                  "INSERT INTO runs(hash, path, kind, added, label, display, arch, binary_arch, "
                  "cpu_vendor, cpu_model, topology, packages, cores, pus, hypervisor, emulated, "
                  "kernel, hostname, version, git_sha, compiler, flags, build_type, settings, "
                  "date, command, partial, record) VALUES "
                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement test(db,
                   "INSERT INTO tests(run, position, name, family, hash, condition, iterations, "
                   "seconds, witnesses, observation, grade, record) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement outcome(db,
                      "INSERT INTO outcomes(test, outcome, count, satisfies, class) VALUES "
                      "(?,?,?,?,?)");
    const std::string added = now_utc();
    for (const std::string& file : files) {
      AddResult res;
      res.path = file;
      res.hash = hash_hex(fnv1a(file_bytes(file)));
      seen.bind(1, res.hash);
      if (seen.step()) {
        res.run = seen.integer(0);
        seen.run();
        out.push_back(res);
        continue;
      }
      seen.run();
      report::Source src = report::read_source(file);
      report::RunRecord& r = src.record;
      // How compare names the run: as report::read_source names the file, or the label given.
      std::string display = src.label;
      if (!opts.label.empty()) {
        r.label = opts.label;
        display = opts.label + (r.machine.emulated ? " (emulated)" : "");
      }
      if (!opts.arch.empty()) r.machine.arch = opts.arch;
      json j = report::to_json(r);
      json tests = std::move(j["tests"]);
      j.erase("tests");
      const MachineInfo& m = r.machine;
      run.bind(1, res.hash)
          .bind(2, file)
          .bind(3, src.from_log ? "log" : "json")
          .bind(4, added)
          .bind(5, r.label)
          .bind(6, display)
          .bind(7, m.arch)
          .bind(8, m.binary_arch)
          .bind(9, m.cpu_vendor)
          .bind(10, m.cpu_model)
          .bind(11, m.topology)
          .bind(12, m.packages)
          .bind(13, m.cores)
          .bind(14, m.pus)
          .bind(15, m.hypervisor)
          .bind(16, m.emulated)
          .bind(17, m.kernel)
          .bind(18, m.hostname)
          .bind(19, r.version)
          .bind(20, r.git_sha)
          .bind(21, r.build.compiler)
          .bind(22, r.build.flags)
          .bind(23, r.build.build_type)
          .bind(24, j["settings"].dump())
          .bind(25, r.date)
          .bind(26, r.command)
          .bind(27, r.partial)
          .bind(28, j.dump(-1, ' ', false, json::error_handler_t::replace))
          .run();
      res.run = sqlite3_last_insert_rowid(db.handle);
      for (std::size_t i = 0; i < r.tests.size(); ++i) {
        const report::TestRecord& t = r.tests[i];
        test.bind(1, res.run)
            .bind(2, static_cast<sqlite3_int64>(i))
            .bind(3, t.name)
            .bind(4, t.family)
            .bind(5, t.hash)
            .bind(6, t.condition)
            .bind(7, t.iterations)
            .bind(8, t.seconds)
            .bind(9, t.witnesses)
            .bind(10, name(t.observation))
            .bind(11, name(t.grade))
            .bind(12, tests[i].dump(-1, ' ', false, json::error_handler_t::replace))
            .run();
        const sqlite3_int64 test_id = sqlite3_last_insert_rowid(db.handle);
        for (const report::OutcomeRow& o : t.histogram)
          outcome.bind(1, test_id)
              .bind(2, o.outcome)
              .bind(3, o.count)
              .bind(4, o.satisfies)
              .bind(5, name(o.cls))
              .run();
      }
      res.added = true;
      res.tests = r.tests.size();
      out.push_back(res);
    }
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.handle, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return out;
}

std::vector<report::Source> Store::query(const Filter& f) const {
  Statement s(*db_, select("SELECT r.id, r.path, r.kind, r.display, r.record, t.record FROM runs "
                           "r JOIN tests t ON t.run = r.id",
                           f, " ORDER BY r.date, r.id, t.position"));
  std::vector<report::Source> out;
  std::vector<json> runs;  // each run's record, its selected tests gathered under "tests"
  sqlite3_int64 current = -1;
  while (s.step()) {
    if (s.integer(0) != current) {
      current = s.integer(0);
      report::Source src;
      src.path = s.text(1) + " (" + path_ + " run " + std::to_string(current) + ")";
      src.from_log = s.text(2) == "log";
      src.label = s.text(3);
      out.push_back(std::move(src));
      runs.push_back(json::parse(s.text(4)));
      runs.back()["tests"] = json::array();
    }
    runs.back()["tests"].push_back(json::parse(s.text(5)));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    try {
      // from_json reads only what hbscope wrote; a log's record was stored through the same
      // fields, so it is read as hbscope's and its tool restored.
      json& tool = runs[i]["tool"]["name"];
      const std::string written_by = tool.get<std::string>();
      tool = "hbscope";
      out[i].record = report::from_json(runs[i]);
      out[i].record.tool = written_by;
    } catch (const report::ResultsError& e) {
      throw StoreError(out[i].path + ": " + e.what());
    }
  }
  return out;
}

std::vector<RunSummary> Store::list(const Filter& f) const {
  Statement s(*db_, select("SELECT r.id, r.label, r.arch, r.cpu_model, r.date, r.kind, r.path, "
                           "count(t.id), coalesce(sum(t.iterations), 0) FROM runs r LEFT JOIN "
                           "tests t ON t.run = r.id",
                           f, " GROUP BY r.id ORDER BY r.date, r.id"));
  std::vector<RunSummary> out;
  while (s.step())
    out.push_back({.run = s.integer(0),
                   .label = s.text(1),
                   .arch = s.text(2),
                   .cpu_model = s.text(3),
                   .date = s.text(4),
                   .kind = s.text(5),
                   .path = s.text(6),
                   .tests = static_cast<std::size_t>(s.integer(7)),
                   .iterations = static_cast<std::uint64_t>(s.integer(8))});
  return out;
}

bool is_store_spec(const std::string& arg) {
  const std::string file = arg.substr(0, arg.find('?'));
  return file.ends_with(".db");
}

std::vector<report::Source> read_sources(const std::string& spec) {
  const std::size_t q = spec.find('?');
  const std::string file = spec.substr(0, q);
  const Filter f = parse_filter(q == std::string::npos ? "" : spec.substr(q + 1));
  if (std::ifstream probe(file); !probe) throw StoreError(file + ": no such store");
  std::vector<report::Source> sources = Store(file).query(f);
  if (sources.empty()) throw StoreError(spec + ": the query selects no run");
  return sources;
}

std::vector<report::Source> read_inputs(const std::vector<std::string>& args) {
  std::vector<report::Source> sources;
  for (const std::string& a : args) {
    if (!is_store_spec(a)) {
      sources.push_back(report::read_source(a));
      continue;
    }
    for (report::Source& s : read_sources(a)) sources.push_back(std::move(s));
  }
  // Every machine column its own name, as report::read_sources gives files: a store holds many
  // runs of one machine.
  std::map<std::string, int> seen;
  for (report::Source& s : sources)
    if (const int n = ++seen[s.label]; n > 1) s.label += " #" + std::to_string(n);
  return sources;
}

}  // namespace hbscope::store
