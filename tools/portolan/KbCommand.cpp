//===- KbCommand.cpp - portolan kb show | search | stats ------------------===//
#include "Cli.h"
#include "Plugins.h"

#include "portolan/plan/Effort.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/GlobPattern.h>
#include <llvm/Support/JSON.h>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

cl::list<std::string> KbArgs(cl::Positional, cl::desc("show SYMBOL | search PATTERN | stats"),
                             cl::sub(kbCommand()), cl::cat(category()));
cl::opt<std::string> Target("target",
                            cl::desc("kb show: only this target, a CPU id from 'kb stats' "
                                     "(kunpeng-920, loongson-3a5000, hygon-c86-dhyana, ...) or "
                                     "an architecture (aarch64, loongarch64, sw_64, portable)"),
                            cl::value_desc("target"), cl::sub(kbCommand()), cl::cat(category()));
cl::opt<unsigned> Limit("limit", cl::desc("kb search: at most this many results"), cl::init(50),
                        cl::sub(kbCommand()), cl::cat(category()));

llvm::json::Object toJson(const KbEquivalent &E) {
  llvm::json::Object O{{"target", E.Target},   {"route", E.Route}, {"replacement", E.Replacement},
                       {"cost", E.Cost},       {"note", E.Note},   {"source", E.Source},
                       {"verified", E.Verified}};
  if (!E.ByIsa.empty())
    O["isa_rule"] = E.ByIsa;
  return O;
}

/// For a domestic x86 CPU: does it have every ISA extension the intrinsic needs?
struct NativeCheck {
  bool Native = true;
  std::vector<std::string> Missing;
};

NativeCheck checkNative(const KbCpu &Cpu, llvm::StringRef Isa) {
  NativeCheck R;
  R.Missing = missingIsa(Cpu.Features, Isa);
  R.Native = R.Missing.empty();
  return R;
}

int show(const KnowledgeBase &KB, llvm::StringRef Symbol) {
  std::optional<KbSymbol> Sym = KB.lookup(Symbol);
  if (!Sym) {
    std::string Hint;
    auto Similar = KB.search(("*" + Symbol + "*").str(), 5);
    for (const auto &[Kind, Name] : Similar)
      Hint += (Hint.empty() ? "; similar: " : ", ") + Name;
    return fail("'" + Symbol + "' is not in the knowledge base" + Hint, ExitNotFound);
  }
  std::optional<KbCpu> Cpu;
  std::string Arch = Target;
  if (!Target.empty()) {
    Cpu = KB.cpu(Target);
    if (Cpu)
      Arch = Cpu->Arch;
    else if (!llvm::is_contained({"aarch64", "loongarch64", "sw_64", "x86_64", "portable"},
                                 Target.getValue()))
      return fail("unknown target '" + Target + "'; 'portolan kb stats' lists the CPUs",
                  ExitUsage);
  }
  std::vector<KbEquivalent> Equivalents;
  for (KbEquivalent &E : KB.equivalents(Symbol))
    if (Arch.empty() || E.Target == Arch || E.Target == "portable")
      Equivalents.push_back(std::move(E));
  std::optional<NativeCheck> Native;
  if (Cpu && Cpu->Arch == "x86_64" && Sym->Kind == "intrinsic")
    Native = checkNative(*Cpu, Sym->Fields["isa"]);

  return emit([&](llvm::raw_ostream &OS) {
    if (format() == Format::Json) {
      llvm::json::Object Fields;
      for (const auto &[K, V] : Sym->Fields)
        Fields[K] = V;
      llvm::json::Array Eq;
      for (const KbEquivalent &E : Equivalents)
        Eq.push_back(toJson(E));
      llvm::json::Object O{{"symbol", Symbol},
                           {"kind", Sym->Kind},
                           {"entry", Sym->Name},
                           {"fields", std::move(Fields)},
                           {"origin", Sym->Origin},
                           {"equivalents", std::move(Eq)}};
      if (Cpu)
        O["target"] = llvm::json::Object{{"cpu", Cpu->Id}, {"arch", Cpu->Arch}};
      if (Native)
        O["native"] = llvm::json::Object{{"native", Native->Native},
                                         {"missing", llvm::json::Array(Native->Missing)}};
      OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(O))) << "\n";
      return;
    }
    OS << Symbol << ": " << Sym->Kind;
    if (Sym->Name != Symbol)
      OS << " (entry " << Sym->Name << ")";
    OS << "\n";
    for (const auto &[K, V] : Sym->Fields)
      OS << "  " << llvm::left_justify(K, 12) << " " << V << "\n";
    OS << "  defined at " << Sym->Origin << "\n";
    if (Cpu)
      OS << "\nOn " << Cpu->Vendor << " " << Cpu->Product << " (" << Cpu->Arch << "):\n";
    if (Native) {
      if (Native->Native)
        OS << "  runs natively: the CPU has every extension it needs ("
           << Sym->Fields["isa"] << ")\n";
      else
        OS << "  does not run natively: the CPU lacks " << llvm::join(Native->Missing, ", ")
           << "\n";
    }
    if (Equivalents.empty()) {
      // APIs, types, constructs and libraries carry their replacement in
      // their own fields.
      if (!Native && Sym->Kind == "intrinsic")
        OS << "\n  no equivalent recorded" << (Arch.empty() ? "" : " for " + Arch) << "\n";
      return;
    }
    OS << "\nEquivalents:\n";
    for (const KbEquivalent &E : Equivalents) {
      OS << "  " << llvm::left_justify(E.Target, 12) << llvm::left_justify(E.Route, 9)
         << llvm::left_justify(E.Cost, 10) << (E.Replacement.empty() ? "-" : E.Replacement)
         << "\n";
      if (!E.Note.empty())
        OS << "      " << E.Note << "\n";
      OS << "      source: " << E.Source << (E.Verified ? "" : " (unverified)");
      if (!E.ByIsa.empty())
        OS << "; no entry of its own, rule for "
           << (llvm::StringRef(E.ByIsa).starts_with("header ") ? "" : "ISA ") << E.ByIsa;
      OS << "\n";
    }
  });
}

