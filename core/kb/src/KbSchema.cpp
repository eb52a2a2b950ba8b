//===- KbSchema.cpp -------------------------------------------------------===//
#include "portolan/kb/KbSchema.h"

namespace portolan {
namespace {

const std::vector<std::string> Arches = {"aarch64", "loongarch64", "sw_64", "x86_64"};
const std::vector<std::string> Verification = {"verified", "partial", "unverified"};
const std::vector<std::string> Effort = {"trivial", "moderate", "hard", "redesign"};
const std::vector<std::string> Costs = {"direct", "sequence", "emulated", "redesign", "none"};
const std::vector<std::string> Criticality = {"core", "important", "general"};
const std::vector<std::string> Clouds = {"government-cloud", "private-cloud", "dedicated-cloud",
                                         "hybrid-cloud",     "public-cloud",  "saas"};
const std::vector<std::string> Origins = {"foreign", "domestic", "open-source"};
const std::vector<std::string> ApiAreas = {
    "threads/sync", "files/IO", "security/crypto", "process",  "GUI/USER32",
    "sockets/Winsock", "memory", "COM/OLE",       "time",     "misc",
    "services",        "console", "registry",     "dynamic loading"};

FieldSpec req(std::string N, std::vector<std::string> Values = {}) {
  return {std::move(N), FieldType::String, true, std::move(Values)};
}
FieldSpec opt(std::string N, std::vector<std::string> Values = {}) {
  return {std::move(N), FieldType::String, false, std::move(Values)};
}
FieldSpec number(std::string N, bool Required = true) {
  return {std::move(N), FieldType::Float, Required, {}};
}
FieldSpec integer(std::string N, bool Required) {
  return {std::move(N), FieldType::Integer, Required, {}};
}
FieldSpec flag(std::string N) { return {std::move(N), FieldType::Boolean, false, {}}; }
FieldSpec list(std::string N, bool Required, std::vector<std::string> Values = {}) {
  return {std::move(N), FieldType::StringArray, Required, std::move(Values)};
}

std::vector<KindSpec> makeKinds() {
  std::vector<std::string> Targets = Arches;
  Targets.push_back("portable");
  return {
      {"intrinsic", "intrinsics",
       {req("name"), req("isa"), opt("header"),
        req("kind", {"function", "macro", "alias", "constant", "builtin", "target-builtin", "type"}),
        flag("isa_inferred")},
       {"name"}},
      {"api", "apis",
       {req("name"), req("header"), req("dll"),
        req("area", ApiAreas),
        req("equivalent"), req("effort", Effort), opt("note"), req("source"), flag("verified")},
       {"name"}},
      // Microsoft-only C runtime functions (win32.crt).
      {"crt", "crt_functions",
       {req("name"), req("header"), req("equivalent"), req("effort", Effort), opt("note"),
        req("source"), flag("builtin")},
       {"name"}},
      // Rewrites that keep a symbol's meaning exactly (--export-fixes).
      {"fix", "fixes",
       {req("symbol"), req("rule"), req("kind", {"token"}), req("replacement"), opt("note"),
        req("source"), flag("static_in_c")},
       {"symbol"}},
      {"win32_header", "win32_headers",
       {req("header"), req("area", ApiAreas), req("equivalent"), req("effort", Effort),
        opt("note"), req("source"), flag("verified")},
       {"header"}},
      {"win32_type", "win32_types",
       {req("name"), req("equivalent"), opt("note"), req("source")},
       {"name"}},
      {"construct", "constructs",
       {req("id"), req("name"), req("equivalent"), req("effort", Effort), opt("note"),
        req("source")},
       {"id"}},
      {"library", "libraries",
       {req("name"), req("kind", {"framework", "com", "graphics", "runtime"}),
        list("alternatives", true), req("effort", Effort), opt("note"), req("source")},
       {"name"}},
      {"equivalent", "equivalents",
       {opt("symbol"), opt("isa"), opt("header"), req("target", Targets),
        req("route", {"neon", "sve", "lsx", "lasx", "sse2neon", "simde", "std", "posix",
                      "builtin", "library", "none"}),
        opt("replacement"), req("cost", Costs),
        opt("note"), req("source"), flag("verified")},
       {"symbol|isa|header", "target", "route"}},
      {"cpu", "cpus",
       {req("id"), req("vendor"), req("product"), opt("core"), req("arch", Arches), req("isa"),
        {"simd_bits", FieldType::Integer, false, {}}, list("features", true), opt("note"),
        req("source"), req("verification", Verification)},
       {"id"}},
      {"os", "oses",
       {req("id"), req("name"), req("release"), list("arches", true, Arches), opt("kernel"),
        opt("gcc"), opt("glibc"), opt("note"), req("source"), req("verification", Verification)},
       {"id"}},
      // The effort model's weights (knowledge-base/policy/effort.toml).
      {"weight", "weights",
       {req("id"),
        req("applies", {"occurrence", "symbol", "instruction", "block", "module", "binary",
                        "system", "kloc", "dependency", "factor", "constant"}),
        number("low"), number("likely"), number("high"), req("rationale"), req("source")},
       {"id"}},
      // The tier policy: which systems go where, and what each tier allows.
      {"tier", "tiers",
       {req("id"), req("name"), integer("rank", true), integer("min_mlps", false),
        flag("classified"), list("criticality", false, Criticality),
        list("cpus", true), list("oses", true), list("clouds", true, Clouds),
        flag("foreign_dependencies"), req("rationale"), req("source")},
       {"id"}},
      {"dependency", "dependencies",
       {req("name"), list("aliases", false),
        req("category", {"database", "erp", "web-server", "middleware", "mail", "office", "os",
                         "virtualization", "other"}),
        req("vendor_origin", Origins), opt("note"), req("source")},
       {"name"}},
      {"alternative", "alternatives",
       {req("dependency"), req("name"), req("vendor_origin", Origins), list("tiers", true),
        req("effort", Effort), opt("note"), req("source")},
       {"dependency", "name"}},
  };
}

} // namespace

const std::vector<std::string> &kbCostClasses() { return Costs; }
const std::vector<std::string> &kbEffortClasses() { return Effort; }

const FieldSpec *KindSpec::field(llvm::StringRef Name) const {
  for (const FieldSpec &F : Fields)
    if (F.Name == Name)
      return &F;
  return nullptr;
}

const std::vector<KindSpec> &kbKinds() {
  static const std::vector<KindSpec> Kinds = makeKinds();
  return Kinds;
}

const KindSpec *kbKind(llvm::StringRef Key) {
  for (const KindSpec &K : kbKinds())
    if (K.Key == Key)
      return &K;
  return nullptr;
}

std::vector<std::pair<const KindSpec *, std::string>> kbSymbolKinds() {
  return {{kbKind("intrinsic"), "name"}, {kbKind("api"), "name"}, {kbKind("crt"), "name"},
          {kbKind("win32_type"), "name"}, {kbKind("construct"), "id"},
          {kbKind("library"), "name"}};
}

} // namespace portolan
