// The scenario tables as data: names, ids and config changes that hold together.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "suite/config_template.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

TEST(ScenariosTest, NamesAreUniqueAndStartWithTheCheckId) {
  std::set<std::string> names;
  ASSERT_FALSE(AllScenarios().empty());
  for (const Scenario* s : AllScenarios()) {
    ASSERT_NE(s->name, nullptr);
    ASSERT_NE(s->check_id, nullptr);
    EXPECT_TRUE(names.insert(s->name).second) << "duplicate " << s->name;
    std::string name = s->name;
    if (name != "default") {
      EXPECT_EQ(name.rfind(std::string(s->check_id) + "/", 0), 0u) << name;
    }
    for (char c : name) EXPECT_TRUE(c != '#' && c != ' ' && c != '\n') << name;
  }
}

TEST(ScenariosTest, ConfigChangesApplyAndTellOnlyWhatANegativeNeeds) {
  for (const Scenario* s : AllScenarios()) {
    nlohmann::json config = DefaultConfig();
    if (s->configure != nullptr) s->configure(config);
    nlohmann::json spec = config;
    if (s->tell != nullptr) s->tell(spec);
    EXPECT_TRUE(config["process"]["args"][0] == kBinaryInRootfs) << s->name;
    switch (s->expect) {
      case Expect::kPass:
      case Expect::kRuntimeRejects:
        EXPECT_TRUE(s->tell == nullptr) << s->name << ": the runtime and runtimetest must agree";
        break;
      case Expect::kCheckFails:
        // A negative either tells runtimetest something else than the runtime was asked, or asks
        // the runtime for something it must not do as asked; a `tell` that changes nothing is a
        // mistake.
        if (s->tell != nullptr) {
          EXPECT_FALSE(config == spec) << s->name << ": `tell` leaves /spec.json as config.json";
        }
        break;
    }
  }
}

TEST(ScenariosTest, EveryCheckOfTheLeadHasAPositiveAndANegative) {
  for (const char* id :
       {"root.readonly", "hostname", "domainname", "process.cwd", "process.env", "process.args",
        "process.user", "process.rlimits", "process.noNewPrivileges", "process.oomScoreAdj",
        "process.capabilities", "linux.sysctl"}) {
    bool positive = false, negative = false;
    for (const Scenario* s : AllScenarios()) {
      if (std::string(s->check_id) != id) continue;
      positive = positive || s->expect == Expect::kPass;
      negative = negative || s->expect == Expect::kCheckFails;
    }
    EXPECT_TRUE(positive && negative) << id;
  }
}

}  // namespace
}  // namespace rt::suite
