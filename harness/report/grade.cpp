#include "report/grade.hpp"

#include <algorithm>
#include <cmath>

#include "model/model.hpp"

namespace hbscope::report {

double zero_count_upper_bound(std::uint64_t n) {
  if (n == 0) return 1.0;
  return -std::expm1(std::log(0.05) / static_cast<double>(n));
}

Interval wilson_interval(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return {0, 1};
  constexpr double z = 1.959963984540054;
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

TestRecord grade(const Test& test, const OutcomeLayout& layout, const run::Result& result,
                 const run::Plan& plan, bool emulated, const std::string& arch) {
  TestRecord t;
  t.name = test.name;
  t.family = test.family();
  t.hash = declaration_hash(test);
  t.declaration = canonical_text(test);
  t.condition = layout.condition().text();
  t.why = test.why;
  t.threads = test.threads.size;
  t.placement.policy = plan.policy;
  t.placement.pinned = plan.pinned;
  t.placement.oversubscribed = plan.oversubscribed;
  t.placement.planned = plan.pus;
  t.placement.observed = result.pus_seen;
  t.placement.warning = plan.warning;
  for (std::size_t i = 0; i < result.bound.size(); ++i)
    if (plan.pinned && !result.bound[i] && t.placement.warning.empty())
      t.placement.warning = "the OS refused to bind thread " + std::to_string(i);
  t.iterations = result.iterations;
  t.seconds = result.seconds;
  t.partial = result.partial;
  t.period_ns = result.mean_period_ns;

  const model::Analysis analysis = model::analyse(test, layout);
  auto witness_allowed = [&](model::Model m) { return analysis.allows_witness(m, layout); };
  const bool witness_allowed_rc11 = witness_allowed(model::Model::rc11);
  const bool witness_allowed_iso = witness_allowed(model::Model::iso);
  t.rc11 = witness_allowed_rc11 ? "allowed" : "forbidden";
  t.iso = witness_allowed_iso ? "allowed" : "forbidden";
  if (const model::Model* hw = model::hardware_model_of(arch)) {
    t.hardware_model = model::model_name(*hw);
    t.witness_on_hardware = witness_allowed(*hw) ? "allowed" : "forbidden";
  }
  for (const auto& [outcome, count] : result.histogram.sorted()) {
    OutcomeRow row;
    row.outcome = layout.format(outcome);
    row.count = count;
    row.satisfies = layout.satisfies(outcome);
    const Interval ci = wilson_interval(count, result.iterations);
    row.rate_low = ci.low;
    row.rate_high = ci.high;
    for (model::Model m : model::kModels) {
      const bool ok = analysis.allows(m, outcome);
      row.models[model::model_name(m)] = ok;
      if (!ok) row.reasons[model::model_name(m)] = analysis.why_not(m, outcome);
    }
    if (analysis.allows(model::Model::sc, outcome))
      row.cls = "sc";
    else if (analysis.allows(model::Model::rc11, outcome))
      row.cls = "weak";
    else if (analysis.allows(model::Model::iso, outcome))
      row.cls = "weak-iso";
    else
      row.cls = "forbidden";
    (row.satisfies ? t.positive : t.negative) += count;
    if (layout.is_witness(outcome)) t.witnesses += count;
    t.histogram.push_back(std::move(row));
  }
  if (t.witnesses > 0) {
    t.first_witness_iterations = result.first_witness_iterations;
    t.first_witness_seconds = result.first_witness_seconds;
  }
  t.observation = t.positive == 0 ? "Never" : t.negative == 0 ? "Always" : "Sometimes";

  const bool forbidden_seen = std::any_of(t.histogram.begin(), t.histogram.end(), [](auto& r) {
    return r.cls == "forbidden" && r.count > 0;
  });
  if (forbidden_seen) {
    t.grade = emulated ? "emulator-fault" : "forbidden-seen";
  } else if (witness_allowed_rc11 || witness_allowed_iso) {
    t.grade = t.witnesses > 0 ? "weak-seen" : "weak-not-seen";
    if (t.witnesses == 0) t.witness_rate_bound = zero_count_upper_bound(t.iterations);
  } else {
    t.grade = "ok";
  }
  return t;
}

MachineRecord machine_record(const run::MachineInfo& m) {
  MachineRecord r;
  r.arch = m.arch;
  r.binary_arch = m.binary_arch;
  r.cpu_vendor = m.cpu_vendor;
  r.cpu_model = m.cpu_model;
  r.packages = m.packages;
  r.cores = m.cores;
  r.pus = m.pus;
  r.usable_pus = m.usable_pus;
  for (const run::Cache& c : m.caches) r.caches.push_back({c.level, c.type, c.size, c.count});
  r.topology = m.topology;
  r.kernel = m.kernel;
  r.hostname = m.hostname;
  r.hypervisor = m.hypervisor;
  r.emulated = m.emulated;
  r.emulation = m.emulation;
  return r;
}

bool any_forbidden(const RunRecord& r) {
  return std::any_of(r.tests.begin(), r.tests.end(),
                     [](const TestRecord& t) { return t.grade == "forbidden-seen"; });
}

}  // namespace hbscope::report
