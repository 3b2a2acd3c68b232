// config.md#linux-process: process.execCPUAffinity (runtime-spec 1.2.0) applies to processes
// started with `exec`, not to the container's init process: as init, runtimetest must SKIP rather
// than compare; as an exec'd process (Scenario::exec) it compares.
#include <sched.h>

#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// Pinning to CPU 0 is only visible where the process could run on more.
const char* OneCpu() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0 || CPU_COUNT(&set) < 2 || !CPU_ISSET(0, &set)) {
    return "the suite needs CPU 0 and at least one more CPU in its affinity mask";
  }
  return nullptr;
}

void FinalCpu0(json& process) { process["execCPUAffinity"] = {{"final", "0"}}; }

const Scenario kScenarios[] = {
    {.name = "process.execCPUAffinity/not-for-init",
     .check_id = "process.execCPUAffinity",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["execCPUAffinity"] = {{"initial", "0"}, {"final", "0"}};
         }},
    {.name = "process.execCPUAffinity/exec-final",
     .check_id = "process.execCPUAffinity",
     .expect = Expect::kPass,
     .unsupported = OneCpu,
     .requires_feature = "ociVersionMax>=1.2.0",
     .exec = FinalCpu0},
    // The runtime is not asked to pin the exec'd process, /spec.json says it was.
    {.name = "process.execCPUAffinity/exec-told-pinned",
     .check_id = "process.execCPUAffinity",
     .expect = Expect::kCheckFails,
     .told = "final: expected 0",
     .tell = [](json& c) { FinalCpu0(c["process"]); },
     .unsupported = OneCpu,
     .exec = [](json&) {}},
};

}  // namespace

std::span<const Scenario> CpuAffinityScenarios() { return kScenarios; }

}  // namespace rt::suite
