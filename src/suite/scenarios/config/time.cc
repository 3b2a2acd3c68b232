// config-linux.md#offset-for-time-namespace: a new time namespace with offsets for both clocks
// that have one (a runtime-spec 1.1 field). runc 1.1.5 does not know time namespaces (its
// `features` does not list "time"): SKIP. The offset scenarios leave the pid namespace out, so
// that they judge the offsets alone; linux.namespaces/time-new has both.
#include <unistd.h>

#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// A new time namespace, without a new pid namespace.
void TimeOnly(json& c) {
  c["ociVersion"] = "1.1.0";
  RemoveNamespace(c, "pid");
  SetNamespace(c, "time");
}

void BothClocks(json& c) {
  TimeOnly(c);
  c["linux"]["timeOffsets"] = {{"monotonic", {{"secs", 31536000}, {"nanosecs", 0}}},
                               {"boottime", {{"secs", 7200}, {"nanosecs", 250}}}};
}

const char* NoTimeNamespaces() {
  return ::access("/proc/self/ns/time", F_OK) == 0 ? nullptr : "this kernel has no time namespaces";
}

const Scenario kScenarios[] = {
    {.name = "linux.timeOffsets/both-clocks",
     .check_id = "linux.timeOffsets",
     .expect = Expect::kPass,
     .configure = BothClocks,
     .unsupported = NoTimeNamespaces,
     .requires_feature = "linux.namespaces=time"},
    {.name = "linux.timeOffsets/monotonic-only",
     .check_id = "linux.timeOffsets",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           TimeOnly(c);
           c["linux"]["timeOffsets"] = {{"monotonic", {{"secs", -10}, {"nanosecs", 0}}}};
         },
     .unsupported = NoTimeNamespaces,
     .requires_feature = "linux.namespaces=time"},
    {.name = "linux.timeOffsets/told-other",
     .check_id = "linux.timeOffsets",
     .expect = Expect::kCheckFails,
     .told = "monotonic: expected 1 s",
     .configure = BothClocks,
     .tell = [](json& s) { s["linux"]["timeOffsets"]["monotonic"]["secs"] = 1; },
     .unsupported = NoTimeNamespaces,
     .requires_feature = "linux.namespaces=time"},
    {.name = "linux.namespaces/time-new",
     .check_id = "linux.namespaces",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["ociVersion"] = "1.1.0";
           SetNamespace(c, "time");
         },
     .unsupported = NoTimeNamespaces,
     .requires_feature = "linux.namespaces=time"},
};

}  // namespace

std::span<const Scenario> TimeScenarios() { return kScenarios; }

}  // namespace rt::suite
