// One fuzz input: parse it as a herd C litmus file; export what parsed and parse it again (it
// must come back the same); when it is small, model it and check the SC model against the
// interleaving enumerator. Any exception other than the
// documented ParseError / invalid_argument, any crash, hang, leak or sanitizer report, and a
// lossy export round trip, is a bug. Shared by the libFuzzer build (run.sh) and the replay test.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "herd/litmus_file.hpp"
#include "model/interleavings.hpp"
#include "model/model.hpp"

int hbscope_fuzz_one(const std::uint8_t* data, std::size_t size) {
  using namespace hbscope;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto file = herd::parse_litmus(text, "fuzz.litmus");
    std::string exported;
    try {
      exported = herd::export_litmus(file->test);
    } catch (const std::invalid_argument&) {  // a CAS: herd's C cannot say it
    }
    if (!exported.empty()) {
      const auto back = herd::parse_litmus(exported, "exported.litmus");
      if (canonical_text(back->test) != canonical_text(file->test)) std::abort();
    }
    std::size_t ops = 0;
    for (std::size_t t = 0; t < file->test.threads.size; ++t) ops += file->test.threads.v[t].size;
    if (ops <= 10) {  // modelling is exponential by nature: keep each input fast
      const OutcomeLayout layout(file->test, Condition::parse(file->test.condition));
      const model::Analysis a = model::analyse(file->test, layout);
      // Differential check: the axiomatic SC model and the interleaving enumerator agree,
      // unless C++ leaves two reads unsequenced (the enumerator runs them in written order).
      if (!file->test.has_unsequenced_reads() &&
          a.allowed[static_cast<std::size_t>(model::Model::sc)] !=
              model::interleaving_outcomes(file->test, layout))
        std::abort();
    }
  } catch (const herd::ParseError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
