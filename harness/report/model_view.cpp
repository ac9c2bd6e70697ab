#include "report/model_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/vocabulary.hpp"
#include "model/model.hpp"

namespace hbscope::report {

std::string model_table(const Test& test) {
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  std::string s = fmt::format("{}  {}  ({} candidate executions)\n", test.name,
                              layout.condition().text(), a.executions);
  s += fmt::format("  {:<34} {:>4} {:>5} {:>4} {:>8} {:>6}\n", "outcome", "sc", "rc11", "iso",
                   "x86-tso", "armv8");
  for (const Outcome& o : a.candidates) {
    auto yn = [&](model::Model m) { return a.allows(m, o) ? "yes" : "no"; };
    s += fmt::format("{} {:<34} {:>4} {:>5} {:>4} {:>8} {:>6}\n", layout.satisfies(o) ? '*' : ' ',
                     layout.format(o), yn(model::Model::sc), yn(model::Model::rc11),
                     yn(model::Model::iso), yn(model::Model::x86_tso), yn(model::Model::armv8));
  }
  for (const Outcome& o : a.candidates)
    if (layout.is_witness(o))
      for (model::Model m : model::kModels)
        if (!a.allows(m, o))
          s += fmt::format("  {} forbids {} because of: {}\n", model::model_name(m),
                           layout.format(o), a.why_not(m, o));
  return s + "\n";
}

nlohmann::json model_json(const Test& test) {
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  nlohmann::json models = nlohmann::json::object();
  for (model::Model m : model::kModels) {
    std::set<std::string> states;  // herd's: projected on what the condition names
    std::uint64_t positive = 0, negative = 0;
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)]) {
      const std::string st = layout.herd_state(o);
      if (states.insert(st).second) (layout.satisfies(o) ? positive : negative) += 1;
    }
    std::set<std::string> undefined;
    for (const Outcome& o : a.undefined[static_cast<std::size_t>(m)])
      undefined.insert(layout.herd_state(o));
    nlohmann::json forbidden = nlohmann::json::object();
    for (const Outcome& o : a.candidates)
      if (!a.allows(m, o)) forbidden[layout.format(o)] = a.why_not(m, o);
    models[model::model_name(m)] = {
        {"observation", std::string(name(observation_of(positive, negative)))},
        {"positive", positive},
        {"negative", negative},
        {"allowed", std::vector<std::string>(states.begin(), states.end())},
        {"undefined", std::vector<std::string>(undefined.begin(), undefined.end())},
        {"forbidden", forbidden}};
  }
  return {{"test", test.name},
          {"condition", layout.condition().text()},
          {"executions", a.executions},
          {"models", models}};
}

}  // namespace hbscope::report
