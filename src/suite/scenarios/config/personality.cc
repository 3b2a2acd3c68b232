// config-linux.md#personality (runtime-spec 1.0.2). LINUX32 runs the 64-bit static runtimetest
// all the same: the domain changes what uname(2) reports, not how the binary runs.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Domain(json& c, const char* domain) { c["linux"]["personality"] = {{"domain", domain}}; }

const Scenario kScenarios[] = {
    {.name = "linux.personality/linux",
     .check_id = "linux.personality",
     .expect = Expect::kPass,
     .configure = [](json& c) { Domain(c, "LINUX"); }},
    {.name = "linux.personality/linux32",
     .check_id = "linux.personality",
     .expect = Expect::kPass,
     .configure = [](json& c) { Domain(c, "LINUX32"); }},
    {.name = "linux.personality/mismatch",
     .check_id = "linux.personality",
     .expect = Expect::kCheckFails,
     .told = "LINUX32",
     .configure = [](json& c) { Domain(c, "LINUX"); },
     .tell = [](json& c) { Domain(c, "LINUX32"); }},
};

}  // namespace

std::span<const Scenario> PersonalityScenarios() { return kScenarios; }

}  // namespace rt::suite
