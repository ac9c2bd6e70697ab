//! hbscope model: the public API (model.hpp) over the enumeration (candidates.hpp): names,
//! verdict queries, and the instruction mappings the hardware models assume.
#include "model/model.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "model/candidates.hpp"

namespace hbscope::model {

const char* model_name(Model m) {
  switch (m) {
    case Model::sc:
      return "sc";
    case Model::rc11:
      return "rc11";
    case Model::iso:
      return "iso";
    case Model::c11:
      return "c11";
    case Model::x86_tso:
      return "x86-tso";
    case Model::armv8:
      return "armv8";
  }
  return "?";
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (Model m : kModels) names.emplace_back(model_name(m));
  return names;
}

std::optional<Model> parse_model(std::string_view name) {
  for (Model m : kModels)
    if (name == model_name(m)) return m;
  return std::nullopt;
}

const Model* hardware_model_of(const std::string& arch) {
  static const Model x86 = Model::x86_tso, arm = Model::armv8;
  if (arch == "x86_64") return &x86;
  if (arch == "aarch64") return &arm;
  return nullptr;
}

bool Analysis::allows(Model m, const Outcome& o) const {
  const auto& a = allowed[static_cast<std::size_t>(m)];
  return std::binary_search(a.begin(), a.end(), o);
}

bool Analysis::allows_witness(Model m, const OutcomeLayout& layout) const {
  const auto& a = allowed[static_cast<std::size_t>(m)];
  return std::any_of(a.begin(), a.end(), [&](const Outcome& o) { return layout.is_witness(o); });
}

std::string Analysis::why_not(Model m, const Outcome& o) const {
  const auto& r = reasons[static_cast<std::size_t>(m)];
  auto it = r.find(o);
  if (it == r.end())
    return pruned ? "no execution that is SC per location produces it (coherence)"
                  : "no execution produces it";
  // In the order of their spellings: the order reports have always listed them in.
  std::vector<std::string_view> names;
  for (Axiom why : it->second) names.emplace_back(axiom_name(why));
  std::sort(names.begin(), names.end());
  std::string s;
  for (std::string_view why : names) (s += s.empty() ? "" : "; ") += why;
  return s;
}

std::string mapping_text() {
  return "C++ -> x86-64 (as GCC and Clang compile it; the x86-tso model):\n"
         "  load (any order)            mov\n"
         "  store rlx / rel             mov\n"
         "  store sc                    xchg (locked: a full fence)\n"
         "  fence acq / rel / acq_rel   nothing\n"
         "  fence sc                    mfence (or a locked no-op)\n"
         "  RMW (any order)             lock xadd / xchg / lock cmpxchg (locked)\n"
         "C++ -> AArch64 (GCC; the armv8 model):\n"
         "  load rlx                    ldr\n"
         "  load acq / sc               ldar\n"
         "  store rlx                   str\n"
         "  store rel / sc              stlr\n"
         "  fence acq                   dmb ishld\n"
         "  fence rel / acq_rel / sc    dmb ish\n"
         "  RMW                         ldxr/stxr loop, with ldaxr when the order acquires and\n"
         "                              stlxr when it releases (LSE: one ldadd/swp/cas with the\n"
         "                              same acquire/release suffixes, same model)\n";
}

Analysis analyse(const Test& test, const OutcomeLayout& layout) {
  for (std::size_t t = 0; t < test.threads.size; ++t)
    for (std::size_t i = 0; i < test.threads.v[t].size; ++i) {
      const Op& op = test.threads.v[t].ops[i];
      const bool has_loc =
          op.kind != OpKind::fence && op.kind != OpKind::assign && op.kind != OpKind::branch;
      if (has_loc && (op.loc < 0 || op.loc >= test.locs.size))
        throw std::invalid_argument(std::string(test.name) + ": an operation names location " +
                                    std::to_string(op.loc) + ", which is not declared");
    }
  Analysis a;
  enumerate(test, layout, a);
  return a;
}

Explanation explain(const Test& test, const OutcomeLayout& layout, const Outcome& o, Model m) {
  Analysis a;
  Explanation x;
  const ExplainRequest ask{o, m, x};
  enumerate(test, layout, a, &ask);
  return x;
}

}  // namespace hbscope::model
