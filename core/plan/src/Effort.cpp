//===- Effort.cpp ---------------------------------------------------------===//
#include "portolan/plan/Effort.h"

#include "portolan/kb/KbSchema.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace portolan {
namespace {

/// Windows API areas costed as a lump sum per module rather than per call:
/// their code is rewritten, not translated call by call.
const char *redesignArea(llvm::StringRef Area) {
  if (Area == "GUI/USER32")
    return "module.gui";
  if (Area == "COM/OLE")
    return "module.com";
  if (Area == "services")
    return "module.services";
  return nullptr;
}

/// The module a file belongs to: its first folder under the system root.
std::string moduleOf(llvm::StringRef File) {
  auto [Head, Tail] = File.split('/');
  return Tail.empty() ? "." : Head.str();
}

/// The number just before Word in Text ("file scope; 3 instructions: ..."
/// gives 3 for " instruction"), or 0.
size_t numberBefore(llvm::StringRef Text, llvm::StringRef Word) {
  size_t At = Text.find(Word);
  if (At == llvm::StringRef::npos)
    return 0;
  llvm::StringRef Digits = Text.take_front(At);
  Digits = Digits.take_back(Digits.size() - Digits.find_last_not_of("0123456789") - 1);
  size_t N = 0;
  return Digits.getAsInteger(10, N) ? 0 : N;
}

/// The counterpart an x86.asm-source note names ("...; counterpart: <path
/// or none>[; ...]").
llvm::StringRef counterpartOf(llvm::StringRef Note) {
  size_t At = Note.find("counterpart: ");
  if (At == llvm::StringRef::npos)
    return "none";
  return Note.drop_front(At + 13).split(';').first.trim();
}

/// The routine an x86 assembly source implements, for telling the x86
/// variants of one routine apart from different routines: its path with
/// x86 folder names (i386/, x86_64/) and x86 ISA pieces of its name
/// (-sse2, _avx2, -3dn) set aside. libjpeg-turbo's simd/i386/jidctflt-sse.asm,
/// simd/i386/jidctflt-sse2.asm and simd/x86_64/jidctflt-sse2.asm are one
/// routine: a port writes it once for the target.
std::string asmRoutine(llvm::StringRef File) {
  auto IsX86Piece = [](llvm::StringRef P) {
    std::string L = P.lower();
    return llvm::is_contained({"i386", "i486", "i586", "i686", "ia32", "x86", "x86_64", "x64",
                               "amd64", "win32", "win64", "mmx", "3dn", "3dnow", "sse", "sse2",
                               "sse3", "ssse3", "sse4", "sse41", "sse42", "avx", "avx2", "avx512",
                               "fma", "bmi", "bmi2"},
                              L);
  };
  llvm::SmallVector<llvm::StringRef, 8> Folders;
  llvm::StringRef(File).split(Folders, '/');
  llvm::StringRef Name = Folders.pop_back_val();
  std::string Key;
  for (llvm::StringRef D : Folders)
    Key += (IsX86Piece(D) ? std::string("*") : D.str()) + "/";
  std::string Stem = Name.rsplit('.').first.str();
  std::replace(Stem.begin(), Stem.end(), '_', '-');
  llvm::SmallVector<llvm::StringRef, 4> Pieces;
  llvm::StringRef(Stem).split(Pieces, '-');
  bool Named = false;
  for (llvm::StringRef P : Pieces)
    if (!IsX86Piece(P)) {
      Key += P.str() + "-";
      Named = true;
    }
  // A name that is all architecture (x86_64.S) names no routine: its own.
  return Named ? Key : File.str();
}

/// The factor for how much of a finding is left to port: advisory,
/// inactive, or guarded by an alternative or a fallback; the smallest
/// that applies. x86.error-guard is the #error every other build stops at.
double portionLeft(const Finding &F, const EffortWeights &W) {
  double Factor = 1;
  if (F.Rule == "x86.error-guard")
    return Factor;
  if (F.Advisory)
    Factor = std::min(Factor, W["factor.advisory"].Likely);
  if (F.Inactive)
    Factor = std::min(Factor, W["factor.inactive"].Likely);
  if (F.Guard == "has-alternative")
    Factor = std::min(Factor, W["factor.has-alternative"].Likely);
  if (F.Guard == "has-fallback")
    Factor = std::min(Factor, W["factor.has-fallback"].Likely);
  return Factor;
}

bool blocks(const Finding &F) {
  return F.Rule == "x86.error-guard" ||
         (!F.Advisory && !F.Inactive && F.Guard != "has-alternative" &&
          F.Guard != "has-fallback");
}

} // namespace

