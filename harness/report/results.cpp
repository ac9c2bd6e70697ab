#include "report/results.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "support/utf8.hpp"

namespace hbscope::report {

using nlohmann::json;

namespace {

template <class T>
struct IsVocabulary : std::false_type {};
template <class T>
requires requires { Words<T>::list; }
struct IsVocabulary<T> : std::true_type {};

//! Writes a record's fields into a JSON object. Strings are made valid UTF-8 here, so no byte
//! a user passed in (a label, a path, a test name) can make the file unwritable.
struct Writer {
  json& j;
  template <class T>
  static json encode(const T& v) {
    if constexpr (std::is_same_v<T, std::string>)
      return support::escape_invalid_utf8(v);
    else if constexpr (IsVocabulary<T>::value)
      return std::string(name(v));
    else if constexpr (std::is_same_v<T, std::optional<Verdict>>)
      return v ? std::string(name(*v)) : std::string();
    else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
      json o = json::object();
      for (const auto& [k, x] : v)
        o[support::escape_invalid_utf8(k)] = support::escape_invalid_utf8(x);
      return o;
    } else
      return v;
  }
  template <class T>
  void field(const char* key, const T& v) {
    j[key] = encode(v);
  }
  //! A field added after schema 1's first files: always written.
  template <class T>
  void later_field(const char* key, const T& v) {
    field(key, v);
  }
  template <class F>
  void group(const char* key, F&& walk_group) {
    json sub = json::object();
    Writer w{sub};
    walk_group(w);
    j[key] = std::move(sub);
  }
  template <class R>
  void list(const char* key, const std::vector<R>& items) {
    json arr = json::array();
    for (const R& item : items) {
      json sub = json::object();
      Writer w{sub};
      walk(w, item);
      arr.push_back(std::move(sub));
    }
    j[key] = std::move(arr);
  }
  template <class F>
  void derived(const char* key, F&& value) {
    j[key] = value();
  }
  template <class T, class F>
  void optional_group(const char* key, const std::optional<T>& v, F&& walk_group) {
    if (v) group(key, [&](auto& g) { walk_group(g, *v); });
  }
};

//! Reads a record's fields from a JSON object, naming the path of whatever is wrong.
struct Reader {
  const json& j;
  std::string where;

  const json& at(const char* key) const {
    if (!j.is_object()) throw ResultsError(where + " is not an object");
    const auto it = j.find(key);
    if (it == j.end()) throw ResultsError("missing field " + where + "." + key);
    return *it;
  }
  [[noreturn]] void wrong(const char* key, const json& v, const std::string& what) const {
    throw ResultsError("field " + where + "." + key + " " + what + " (" + v.dump().substr(0, 40) +
                       ")");
  }
  template <class T>
  void decode(const char* key, const json& v, T& out) const {
    if constexpr (IsVocabulary<T>::value) {
      const auto parsed = v.is_string() ? parse_word<T>(v.get<std::string>()) : std::nullopt;
      if (!parsed) wrong(key, v, "is not one of the known words");
      out = *parsed;
    } else if constexpr (std::is_same_v<T, std::optional<Verdict>>) {
      if (!v.is_string()) wrong(key, v, "is not a string");
      if (v.get<std::string>().empty())
        out.reset();
      else
        decode(key, v, out.emplace());
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) wrong(key, v, "is not true or false");
      out = v.get<bool>();
    } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
      // nlohmann converts -1 to 2^64-1 and 1e30 to garbage: a count is a non-negative integer
      // that fits, or the file is refused.
      const bool fits =
          v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
      if (!fits)
        wrong(key, v, "has the wrong type: expected a non-negative integer that fits in 64 bits");
      const auto x = v.get<std::uint64_t>();
      if (x > std::numeric_limits<T>::max()) wrong(key, v, "is too large");
      out = static_cast<T>(x);
    } else if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer()) wrong(key, v, "is not an integer");
      const auto x = v.get<std::int64_t>();
      if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
        wrong(key, v, "is out of range");
      out = static_cast<T>(x);
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!v.is_number()) wrong(key, v, "is not a number");
      out = v.get<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) wrong(key, v, "is not a string");
      out = v.get<std::string>();
    } else {
      try {
        v.get_to(out);
      } catch (const json::exception&) {
        wrong(key, v, std::string("has the wrong type (") + v.type_name() + ")");
      }
    }
  }
  template <class T>
  void field(const char* key, T& out) const {
    decode(key, at(key), out);
  }
  //! A field added after schema 1's first files: absent, it keeps its default.
  template <class T>
  void later_field(const char* key, T& out) const {
    if (j.is_object() && j.contains(key)) field(key, out);
  }
  template <class F>
  void group(const char* key, F&& walk_group) const {
    Reader r{at(key), where + "." + key};
    if (!r.j.is_object()) throw ResultsError("field " + r.where + " is not an object");
    walk_group(r);
  }
  template <class R>
  void list(const char* key, std::vector<R>& items) const {
    const json& arr = at(key);
    if (!arr.is_array()) throw ResultsError("field " + where + "." + key + " is not an array");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      Reader r{arr[i], where + "." + key + "[" + std::to_string(i) + "]"};
      if (!r.j.is_object()) throw ResultsError("field " + r.where + " is not an object");
      walk(r, items.emplace_back());
    }
  }
  template <class F>
  void derived(const char*, F&&) const {}  // computed from other fields when written
  //! A group added after schema 1's first files: absent is fine, present must be whole.
  template <class T, class F>
  void optional_group(const char* key, std::optional<T>& v, F&& walk_group) const {
    if (!j.is_object() || !j.contains(key)) return;
    group(key, [&](const Reader& g) { walk_group(g, v.emplace()); });
  }
};

