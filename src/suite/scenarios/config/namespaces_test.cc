// The scenario tables of the namespace, id-mapping, time, seccomp, LSM and fd areas.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "suite/config_template.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

TEST(IsolationScenarios, EveryCheckHasAPositiveAndANegative) {
  for (const char* id :
       {"linux.namespaces", "linux.uidMappings", "linux.gidMappings", "linux.timeOffsets",
        "linux.seccomp", "process.apparmorProfile", "process.selinuxLabel", "fd_control"}) {
    bool positive = false, negative = false;
    for (const Scenario* s : AllScenarios()) {
      if (std::string(s->check_id) != id) continue;
      positive = positive || s->expect == Expect::kPass;
      negative = negative || s->expect == Expect::kCheckFails;
    }
    EXPECT_TRUE(positive && negative) << id;
  }
}

const Scenario* Find(const std::string& name) {
  for (const Scenario* s : AllScenarios()) {
    if (s->name == name) return s;
  }
  return nullptr;
}

// The held namespace is a real one, neither the suite's nor unreachable.
TEST(IsolationScenarios, PathScenariosNameAHeldNamespace) {
  const Scenario* s = Find("linux.namespaces/uts-path");
  ASSERT_NE(s, nullptr);
  if (s->unsupported != nullptr && s->unsupported() != nullptr) {
    GTEST_SKIP() << s->unsupported();
  }
  nlohmann::json config = DefaultConfig();
  s->configure(config);
  std::string path;
  for (const auto& ns : config["linux"]["namespaces"]) {
    if (ns["type"] == "uts") path = ns.value("path", "");
  }
  ASSERT_FALSE(path.empty());
  struct stat held, own;
  ASSERT_EQ(stat(path.c_str(), &held), 0) << path;
  ASSERT_EQ(stat("/proc/self/ns/uts", &own), 0);
  EXPECT_NE(held.st_ino, own.st_ino);
}

TEST(IsolationScenarios, PreservedFdsComeWithListenFds) {
  for (const Scenario* s : AllScenarios()) {
    if (s->preserve_fds == 0) continue;
    nlohmann::json config = DefaultConfig();
    if (s->configure != nullptr) s->configure(config);
    bool announced = false;
    for (const auto& e : config["process"]["env"]) {
      announced = announced || e == "LISTEN_FDS=" + std::to_string(s->preserve_fds);
    }
    EXPECT_TRUE(announced) << s->name;
  }
}

}  // namespace
}  // namespace rt::suite
