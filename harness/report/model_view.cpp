#include "report/model_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "core/vocabulary.hpp"
#include "model/model.hpp"
#include "support/text.hpp"

namespace hbscope::report {

std::string model_table(const Test& test) {
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  std::string s = fmt::format("{}  {}  ({} candidate executions)\n", test.name,
                              layout.condition().text(), a.executions);
  // One column per model, in kModels' order, as wide as its name.
  auto width = [](model::Model m) {
    return std::max<std::size_t>(4, std::string_view(model::model_name(m)).size());
  };
  s += fmt::format("  {:<34}", "outcome");
  for (model::Model m : model::kModels) s += fmt::format(" {:>{}}", model::model_name(m), width(m));
  s += "\n";
  for (const Outcome& o : a.candidates) {
    s += fmt::format("{} {:<34}", layout.satisfies(o) ? '*' : ' ', layout.format(o));
    for (model::Model m : model::kModels)
      s += fmt::format(" {:>{}}", a.allows(m, o) ? "yes" : "no", width(m));
    s += "\n";
  }
  for (const Outcome& o : a.candidates)
    if (layout.is_witness(o))
      for (model::Model m : model::kModels)
        if (!a.allows(m, o))
          s += fmt::format("  {} forbids {} because of: {}\n", model::model_name(m),
                           layout.format(o), a.why_not(m, o));
  if (uses_consume(test)) s += support::wrap(consume_note(), "  ");
  return s + "\n";
}

bool uses_consume(const Test& test) {
  for (std::size_t t = 0; t < test.threads.size; ++t)
    for (std::size_t i = 0; i < test.threads.v[t].size; ++i)
      if (test.threads.v[t].ops[i].kind != OpKind::branch &&
          test.threads.v[t].ops[i].order == Order::consume)
        return true;
  return false;
}

std::string consume_note() {
  return "memory_order_consume: rc11 and iso follow herd's rc11.cat, where a consume read does "
         "not synchronise (it is a relaxed read); c11 follows c11_partialSC.cat, where a release "
         "write read by consume is dependency-ordered-before what depends on the read. Compilers "
         "emit consume as acquire (ldar on AArch64, a plain mov on x86-64), so the hardware "
         "models and the machine may forbid outcomes rc11 and iso allow.";
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
