// config.md#root: root.readonly.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Readonly(json& c) { c["root"]["readonly"] = true; }
void Writable(json& c) { c["root"]["readonly"] = false; }

const Scenario kScenarios[] = {
    {.name = "root.readonly/true",
     .check_id = "root.readonly",
     .expect = Expect::kPass,
     .configure = Readonly},
    {.name = "root.readonly/false",
     .check_id = "root.readonly",
     .expect = Expect::kPass,
     .configure = Writable},
    {.name = "root.readonly/told-true-got-false",
     .check_id = "root.readonly",
     .expect = Expect::kCheckFails,
     .told = "read-only",
     .configure = Writable,
     .tell = Readonly},
    {.name = "root.readonly/told-false-got-true",
     .check_id = "root.readonly",
     .expect = Expect::kCheckFails,
     .told = "writable",
     .configure = Readonly,
     .tell = Writable},
};

}  // namespace

std::span<const Scenario> RootScenarios() { return kScenarios; }

}  // namespace rt::suite
