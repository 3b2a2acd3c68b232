#include <initializer_list>

#include "suite/scenario.h"

namespace rt::suite {

const std::vector<const Scenario*>& AllScenarios() {
  static const std::vector<const Scenario*> all = [] {
    std::vector<const Scenario*> v;
    // One line per spec area (clang-format would pack them into columns).
    // clang-format off
    for (std::span<const Scenario> area : {
             BaselineScenarios(),
             RootScenarios(),
             UtsScenarios(),
             ProcessScenarios(),
             UserScenarios(),
             RlimitScenarios(),
             CapabilityScenarios(),
             SysctlScenarios(),
             NamespaceScenarios(),
             IdMapScenarios(),
             TimeScenarios(),
             SeccompScenarios(),
             LsmScenarios(),
             FdControlScenarios(),
             MountScenarios(),
             DeviceScenarios(),
             PathScenarios(),
             SchedulerScenarios(),
             IoPriorityScenarios(),
             CpuAffinityScenarios(),
             PersonalityScenarios(),
             MemoryPolicyScenarios(),
             NetDeviceScenarios(),
             ResourceScenarios(),
             IntelRdtScenarios(),
         }) {
      // clang-format on
      for (const Scenario& s : area) v.push_back(&s);
    }
    return v;
  }();
  return all;
}

const char* ExpectName(Expect expect) {
  switch (expect) {
    case Expect::kPass:
      return "pass";
    case Expect::kCheckFails:
      return "check-fails";
    case Expect::kRuntimeRejects:
      return "runtime-rejects";
  }
  return "?";
}

}  // namespace rt::suite
