// config-linux.md#sysctl: namespaced sysctls the default namespaces (network, ipc) allow; both
// runc and crun accept these.
#include <unistd.h>

#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

const char* NoIpForward() {
  if (::access("/proc/sys/net/ipv4/ip_forward", F_OK) == 0) return nullptr;
  return "no /proc/sys/net/ipv4/ip_forward on this host (kernel without IPv4)";
}

const char* NoShmRmidForced() {
  if (::access("/proc/sys/kernel/shm_rmid_forced", F_OK) == 0) return nullptr;
  return "no /proc/sys/kernel/shm_rmid_forced on this host (kernel without SysV IPC)";
}

void IpForward(json& c) { c["linux"]["sysctl"]["net.ipv4.ip_forward"] = "1"; }

const Scenario kScenarios[] = {
    {.name = "linux.sysctl/net",
     .check_id = "linux.sysctl",
     .expect = Expect::kPass,
     .configure = IpForward,
     .unsupported = NoIpForward},
    {.name = "linux.sysctl/ipc",
     .check_id = "linux.sysctl",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["linux"]["sysctl"]["kernel.shm_rmid_forced"] = "1"; },
     .unsupported = NoShmRmidForced},
    {.name = "linux.sysctl/mismatch",
     .check_id = "linux.sysctl",
     .expect = Expect::kCheckFails,
     .told = "expected \"0\"",
     .configure = IpForward,
     .tell = [](json& c) { c["linux"]["sysctl"]["net.ipv4.ip_forward"] = "0"; },
     .unsupported = NoIpForward},
};

}  // namespace

std::span<const Scenario> SysctlScenarios() { return kScenarios; }

}  // namespace rt::suite
