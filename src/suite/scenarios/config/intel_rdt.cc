// config-linux.md#intelrdt: a container in a resource group (CLOS) of its own. Needs a mounted
// resctrl filesystem on the host; elsewhere (no Intel RDT / AMD QoS, or resctrl not mounted)
// the scenarios SKIP.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

constexpr const char* kGroupDir = "/sys/fs/resctrl/runtimetest-clos";

const char* NoResctrl() {
  if (::access("/sys/fs/resctrl/info", F_OK) == 0) return nullptr;
  return "no resctrl filesystem at /sys/fs/resctrl on this host";
}

// A closID without schemata joins a group that must exist already (config-linux.md#intelrdt).
Status CreateGroup() {
  if (::mkdir(kGroupDir, 0755) != 0 && errno != EEXIST) return Status::Errno(kGroupDir, errno);
  return Status::Ok();
}

void RemoveGroup() { ::rmdir(kGroupDir); }

void Clos(json& c) { c["linux"]["intelRdt"] = {{"closID", "runtimetest-clos"}}; }

const Scenario kScenarios[] = {
    {.name = "linux.intelRdt/clos",
     .check_id = "linux.intelRdt",
     .expect = Expect::kPass,
     .configure = Clos,
     .unsupported = NoResctrl,
     .requires_feature = "linux.intelRdt.enabled",
     .setup = CreateGroup,
     .teardown = RemoveGroup},
    {.name = "linux.intelRdt/clos-mismatch",
     .check_id = "linux.intelRdt",
     .expect = Expect::kCheckFails,
     .told = "another-clos",
     .configure = Clos,
     .tell = [](json& c) { c["linux"]["intelRdt"]["closID"] = "another-clos"; },
     .unsupported = NoResctrl,
     .setup = CreateGroup,
     .teardown = RemoveGroup},
};

}  // namespace

std::span<const Scenario> IntelRdtScenarios() { return kScenarios; }

}  // namespace rt::suite
