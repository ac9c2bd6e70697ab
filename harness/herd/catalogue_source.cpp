#include "herd/catalogue_source.hpp"

#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "core/outcome.hpp"
#include "core/source_text.hpp"

namespace hbscope::herd {

namespace {

// Names a generated declaration cannot take: C++ keywords and the DSL's own vocabulary.
const std::set<std::string>& taken_names() {
  static const std::set<std::string> names = {
      // the DSL (core/test.hpp)
      "ld", "st", "fence", "xchg", "fetch_add", "ld_na", "st_na", "assign", "if_eq", "if_ne", "cas",
      "cas_c", "st_reg", "rlx", "acq", "rel", "acq_rel", "sc", "allowed", "forbidden", "Loc", "Reg",
      "Op", "OpKind", "Test", "Order", "RegNames", "dsl", "hbscope", "litmus", "std",
      // C++ keywords a litmus test could plausibly use as a name
      "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
      "const", "constexpr", "continue", "default", "delete", "do", "double", "else", "enum",
      "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
      "int", "long", "mutable", "namespace", "new", "not", "operator", "or", "private", "protected",
      "public", "register", "return", "short", "signed", "sizeof", "static", "struct", "switch",
      "template", "this", "throw", "true", "try", "typedef", "typename", "union", "unsigned",
      "using", "virtual", "void", "volatile", "while", "xor", "module", "import", "concept",
      "requires", "co_await", "co_yield", "co_return", "char8_t"};
  return names;
}

bool usable_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  // Reserved: leading underscore + capital, or a double underscore anywhere.
  if ((s[0] == '_' && s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]))) ||
      s.find("__") != std::string::npos)
    return false;
  return !taken_names().count(s);
}

// The DSL's names are order_name's (rlx, acq...); it has none for consume.
std::string dsl_order(Order o) {
  return o == Order::consume ? "std::memory_order_consume" : std::string(order_name(o));
}

}  // namespace

std::string catalogue_identifier(std::string_view test_name) {
  std::string id;
  for (char c : test_name) {
    const unsigned char u = static_cast<unsigned char>(c);
    id += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
  }
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "t_" + id;
  while (id.find("__") != std::string::npos) id.replace(id.find("__"), 2, "_");
  if (!usable_identifier(id)) id += "_test";
  return id;
}