int search(const KnowledgeBase &KB, llvm::StringRef Pattern) {
  // A plain word searches for names containing it.
  std::string Glob = Pattern.find_first_of("*?[") == llvm::StringRef::npos
                         ? ("*" + Pattern + "*").str()
                         : Pattern.str();
  // SQLite's GLOB matches nothing for a broken class ("["): say so.
  if (auto Valid = llvm::GlobPattern::create(Glob); !Valid)
    return fail("kb search " + Pattern + ": invalid pattern: " + llvm::toString(Valid.takeError()),
                ExitUsage);
  auto Results = KB.search(Glob, Limit);
  return emit([&](llvm::raw_ostream &OS) {
    if (format() == Format::Json) {
      llvm::json::Array A;
      for (const auto &[Kind, Name] : Results)
        A.push_back(llvm::json::Object{{"kind", Kind}, {"name", Name}});
      OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
      return;
    }
    for (const auto &[Kind, Name] : Results)
      OS << llvm::left_justify(Kind, 12) << Name << "\n";
    if (Results.size() == Limit)
      OS << "(first " << Limit << " shown; --limit N for more)\n";
  });
}

int stats(const KnowledgeBase &KB) {
  KbStats S = KB.stats();
  std::vector<KbCpu> Cpus = KB.cpus();
  return emit([&](llvm::raw_ostream &OS) {
    if (format() == Format::Json) {
      llvm::json::Object Tables, ByIsa, ByKind, Coverage;
      for (const auto &[K, N] : S.IntrinsicsByKind)
        ByKind[K] = N;
      for (const auto &[T, N] : S.Tables)
        Tables[T] = N;
      for (const auto &[I, N] : S.IntrinsicsByIsa)
        ByIsa[I] = N;
      for (const auto &[T, Named, Rules] : S.Coverage)
        Coverage[T] = llvm::json::Object{{"intrinsics_with_own_entry", Named},
                                         {"isa_rules", Rules}};
      llvm::json::Array CpuIds;
      for (const KbCpu &C : Cpus)
        CpuIds.push_back(llvm::json::Object{{"id", C.Id}, {"arch", C.Arch}});
      OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                       {"path", KB.path()},
                                       {"version", KB.version()},
                                       {"tables", std::move(Tables)},
                                       {"intrinsics_by_isa", std::move(ByIsa)},
                                       {"intrinsics_by_kind", std::move(ByKind)},
                                       {"coverage", std::move(Coverage)},
                                       {"sse_family", S.SseFamily},
                                       {"sse_family_with_arm64", S.SseFamilyWithArm64},
                                       {"cpus", std::move(CpuIds)}}))
         << "\n";
      return;
    }
    OS << "Knowledge base " << KB.path() << " (version " << KB.version() << ")\n\nEntries:\n";
    for (const auto &[T, N] : S.Tables)
      OS << "  " << llvm::left_justify(T, 14) << llvm::right_justify(std::to_string(N), 7)
         << "\n";
    OS << "\nx86 intrinsics by kind:\n";
    for (const auto &[K, N] : S.IntrinsicsByKind)
      OS << "  " << llvm::left_justify(K, 16) << llvm::right_justify(std::to_string(N), 6)
         << "\n";
    OS << "\nx86 intrinsics by ISA extension (" << S.IntrinsicsByIsa.size()
       << " combinations; the 25 largest):\n";
    for (size_t I = 0; I < S.IntrinsicsByIsa.size() && I < 25; ++I)
      OS << "  " << llvm::left_justify(S.IntrinsicsByIsa[I].first, 30)
         << llvm::right_justify(std::to_string(S.IntrinsicsByIsa[I].second), 6) << "\n";
    OS << "\nEquivalents by target:\n";
    for (const auto &[T, Named, Rules] : S.Coverage)
      OS << "  " << llvm::left_justify(T, 12) << llvm::right_justify(std::to_string(Named), 6)
         << " intrinsics with their own entry, " << Rules << " rules by ISA or header\n";
    OS << "  SSE-family intrinsic names (MMX to SSE4.2, AES, PCLMUL, CRC32, POPCNT; raw "
          "builtins aside) with an ARM64 entry: "
       << S.SseFamilyWithArm64 << " of " << S.SseFamily << "\n";
    OS << "\nTarget CPUs:\n";
    for (const KbCpu &C : Cpus)
      OS << "  " << llvm::left_justify(C.Id, 18) << llvm::left_justify(C.Arch, 12) << C.Vendor
         << " " << C.Product << "\n";
  });
}

} // namespace

int runKb(const char *Argv0) {
  if (KbArgs.empty())
    return fail("kb needs an action: show SYMBOL, search PATTERN or stats", ExitUsage);
  const std::string &Action = KbArgs[0];
  size_t Wanted = Action == "stats" ? 1 : 2;
  if ((Action != "show" && Action != "search" && Action != "stats") || KbArgs.size() != Wanted)
    return fail("usage: portolan kb show SYMBOL | search PATTERN | stats", ExitUsage);
  PluginHost Host;
  loadPlugins(Host, Argv0);
  auto KB = openKnowledgeBase(Argv0, Host);
  if (!KB)
    return fail(llvm::toString(KB.takeError()), ExitInput);
  if (Action == "show")
    return show(**KB, KbArgs[1]);
  if (Action == "search")
    return search(**KB, KbArgs[1]);
  return stats(**KB);
}

} // namespace portolan::cli
