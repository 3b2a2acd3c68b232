// config.md#linux-process: process.capabilities. The default config (ambient listed, inheritable
// not) is a contradiction runtimetest skips; these scenarios give consistent sets.
#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void DefaultThree(json& c) {
  SetAllCapabilities(c, {"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"});
}

const Scenario kScenarios[] = {
    {.name = "process.capabilities/all-sets-agree",
     .check_id = "process.capabilities",
     .expect = Expect::kPass,
     .configure = DefaultThree},
    {.name = "process.capabilities/none",
     .check_id = "process.capabilities",
     .expect = Expect::kPass,
     .configure = [](json& c) { SetAllCapabilities(c, {}); }},
    {.name = "process.capabilities/non-root-ambient",
     .check_id = "process.capabilities",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           SetUser(c, 1000, 1000);
           SetAllCapabilities(c, {"CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW"});
         }},
    {.name = "process.capabilities/bounding-extra",
     .check_id = "process.capabilities",
     .expect = Expect::kCheckFails,
     .told = "CAP_SYS_ADMIN: expected unset",
     .configure =
         [](json& c) {
           DefaultThree(c);
           c["process"]["capabilities"]["bounding"].push_back("CAP_SYS_ADMIN");
         },
     .tell = DefaultThree},
    {.name = "process.capabilities/missing",
     .check_id = "process.capabilities",
     .expect = Expect::kCheckFails,
     .told = "CAP_KILL",
     .configure =
         [](json& c) {
           SetAllCapabilities(c, {"CAP_AUDIT_WRITE", "CAP_NET_BIND_SERVICE"});
         },
     .tell = DefaultThree},
};

}  // namespace

std::span<const Scenario> CapabilityScenarios() { return kScenarios; }

}  // namespace rt::suite