// One list of fields per record, read and written alike: the writer and reader cannot drift.
// `R` is the record, const when writing.

template <class Io, class R>
void walk(Io& io, R& c) requires std::is_same_v<std::remove_const_t<R>, Cache> {
  io.field("level", c.level);
  io.field("type", c.type);
  io.field("size", c.size);
  io.field("count", c.count);
}

template <class Io, class R>
void walk(Io& io, R& o) requires std::is_same_v<std::remove_const_t<R>, OutcomeRow> {
  io.field("outcome", o.outcome);
  io.field("count", o.count);
  io.field("satisfies", o.satisfies);
  io.field("class", o.cls);
  io.field("rate_low", o.rate_low);
  io.field("rate_high", o.rate_high);
  io.field("models", o.models);
  io.field("reasons", o.reasons);
}

template <class Io, class R>
void walk(Io& io, R& t) requires std::is_same_v<std::remove_const_t<R>, TestRecord> {
  io.field("name", t.name);
  io.field("family", t.family);
  io.field("hash", t.hash);
  io.field("declaration", t.declaration);
  io.field("condition", t.condition);
  io.group("verdict", [&](auto& g) {
    g.field("rc11", t.rc11);
    g.field("iso", t.iso);
    g.field("why", t.why);
  });
  io.group("hardware", [&](auto& g) {
    g.field("model", t.hardware_model);
    g.field("witness", t.witness_on_hardware);
  });
  io.field("threads", t.threads);
  io.group("placement", [&](auto& g) {
    g.field("policy", t.placement.plan.policy);
    g.field("pinned", t.placement.plan.pinned);
    g.field("oversubscribed", t.placement.plan.oversubscribed);
    g.field("planned_pus", t.placement.plan.pus);
    g.field("observed_pus", t.placement.observed);
    g.field("warning", t.placement.plan.warning);
  });
  io.field("iterations", t.iterations);
  io.field("seconds", t.seconds);
  io.field("partial", t.partial);
  io.list("histogram", t.histogram);
  io.field("positive", t.positive);
  io.field("negative", t.negative);
  io.field("observation", t.observation);
  io.field("witnesses", t.witnesses);
  io.field("grade", t.grade);
  io.field("witness_rate_bound", t.witness_rate_bound);
  io.derived("rates", [&] {
    const auto per_second = [&](std::uint64_t n) {
      return t.seconds > 0 ? static_cast<double>(n) / t.seconds : 0.0;
    };
    return json{{"iterations_per_second", per_second(t.iterations)},
                {"witnesses_per_second", per_second(t.witnesses)}};
  });
  io.field("period_ns", t.period_ns);
  io.group("first_witness", [&](auto& g) {
    g.field("iterations", t.first_witness_iterations);
    g.field("seconds", t.first_witness_seconds);
  });
  io.optional_group("overlap", t.overlap, [](auto& g, auto& o) {
    g.field("count", o.count);
    g.field("rate", o.rate);
    g.field("low", o.low);
    g.field("high", o.high);
  });
  io.optional_group("schedule", t.schedule, [](auto& g, auto& s) {
    g.field("offset_range_ns", s.offset_range_ns);
    g.field("transfer_ns", s.transfer_ns);
    g.field("counter_hz", s.counter_hz);
  });
  io.optional_group("learnt", t.learnt, [](auto& g, auto& l) {
    g.field("shuffled", l.shuffled);
    g.field("stretch", l.stretch);
    g.field("homes", l.homes);
  });
}

