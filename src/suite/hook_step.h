// The hook-log step of operation scenarios (Op::kHookLog in op_scenario.h): reads a container's
// hook log (hooks/hook_log.h), judges it (hooks/judge.h) against the config the judge is told, and
// checks what a failed or timed-out hook must not leave: the container's cgroup dirs after a
// `create` that failed, a hook process past its timeout.
#pragma once

#include <string>
#include <vector>

#include "hooks/judge.h"
#include "util/json.h"

namespace rt::suite {

// Where the log lives: the host path of the container's /out/hooks.log.
inline constexpr const char* kHookLogName = "hooks.log";

struct HookLogInput {
  std::string log_path;
  nlohmann::json told;  // the config the judge is told the runtime got
  hooks::Plan plan;
  hooks::HostFacts host;  // runtime_ns, and the id and bundle; annotations are `told`'s
  // The finding ids judged ("hooks.order", "hooks.args", ..., "hooks.timeout", "hooks.cleanup");
  // empty: all.
  std::vector<std::string> ids;
  // Directories that must not exist (the container's cgroup dirs, after a `create` that failed).
  std::vector<std::string> gone_dirs;
};

// "" when the log conforms, else every finding, one line each joined with "; ".
std::string JudgeHookLogStep(const HookLogInput& in);

// Whether the judge needs the runtime's spec version: `told` has a poststart hook that fails on
// purpose.
bool HasFailingPoststart(const nlohmann::json& told);

// The inodes of the suite's own mnt, pid and net namespaces (the runtime it starts inherits them).
hooks::NamespaceIds OwnNamespaces();

// One hook entry of runtimetest's: path `path`, args {"<kind>-<index>", "hook", `mode`, "--log",
// `log`, "--name", kind} and env {"RT_HOOK=<kind>-<index>"}.
nlohmann::json RuntimetestHook(hooks::Kind kind, int index, const std::string& path,
                               const std::string& log, const char* mode = "record");

}  // namespace rt::suite
