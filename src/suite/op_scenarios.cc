#include <initializer_list>

#include "suite/op_scenario.h"

namespace rt::suite {

const std::vector<const OpScenario*>& AllOpScenarios() {
  static const std::vector<const OpScenario*> all = [] {
    std::vector<const OpScenario*> v;
    // One line per area (clang-format would pack them into columns).
    // clang-format off
    for (std::span<const OpScenario> area : {
             OpStateScenarios(),
             OpStartScenarios(),
             OpCreateScenarios(),
             OpKillScenarios(),
             OpDeleteScenarios(),
             OpPidFileScenarios(),
             OpConsoleScenarios(),
             OpExecScenarios(),
             OpHookScenarios(),
         }) {
      // clang-format on
      for (const OpScenario& s : area) v.push_back(&s);
    }
    return v;
  }();
  return all;
}

}  // namespace rt::suite
