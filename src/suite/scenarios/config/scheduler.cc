// config.md#linux-process: process.scheduler (runtime-spec 1.2.0). Runtimes that declare an older
// ociVersionMax in `features` do not know the field and must ignore it: their positive
// scenarios SKIP. The negative ones hold for every runtime.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

constexpr const char* kSpec12 = "ociVersionMax>=1.2.0";

void Batch(json& c) { c["process"]["scheduler"] = {{"policy", "SCHED_BATCH"}, {"nice", 5}}; }

const Scenario kScenarios[] = {
    // A nice value the suite does not hand down (it runs at 0): SCHED_OTHER at nice 0 is what
    // every process inherits, which a runtime that ignores the field passes as well.
    {.name = "process.scheduler/other",
     .check_id = "process.scheduler",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["scheduler"] = {{"policy", "SCHED_OTHER"}, {"nice", 6}};
         },
     .requires_feature = kSpec12},
    {.name = "process.scheduler/batch-nice",
     .check_id = "process.scheduler",
     .expect = Expect::kPass,
     .configure = Batch,
     .requires_feature = kSpec12},
    {.name = "process.scheduler/idle",
     .check_id = "process.scheduler",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["scheduler"] = {{"policy", "SCHED_IDLE"}};
         },
     .requires_feature = kSpec12},
    {.name = "process.scheduler/fifo-reset-on-fork",
     .check_id = "process.scheduler",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["scheduler"] = {
               {"policy", "SCHED_FIFO"}, {"priority", 10}, {"flags", {"SCHED_FLAG_RESET_ON_FORK"}}};
         },
     .requires_feature = kSpec12},
    {.name = "process.scheduler/policy-mismatch",
     .check_id = "process.scheduler",
     .expect = Expect::kCheckFails,
     .told = "SCHED_IDLE",
     .configure = Batch,
     .tell = [](json& c) { c["process"]["scheduler"]["policy"] = "SCHED_IDLE"; }},
    {.name = "process.scheduler/nice-mismatch",
     .check_id = "process.scheduler",
     .expect = Expect::kCheckFails,
     .told = "nice: expected 7",
     .configure =
         [](json& c) {
           c["process"]["scheduler"] = {{"policy", "SCHED_OTHER"}};
         },
     .tell = [](json& c) { c["process"]["scheduler"]["nice"] = 7; }},
};

}  // namespace

std::span<const Scenario> SchedulerScenarios() { return kScenarios; }

}  // namespace rt::suite