std::string catalogue_source(const Test& t, std::string_view herd_text) {
  const std::string var = catalogue_identifier(t.name);
  // Names for locations and registers: the test's own where C++ allows them and they do not
  // clash; Loc{i} / Reg{i} otherwise. A register name is usable only when it has the same
  // index in every thread that has it.
  std::set<std::string> used{var};
  std::vector<std::string> loc_name(t.locs.size);
  for (std::size_t l = 0; l < t.locs.size; ++l) {
    const std::string n(t.locs.v[l].name);
    if (usable_identifier(n) && used.insert(n).second) loc_name[l] = n;
  }
  std::map<std::string, int> reg_index;
  std::set<std::string> clashing;
  for (std::size_t th = 0; th < t.threads.size; ++th)
    for (std::size_t r = 0; r < t.threads.v[th].registers(); ++r) {
      const std::string n = register_name(t, th, r);
      auto [it, fresh] = reg_index.emplace(n, static_cast<int>(r));
      if (!fresh && it->second != static_cast<int>(r)) clashing.insert(n);
    }
  std::map<std::string, int> reg_decl;  // registers declared by name
  for (const auto& [n, i] : reg_index)
    if (!clashing.count(n) && usable_identifier(n) && !used.count(n)) reg_decl[n] = i;
  auto loc = [&](int l) {
    return loc_name[static_cast<std::size_t>(l)].empty() ? "Loc{" + std::to_string(l) + "}"
                                                         : loc_name[static_cast<std::size_t>(l)];
  };
  auto reg = [&](std::size_t th, int r) {
    const std::string n = register_name(t, th, static_cast<std::size_t>(r));
    return reg_decl.count(n) ? n : "Reg{" + std::to_string(r) + "}";
  };
  auto op_text = [&](std::size_t th, const Op& op) -> std::string {
    const std::string o = dsl_order(op.order), v = std::to_string(op.value);
    const bool special =
        op.accumulate || op.unsequenced || op.weak || op.fetch != Fetch::add || op.data_dep >= 0 ||
        op.addr_dep >= 0 ||
        (op.value_reg >= 0 && (op.plain || op.value != 0 || op.kind == OpKind::assign));
    if (special) return cpp_op_literal(op);
    switch (op.kind) {
      case OpKind::load:
        return op.plain ? "ld_na(" + reg(th, op.reg) + ", " + loc(op.loc) + ")"
                        : "ld(" + reg(th, op.reg) + ", " + loc(op.loc) + ", " + o + ")";
      case OpKind::store:
        if (op.value_reg >= 0)
          return "st_reg(" + loc(op.loc) + ", " + reg(th, op.value_reg) + ", " + o + ")";
        return op.plain ? "st_na(" + loc(op.loc) + ", " + v + ")"
                        : "st(" + loc(op.loc) + ", " + v + ", " + o + ")";
      case OpKind::fence:
        return "fence(" + o + ")";
      case OpKind::exchange:
        return "xchg(" + reg(th, op.reg) + ", " + loc(op.loc) + ", " + v + ", " + o + ")";
      case OpKind::fetch_add:
        return "fetch_add(" + reg(th, op.reg) + ", " + loc(op.loc) + ", " + v + ", " + o + ")";
      case OpKind::cas:
        if (op.expected_loc >= 0)
          return "cas_c(" + reg(th, op.reg) + ", " + loc(op.loc) + ", " + loc(op.expected_loc) +
                 ", " + v + ", " + o + ", " + dsl_order(op.fail_order) + ")";
        return "cas(" + reg(th, op.reg) + ", " + loc(op.loc) + ", " + std::to_string(op.expected) +
               ", " + v + ", " + o + ", " + dsl_order(op.fail_order) + ")";
      case OpKind::assign:
        return "assign(" + reg(th, op.reg) + ", " + v + ")";
      case OpKind::branch:
        return std::string(op.negate ? "if_ne(" : "if_eq(") + reg(th, op.reg) + ", " + v + ", " +
               std::to_string(op.span) + ")";
    }
    return cpp_op_literal(op);
  };

  std::ostringstream s;
  s << "// " << t.name << " — imported from herd7's C dialect by `hbscope import`.\n//\n";
  std::string herd(herd_text);
  while (!herd.empty() && (herd.back() == '\n' || herd.back() == '\r' || herd.back() == ' '))
    herd.pop_back();
  std::istringstream lines{herd};
  for (std::string line; std::getline(lines, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\\'))
      line.pop_back();  // a trailing backslash would continue the comment onto the next line
    s << "//" << (line.empty() ? "" : "   " + line) << "\n";
  }
  s << "//\n// The verdicts below were computed by hbscope's models when the file was imported; "
       "the\n"
    << "// catalogue's unit tests check them again on every build.\n"
    << "#include \"run/registry.hpp\"\n\nnamespace hbscope::litmus {\nnamespace {\n"
    << "using namespace hbscope::dsl;\n\n";
  bool any = false;
  for (std::size_t l = 0; l < t.locs.size; ++l)
    if (!loc_name[l].empty() && !(l < 4 && loc_name[l] == std::string(1, "xyzw"[l]))) {
      s << "constexpr Loc " << loc_name[l] << "{" << l << "};\n";
      any = true;
    }
  for (const auto& [n, i] : reg_decl)
    if (!(i < 4 && n == "r" + std::to_string(i))) {
      s << "constexpr Reg " << n << "{" << i << "};\n";
      any = true;
    }
  if (any) s << "\n";
  s << "constexpr Test " << var << "{\n    .name = " << cpp_literal(t.name)
    << ",\n    .locs = " << cpp_locations(t) << ",\n    .threads = " << cpp_threads(t, op_text);
  auto verdict = [](Verdict v) { return v == Verdict::allowed ? "allowed" : "forbidden"; };
  s << ",\n    .condition = " << cpp_literal(t.condition)
    << ",\n    .cpp = {.rc11 = " << verdict(t.cpp.rc11) << ", .iso = " << verdict(t.cpp.iso)
    << "},\n    .why = " << cpp_literal(t.why) << ",\n";
  bool named = false;  // registers named otherwise than r0, r1...
  for (std::size_t th = 0; th < t.threads.size; ++th)
    for (std::size_t r = 0; r < t.threads.v[th].registers(); ++r)
      named = named || register_name(t, th, r) != "r" + std::to_string(r);
  if (named) s << "    .registers = " << cpp_register_names(t) << ",\n";
  if (!t.observed.empty()) s << "    .observed = " << cpp_literal(t.observed) << ",\n";
  s << "};\nHBSCOPE_REGISTER(" << var << ");\n\n}  // namespace\n}  // namespace hbscope::litmus\n";
  return s.str();
}

}  // namespace hbscope::herd
