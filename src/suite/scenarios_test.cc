// The scenario tables as data: names, ids and config changes that hold together.
#include <gtest/gtest.h>

#include <map>
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

// What a run of the scenario hands the runtime (config.json, and the exec'd process) and what it
// tells runtimetest (/spec.json), as compact JSON text.
struct Dumps {
  std::string asked;
  std::string told;
};

Dumps DumpScenario(const Scenario& s) {
  nlohmann::json config = DefaultConfig();
  if (s.configure != nullptr) s.configure(config);
  nlohmann::json spec = config;
  std::string asked = config.dump();
  if (s.exec != nullptr) {
    nlohmann::json process = config["process"];
    s.exec(process);
    spec["process"] = process;
    asked += "\n" + process.dump();
  }
  if (s.tell != nullptr) s.tell(spec);
  return {asked, spec.dump()};
}

// Negatives whose check prints the told value in words of its own rather than as the config
// spells it: the spelling in /spec.json that the told text renders, or null where what was told
// is an absence or an order (an entry left out, mounts listed the other way round).
const std::map<std::string, const char*>& Renderings() {
  static const std::map<std::string, const char*> renderings = {
      {"root.readonly/told-true-got-false", R"("readonly":true)"},
      {"root.readonly/told-false-got-true", R"("readonly":false)"},
      {"process.noNewPrivileges/mismatch", R"("noNewPrivileges":true)"},
      {"process.oomScoreAdj/mismatch", R"("oomScoreAdj":200)"},
      {"process.user/uid-mismatch", R"("uid":1001)"},
      {"process.user/gid-mismatch", R"("gid":1001)"},
      {"process.user/additional-gids-mismatch", R"("additionalGids":[10,30])"},
      {"process.user/umask-mismatch", R"("umask":63)"},  // 0077
      {"process.rlimits/soft-mismatch", R"("soft":512)"},
      {"process.rlimits/hard-mismatch", R"("hard":2048)"},
      {"process.capabilities/bounding-extra", nullptr},
      {"linux.sysctl/mismatch", R"("net.ipv4.ip_forward":"0")"},
      {"linux.namespaces/shared-told-new", R"({"type":"ipc"})"},
      {"linux.namespaces/new-told-shared", nullptr},
      {"linux.uidMappings/told-other-host-id", R"("hostID":300000)"},
      {"linux.gidMappings/told-other-size", R"("size":65535)"},
      {"linux.timeOffsets/told-other", R"("monotonic":{"nanosecs":0,"secs":1})"},
      {"linux.seccomp/told-other-errno", nullptr},  // errnoRet 1, which another rule has
      {"linux.seccomp/told-filter-but-none", R"("seccomp":{"defaultAction":"SCMP_ACT_ALLOW"})"},
      {"fd_control/preserved-told-fewer", R"("LISTEN_FDS=1")"},
      {"mounts/told-rw-got-ro", R"(["rw","nosuid"])"},
      {"mounts/other-order", nullptr},
      {"mounts/told-shared-got-private", R"(["shared"])"},
      {"mounts.recursive/told-rro-got-rbind", R"("rro")"},
      {"mounts.idmap/told-mapped-got-plain", R"("hostID":1000)"},
      {"linux.rootfsPropagation/told-shared-got-private", R"("rootfsPropagation":"shared")"},
      {"linux.rootfsPropagation/told-unbindable-got-slave",
       R"("rootfsPropagation":"unbindable")"},
      {"linux.mountLabel/told-other", "c3,c4"},
      {"linux.resources/host-memory-mismatch", R"("swappiness":31)"},
      {"linux.resources/host-cpu-mismatch", R"("quota":60000)"},
      {"linux.resources/host-cpu-burst-mismatch", R"("burst":20000)"},
      {"linux.resources/host-relative-path-mismatch", R"("cgroupsPath":"elsewhere")"},
      {"linux.resources/host-absolute-path-mismatch", R"("cgroupsPath":"/elsewhere")"},
      {"linux.resources/host-blockio-throttle-mismatch", R"("rate":300)"},
      {"linux.resources/host-hugepages-mismatch", R"("limit":6291456)"},
      {"linux.resources/host-network-mismatch", R"("classID":1048578)"},
      {"linux.resources/host-devices-mismatch", R"("access":"rwm","allow":true,"major":1,"minor":11)"},
      {"linux.resources/devices-behaviour-mismatch",
       R"("access":"rwm","allow":true,"major":1,"minor":11)"},
      {"linux.resources/host-unified-mismatch", R"("pids.max":"43")"},
      {"linux.resources/host-update-mismatch", R"("limit":99)"},
      {"linux.devices/other-major-minor", nullptr},  // minor 5, which another device has
      {"linux.devices/other-type", nullptr},  // "c" instead of "b": one letter in a list of four
      {"linux.devices/other-mode", nullptr},  // 0600, which another device has
      {"linux.devices/other-owner", R"("uid":3)"},
      {"linux.readonlyPaths/dir-left-writable", R"("/bin")"},
      {"process.scheduler/nice-mismatch", R"("nice":7)"},
      {"process.ioPriority/mismatch", R"("priority":6)"},
      {"process.execCPUAffinity/exec-told-pinned", R"("final":"0")"},
      {"linux.resources/pids-mismatch", R"("limit":78)"},
      {"linux.resources/cpuset-mismatch", R"("cpus":"0-1")"},
  };
  return renderings;
}

// A negative passes only on a failure line naming `told` (judge.h). That text must come from
// what /spec.json was told and be absent from what the runtime was asked: then a run of
// config.json alone, the positive counterpart, cannot print it.
TEST(ScenariosTest, EveryNegativeNamesAToldValueOnlySpecJsonHolds) {
  for (const Scenario* s : AllScenarios()) {
    if (s->expect != Expect::kCheckFails) {
      EXPECT_EQ(s->told, nullptr) << s->name << ": only negatives tell";
      continue;
    }
    ASSERT_NE(s->told, nullptr) << s->name;
    ASSERT_NE(std::string(s->told), "") << s->name;
    if (s->tell == nullptr) {
      // The config itself asks the runtime for what the check forbids (a default left out):
      // there is no run of it that passes, and the told text is the default the check demands.
      continue;
    }
    Dumps d = DumpScenario(*s);
    EXPECT_EQ(d.asked.find(s->told), std::string::npos)
        << s->name << ": config.json already holds " << s->told;
    auto rendered = Renderings().find(s->name);
    if (rendered == Renderings().end()) {
      EXPECT_NE(d.told.find(s->told), std::string::npos)
          << s->name << ": /spec.json does not hold " << s->told;
    } else if (rendered->second != nullptr) {
      EXPECT_NE(d.told.find(rendered->second), std::string::npos)
          << s->name << ": /spec.json does not hold " << rendered->second;
      EXPECT_EQ(d.asked.find(rendered->second), std::string::npos)
          << s->name << ": config.json already holds " << rendered->second;
    }
  }
  for (const auto& [name, spelling] : Renderings()) {
    bool known = false;
    for (const Scenario* s : AllScenarios()) known = known || name == s->name;
    EXPECT_TRUE(known) << "a rendering for no scenario: " << name;
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
