#include "report/results.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace hbscope::report {

using nlohmann::json;

json to_json(const RunRecord& r) {
  json tests = json::array();
  for (const TestRecord& t : r.tests) {
    json hist = json::array();
    for (const OutcomeRow& o : t.histogram)
      hist.push_back({{"outcome", o.outcome},
                      {"count", o.count},
                      {"satisfies", o.satisfies},
                      {"class", o.cls},
                      {"rate_low", o.rate_low},
                      {"rate_high", o.rate_high},
                      {"models", o.models},
                      {"reasons", o.reasons}});
    tests.push_back({
        {"name", t.name},
        {"family", t.family},
        {"hash", t.hash},
        {"declaration", t.declaration},
        {"condition", t.condition},
        {"verdict", {{"rc11", t.rc11}, {"iso", t.iso}, {"why", t.why}}},
        {"hardware", {{"model", t.hardware_model}, {"witness", t.witness_on_hardware}}},
        {"threads", t.threads},
        {"placement",
         {{"policy", t.placement.policy},
          {"pinned", t.placement.pinned},
          {"oversubscribed", t.placement.oversubscribed},
          {"planned_pus", t.placement.planned},
          {"observed_pus", t.placement.observed},
          {"warning", t.placement.warning}}},
        {"iterations", t.iterations},
        {"seconds", t.seconds},
        {"partial", t.partial},
        {"histogram", hist},
        {"positive", t.positive},
        {"negative", t.negative},
        {"observation", t.observation},
        {"witnesses", t.witnesses},
        {"grade", t.grade},
        {"witness_rate_bound", t.witness_rate_bound},
        {"rates",
         {{"iterations_per_second", t.seconds > 0 ? static_cast<double>(t.iterations) / t.seconds : 0},
          {"witnesses_per_second", t.seconds > 0 ? static_cast<double>(t.witnesses) / t.seconds : 0}}},
        {"period_ns", t.period_ns},
        {"first_witness", {{"iterations", t.first_witness_iterations},
                           {"seconds", t.first_witness_seconds}}},
    });
  }
  json caches = json::array();
  for (const auto& c : r.machine.caches)
    caches.push_back({{"level", c.level}, {"type", c.type}, {"size", c.size}, {"count", c.count}});
  const MachineRecord& m = r.machine;
  return {
      {"schema", r.schema},
      {"tool", {{"name", r.tool}, {"version", r.version}, {"git_sha", r.git_sha}}},
      {"date", r.date},
      {"command", r.command},
      {"label", r.label},
      {"machine",
       {{"arch", m.arch},
        {"binary_arch", m.binary_arch},
        {"cpu_vendor", m.cpu_vendor},
        {"cpu_model", m.cpu_model},
        {"packages", m.packages},
        {"cores", m.cores},
        {"pus", m.pus},
        {"usable_pus", m.usable_pus},
        {"caches", caches},
        {"topology", m.topology},
        {"kernel", m.kernel},
        {"hostname", m.hostname},
        {"hypervisor", m.hypervisor},
        {"emulated", m.emulated},
        {"emulation", m.emulation}}},
      {"build",
       {{"compiler", r.build.compiler},
        {"flags", r.build.flags},
        {"build_type", r.build.build_type}}},
      {"settings",
       {{"iterations", r.settings.iterations},
        {"seconds", r.settings.seconds},
        {"size", r.settings.size},
        {"stride", r.settings.stride},
        {"placement", r.settings.placement},
        {"cpus", r.settings.cpus},
        {"sync", r.settings.sync},
        {"preload", r.settings.preload},
        {"same_line", r.settings.same_line},
        {"period_ns", r.settings.period_ns},
        {"adaptive_period", r.settings.adaptive_period}}},
      {"partial", r.partial},
      {"tests", tests},
  };
}

namespace {
// Reads field `key` of `obj` into `out`, naming the path on failure.
template <class T>
void get(const json& obj, const char* key, T& out, const std::string& where) {
  if (!obj.is_object()) throw ResultsError(where + " is not an object");
  auto it = obj.find(key);
  if (it == obj.end()) throw ResultsError("missing field " + where + "." + key);
  try {
    it->get_to(out);
  } catch (const json::exception&) {
    throw ResultsError("field " + where + "." + key + " has the wrong type (" +
                       std::string(it->type_name()) + ")");
  }
}
const json& sub(const json& obj, const char* key, const std::string& where) {
  if (!obj.is_object() || !obj.contains(key))
    throw ResultsError("missing field " + where + "." + key);
  return obj.at(key);
}
}  // namespace

