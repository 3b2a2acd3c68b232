// config.md#linux-process: process.execCPUAffinity (runtime-spec 1.2.0) applies to processes
// started with `exec`, not to the container's init process, which is what runtimetest is here:
// the check must recognize that and SKIP rather than compare.
#include <nlohmann/json.hpp>

#include "suite/scenario.h"

namespace rt::suite {
namespace {

using nlohmann::json;

const Scenario kScenarios[] = {
    {.name = "process.execCPUAffinity/not-for-init",
     .check_id = "process.execCPUAffinity",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["execCPUAffinity"] = {{"initial", "0"}, {"final", "0"}};
         }},
};

}  // namespace

std::span<const Scenario> CpuAffinityScenarios() { return kScenarios; }

}  // namespace rt::suite