std::string cheapestCost(const std::vector<KbEquivalent> &Equivalents, llvm::StringRef Arch) {
  const std::vector<std::string> &Classes = kbCostClasses();
  size_t Best = Classes.size();
  for (const KbEquivalent &Q : Equivalents)
    if (Q.Target == Arch || Q.Target == "portable")
      Best = std::min(Best, size_t(llvm::find(Classes, Q.Cost) - Classes.begin()));
  return Best < Classes.size() ? Classes[Best] : "";
}

std::vector<std::string> missingIsa(const std::vector<std::string> &Features,
                                    llvm::StringRef Isa) {
  std::vector<std::string> Missing;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Isa.split(Parts, '+', -1, false);
  for (llvm::StringRef Part : Parts) {
    if (Part == "BASELINE")
      continue;
    llvm::SmallVector<llvm::StringRef, 2> Alternatives;
    Part.split(Alternatives, '/');
    if (!llvm::any_of(Alternatives, [&](llvm::StringRef A) {
          return llvm::is_contained(Features, A.lower());
        }))
      Missing.push_back(Part.str());
  }
  return Missing;
}

const std::vector<std::string> &requiredWeightIds() {
  static const std::vector<std::string> Ids = [] {
    std::vector<std::string> V = {"hours-per-day",
                                  "asm.block",
                                  "asm.instruction",
                                  "asm.source-instruction",
                                  "factor.asm-counterpart",
                                  "module.gui",
                                  "module.com",
                                  "module.services",
                                  "binary.no-counterpart",
                                  "binary.counterpart",
                                  "system.base",
                                  "system.kloc",
                                  "factor.has-alternative",
                                  "factor.has-fallback",
                                  "factor.inactive",
                                  "factor.advisory",
                                  "factor.same-platform"};
    std::vector<std::string> Classes = kbCostClasses();
    Classes.insert(Classes.end(), {"unknown", "trivial", "moderate", "hard"});
    for (const std::string &C : Classes)
      V.insert(V.end(), {"occurrence." + C, "symbol." + C});
    for (const std::string &C : kbEffortClasses())
      V.push_back("dependency." + C);
    return V;
  }();
  return Ids;
}

llvm::Expected<EffortWeights> EffortWeights::fromEntries(const std::vector<KbSymbol> &Entries) {
  EffortWeights W;
  if (llvm::Error E = W.override(Entries))
    return E;
  return W;
}

llvm::Error EffortWeights::override(const std::vector<KbSymbol> &Entries) {
  std::vector<std::string> Problems;
  for (const KbSymbol &E : Entries) {
    if (E.Kind != "weight")
      continue;
    Weight W;
    W.Id = E.Fields.count("id") ? E.Fields.at("id") : E.Name;
    auto Field = [&](const char *Name) {
      auto It = E.Fields.find(Name);
      return It == E.Fields.end() ? std::string() : It->second;
    };
    W.Applies = Field("applies");
    W.Rationale = Field("rationale");
    W.Source = Field("source");
    W.Origin = E.Origin;
    bool Ok = llvm::to_float(Field("low"), W.Value.Low) &&
              llvm::to_float(Field("likely"), W.Value.Likely) &&
              llvm::to_float(Field("high"), W.Value.High);
    Ok = Ok && std::isfinite(W.Value.High);
    if (!Ok || W.Value.Low < 0 || W.Value.Low > W.Value.Likely || W.Value.Likely > W.Value.High) {
      Problems.push_back(E.Origin + ": error: weight '" + W.Id +
                         "' needs finite numbers with 0 <= low <= likely <= high");
      continue;
    }
    if (W.Applies == "factor" && W.Value.High > 1) {
      Problems.push_back(E.Origin + ": error: weight '" + W.Id + "' is a factor: at most 1");
      continue;
    }
    if (W.Id == "hours-per-day" && W.Value.Low <= 0) {
      Problems.push_back(E.Origin + ": error: weight 'hours-per-day' must be above 0");
      continue;
    }
    ById[W.Id] = std::move(W);
  }
  if (!Problems.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   llvm::join(Problems, "\n").c_str());
  return llvm::Error::success();
}

