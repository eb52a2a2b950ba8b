//===- MsBuildAnalyzer.h - Visual Studio projects and solutions -----------===//
//
// Reads MSBuild files (.vcxproj, .props, .targets) as XML (pugixml) and
// solutions (.sln) line by line, and reports
//   win32.build-platform  each distinct x86 platform (Win32, x64, x86) a
//                         file configures, once, where it first appears: in
//                         <ProjectConfiguration Include="Debug|Win32">, in
//                         <Platform>, or in a solution's "Debug|x64";
//   win32.build-library   each distinct .lib named in
//                         <AdditionalDependencies>, by file name
//                         (x64\Release\zlib.lib is zlib.lib), once, where it
//                         is first written; the note lists the configurations
//                         that link it. %(AdditionalDependencies) is not a
//                         library;
//   x86.build-flag        <EnableEnhancedInstructionSet> (symbol
//                         "EnableEnhancedInstructionSet=<value>"), and x86
//                         options in any element's text (/arch:AVX2 in
//                         AdditionalOptions).
// A project file that is not well-formed XML is read up to the error, and
// the error (line, column, what) is the analyzer's error for that file; one
// that does not start as XML is another tool's file and is left alone.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_ANALYZERS_X86FILES_MSBUILDANALYZER_H
#define PORTOLAN_ANALYZERS_X86FILES_MSBUILDANALYZER_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

namespace portolan::analyzers::x86files {

class MsBuildAnalyzer {
public:
  explicit MsBuildAnalyzer(bool Solution) : Solution(Solution) {}
  void analyze(llvm::StringRef Content, sdk::FileContext &Ctx);

private:
  bool Solution;
};

} // namespace portolan::analyzers::x86files

#endif
