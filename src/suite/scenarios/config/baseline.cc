// The default config itself: what `runc spec` writes must pass as it is.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

const Scenario kScenarios[] = {
    {.name = "default", .check_id = "all", .expect = Expect::kPass},
};

}  // namespace

std::span<const Scenario> BaselineScenarios() { return kScenarios; }

}  // namespace rt::suite
