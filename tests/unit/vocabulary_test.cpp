#include "core/vocabulary.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

using namespace hbscope;

namespace {
//! Every word of a vocabulary reads back as its value, and no two values share a word.
template <class E>
void check_round_trip() {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < Words<E>::list.size(); ++i) {
    const auto value = static_cast<E>(i);
    INFO(name(value));
    CHECK(parse_word<E>(name(value)) == value);
    CHECK(seen.insert(name(value)).second);
  }
  CHECK_FALSE(parse_word<E>("psychic").has_value());
  CHECK_FALSE(parse_word<E>("").has_value());
}
}  // namespace

TEST_CASE("each vocabulary has one spelling per value", "[vocabulary]") {
  check_round_trip<Verdict>();
  check_round_trip<Observation>();
  check_round_trip<OutcomeClass>();
  check_round_trip<Grade>();
  check_round_trip<Sync>();
  check_round_trip<Policy>();
}

TEST_CASE("the words are the ones results files and litmus7 logs use", "[vocabulary]") {
  CHECK(name(Observation::sometimes) == "Sometimes");
  CHECK(name(OutcomeClass::weak_iso) == "weak-iso");
  CHECK(name(Grade::forbidden_seen) == "forbidden-seen");
  CHECK(name(Sync::timebase) == "timebase");
  CHECK(name(Policy::cpus) == "cpus");
  CHECK(parse_word<Verdict>("Allowed") == std::nullopt);  // case matters: one spelling
  std::ostringstream os;
  os << Grade::weak_not_seen;
  CHECK(os.str() == "weak-not-seen");
}

TEST_CASE("observations follow herd's rule", "[vocabulary]") {
  CHECK(observation_of(0, 10) == Observation::never);
  CHECK(observation_of(0, 0) == Observation::never);
  CHECK(observation_of(3, 0) == Observation::always);
  CHECK(observation_of(3, 7) == Observation::sometimes);
}
