// config.md#linux-process: process.ioPriority (runtime-spec 1.2.0). Runtimes that declare an
// older ociVersionMax in `features` must ignore the field: their positive scenarios SKIP.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

constexpr const char* kSpec12 = "ociVersionMax>=1.2.0";

void BestEffort2(json& c) {
  c["process"]["ioPriority"] = {{"class", "IOPRIO_CLASS_BE"}, {"priority", 2}};
}

const Scenario kScenarios[] = {
    {.name = "process.ioPriority/be",
     .check_id = "process.ioPriority",
     .expect = Expect::kPass,
     .configure = BestEffort2,
     .requires_feature = kSpec12},
    {.name = "process.ioPriority/rt",
     .check_id = "process.ioPriority",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["ioPriority"] = {{"class", "IOPRIO_CLASS_RT"}, {"priority", 0}};
         },
     .requires_feature = kSpec12},
    {.name = "process.ioPriority/idle",
     .check_id = "process.ioPriority",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["ioPriority"] = {{"class", "IOPRIO_CLASS_IDLE"}, {"priority", 7}};
         },
     .requires_feature = kSpec12},
    {.name = "process.ioPriority/mismatch",
     .check_id = "process.ioPriority",
     .expect = Expect::kCheckFails,
     .told = "IOPRIO_CLASS_BE priority 6",
     .configure = BestEffort2,
     .tell = [](json& c) { c["process"]["ioPriority"]["priority"] = 6; }},
};

}  // namespace

std::span<const Scenario> IoPriorityScenarios() { return kScenarios; }

}  // namespace rt::suite
