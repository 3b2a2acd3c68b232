// The runner of one operation scenario (op_scenario.h), and what a custom step may use of it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "suite/op_judge.h"
#include "suite/op_scenario.h"
#include "suite/process.h"
#include "suite/runner.h"
#include "suite/runtime_client.h"
#include "util/json.h"

namespace rt::suite {

// One scenario's run. Custom steps get it to reach the containers and the runtime.
class OpRunner {
 public:
  OpRunner(Runner& runner, const OpScenario& scenario);

  ScenarioResult Run();

  // For custom steps (Step::custom).
  OpContainer& container(int index) { return boxes_.at(index).info; }
  const RuntimeClient& runtime() const;
  // Runs a runtime command for the current step (recorded with it).
  CommandRecord Command(const std::vector<std::string>& argv);
  // `state ID` as a snapshot, recorded with the current step.
  StateSnapshot Snapshot(const std::string& id);
  // What the container's process printed so far (its stdio: the `create` pipes, or the pty).
  std::string ContainerOutput(int index) const { return ContainerOutput(boxes_.at(index)); }
  // Whether the runtime handed the suite a pty master for the container (--console-socket).
  bool GotConsole(int index) const { return boxes_.at(index).got_console; }
  // The container's config.json as the runner wrote it (before any kEditConfig step).
  const nlohmann::json& Config(int index) const { return boxes_.at(index).config; }
  // The cgroupsPath the container's config.json names.
  std::string CgroupsPath(int index) const;
  // The directories of an absolute cgroup path in every host hierarchy.
  std::vector<std::string> HostCgroupDirs(const std::string& path) const;

 private:
  struct Box {  // NOLINT(bugprone-exception-escape): its implicit moves only move members
    OpContainer info;
    nlohmann::json config;
    std::map<std::string, std::string> annotations;
    bool may_exist = false;       // created, not known to be deleted
    std::optional<Child> create;  // the `create` child: its pipes are the container's stdio
    size_t out_mark = 0, err_mark = 0;
    std::optional<Watched> init;
    Capture console;  // the pty master, when the runtime sent one
    bool got_console = false;
    UniqueFd console_listener;
    std::string console_path;
    int execs = 0;
  };

  Status Prepare();
  std::string RunStep(const Step& step);
  std::string Describe(const Step& step) const;
  std::string IdFor(const Step& step) const;
  std::string Create(const Step& step);
  std::string Exec(const Step& step);
  std::string WaitExit(const Step& step);
  std::string WaitLine(const Step& step);
  std::string ReadOut(const Step& step);
  std::string EditConfig(const Step& step);
  std::string HookLog(const Step& step);
  // The runtime-spec version the runtime declares (features, else --version), fetched once.
  std::optional<std::string> SpecVersion();
  // A runtime command whose expectation is Want: for kError, `state` before and after.
  std::string Operate(const Step& step, const std::vector<std::string>& argv,
                      CommandRecord* out = nullptr);
  // The pipes to read while waiting: every container's stdio.
  std::vector<Capture*> Pipes();
  std::string ContainerOutput(const Box& box) const;
  bool CutShort() const { return r_.seen.timed_out || r_.interrupted; }
  void Cleanup();

  Runner& runner_;
  const OpScenario& scenario_;
  Deadline deadline_;
  ScenarioResult r_;
  std::vector<Box> boxes_;
  std::vector<CommandRecord> step_commands_;
  std::chrono::steady_clock::time_point cleaned_;  // containers deleted, host checks to come
  std::string cut_at_;  // " in step N/M (...)" when a timeout or signal cut the scenario short
  bool spec_version_fetched_ = false;
  std::optional<std::string> spec_version_;
};

}  // namespace rt::suite