std::vector<std::string> EffortWeights::missing() const {
  std::vector<std::string> Out;
  for (const std::string &Id : requiredWeightIds())
    if (!ById.count(Id))
      Out.push_back(Id);
  return Out;
}

const Range &EffortWeights::operator[](const std::string &Id) const {
  auto It = ById.find(Id);
  if (It == ById.end())
    // Callers check missing() first; reaching this is a bug of ours.
    throw std::logic_error("effort weight '" + Id + "' is not defined");
  return It->second.Value;
}

Range toDays(const Range &Hours, const EffortWeights &Weights) {
  double PerDay = Weights["hours-per-day"].Likely;
  return Hours * (PerDay > 0 ? 1 / PerDay : 0);
}

std::string costCategory(const Finding &F, const Enrichment *E) {
  llvm::StringRef Rule(F.Rule);
  if (Rule == "x86.inline-asm" || Rule == "x86.asm-source")
    return "asm";
  if (Rule == "x86.binary")
    return "binaries";
  if (llvm::is_contained({"x86.build-flag", "x86.build-arch-check", "x86.arch-guard",
                          "x86.error-guard", "win32.build-platform", "target.parse-error"},
                         Rule))
    return "build";
  if (Rule == "x86.builtin" || Rule == "x86.cpu-dispatch" || Rule == "x86.target-attribute" ||
      Rule == "x86.compiler-barrier")
    return "builtins";
  if (Rule.starts_with("x86.")) // Intrinsics, their constants, vector types.
    return "SIMD";
  if (Rule == "win32.api")
    return "Win32: " + (E && !E->Area.empty() ? E->Area : std::string("misc"));
  if (Rule == "win32.crt")
    return "Win32: C runtime";
  if (Rule == "win32.library" || Rule == "win32.build-library")
    return "libraries";
  if (Rule.starts_with("win32."))
    return "Win32: types and paths";
  if (Rule.starts_with("msvc."))
    return "MSVC";
  if (Rule.starts_with("portability."))
    return "portability";
  return "other";
}

std::string costClass(const Finding &F, const Enrichment *E, const TargetPlatform &Target) {
  llvm::StringRef Rule(F.Rule);
  bool WindowsRule = Rule.starts_with("win32.") || Rule.starts_with("msvc.");
  if (WindowsRule && Target.WindowsOs)
    return "";
  bool X86Rule = Rule.starts_with("x86.") || Rule.starts_with("portability.") ||
                 Rule.starts_with("target.");
  if (X86Rule && Target.Arch == "x86_64") {
    // x86 code stays; an intrinsic the CPU lacks is rewritten for an ISA
    // it has (AVX-512 on a CPU without it).
    if (E && !E->Isa.empty() && !missingIsa(Target.Features, E->Isa).empty())
      return "sequence";
    return "";
  }
  if (!E || !E->Known)
    return "unknown";
  // x86 symbols are costed by their equivalents on the target's
  // architecture; everything else by the effort class of its entry.
  if (X86Rule && E->Effort.empty()) {
    std::string Cost = cheapestCost(E->Equivalents, Target.Arch);
    return Cost.empty() ? "none" : Cost;
  }
  return E->Effort.empty() ? "unknown" : E->Effort;
}

