// Runs one scenario against a runtime: builds its bundle, drives the runtime (`run`, or
// create/state/start/state/delete in lifecycle mode), judges, and cleans up whatever happened:
// after a pass, a failure, a timeout or a signal, no container and no bundle is left (unless a
// failed bundle is to be kept).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "suite/bundle.h"
#include "suite/judge.h"
#include "suite/op_scenario.h"
#include "suite/process.h"
#include "suite/runtime_client.h"
#include "suite/scenario.h"
#include "sys/cgroup.h"

namespace rt::suite {

enum class Mode {
  kRun,        // one `run --bundle B ID`; the runtime deletes the container when it exits
  kLifecycle,  // create, state (created), start, wait for the process, state (stopped), delete
};

struct RunnerConfig {
  Mode mode = Mode::kRun;
  std::chrono::milliseconds timeout{10000};  // per scenario
  bool keep_failed = false;                  // keep the bundles of failed scenarios
  // Also check that `state ID` fails after scenarios that passed (always done after failures,
  // timeouts and runtime-must-reject scenarios).
  bool verify_gone_after_pass = false;
  // --blind-negatives: /spec.json of each scenario also carries the annotation
  // org.runtimetest.blind=<check_id>, and JudgeBlinded judges it instead of Judge.
  bool blind = false;
  // suite_bench only: operation scenarios as the baseline of their own cost, the runtime's
  // commands that the steps name and the cheapest cleanup: no `state` before and after error
  // steps, and `elapsed` counts neither the bundle building nor the host checks after cleanup.
  bool ops_bare = false;
};

enum class Outcome { kPass, kFail, kSkip };

// The step of an operation scenario that did not meet its expectation.
struct StepFailure {
  int number = 0;  // 1-based
  int total = 0;
  std::string step;  // "kill USR1 (container 1)"
  std::string why;
  std::vector<CommandRecord> commands;  // the step's own commands (with `state` before/after)
  std::string container_output;         // what the container's process printed so far
};

struct ScenarioResult {
  const Scenario* scenario = nullptr;       // a config scenario, or
  const OpScenario* op = nullptr;           // an operation scenario
  std::optional<StepFailure> step_failure;  // op: the step that failed (a negative's, too)
  Outcome outcome = Outcome::kFail;
  std::string message;  // kFail: why; kSkip: the reason
  std::string container_id;
  std::string bundle;        // where it was built
  bool bundle_kept = false;  // still there (--keep-failed)
  // The command line that reruns it by hand with every global flag (--keep-failed).
  std::string rerun;
  std::vector<CommandRecord> commands;
  Observation seen;
  bool interrupted = false;  // a signal cut the scenario short (it was cleaned up all the same)
  std::chrono::nanoseconds elapsed{0};

  const char* name() const { return op != nullptr ? op->name : scenario->name; }
};

class Runner {
 public:
  // `work_dir`: an existing directory the bundles are built in. `interrupt_fd`: readable once
  // the suite is to stop (-1: never).
  Runner(const RuntimeClient& runtime, const BinaryStore& binary, std::string work_dir,
         RunnerConfig config, int interrupt_fd);

  // Makes the suite the child subreaper: lifecycle mode waits for the container process that
  // way, and a container orphaned by a runtime killed on timeout is reaped by the suite; every
  // child exit wakes the wait loop, which reaps it.
  Status Init();

  ScenarioResult Run(const Scenario& scenario);
  // An operation scenario (op_runner.cc): its steps, then the same cleanup.
  ScenarioResult Run(const OpScenario& scenario);

  // The runtime's `features` document, fetched once; null when it has no such subcommand.
  const nlohmann::json* Features();

  // suite_bench: switches RunnerConfig::ops_bare between runs.
  void set_ops_bare(bool bare) { config_.ops_bare = bare; }

  // Every container id this runner used, in order.
  const std::vector<std::string>& container_ids() const { return ids_; }
  // The id prefix shared by all of them ("runtimetest-<pid>-").
  const std::string& id_prefix() const { return id_prefix_; }

