#include "herd/import.hpp"

#include <algorithm>
#include <set>

#include "core/outcome.hpp"
#include "herd/catalogue_source.hpp"
#include "herd/parser.hpp"
#include "model/model.hpp"

namespace hbscope::herd {

Imported import_litmus(const std::filesystem::path& path, const NameTaken& name_taken) {
  // The name as typed, not extension(): a file called ".litmus" is refused the same way.
  const std::string p = path.string();
  if (!p.ends_with(".litmus"))
    throw ImportError("import reads a herd C .litmus file, not '" + p + "'");
  std::unique_ptr<LitmusFile> file;
  try {
    file = read_litmus(p);
  } catch (const ParseError& e) {
    throw ImportError(e.what());
  }
  Test& test = file->test;
  if (name_taken(test.name))
    throw ImportError("the catalogue already has a test called " + std::string(test.name) +
                      ": rename it on the file's first line (C NAME)");
  // The verdicts on the witness, from the models, as the catalogue's hand-written ones would be.
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const model::Analysis a = model::analyse(test, layout);
  test.cpp = {a.allows_witness(model::Model::rc11, layout) ? Verdict::allowed : Verdict::forbidden,
              a.allows_witness(model::Model::iso, layout) ? Verdict::allowed : Verdict::forbidden};
  std::string why;
  const std::string origin = path.filename().string();
  if (test.cpp.rc11 == Verdict::allowed) {
    why = "C++ allows the witness (RC11 and ISO C++); imported from " + origin;
  } else {
    const auto w = std::find_if(a.candidates.begin(), a.candidates.end(),
                                [&](const Outcome& o) { return layout.is_witness(o); });
    why = w == a.candidates.end()
              ? "no execution produces the witness"
              : "RC11 forbids the witness: " + a.why_not(model::Model::rc11, *w);
    why += test.cpp.iso == Verdict::allowed ? " (ISO C++ allows it)" : "";
    why += "; imported from " + origin;
  }
  test.why = file->strings.emplace_back(why);

  Imported out{.name = std::string(test.name),
               .source = file->source,
               .cpp = catalogue_source(test, file->source),
               .verdict = test.cpp};
  // The catalogue's conventions, which its unit tests check: said at import rather than at ctest.
  std::set<Outcome> others;
  for (model::Model m : {model::Model::rc11, model::Model::iso})
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)])
      if (!a.allows(model::Model::sc, o) && !layout.is_witness(o)) others.insert(o);
  if (!others.empty())
    out.notes.push_back(
        "C++ allows " + std::to_string(others.size()) +
        " non-SC outcome(s) besides the witness; the catalogue's unit test 'RC11 allows exactly "
        "SC plus the witness' expects none, so make the condition name the one outcome the test "
        "is about");
  if (a.allows_witness(model::Model::sc, layout))
    out.notes.push_back(
        "an interleaving (SC) produces the witness; the catalogue's unit test 'every catalogue "
        "witness is a non-SC outcome' expects the condition to ask for a weak outcome");
  return out;
}

}  // namespace hbscope::herd
