// Operation scenarios: what the runtime *does* when asked to operate on containers (runtime.md:
// State, Lifecycle, Errors, Operations). Each is one entry in a table: a sequence of steps
// against one or more containers, each step with its expectation. The container processes are
// runtimetest's helper modes (src/helper/helper.h) or runtimetest itself (an `exec` step, a
// console scenario). Config scenarios (scenario.h) ask "does the container look as its config
// says?"; these ask "does the runtime do what each operation promises?".
//
// How the runner (op_runner.cc) walks a scenario: it builds one bundle per container (the
// default config, root writable, process `runtimetest helper sleep`, then `configure`), runs the
// steps in order and stops at the first step whose expectation is not met. Every step is judged
// exactly:
//   - Want::kSuccess: the runtime command exits 0 (and a `state` step shows `status`).
//   - Want::kError: the runtime command exits non-zero AND `state` of the container is the same
//     before and after the step (status, pid, bundle; or absent both times): runtime.md#errors.
// Then whatever happened, every container is cleaned up by the config scenarios' machinery
// (runner.cc): the runtime's process groups killed, each container that may exist deleted
// (`kill KILL`, a wait on its init, `delete`; else `delete --force`), cgroup dirs and state dirs
// removed, also on a timeout or SIGINT/SIGTERM in the middle of a sequence.
//
// A positive scenario passes when every step met its expectation and nothing was left behind.
// A negative companion (`fails_at`) has a step whose expectation is deliberately wrong: it passes
// only when that step, and no earlier one, fails, and its failure message names `told`.
//
// Adding a table: write scenarios/ops/<area>.cc defining `std::span<const OpScenario>
// Op<Area>Scenarios()`, declare it below and list it in AllOpScenarios() (op_scenarios.cc).
// Adding a step kind: add it to `Op`, give it a name in OpName() and a case in
// OpRunner::RunStep (op_runner.h/.cc) that runs it and returns "" or why it failed; put what it
// needs into Step (a pointer to a function is the usual way to let the table judge), and its
// pure judgement into op_judge.* with a unit test. A one-off step can instead be a kCustom with
// a function of the table's own, which gets the OpRunner (op_runner.h: the containers, the
// runtime, commands recorded with the step, the container's output, host cgroup dirs).
#pragma once