template <class Io, class R>
void walk(Io& io, R& r) requires std::is_same_v<std::remove_const_t<R>, RunRecord> {
  io.field("schema", r.schema);
  io.group("tool", [&](auto& g) {
    g.field("name", r.tool);
    g.field("version", r.version);
    g.field("git_sha", r.git_sha);
  });
  io.field("date", r.date);
  io.field("command", r.command);
  io.field("label", r.label);
  io.group("machine", [&](auto& g) {
    auto& m = r.machine;
    g.field("arch", m.arch);
    g.field("binary_arch", m.binary_arch);
    g.field("cpu_vendor", m.cpu_vendor);
    g.field("cpu_model", m.cpu_model);
    g.field("packages", m.packages);
    g.field("cores", m.cores);
    g.field("pus", m.pus);
    g.field("usable_pus", m.usable_pus);
    g.list("caches", m.caches);
    g.field("topology", m.topology);
    g.field("kernel", m.kernel);
    g.field("hostname", m.hostname);
    g.field("hypervisor", m.hypervisor);
    g.field("emulated", m.emulated);
    g.field("emulation", m.emulation);
  });
  io.group("build", [&](auto& g) {
    g.field("compiler", r.build.compiler);
    g.field("flags", r.build.flags);
    g.field("build_type", r.build.build_type);
  });
  io.group("settings", [&](auto& g) {
    auto& s = r.settings;
    g.field("iterations", s.iterations);
    g.field("seconds", s.seconds);
    g.field("size", s.size);
    g.field("stride", s.stride);
    g.field("placement", s.placement);
    g.field("cpus", s.cpus);
    g.field("sync", s.sync);
    g.field("preload", s.preload);
    g.field("same_line", s.same_line);
    g.field("period_ns", s.period_ns);
    g.field("adaptive_period", s.adaptive_period);
    g.later_field("visit", s.visit);
    g.later_field("homes", s.homes);
    g.later_field("offset_ns", s.offset_ns);
    g.later_field("counter_hz", s.counter_hz);
  });
  io.field("partial", r.partial);
  io.list("tests", r.tests);
}

}  // namespace

json to_json(const RunRecord& r) {
  json j = json::object();
  Writer w{j};
  walk(w, r);
  return j;
}

RunRecord from_json(const json& j) {
  if (!j.is_object()) throw ResultsError("not a results object");
  const Reader top{j, "$"};
  int schema = 0;
  top.field("schema", schema);
  if (schema != kSchemaVersion)
    throw ResultsError("schema version " + std::to_string(schema) + " (this hbscope reads " +
                       std::to_string(kSchemaVersion) + ")");
  std::string tool;
  top.group("tool", [&](const Reader& g) { g.field("name", tool); });
  if (tool != "hbscope") throw ResultsError("written by '" + tool + "', not hbscope");
  RunRecord r;
  walk(top, r);
  for (std::size_t i = 0; i < r.tests.size(); ++i) {
    const TestRecord& t = r.tests[i];
    std::uint64_t total = 0;
    for (const OutcomeRow& row : t.histogram) {
      if (row.count > std::numeric_limits<std::uint64_t>::max() - total)
        throw ResultsError("$.tests[" + std::to_string(i) + "]: histogram counts overflow 64 bits");
      total += row.count;
    }
    if (total != t.iterations)
      throw ResultsError("$.tests[" + std::to_string(i) + "]: histogram counts add up to " +
                         std::to_string(total) + ", not the " + std::to_string(t.iterations) +
                         " iterations recorded");
  }
  return r;
}

std::string json_text(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string json_text(const RunRecord& r) { return json_text(to_json(r)); }

RunRecord read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": cannot open");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    throw ResultsError(path + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  }
  try {
    return from_json(j);
  } catch (const ResultsError& e) {
    throw ResultsError(path + ": " + e.what());
  }
}

bool any_forbidden(const RunRecord& r) {
  return std::any_of(r.tests.begin(), r.tests.end(),
                     [](const TestRecord& t) { return t.grade == Grade::forbidden_seen; });
}

}  // namespace hbscope::report