RunRecord from_json(const json& j) {
  RunRecord r;
  if (!j.is_object()) throw ResultsError("not a results object");
  get(j, "schema", r.schema, "$");
  if (r.schema != kSchemaVersion)
    throw ResultsError("schema version " + std::to_string(r.schema) + " (this hbscope reads " +
                       std::to_string(kSchemaVersion) + ")");
  const json& tool = sub(j, "tool", "$");
  get(tool, "name", r.tool, "$.tool");
  if (r.tool != "hbscope") throw ResultsError("written by '" + r.tool + "', not hbscope");
  get(tool, "version", r.version, "$.tool");
  get(tool, "git_sha", r.git_sha, "$.tool");
  get(j, "date", r.date, "$");
  get(j, "command", r.command, "$");
  get(j, "label", r.label, "$");
  get(j, "partial", r.partial, "$");

  const json& m = sub(j, "machine", "$");
  const std::string mw = "$.machine";
  MachineRecord& mr = r.machine;
  get(m, "arch", mr.arch, mw);
  get(m, "binary_arch", mr.binary_arch, mw);
  get(m, "cpu_vendor", mr.cpu_vendor, mw);
  get(m, "cpu_model", mr.cpu_model, mw);
  get(m, "packages", mr.packages, mw);
  get(m, "cores", mr.cores, mw);
  get(m, "pus", mr.pus, mw);
  get(m, "usable_pus", mr.usable_pus, mw);
  get(m, "topology", mr.topology, mw);
  get(m, "kernel", mr.kernel, mw);
  get(m, "hostname", mr.hostname, mw);
  get(m, "hypervisor", mr.hypervisor, mw);
  get(m, "emulated", mr.emulated, mw);
  get(m, "emulation", mr.emulation, mw);
  const json& caches = sub(m, "caches", mw);
  if (!caches.is_array()) throw ResultsError("field $.machine.caches is not an array");
  for (const json& c : caches) {
    MachineRecord::Cache cr;
    get(c, "level", cr.level, mw + ".caches[]");
    get(c, "type", cr.type, mw + ".caches[]");
    get(c, "size", cr.size, mw + ".caches[]");
    get(c, "count", cr.count, mw + ".caches[]");
    mr.caches.push_back(cr);
  }

  const json& b = sub(j, "build", "$");
  get(b, "compiler", r.build.compiler, "$.build");
  get(b, "flags", r.build.flags, "$.build");
  get(b, "build_type", r.build.build_type, "$.build");
  const json& s = sub(j, "settings", "$");
  get(s, "iterations", r.settings.iterations, "$.settings");
  get(s, "seconds", r.settings.seconds, "$.settings");
  get(s, "size", r.settings.size, "$.settings");
  get(s, "stride", r.settings.stride, "$.settings");
  get(s, "placement", r.settings.placement, "$.settings");
  get(s, "cpus", r.settings.cpus, "$.settings");
  get(s, "sync", r.settings.sync, "$.settings");
  get(s, "preload", r.settings.preload, "$.settings");
  get(s, "same_line", r.settings.same_line, "$.settings");
  get(s, "period_ns", r.settings.period_ns, "$.settings");
  get(s, "adaptive_period", r.settings.adaptive_period, "$.settings");

  const json& tests = sub(j, "tests", "$");
  if (!tests.is_array()) throw ResultsError("field $.tests is not an array");
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const json& t = tests[i];
    const std::string w = "$.tests[" + std::to_string(i) + "]";
    TestRecord tr;
    get(t, "name", tr.name, w);
    get(t, "family", tr.family, w);
    get(t, "hash", tr.hash, w);
    get(t, "declaration", tr.declaration, w);
    get(t, "condition", tr.condition, w);
    const json& v = sub(t, "verdict", w);
    get(v, "rc11", tr.rc11, w + ".verdict");
    get(v, "iso", tr.iso, w + ".verdict");
    get(v, "why", tr.why, w + ".verdict");
    const json& hw = sub(t, "hardware", w);
    get(hw, "model", tr.hardware_model, w + ".hardware");
    get(hw, "witness", tr.witness_on_hardware, w + ".hardware");
    get(t, "threads", tr.threads, w);
    const json& p = sub(t, "placement", w);
    get(p, "policy", tr.placement.policy, w + ".placement");
    get(p, "pinned", tr.placement.pinned, w + ".placement");
    get(p, "oversubscribed", tr.placement.oversubscribed, w + ".placement");
    get(p, "planned_pus", tr.placement.planned, w + ".placement");
    get(p, "observed_pus", tr.placement.observed, w + ".placement");
    get(p, "warning", tr.placement.warning, w + ".placement");
    get(t, "iterations", tr.iterations, w);
    get(t, "seconds", tr.seconds, w);
    get(t, "partial", tr.partial, w);
    get(t, "positive", tr.positive, w);
    get(t, "negative", tr.negative, w);
    get(t, "observation", tr.observation, w);
    get(t, "witnesses", tr.witnesses, w);
    get(t, "grade", tr.grade, w);
    get(t, "witness_rate_bound", tr.witness_rate_bound, w);
    get(t, "period_ns", tr.period_ns, w);
    const json& first = sub(t, "first_witness", w);
    get(first, "iterations", tr.first_witness_iterations, w + ".first_witness");
    get(first, "seconds", tr.first_witness_seconds, w + ".first_witness");
    const json& hist = sub(t, "histogram", w);
    if (!hist.is_array()) throw ResultsError("field " + w + ".histogram is not an array");
    std::uint64_t total = 0;
    for (const json& o : hist) {
      OutcomeRow row;
      get(o, "outcome", row.outcome, w + ".histogram[]");
      get(o, "count", row.count, w + ".histogram[]");
      get(o, "satisfies", row.satisfies, w + ".histogram[]");
      get(o, "class", row.cls, w + ".histogram[]");
      get(o, "rate_low", row.rate_low, w + ".histogram[]");
      get(o, "rate_high", row.rate_high, w + ".histogram[]");
      get(o, "models", row.models, w + ".histogram[]");
      get(o, "reasons", row.reasons, w + ".histogram[]");
      total += row.count;
      tr.histogram.push_back(std::move(row));
    }
    if (total != tr.iterations)
      throw ResultsError(w + ": histogram counts add up to " + std::to_string(total) +
                         ", not the " + std::to_string(tr.iterations) + " iterations recorded");
    r.tests.push_back(std::move(tr));
  }
  return r;
}

void write_json_file(const RunRecord& r, const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw ResultsError("cannot write " + tmp);
    out << to_json(r).dump(2) << '\n';
    out.flush();
    if (!out) throw ResultsError("error writing " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw ResultsError("cannot rename " + tmp + " to " + path);
  }
}

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

}  // namespace hbscope::report
