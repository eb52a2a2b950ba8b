// A unit's result sent from a worker process: whole, byte for byte, or
// refused.
#include "UnitWire.h"

#include <gtest/gtest.h>

using namespace portolan;

namespace {

TUResult sample() {
  TUResult R;
  R.File = "src/caf\xe9.c"; // Latin-1, not UTF-8
  R.Plat = Platform::WindowsX86_64;
  R.CommandSource = "msbuild";
  R.Parsed = true;
  R.ParseSeconds = 1.25;
  R.TargetSeconds = 0.5;
  R.ForeignArch = "arm_neon.h";
  R.MsvcVersionAssumed = true;
  R.OverSharedPrefix = true;
  Finding F;
  F.Rule = "x86.intrinsic";
  F.Symbol = "_mm_add_epi32";
  F.File = R.File;
  F.Line = 7;
  F.Column = 12;
  F.Analyzer = "x86-intrinsics";
  F.Note = "note";
  F.Snippet = std::string("a\0b\xff", 4);
  F.Guard = "has-fallback";
  F.Inactive = true;
  F.Advisory = true;
  F.TargetCheck = "no error on aarch64";
  R.Findings = {F, F};
  R.Findings[1].Line = 8;
  R.Errors.push_back({"a.h", 3, 4, "unknown type name 'x'", "b.c", 9});
  R.Errors.back().Fatal = true;
  R.AnalyzerErrors.push_back({"windows", "threw"});
  R.FilesRead = {"a.h", R.File};
  R.SkippedWindowsLines = {{3, 9}, {20, 21}};
  return R;
}

} // namespace

TEST(UnitWireTest, AResultComesBackWholeAndByteForByte) {
  TUResult In = sample();
  llvm::Expected<TUResult> Out = decodeResult(encodeResult(In));
  ASSERT_TRUE(bool(Out)) << llvm::toString(Out.takeError());
  EXPECT_EQ(Out->File, In.File);
  EXPECT_EQ(Out->Plat, In.Plat);
  EXPECT_EQ(Out->CommandSource, In.CommandSource);
  EXPECT_TRUE(Out->Parsed);
  EXPECT_EQ(Out->ParseSeconds, 1.25);
  EXPECT_EQ(Out->TargetSeconds, 0.5);
  EXPECT_EQ(Out->ForeignArch, In.ForeignArch);
  EXPECT_TRUE(Out->MsvcVersionAssumed);
  EXPECT_TRUE(Out->OverSharedPrefix);
  ASSERT_EQ(Out->Findings.size(), 2u);
  EXPECT_TRUE(Out->Findings == In.Findings);
  EXPECT_EQ(Out->Findings[0].Snippet, std::string("a\0b\xff", 4));
  EXPECT_EQ(Out->Findings[0].Note, "note");
  EXPECT_EQ(Out->Findings[0].TargetCheck, "no error on aarch64");
  ASSERT_EQ(Out->Errors.size(), 1u);
  EXPECT_EQ(Out->Errors[0].Message, "unknown type name 'x'");
  EXPECT_EQ(Out->Errors[0].ProjectFile, "b.c");
  EXPECT_EQ(Out->Errors[0].ProjectLine, 9u);
  EXPECT_TRUE(Out->Errors[0].Fatal);
  ASSERT_EQ(Out->AnalyzerErrors.size(), 1u);
  EXPECT_EQ(Out->AnalyzerErrors[0].Message, "threw");
  EXPECT_EQ(Out->FilesRead, In.FilesRead);
  EXPECT_EQ(Out->SkippedWindowsLines, In.SkippedWindowsLines);
}

TEST(UnitWireTest, ACutOrDamagedResultIsRefused) {
  std::string Bytes = encodeResult(sample());
  // Every cut: nothing half-read passes for a result.
  for (size_t Size = 0; Size < Bytes.size(); ++Size) {
    llvm::Expected<TUResult> Out = decodeResult(llvm::StringRef(Bytes).take_front(Size));
    ASSERT_FALSE(bool(Out)) << "cut at " << Size;
    llvm::consumeError(Out.takeError());
  }
  llvm::Expected<TUResult> Longer = decodeResult(Bytes + "x");
  ASSERT_FALSE(bool(Longer));
  EXPECT_EQ(llvm::toString(Longer.takeError()), "1 bytes after the result");
  // A count of findings past the end asks for nothing.
  std::string Damaged = encodeResult(TUResult());
  size_t FindingCount = 4 + 4 + 4 + 4 + 1 + 8 + 8 + 4 + 1 + 1; // magic .. OverSharedPrefix
  Damaged[FindingCount + 3] = '\x7f';
  llvm::Expected<TUResult> Out = decodeResult(Damaged);
  ASSERT_FALSE(bool(Out));
  EXPECT_NE(llvm::toString(Out.takeError()).find("past the end"), std::string::npos);
  llvm::Expected<TUResult> Other = decodeResult("not a result at all");
  ASSERT_FALSE(bool(Other));
  EXPECT_EQ(llvm::toString(Other.takeError()), "not a unit result");
}
