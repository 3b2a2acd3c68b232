// config-linux.md#memory-policy: linux.memoryPolicy (runtime-spec 1.3.0), with node 0, which
// every NUMA kernel has. A runtime whose `features` does not list the mode SKIPs the positive
// scenarios.
#include <unistd.h>

#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

const char* NoNuma() {
  if (::access("/sys/devices/system/node/node0", F_OK) == 0) return nullptr;
  return "no NUMA node 0 on this host (/sys/devices/system/node/node0)";
}

void Bind0(json& c) { c["linux"]["memoryPolicy"] = {{"mode", "MPOL_BIND"}, {"nodes", "0"}}; }

const Scenario kScenarios[] = {
    {.name = "linux.memoryPolicy/bind",
     .check_id = "linux.memoryPolicy",
     .expect = Expect::kPass,
     .configure = Bind0,
     .unsupported = NoNuma,
     .requires_feature = "linux.memoryPolicy.modes=MPOL_BIND"},
    {.name = "linux.memoryPolicy/interleave-static",
     .check_id = "linux.memoryPolicy",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["linux"]["memoryPolicy"] = {
               {"mode", "MPOL_INTERLEAVE"}, {"nodes", "0"}, {"flags", {"MPOL_F_STATIC_NODES"}}};
         },
     .unsupported = NoNuma,
     .requires_feature = "linux.memoryPolicy.flags=MPOL_F_STATIC_NODES"},
    {.name = "linux.memoryPolicy/mismatch",
     .check_id = "linux.memoryPolicy",
     .expect = Expect::kCheckFails,
     .told = "MPOL_INTERLEAVE",
     .configure = Bind0,
     .tell = [](json& c) { c["linux"]["memoryPolicy"]["mode"] = "MPOL_INTERLEAVE"; },
     .unsupported = NoNuma},
};

}  // namespace

std::span<const Scenario> MemoryPolicyScenarios() { return kScenarios; }

}  // namespace rt::suite
