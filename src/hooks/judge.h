// Judges a hook log (hook_log.h) against the config the runtime was given: which hooks ran, in
// what order, with which argv and env, with which state on stdin, in which namespaces, and at which
// point of the container process's life. Pure: the log, the config and the facts of the host are
// all it reads, so fixture logs test it.
#pragma once

#include <string>
#include <vector>

#include "hooks/hook_log.h"
#include "hooks/state.h"
#include "spec/spec.h"

namespace rt::hooks {

// A hook of the config: its kind and its index in the config's array of that kind.
struct HookRun {
  Kind kind;
  size_t index = 0;
  bool operator==(const HookRun&) const = default;
};
std::string Label(const HookRun& run);  // "createRuntime[1]"

// How far the lifecycle was driven when the log is read.
struct Plan {
  bool started = false;  // `start` was called (after a `create` that succeeded)
  bool deleted = false;  // `delete` was called
  // runtime-spec 1.3: a failing poststart hook is an error that stops the container (lifecycle
  // step 9); before 1.3 it was a warning and the lifecycle went on. From the runtime's declared
  // spec version.
  bool poststart_failure_is_error = true;
};

// Whether a hook is one of runtimetest's failing fixtures: args[1..2] "hook fail" or "hook hang"
// (a hang is a failure once its timeout kills it).
bool FailsOnPurpose(const spec::Hook& hook);

// The hook runs the lifecycle must have made by then, in order (runtime.md#lifecycle): prestart,
// createRuntime, createContainer at create; startContainer, then poststart once started; poststop
// once deleted. A failing hook of the first five kinds ends its phase (later hooks do not run)
// and sends the lifecycle to step 12, so poststop hooks run then (a failing poststart only when
// `poststart_failure_is_error`); a failing poststop hook is a warning and the rest still run.
std::vector<HookRun> ExpectedRuns(const spec::Hooks& hooks, const Plan& plan);

// One definite disagreement, printed as "<id>: <subject>: <what> (<reference>, <level>)".
struct Finding {
  std::string id;  // hooks.order, hooks.args, hooks.env, hooks.state, hooks.namespaces, hooks.when
  std::string subject;  // "createRuntime[0]", or "" for the whole log
  std::string what;     // "expected X, found Y"
  const char* reference = "";
  const char* level = "MUST";
  std::string Line() const;
};

// What the host knows beside the log.
struct HostFacts {
  NamespaceIds runtime_ns;  // the namespaces the runtime runs in (the suite's own)
  StateExpectation state;   // id, bundle, annotations of the container
};

// Every finding of `log` against `told` (the config the judge is told the runtime got: the real
// one, or a changed copy in negative scenarios). Values the recorder could not observe are not
// compared. An empty result is a log that conforms.
std::vector<Finding> JudgeHookLog(const std::vector<Record>& log, const spec::Config& told,
                                  const Plan& plan, const HostFacts& host);

}  // namespace rt::hooks
