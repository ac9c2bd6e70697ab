#include "report/grade.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "model/interleavings.hpp"
#include "model/model.hpp"
#include "report/stats.hpp"

namespace hbscope::report {

TestRecord grade(const Test& test, const OutcomeLayout& layout, const Measurement& result,
                 bool emulated, const std::string& arch) {
  const Plan& plan = result.plan;
  TestRecord t;
  t.name = test.name;
  t.family = test.family();
  t.hash = declaration_hash(test);
  t.declaration = canonical_text(test);
  t.condition = layout.condition().text();
  t.why = test.why;
  t.threads = test.threads.size;
  t.placement.plan = plan;
  t.placement.observed = result.pus_seen;
  for (std::size_t i = 0; i < result.bound.size(); ++i)
    if (plan.pinned && !result.bound[i] && t.placement.plan.warning.empty())
      t.placement.plan.warning = "the OS refused to bind thread " + std::to_string(i);
  t.iterations = result.iterations;
  t.seconds = result.seconds;
  t.partial = result.partial;
  t.period_ns = result.mean_period_ns;
  if (result.counter_hz > 0)
    t.schedule = Schedule{result.offset_range_ns, result.transfer_ns, result.counter_hz};
  if (result.iterations > 0) {
    Learnt l{result.shuffled_share, result.mean_stretch, {}};
    for (std::size_t i = 0; i < result.homes.size() && i < test.locs.size; ++i)
      l.homes[std::string(test.locs.v[i].name)] = result.homes[i];
    t.learnt = l;
  }

  const model::Analysis analysis = model::analyse(test, layout);
  auto witness_allowed = [&](model::Model m) { return analysis.allows_witness(m, layout); };
  const bool witness_allowed_rc11 = witness_allowed(model::Model::rc11);
  const bool witness_allowed_iso = witness_allowed(model::Model::iso);
  auto verdict = [](bool allowed) { return allowed ? Verdict::allowed : Verdict::forbidden; };
  t.rc11 = verdict(witness_allowed_rc11);
  t.iso = verdict(witness_allowed_iso);
  if (const model::Model* hw = model::hardware_model_of(arch)) {
    t.hardware_model = model::model_name(*hw);
    t.witness_on_hardware = verdict(witness_allowed(*hw));
  }
  const std::vector<Outcome> serial_list = model::serial_outcomes(test, layout);
  const std::set<Outcome> serial(serial_list.begin(), serial_list.end());
  Overlap overlap;
  for (const auto& [outcome, count] : result.histogram.sorted()) {
    if (!serial.count(outcome)) overlap.count += count;
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
      row.cls = OutcomeClass::sc;
    else if (analysis.allows(model::Model::rc11, outcome))
      row.cls = OutcomeClass::weak;
    else if (analysis.allows(model::Model::iso, outcome))
      row.cls = OutcomeClass::weak_iso;
    else
      row.cls = OutcomeClass::forbidden;
    (row.satisfies ? t.positive : t.negative) += count;
    if (layout.is_witness(outcome)) t.witnesses += count;
    t.histogram.push_back(std::move(row));
  }
  const Interval overlap_ci = wilson_interval(overlap.count, result.iterations);
  overlap.rate = result.iterations
                     ? static_cast<double>(overlap.count) / static_cast<double>(result.iterations)
                     : 0.0;
  overlap.low = overlap_ci.low;
  overlap.high = overlap_ci.high;
  t.overlap = overlap;
  if (t.witnesses > 0) {
    t.first_witness_iterations = result.first_witness_iterations;
    t.first_witness_seconds = result.first_witness_seconds;
  }
  t.observation = observation_of(t.positive, t.negative);

  const bool forbidden_seen = std::any_of(t.histogram.begin(), t.histogram.end(), [](auto& r) {
    return r.cls == OutcomeClass::forbidden && r.count > 0;
  });
  if (forbidden_seen) {
    t.grade = emulated ? Grade::emulator_fault : Grade::forbidden_seen;
  } else if (witness_allowed_rc11 || witness_allowed_iso) {
    t.grade = t.witnesses > 0 ? Grade::weak_seen : Grade::weak_not_seen;
    if (t.witnesses == 0) t.witness_rate_bound = zero_count_upper_bound(t.iterations);
  } else {
    t.grade = Grade::ok;
  }
  return t;
}

}  // namespace hbscope::report
