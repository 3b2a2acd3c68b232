// The annotations that let runtimetest judge linux.namespaces from inside (sys/namespaces.h):
// which namespaces the runtime runs in, and which namespace each `path` names. Both are facts of
// the host, so the suite writes them into every config it builds.
#pragma once

#include "sys/system.h"
#include "util/json.h"

namespace rt::suite {

// Adds to `config`'s annotations (an object, made if absent):
//   org.runtimetest.host-ns.<type>  the inode of the suite's own namespace of each type the
//                                   kernel has (the runtime it starts inherits them);
//   org.runtimetest.ns-path.<type>  for each linux.namespaces entry with a path, the inode of
//                                   what stat(2) finds there (when it finds something);
//   org.runtimetest.runtime-oom-score-adj
//                                   the suite's own oom_score_adj, which the runtime inherits
//                                   (config.md#linux-process: unset, it must stay so).
// An annotation the config already has is left as it is, so a scenario can tell another value.
void AddNamespaceAnnotations(nlohmann::json& config, sys::System& host);

}  // namespace rt::suite
