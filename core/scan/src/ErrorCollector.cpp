//===- ErrorCollector.cpp -------------------------------------------------===//
#include "ErrorCollector.h"

#include <clang/AST/DeclarationName.h>
#include <clang/Basic/DiagnosticLex.h>
#include <clang/Basic/DiagnosticSema.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

namespace portolan {

using namespace clang;

namespace {

/// Clang's intrinsic headers of other architectures, which refuse an x86
/// parse with an #error or fail on their builtins.
bool isForeignArchHeader(llvm::StringRef Name) {
  return llvm::is_contained({"arm_neon.h", "arm_sve.h", "arm_acle.h", "arm_fp16.h", "arm_bf16.h",
                             "arm_mve.h", "arm_sme.h", "lsxintrin.h", "lasxintrin.h",
                             "altivec.h", "riscv_vector.h", "riscv_bitmanip.h", "msa.h",
                             "vecintrin.h", "wasm_simd128.h", "hvx_hexagon_protos.h"},
                            Name);
}

} // namespace

void ErrorCollector::HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  if (OnUndeclared && Info.getLocation().isValid())
    if (std::optional<std::string> Name = undeclaredName(Info))
      OnUndeclared(*Name, Info.getLocation());
  if (Level < DiagnosticsEngine::Error || Out.Errors.size() >= MaxErrorsPerUnit)
    return;
  ParseError E;
  llvm::SmallString<128> Message;
  Info.FormatDiagnostic(Message);
  // An #error directive's text alone reads like any other error.
  E.Message = (Info.getID() == diag::err_pp_hash_error ? "#error " : "") + std::string(Message);
  // (A missing header stays fatal when the analysis parse lets
  // diagnostics go on after it.)
  E.Fatal = Level == DiagnosticsEngine::Fatal || Info.getID() == diag::err_pp_file_not_found;
  if (Info.hasSourceManager() && Info.getLocation().isValid()) {
    const SourceManager &SM = Info.getSourceManager();
    PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Info.getLocation()));
    if (P.isValid()) {
      llvm::StringRef File = P.getFilename();
      if (File.starts_with(Root) && File.size() > Root.size() + 1)
        File = File.drop_front(Root.size() + 1);
      E.File = File.str();
      E.Line = P.getLine();
      E.Column = P.getColumn();
    }
    // The project line that leads to the error: up the include stack
    // out of system headers.
    for (PresumedLoc Q = P; Q.isValid(); Q = SM.getPresumedLoc(Q.getIncludeLoc())) {
      llvm::StringRef File = Q.getFilename();
      if (File.starts_with(Root) && File.size() > Root.size() + 1) {
        E.ProjectFile = File.drop_front(Root.size() + 1).str();
        E.ProjectLine = Q.getLine();
        break;
      }
      if (Q.getIncludeLoc().isInvalid())
        break;
    }
  }
  if (Out.ForeignArch.empty() && isForeignArchHeader(llvm::sys::path::filename(E.File)))
    Out.ForeignArch = llvm::sys::path::filename(E.File).str();
  // A header that fails as a whole (immintrin.h outside x86) gives one
  // error per project #include line, so the limit keeps room for the
  // project's own.
  if (E.File != E.ProjectFile && !E.ProjectFile.empty() &&
      !SystemErrorLines.insert({E.ProjectFile, E.ProjectLine}).second)
    return;
  Out.Errors.push_back(std::move(E));
}

std::optional<std::string> ErrorCollector::undeclaredName(const Diagnostic &Info) {
  switch (Info.getID()) {
  case diag::err_undeclared_var_use:
  case diag::err_undeclared_var_use_suggest:
  case diag::err_undeclared_use:
  case diag::err_undeclared_use_suggest:
  case diag::ext_implicit_function_decl_c99:
  case diag::ext_implicit_lib_function_decl_c99:
  case diag::warn_implicit_function_decl:
  case diag::err_unknown_typename:
  case diag::err_unknown_typename_suggest:
    break;
  default:
    return std::nullopt;
  }
  if (Info.getNumArgs() == 0)
    return std::nullopt;
  if (Info.getArgKind(0) == DiagnosticsEngine::ak_identifierinfo)
    if (const IdentifierInfo *II = Info.getArgIdentifier(0))
      return II->getName().str();
  if (Info.getArgKind(0) == DiagnosticsEngine::ak_declarationname)
    return DeclarationName::getFromOpaqueInteger(Info.getRawArg(0)).getAsString();
  return std::nullopt;
}

} // namespace portolan