#include <sys/types.h>

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rt::suite {

enum class Op {
  kCreate,      // `create [--pid-file F] [--console-socket S] --bundle B ID`
  kStart,       // `start ID`
  kState,       // `state ID`: validated against schema/state-schema.json, annotations echoed
  kKill,        // `kill ID SIGNAL`
  kDelete,      // `delete [--force] ID`
  kExec,        // `exec --process FILE ID` of runtimetest (process from `edit`), judged like a
                // config scenario: exit 0 and empty stderr, or a failure of `check_id` naming
                // `told`
  kWaitExit,    // waits for the container's init to exit; wants `exit_code` (or death by `signal`)
  kWaitFile,    // waits (inotify, deadline) until the container's FILE holds the line `line`
  kReadFile,    // reads the container's FILE (missing: empty): exactly `line`, and/or `judge_text`
  kEditConfig,  // changes config.json on disk with `edit`
  kCustom,      // runs `custom`
  kHookLog,     // judges the container's hook log /out/hooks.log (hook_step.h) against config.json,
                // or the copy `tell` makes of it; `check_id`: the finding ids judged
                // ("hooks.order,hooks.args"; null: all). Which hooks must have run follows from
                // the scenario's earlier steps (a `start`, a `delete`) and the failing hooks.
};

enum class Want {
  kSuccess,  // exit 0
  kError,    // non-zero exit, and the container's state unchanged by the step
};

class OpRunner;
struct Step;

// What a custom step (and a configure function) may see of one container.
struct OpContainer {
  int index = 0;
  std::string id;
  std::string bundle;       // absolute
  std::string out_dir;      // on the host: what the container sees as /out (rootfs/out)
  std::string host_binary;  // runtimetest on the host (hooks run it in the runtime namespace)
  pid_t pid = 0;            // the init's pid on the host, once created (0 before, or unknown)
  std::vector<std::string> cgroup_dirs;  // the init's cgroup dirs on the host, once created
};

struct Step {
  Op op;
  int container = 0;  // which of the scenario's containers
  Want want = Want::kSuccess;
  // kCreate: the id of container `id_of` instead of its own (a duplicate). kNoId, in a step of
  // any operation: an empty id (the operation is given no container id).
  int id_of = -1;
  const char* status = nullptr;  // kState: the status `state` must show; null: any
  // kKill: the signal as `kill` takes it ("TERM", "USR1"). kWaitExit: the process must have
  // been killed by it (instead of exiting with `exit_code`).
  const char* signal = nullptr;
  bool force = false;            // kDelete: --force
  bool pid_file = false;         // kCreate: --pid-file (the runner always reads one; see below)
  bool console = false;          // kCreate: --console-socket, the suite receives the pty master
  // kWaitFile / kReadFile: a file below the container's /out ("signals", "marker").
  const char* file = nullptr;
  // kWaitFile: the line to wait for. kReadFile: the exact content ("ran\n"; "" = not written);
  // null: only `judge_text` judges.
  const char* line = nullptr;
  int exit_code = 0;  // kWaitExit
  // Want::kError of kCreate/kStart: the spec has this error stop the container (a failing hook,
  // runtime.md#lifecycle), so `state` is not compared before and after; a non-zero exit is all.
  bool stops_container = false;
  // kEditConfig: changes config.json. kExec: turns a copy of config.process into the exec'd
  // process (user, env, cwd, capabilities).
  void (*edit)(nlohmann::json&) = nullptr;
  // kExec: turns that process into the one runtimetest is told it runs as (negatives); null:
  // the same. kHookLog: turns a copy of config.json into the config the judge is told.
  void (*tell)(nlohmann::json&) = nullptr;
  // kExec: check ids for runtimetest (null: every check), and for a negative the check whose
  // definite failure must name `told`. kHookLog: the finding ids judged.
  const char* check_id = nullptr;
  const char* told = nullptr;
  // kReadFile: "" when the text is as expected, else why not.
  std::string (*judge_text)(std::string_view text) = nullptr;
  // kCustom: does and judges the step; "" when it met its expectation, else why not.
  std::string (*custom)(OpRunner& runner, const Step& step) = nullptr;
  const char* what = nullptr;  // kCustom: what it does, for the report
};

inline constexpr int kNoId = -2;

struct OpScenario {
  const char* name;    // unique: "ops/<area>/<case>"; --filter and expected failures match it
  const char* ref;     // the spec section: "runtime.md#kill"
  const char* level;   // "MUST", "SHOULD", or "convention" (a CLI convention, not the spec's)
  const char* proves;  // one line: what a pass shows (--list, README)
  int containers = 1;
  // Null, or changes a container's config (its helper command line, annotations, ...).
  void (*configure)(nlohmann::json& config, const OpContainer& container) = nullptr;
  std::vector<Step> steps;
  // A negative companion: the index of the step that must fail, and a text its failure names.
  int fails_at = -1;
  const char* told = nullptr;
  // Null, or says why this host cannot run the scenario (nullptr when it can): a SKIP.
  const char* (*unsupported)() = nullptr;
  // Null, or the runtime-spec version the runtime must declare (features ociVersionMax, else the
  // "spec:" line of --version): ">=1.3.0" or "<1.3.0"; else a SKIP saying what it declares.
  const char* spec_version = nullptr;
};

// "create", "kill", ... for reports.
const char* OpName(Op op);

// The helper's command line: {"/bin/runtimetest", "helper", ...args}.
void SetHelperArgs(nlohmann::json& config, std::initializer_list<const char*> args);

// The tables, one per area (scenarios/ops/<area>.cc).
std::span<const OpScenario> OpStateScenarios();
std::span<const OpScenario> OpStartScenarios();
std::span<const OpScenario> OpCreateScenarios();
std::span<const OpScenario> OpKillScenarios();
std::span<const OpScenario> OpDeleteScenarios();
std::span<const OpScenario> OpPidFileScenarios();
std::span<const OpScenario> OpConsoleScenarios();
std::span<const OpScenario> OpExecScenarios();
std::span<const OpScenario> OpHookScenarios();

// Every operation scenario, in run order.
const std::vector<const OpScenario*>& AllOpScenarios();

}  // namespace rt::suite
