// config.md#posix-process: process.rlimits, and the configs a runtime must refuse.
#include <cstdint>

#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

constexpr uint64_t kInfinity = UINT64_MAX;  // RLIM_INFINITY as the config writes it

const Scenario kScenarios[] = {
    {.name = "process.rlimits/nofile",
     .check_id = "process.rlimits",
     .expect = Expect::kPass,
     .configure = [](json& c) { SetRlimit(c, "RLIMIT_NOFILE", 256, 512); }},
    {.name = "process.rlimits/several",
     .check_id = "process.rlimits",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           SetRlimit(c, "RLIMIT_CORE", 0, 0);
           SetRlimit(c, "RLIMIT_CPU", 100, 200);
           SetRlimit(c, "RLIMIT_MSGQUEUE", 4096, 8192);
           SetRlimit(c, "RLIMIT_NPROC", 1000, 2000);
         }},
    {.name = "process.rlimits/infinity",
     .check_id = "process.rlimits",
     .expect = Expect::kPass,
     .configure = [](json& c) { SetRlimit(c, "RLIMIT_CORE", kInfinity, kInfinity); }},
    {.name = "process.rlimits/soft-mismatch",
     .check_id = "process.rlimits",
     .expect = Expect::kCheckFails,
     .told = "soft: expected 512",
     .configure = [](json& c) { SetRlimit(c, "RLIMIT_NOFILE", 1024, 1024); },
     .tell = [](json& c) { SetRlimit(c, "RLIMIT_NOFILE", 512, 1024); }},
    {.name = "process.rlimits/hard-mismatch",
     .check_id = "process.rlimits",
     .expect = Expect::kCheckFails,
     .told = "hard: expected 2048",
     .configure = [](json& c) { SetRlimit(c, "RLIMIT_NOFILE", 512, 1024); },
     .tell = [](json& c) { SetRlimit(c, "RLIMIT_NOFILE", 512, 2048); }},
    {.name = "process.rlimits/not-set",
     .check_id = "process.rlimits",
     .expect = Expect::kCheckFails,
     .told = "RLIMIT_MSGQUEUE",
     .tell = [](json& c) { SetRlimit(c, "RLIMIT_MSGQUEUE", 1234, 1234); }},
    // "valid values are defined in the getrlimit(3) man page": anything else is an error.
    {.name = "process.rlimits/reject-unknown-type",
     .check_id = "process.rlimits",
     .expect = Expect::kRuntimeRejects,
     .configure = [](json& c) { SetRlimit(c, "RLIMIT_BOGUS", 1, 1); }},
    // "If rlimits contains duplicated entries with same type, the runtime MUST generate an error."
    {.name = "process.rlimits/reject-duplicate-type",
     .check_id = "process.rlimits",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           c["process"]["rlimits"] = {
               {{"type", "RLIMIT_NOFILE"}, {"soft", 1024}, {"hard", 1024}},
               {{"type", "RLIMIT_NOFILE"}, {"soft", 512}, {"hard", 512}},
           };
         }},
};

}  // namespace

std::span<const Scenario> RlimitScenarios() { return kScenarios; }

}  // namespace rt::suite
