//===- PlanMemo.cpp -------------------------------------------------------===//
#include "PlanMemo.h"
#include "portolan/msbuild/MsBuild.h"

#include "portolan/base/Hashing.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Base64.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/Path.h>

namespace portolan {
namespace {

// JSON holds only UTF-8, and file names need not be: a name that is not
// UTF-8 (a Latin-1 "caf\xe9.c") is stored as {"bytes": base64}, so that
// the plan read back names the same files.
llvm::json::Value text(const std::string &S) {
  if (llvm::json::isUTF8(S))
    return S;
  return llvm::json::Object{{"bytes", llvm::encodeBase64(S)}};
}

llvm::json::Array texts(const std::vector<std::string> &List) {
  llvm::json::Array Out;
  for (const std::string &S : List)
    Out.push_back(text(S));
  return Out;
}

std::optional<std::string> textFrom(const llvm::json::Value *V) {
  if (!V)
    return std::nullopt;
  if (std::optional<llvm::StringRef> S = V->getAsString())
    return S->str();
  const llvm::json::Object *O = V->getAsObject();
  std::optional<llvm::StringRef> Encoded = O ? O->getString("bytes") : std::nullopt;
  std::vector<char> Bytes;
  if (!Encoded)
    return std::nullopt;
  if (llvm::Error E = llvm::decodeBase64(*Encoded, Bytes)) {
    llvm::consumeError(std::move(E));
    return std::nullopt;
  }
  return std::string(Bytes.begin(), Bytes.end());
}

llvm::json::Value jobToJson(const CompileJob &J) {
  return llvm::json::Object{{"file", text(J.File)},
                            {"rel", text(J.RelFile)},
                            {"dir", text(J.Directory)},
                            {"args", texts(J.Args)},
                            {"platform", platformName(J.Plat)},
                            {"source", J.Source},
                            {"closure", texts(J.Closure)},
                            {"directives_only", J.DirectivesOnly}};
}

bool fromJson(const llvm::json::Value &V, std::vector<std::string> &Out) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return false;
  for (const llvm::json::Value &E : *A) {
    std::optional<std::string> S = textFrom(&E);
    if (!S)
      return false;
    Out.push_back(std::move(*S));
  }
  return true;
}

bool fromJson(const llvm::json::Value &V, std::vector<CompileJob> &Out) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return false;
  for (const llvm::json::Value &E : *A) {
    const llvm::json::Object *O = E.getAsObject();
    if (!O)
      return false;
    CompileJob J;
    auto Str = [&](llvm::StringRef Key, std::string &To) {
      std::optional<std::string> S = textFrom(O->get(Key));
      if (S)
        To = std::move(*S);
      return S.has_value();
    };
    std::string Plat;
    if (!Str("file", J.File) || !Str("rel", J.RelFile) || !Str("dir", J.Directory) ||
        !Str("platform", Plat) || !Str("source", J.Source) || !O->get("args") ||
        !fromJson(*O->get("args"), J.Args) || !O->get("closure") ||
        !fromJson(*O->get("closure"), J.Closure))
      return false;
    std::optional<Platform> P = platformFromName(Plat);
    if (!P || *P == Platform::File) // A unit's job is never a file's.
      return false;
    J.Plat = *P;
    J.DirectivesOnly = O->getBoolean("directives_only").value_or(false);
    Out.push_back(std::move(J));
  }
  return true;
}

} // namespace

std::string planToText(const FilteredPlan &P) {
  llvm::json::Array Jobs, Deferred, Headers;
  for (const CompileJob &J : P.Plan.Jobs)
    Jobs.push_back(jobToJson(J));
  for (const CompileJob &J : P.Plan.Deferred)
    Deferred.push_back(jobToJson(J));
  for (const CompileJob &J : P.Plan.Headers)
    Headers.push_back(jobToJson(J));
  llvm::json::Object O{{"jobs", std::move(Jobs)},
                       {"deferred", std::move(Deferred)},
                       {"headers", std::move(Headers)},
                       {"problems", texts(P.Plan.Problems)},
                       {"no_candidates", int64_t(P.NoCandidates)},
                       {"covered", int64_t(P.Covered)}};
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(O));
  return Text;
}

std::optional<FilteredPlan> planFromText(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = V->getAsObject();
  FilteredPlan P;
  if (!O || !O->get("jobs") || !fromJson(*O->get("jobs"), P.Plan.Jobs) ||
      !O->get("deferred") || !fromJson(*O->get("deferred"), P.Plan.Deferred) ||
      !O->get("headers") || !fromJson(*O->get("headers"), P.Plan.Headers) ||
      !O->get("problems") || !fromJson(*O->get("problems"), P.Plan.Problems) ||
      !O->getInteger("no_candidates") || !O->getInteger("covered"))
    return std::nullopt;
  P.NoCandidates = size_t(*O->getInteger("no_candidates"));
  P.Covered = size_t(*O->getInteger("covered"));
  return P;
}

std::string planMemoKey(const ScanRequest &Request, const SourceTree &Tree,
                        const std::string &Salt, FileHashes &Hashes) {
  // Each field ends in a NUL. (String literals with NULs inside end at the
  // first one: "\0prefilter\0" added nothing, and a plan stored with the
  // prefilter served a --no-prefilter scan.)
  std::string Text;
  auto Field = [&Text](llvm::StringRef Value) {
    Text += Value;
    Text += '\0';
  };
  Field("plan/3");
  Field(Salt);
  Field(Request.BuildDir);
  Field(Request.ForcedPlatform ? platformName(*Request.ForcedPlatform) : "auto");
  Field(Request.Prefilter ? "prefilter" : "all");
  for (const std::string &D : Request.Defines)
    Field(D);
  Text += '\0';
  for (const std::vector<std::string> *Files : {&Tree.Sources, &Tree.Headers})
    for (const std::string &F : *Files)
      Text += F + '\0' + Hashes(F) + '\0';
  if (!Request.BuildDir.empty()) {
    llvm::SmallString<256> Db(Request.BuildDir);
    llvm::sys::path::append(Db, "compile_commands.json");
    Text += contentHash(std::string(Db));
    // A Visual Studio solution's commands: every file it reads (projects
    // and property sheets), for the configuration asked for.
    Field(Request.MsBuildConfig);
    std::string Input = msbuild::projectForBuildPath(Request.BuildDir);
    if (!Input.empty()) {
      if (auto Projects = msbuild::loadProjects(Input, Request.MsBuildConfig)) {
        for (const std::string &F : Projects->FilesRead)
          Text += F + '\0' + contentHash(F) + '\0';
      } else {
        llvm::consumeError(Projects.takeError());
      }
    }
  }
  return hashText(Text);
}

} // namespace portolan
