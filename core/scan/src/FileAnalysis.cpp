//===- FileAnalysis.cpp - plugins' file analyzers over non-unit files -----===//
//
// Assembly sources, build files and prebuilt binaries are not translation
// units: no parse, just each interested plugin over the file's bytes. Each
// file becomes a result of its own (platform "file"), stored like a unit so
// that its findings, errors and analyzer failures are kept the same way.
//
//===----------------------------------------------------------------------===//
#include "GuardedPPCallbacks.h"
#include "portolan/scan/FileAnalysis.h"
#include "portolan/base/Hashing.h"

#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

namespace portolan {
namespace {

/// Creates a plugin's file analyzer and destroys it at scope exit.
struct FileAnalyzerInstance {
  explicit FileAnalyzerInstance(const LoadedPlugin *Plugin) : Plugin(Plugin) {}
  const LoadedPlugin *Plugin;
  sdk::FileAnalyzer *Instance = nullptr;
  FileAnalyzerInstance(const FileAnalyzerInstance &) = delete;
  FileAnalyzerInstance &operator=(const FileAnalyzerInstance &) = delete;
  ~FileAnalyzerInstance() {
    if (Instance)
      Plugin->Descriptor->DestroyFileAnalyzer(Instance);
  }
};

class FileContextImpl final : public sdk::FileContext {
public:
  FileContextImpl(const std::vector<std::string> &Tree, llvm::StringRef Rel,
                  llvm::StringRef Content, std::string Analyzer, TUResult &Out)
      : Tree(Tree), Rel(Rel), Content(Content), Analyzer(std::move(Analyzer)), Out(Out) {}

  const std::vector<std::string> &treeFiles() override { return Tree; }

  void report(const sdk::FileFindingReport &R) override {
    Finding F;
    F.Rule = R.Rule;
    F.Symbol = R.Symbol;
    F.File = Rel.str();
    F.Line = R.Line;
    F.Column = R.Column;
    F.Analyzer = Analyzer;
    F.Note = R.Note;
    F.Advisory = R.Advisory;
    F.Snippet = lineText(R.Line);
    if (Seen.insert({F.Rule, F.Symbol, F.Line, F.Column}).second)
      Out.Findings.push_back(std::move(F));
  }

private:
  /// The text of a 1-based line, trimmed, or empty for binary content.
  std::string lineText(unsigned Line) const {
    if (Line == 0)
      return "";
    llvm::StringRef Rest = Content;
    for (unsigned I = 1; I < Line && !Rest.empty(); ++I)
      Rest = Rest.split('\n').second;
    llvm::StringRef Text = Rest.split('\n').first.trim();
    if (Text.contains('\0'))
      return "";
    return Text.take_front(200).str();
  }

  const std::vector<std::string> &Tree;
  llvm::StringRef Rel;
  llvm::StringRef Content;
  std::string Analyzer;
  TUResult &Out;
  std::set<std::tuple<std::string, std::string, unsigned, unsigned>> Seen;
};

} // namespace

std::optional<TUResult> analyzeFile(llvm::StringRef Rel, llvm::StringRef Root,
                                    const PluginHost &Plugins,
                                    const std::vector<std::string> &TreeFiles) {
  TUResult Out;
  Out.File = Rel.str();
  Out.Plat = Platform::File;
  Out.CommandSource = "file";
  auto Start = std::chrono::steady_clock::now();
  // Ask first, by name, so that files nobody wants are never opened.
  std::vector<std::unique_ptr<FileAnalyzerInstance>> Interested;
  std::vector<std::unique_ptr<PluginGuard>> Guards;
  for (const LoadedPlugin &P : Plugins.loaded()) {
    if (!P.Descriptor->CreateFileAnalyzer)
      continue;
    auto I = std::make_unique<FileAnalyzerInstance>(&P);
    auto Guard = std::make_unique<PluginGuard>();
    std::string Name = P.Descriptor->Name;
    Guard->OnFailure = [&Out, Name](const std::string &M) {
      Out.AnalyzerErrors.push_back({Name, M});
    };
    Guard->run("createFileAnalyzer", [&] { I->Instance = P.Descriptor->CreateFileAnalyzer(); });
    bool Wants = false;
    if (I->Instance)
      Guard->run("wantsFile", [&] { Wants = I->Instance->wantsFile(Rel); });
    if (Wants || Guard->Failed) {
      Interested.push_back(std::move(I));
      Guards.push_back(std::move(Guard));
    }
  }
  if (Interested.empty())
    return std::nullopt;

  std::string Path = (Root + "/" + Rel).str();
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Out.Errors.push_back({Out.File, 0, 0, "cannot read: " + Buffer.getError().message()});
    return Out;
  }
  Out.Parsed = true;
  Out.FilesRead.push_back(Out.File);
  for (size_t K = 0; K < Interested.size(); ++K) {
    FileAnalyzerInstance &I = *Interested[K];
    FileContextImpl Ctx(TreeFiles, Rel, (*Buffer)->getBuffer(), I.Plugin->Descriptor->Name,
                        Out);
    Guards[K]->run("analyzeFile",
                   [&] { I.Instance->analyzeFile(Rel, (*Buffer)->getMemBufferRef(), Ctx); });
  }
  std::sort(Out.Findings.begin(), Out.Findings.end());
  Out.ParseSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  return Out;
}

void runFileScan(const std::vector<std::string> &Files, llvm::StringRef Root,
                 const PluginHost &Plugins, const std::vector<std::string> &TreeFiles,
                 const ScanSettings &Settings, const UnitCallback &OnFile) {
  std::mutex Lock;
  size_t Done = 0;
  std::string RootStr = Root.str();
  FileHashes OwnHashes(RootStr);
  FileHashes &Hashes = Settings.Hashes ? *Settings.Hashes : OwnHashes;
  // A file analyzer's result depends on its file and on the tree's list of
  // files (FileContext::treeFiles), besides the salt.
  std::string Key;
  if (!Settings.CacheSalt.empty()) {
    std::string Text = Settings.CacheSalt + '\0' + "file" + '\0';
    for (const std::string &F : TreeFiles)
      Text += F + '\0';
    Key = hashText(Text);
  }
  auto Analyze = [&](const std::string &Rel) -> std::optional<TUResult> {
    if (!Key.empty() && Settings.Reuse)
      if (std::optional<TUResult> Stored =
              Settings.Reuse(Rel, Key, [&](const std::string &F) { return Hashes(F); }))
        return Stored;
    std::optional<TUResult> R = analyzeFile(Rel, RootStr, Plugins, TreeFiles);
    // A file that could not be read has no hash to compare: it is read again.
    if (R && !Key.empty() && !R->FilesRead.empty()) {
      R->CacheKey = Key;
      for (const std::string &F : R->FilesRead)
        R->FileHashes.push_back(Hashes(F));
    }
    return R;
  };
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Workers));
  for (const std::string &F : Files)
    Pool.async([&, Rel = F] {
      std::optional<TUResult> R = Analyze(Rel);
      std::lock_guard<std::mutex> Guard(Lock);
      ++Done;
      if (R)
        OnFile(*R, Done, Files.size());
    });
  Pool.wait();
}

} // namespace portolan
