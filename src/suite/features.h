// What a runtime declares it supports: the JSON its `features` subcommand prints (runtime-spec
// features.md). A scenario may name one feature it needs; a runtime that declares it lacks it
// SKIPs the scenario, one that has no `features` subcommand runs it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "suite/run_record.h"
#include "util/json.h"

namespace rt::suite {

// `requirement` is a dotted path into the features document, either
//   "linux.namespaces=time"   the array there lists the string "time", or
//   "linux.seccomp.enabled"   the value there is true, or
//   "ociVersionMax>=1.2.0"    the runtime recognizes that spec version (for fields features.md
//                             has no entry for: a runtime that does not recognize a field MUST
//                             ignore it, config.md#extensibility). "1.0.2-dev" < "1.0.2".
// Returns why the runtime lacks it ("features: linux.namespaces does not list \"time\""), or
// nullopt when it has it. A path the document does not have counts as lacking (features.md: an
// absent field means unknown, and the runtime did not promise it). `features` null: nothing is
// known, so nothing is lacking.
std::optional<std::string> MissingFeature(const nlohmann::json* features,
                                          std::string_view requirement);

// The runtime-spec version a runtime declares: ociVersionMax of its `features` document, else the
// "spec: X" line of its `--version` output (runc and crun print one; crun 1.8.1 has no
// `features`). nullopt when neither says.
std::optional<std::string> DeclaredSpecVersion(const nlohmann::json* features,
                                               std::string_view version_output);

// Whether version `have` is at least `need` (semantic versioning: "1.0.2-dev" < "1.0.2"); false
// when either is not a version.
bool SpecVersionAtLeast(std::string_view have, std::string_view need);

// The report's short form of a features document: spec versions, namespaces, the cgroup drivers
// declared true, and whether seccomp, AppArmor and SELinux are enabled. Fields of the wrong type
// are left out, as absent ones are.
FeaturesSummary SummarizeFeatures(const nlohmann::json& features);

}  // namespace rt::suite
