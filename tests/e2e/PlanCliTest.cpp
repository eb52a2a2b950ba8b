// portolan plan as a user runs it: the bundled portfolio, broken
// inventories, an organisation's own policy.
#include "CliRun.h"

#include <map>
#include <set>

using namespace portolan_test;

const std::string Portfolio = std::string(PORTOLAN_SOURCE_DIR) + "/examples/portfolio";

TEST(CliTest, PlanWritesEveryFormatFromOneScanOfEachSystem) {
  TempTree T;
  std::string Out = T.root() + "/plan";
  Result R = run(T, {"plan", Portfolio + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--out-dir", Out, "-j", "2"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("Migration plan for"), std::string::npos) << R.Out;
  llvm::json::Value V = parseJson(slurp(Out + "/plan.json"));
  const llvm::json::Object *Root = V.getAsObject();
  ASSERT_TRUE(Root);
  EXPECT_EQ(Root->getString("schema"), "portolan-plan/1");
  const llvm::json::Array *Systems = Root->getArray("systems");
  const llvm::json::Array *Targets = Root->getArray("targets");
  ASSERT_TRUE(Systems && Targets);
  ASSERT_EQ(Systems->size(), 5u);
  size_t Planned = 0;
  std::map<std::string, std::string> TierOf;
  for (const llvm::json::Value &S : *Systems) {
    const llvm::json::Object *O = S.getAsObject();
    EXPECT_EQ(O->getObject("scan")->getString("status"), "scanned");
    EXPECT_EQ(O->getArray("effort")->size(), Targets->size());
    TierOf[O->getString("id")->str()] = O->getObject("tier")->getString("id")->str();
    Planned += O->getInteger("wave").value_or(0) > 0;
    // Every system moves no earlier than what it depends on.
    for (const llvm::json::Value &D : *O->getArray("depends_on")) {
      for (const llvm::json::Value &Other : *Systems) {
        if (Other.getAsObject()->getString("id") == D.getAsString()) {
          EXPECT_GE(O->getInteger("wave"), Other.getAsObject()->getInteger("wave"));
        }
      }
    }
  }
  EXPECT_EQ(Planned, 5u);
  // The example's inventory: classified keyvault and core ledger in the
  // strictest tier, MLPS 3 backoffice in the middle one, the rest default.
  EXPECT_EQ(TierOf["keyvault"], "full-stack-domestic");
  EXPECT_EQ(TierOf["ledger"], "full-stack-domestic");
  EXPECT_EQ(TierOf["backoffice"], "domestic-preferred");
  EXPECT_EQ(TierOf["portal"], "efficiency-first");
  // CSV: a header and one row per system and target CPU.
  EXPECT_EQ(lines(slurp(Out + "/plan.csv")), 1 + Systems->size() * Targets->size());
  std::string Md = slurp(Out + "/plan.md");
  EXPECT_NE(Md.find("## Waves"), std::string::npos);
  EXPECT_NE(Md.find("| keyvault |"), std::string::npos);
  std::string Html = slurp(Out + "/plan.html");
  EXPECT_EQ(Html.find("@PLAN_JSON@"), std::string::npos);
  EXPECT_NE(Html.find("\"schema\":\"portolan-plan/1\""), std::string::npos);

  // A second plan parses nothing: every unit comes from the results file.
  Result Again = run(T, {"plan", Portfolio + "/inventory.toml", "--db", T.root() + "/r.db",
                         "--format", "json", "-j", "2"});
  ASSERT_EQ(Again.Exit, 0) << Again.Err;
  llvm::json::Value V2 = parseJson(Again.Out);
  EXPECT_EQ(V2.getAsObject()->getObject("totals")->getObject("days")->getNumber("likely"),
            Root->getObject("totals")->getObject("days")->getNumber("likely"));
}

TEST(CliTest, APlanKeepsGoodSystemsWhenOthersAreBroken) {
  TempTree T;
  T.write("src/a.c", "#include <immintrin.h>\n__m128 f(__m128 x) { return _mm_add_ps(x, x); }\n");
  T.write("inventory.toml", R"([organization]
name = "Test"
wave_capacity = 20
wave_weeks = 4

[[system]]
id = "good"
path = "src"
mlps = 3
dependencies = ["oracle", "NoSuchProduct"]

[[system]]
id = "gone"
path = "missing-folder"
mlps = 2

[[system]]
id = "bad"
path = "src"
mlps = "three"
)");
  Result R = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("inventory.toml:17:1: system 'bad' left out: 'mlps'"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("system gone:"), std::string::npos) << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Array *Systems = V.getAsObject()->getArray("systems");
  ASSERT_EQ(Systems->size(), 2u);
  const llvm::json::Object *Good = (*Systems)[0].getAsObject();
  EXPECT_EQ(Good->getInteger("wave"), 1);
  const llvm::json::Array *Deps = Good->getArray("dependencies");
  ASSERT_EQ(Deps->size(), 2u);
  EXPECT_EQ((*Deps)[0].getAsObject()->getString("action"), "replace");
  EXPECT_EQ((*Deps)[1].getAsObject()->getString("action"), "unresolved");
  const llvm::json::Object *Gone = (*Systems)[1].getAsObject();
  EXPECT_EQ(Gone->getObject("scan")->getString("status"), "failed");
  EXPECT_EQ(Gone->getInteger("wave"), 0);

  T.write("broken.toml", "[organization]\nname = \"x\"\nwave_capacity = [\n");
  Result Broken = run(T, {"plan", T.root() + "/broken.toml", "--db", T.root() + "/r.db"});
  EXPECT_EQ(Broken.Exit, 2);
  EXPECT_NE(Broken.Err.find("broken.toml:"), std::string::npos) << Broken.Err;
  EXPECT_EQ(lines(Broken.Err), 1u) << Broken.Err;
}

TEST(CliTest, APlanTakesTheOrganisationsOwnTiersAndWeights) {
  TempTree T;
  T.write("src/a.c", "#include <immintrin.h>\n__m128 f(__m128 x) { return _mm_add_ps(x, x); }\n");
  T.write("policy/tiers.toml", R"([[tier]]
id = "secure"
name = "Secure"
rank = 2
min_mlps = 3
cpus = ["loongson-3a6000"]
oses = ["openeuler-22.03"]
clouds = ["private-cloud"]
rationale = "r"
source = "s"

[[tier]]
id = "rest"
name = "Rest"
rank = 1
cpus = ["kunpeng-920"]
oses = ["openeuler-22.03"]
clouds = ["public-cloud"]
rationale = "r"
source = "s"
)");
  T.write("policy/weights.toml", R"([[weight]]
id = "system.base"
applies = "system"
low = 1
likely = 2
high = 3
rationale = "r"
source = "s"
)");
  T.write("inventory.toml", R"([organization]
name = "Org"
wave_capacity = 50
wave_weeks = 4
tiers = "policy/tiers.toml"
weights = "policy/weights.toml"

[[system]]
id = "one"
path = "src"
mlps = 3
dependencies = ["Oracle Database"]
)");
  Result R = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--format", "json"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  // The shipped alternatives name the shipped tier ids, not these.
  EXPECT_NE(R.Err.find("policy/tiers.toml: no dependency alternative"), std::string::npos)
      << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  const llvm::json::Object *S = (*V.getAsObject()->getArray("systems"))[0].getAsObject();
  EXPECT_EQ(S->getObject("tier")->getString("id"), "secure");
  EXPECT_EQ(S->getObject("target")->getString("cpu"), "loongson-3a6000");
  bool Seen = false;
  for (const llvm::json::Value &W : *V.getAsObject()->getArray("weights"))
    if (W.getAsObject()->getString("id") == "system.base") {
      Seen = true;
      EXPECT_EQ(W.getAsObject()->getNumber("likely"), 2.0);
      EXPECT_NE(W.getAsObject()->getString("origin")->find("policy/weights.toml:1:1"),
                llvm::StringRef::npos);
    }
  EXPECT_TRUE(Seen);

  // A tiers file naming a CPU the knowledge base does not know stops the
  // plan with the file and line.
  T.write("policy/tiers.toml", "[[tier]]\nid = \"x\"\nname = \"X\"\nrank = 1\n"
                               "cpus = [\"pentium\"]\noses = []\nclouds = []\n"
                               "rationale = \"r\"\nsource = \"s\"\n");
  Result Bad = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db"});
  EXPECT_EQ(Bad.Exit, 2);
  EXPECT_NE(Bad.Err.find("tiers.toml:1:1: error: 'cpus' names unknown cpu 'pentium'"),
            std::string::npos)
      << Bad.Err;
}

TEST(CliTest, APlanScansEachVisualStudioSystemInItsOwnConfiguration) {
  TempTree T;
  std::string Fixture = std::string(PORTOLAN_SOURCE_DIR) + "/tests/fixtures/msbuild";
  std::string System = "path = \"" + Fixture + "\"\ncompile_commands = \"" + Fixture +
                       "/suite.sln\"\nmlps = 2\n";
  T.write("inventory.toml", "[organization]\nname = \"Bureau\"\nwave_capacity = 40\n"
                            "wave_weeks = 8\n\n"
                            "[[system]]\nid = \"release\"\n" + System +
                            "\n[[system]]\nid = \"debug\"\nmsbuild_config = \"Debug|x64\"\n" +
                            System +
                            "\n[[system]]\nid = \"profile\"\nmsbuild_config = \"Profile|x64\"\n" +
                            System +
                            "\n[[system]]\nid = \"nosolution\"\nmsbuild_config = \"Debug|x64\"\n"
                            "path = \"" + Fixture + "\"\nmlps = 2\n");
  Result R = run(T, {"plan", T.root() + "/inventory.toml", "--db", T.root() + "/r.db",
                     "--format", "json", "-j", "2"});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  // Each system's scan reads the solution in its own configuration; one
  // the solution lacks is said, and that system's commands are inferred.
  EXPECT_NE(R.Err.find("system release: " + Fixture +
                       "/suite.sln: Visual Studio configuration Release|x64"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("system debug: " + Fixture +
                       "/suite.sln: Visual Studio configuration Debug|x64"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("system profile: " + Fixture +
                       "/suite.sln: no configuration Profile|x64 (it has Debug|x64, Release|x64, "
                       "Release|x86); inferring commands instead"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Err.find("system 'nosolution' left out: 'msbuild_config' needs "
                       "'compile_commands' naming a Visual Studio solution or project"),
            std::string::npos)
      << R.Err;
  llvm::json::Value V = parseJson(R.Out);
  std::set<std::string> Planned;
  for (const llvm::json::Value &S : *V.getAsObject()->getArray("systems"))
    Planned.insert(S.getAsObject()->getString("id")->str());
  EXPECT_EQ(Planned, (std::set<std::string>{"release", "debug", "profile"}));
}