 private:
  friend class OpRunner;
  void RunOnce(const Bundle& bundle, const Deadline& deadline, ScenarioResult& r);
  void RunLifecycle(const Bundle& bundle, const Deadline& deadline, ScenarioResult& r);
  // Runs `run` or `exec` to its end: its exit and output are runtimetest's (`launches`: it also
  // launched the container), or the runtime's when runtimetest never ran.
  void RunContainerProcess(const std::vector<std::string>& argv, int extra_fds, bool launches,
                           const Deadline& deadline, ScenarioResult& r);
  // Spawns `create` and waits for it; records it. The child, when `create` ran to its end, holds
  // the pipes that are the container's stdout and stderr.
  std::optional<Child> Create(const Bundle& bundle, const Deadline& deadline, ScenarioResult& r);
  // create, then `exec --process FILE` of runtimetest; the caller force-deletes the container.
  void RunExec(const Bundle& bundle, const std::string& process_file, const Deadline& deadline,
               ScenarioResult& r);
  // Cleanup after a timeout, a signal, or a lifecycle cut short: force-deletes the container.
  void ForceDelete(ScenarioResult& r);
  void ForceDelete(ScenarioResult& r, const std::string& id);
  // The last step of every scenario, whatever came of it: no process of the runtime commands'
  // groups is left, then `delete --force` if the container may still exist, then what is still
  // on the host (processes in its cgroups, its cgroup dirs, its state dir) is removed. Adds a
  // problem for what the runtime left although it ran to its end.
  void CleanUpHost(ScenarioResult& r, bool cut_short);
  // Scenario::host_cgroups: compares the created container's cgroups with the config from the
  // host, then runs `update --resources` and compares again when the scenario has an update;
  // false when the lifecycle cannot go on.
  bool CheckFromHost(pid_t pid, const Bundle& bundle, const Deadline& deadline, ScenarioResult& r);
  void HostCheck(pid_t pid, const nlohmann::json& told, ScenarioResult& r);
  // Learns the cgroups of a process of container `id` (from /proc/<pid>/cgroup).
  void NoteCgroupsOf(pid_t pid, const std::string& id);
  // Kills what is left of the runtime commands' process groups.
  void KillRuntimeGroups(ScenarioResult& r);
  // Adds a problem when `state ID` still finds the container (or, with `also_list`, `list` still
  // shows it), and force-deletes it.
  void VerifyGone(ScenarioResult& r, bool also_list);
  // Whether a command ran to its end; else marks the scenario timed out or interrupted.
  bool Completed(const CommandRecord& record, ScenarioResult& r);
  const RuntimeClient& runtime_;
  const BinaryStore& binary_;
  std::string work_dir_;
  RunnerConfig config_;
  int interrupt_fd_;
  std::string id_prefix_;
  std::vector<std::string> ids_;
  int sequence_ = 0;
  std::optional<Watched> container_;  // lifecycle mode: the container process, once adopted
  bool container_exists_ = false;     // lifecycle mode: created and not yet deleted
  // What the current containers may leave on the host: the process groups of the runtime
  // commands that created or ran them, their cgroup dirs, their state dirs (none when the
  // runtime's state root is unknown).
  std::vector<pid_t> runtime_groups_;
  std::vector<std::string> cgroup_dirs_;
  std::vector<std::string> state_dirs_;
  std::string state_root_;
  std::vector<sys::CgroupMount> cgroup_mounts_;  // the host's hierarchies, read by Init
  // Scenario::host_cgroups: what the host check compares before and after the update, and the
  // update's resources.
  nlohmann::json host_before_, host_after_, update_resources_;
  bool features_fetched_ = false;
  std::optional<nlohmann::json> features_;
};

// Why an expected-failure entry may not excuse this result ("" when it may): a timeout or a
// runtime that crashed (a runtime command killed by a signal the suite did not send) is never an
// expected failure.
std::string Inexcusable(const ScenarioResult& r);

// "process.user/uid-gid" -> "process.user-uid-gid": a file name.
std::string BundleDirName(int sequence, std::string_view scenario_name);

}  // namespace rt::suite