SystemEffort estimateEffort(const RunReport &Run, const SystemFacts &Facts,
                            const EffortWeights &W, const TargetPlatform &Target) {
  SystemEffort Out;
  Out.Target = Target;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, CostDriver> Drivers;
  auto Charge = [&](const std::string &Category, const std::string &File,
                    const std::string &Symbol, const std::string &Rule, const Range &Hours,
                    size_t Count) {
    Out.Hours += Hours;
    Out.HoursByCategory[Category] += Hours;
    CostDriver &D = Drivers[{Category, File, Symbol, Rule}];
    D.Category = Category, D.File = File, D.Symbol = Symbol, D.Rule = Rule;
    D.Count += Count;
    D.Hours += Hours;
  };
  // The one-time cost of each (class, symbol) is charged once, at the
  // largest portion left among its findings; the first file that met it
  // names it among the drivers.
  struct Learned {
    double Portion = 0;
    std::string Category, File, Rule;
  };
  std::map<std::pair<std::string, std::string>, Learned> Symbols;
  std::set<std::pair<std::string, std::string>> Modules; // (weight id, module)
  // Of the x86 variants of one assembly routine, the largest is ported;
  // the others only select the port (factor.asm-counterpart).
  std::map<std::string, const Finding *> LargestVariant;
  for (const StoredFinding &SF : Run.Findings)
    if (SF.F.Rule == "x86.asm-source") {
      const Finding *&L = LargestVariant[asmRoutine(SF.F.File)];
      if (!L || numberBefore(SF.F.Note, " instruction") > numberBefore(L->Note, " instruction"))
        L = &SF.F;
    }

  for (const StoredFinding &SF : Run.Findings) {
    const Finding &F = SF.F;
    auto It = Run.Enrichments.find(F.Symbol);
    const Enrichment *E = It == Run.Enrichments.end() ? nullptr : &It->second;
    std::string Class = costClass(F, E, Target);
    if (Class.empty())
      continue;
    std::string Category = costCategory(F, E);
    double Portion = portionLeft(F, W);
    if (blocks(F)) {
      Out.NoEquivalent += Class == "none";
      Out.Unknown += Class == "unknown";
    }
    if (F.Rule == "x86.inline-asm") {
      size_t Instructions = numberBefore(F.Note, " instruction");
      Charge(Category, F.File, "inline asm", F.Rule,
             (W["asm.block"] + W["asm.instruction"] * double(Instructions)) * Portion, 1);
      continue;
    }
    if (F.Rule == "x86.asm-source") {
      size_t Instructions = numberBefore(F.Note, " instruction");
      bool Counterpart = counterpartOf(F.Note) != "none" ||
                         LargestVariant[asmRoutine(F.File)] != &F;
      double Factor = Counterpart ? W["factor.asm-counterpart"].Likely : 1;
      Charge(Category, F.File, F.Symbol + " source", F.Rule,
             W["asm.source-instruction"] * (double(Instructions) * Factor * Portion), 1);
      continue;
    }
    if (F.Rule == "x86.binary") {
      bool Counterpart = llvm::StringRef(F.Note).starts_with("non-x86 build:");
      Charge(Category, F.File, F.Symbol, F.Rule,
             W[Counterpart ? "binary.counterpart" : "binary.no-counterpart"] * Portion, 1);
      continue;
    }
    // Active calls of a redesign area cost one lump sum per module, which
    // covers every call of the area there.
    const char *Area = F.Rule == "win32.api" && E ? redesignArea(E->Area) : nullptr;
    if (Area && Portion >= 1) {
      std::string Module = moduleOf(F.File);
      bool First = Modules.insert({Area, Module}).second;
      if (First)
        Out.RedesignModules.push_back(E->Area + ": " + Module);
      Charge(Category, Module + "/", E->Area + " redesign", F.Rule,
             First ? W[Area] : Range(), 1);
      continue;
    }
    Charge(Category, F.File, F.Symbol, F.Rule, W["occurrence." + Class] * Portion, 1);
    Learned &L = Symbols[{Class, F.Symbol}];
    if (L.File.empty())
      L.Category = Category, L.File = F.File, L.Rule = F.Rule;
    L.Portion = std::max(L.Portion, Portion);
  }
  for (const auto &[Key, L] : Symbols)
    Charge(L.Category, L.File, Key.second, L.Rule, W["symbol." + Key.first] * L.Portion, 0);

  // Rebuilding, testing and validating the system on its new platform; a
  // part of it when it stays on x86 with the OS family it has.
  bool SamePlatform = Target.Arch == "x86_64" && Target.WindowsOs == Facts.WindowsCode;
  Range Base = (W["system.base"] + W["system.kloc"] * (double(Facts.Lines) / 1000)) *
               (SamePlatform ? W["factor.same-platform"].Likely : 1.0);
  Out.Hours += Base;
  Out.HoursByCategory["system"] += Base;

  for (auto &[Key, D] : Drivers)
    if (D.Hours.Likely > 0)
      Out.Drivers.push_back(D);
  std::stable_sort(Out.Drivers.begin(), Out.Drivers.end(),
                   [](const CostDriver &A, const CostDriver &B) {
                     return A.Hours.Likely > B.Hours.Likely;
                   });
  if (Out.Drivers.size() > MaxDrivers)
    Out.Drivers.resize(MaxDrivers);
  return Out;
}

} // namespace portolan
