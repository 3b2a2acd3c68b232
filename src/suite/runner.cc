#include "suite/runner.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "suite/config_template.h"
#include "suite/features.h"
#include "suite/files.h"
#include "suite/host_cgroups.h"
#include "suite/leftovers.h"
#include "suite/namespace_annotations.h"
#include "sys/system.h"
#include "util/json_text.h"

namespace rt::suite {
namespace {

// Cleanup gets its own time: a scenario that timed out must still be cleaned up.
constexpr std::chrono::seconds kCleanupTime(10);

Deadline CleanupDeadline() { return Deadline::In(kCleanupTime); }

std::string Complaint(const CommandRecord& record) {
  std::string text = record.Describe();
  std::string err = FirstLine(record.err);
  if (!err.empty()) text += ": " + err;
  return text;
}

// `run`/`create` argv (ending "--bundle B ID") with the subcommand flags the scenario asks for:
// --preserve-fds N, and its launch flag.
void AddLaunchFlags(std::vector<std::string>& argv, const Scenario& scenario) {
  if (argv.size() < 3) return;
  if (scenario.preserve_fds > 0) {
    argv.insert(argv.end() - 3, {"--preserve-fds", std::to_string(scenario.preserve_fds)});
  }
  if (scenario.launch_flag != nullptr) argv.insert(argv.end() - 3, scenario.launch_flag);
}

bool PathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Whether process group `pgid` still has a member (a zombie counts).
bool GroupHasMembers(pid_t pgid) { return !(::kill(-pgid, 0) != 0 && errno == ESRCH); }

// Gives the container a cgroup under the suite's own parent ("/runtimetest-<pid>/<id>") unless
// the scenario chose one: a sweep then finds every cgroup of the run by that name.
void SetCgroupsPath(nlohmann::json& config, const std::string& path) {
  auto linux = config.find("linux");
  if (linux == config.end() || !linux->is_object() || linux->contains("cgroupsPath")) return;
  (*linux)["cgroupsPath"] = path;
}

}  // namespace

std::string Inexcusable(const ScenarioResult& r) {
  if (r.seen.timed_out) return "a timeout";
  for (const CommandRecord& c : r.commands) {
    if (c.spawn_error.ok() && c.end == WaitEnd::kDone && c.exit.known && c.exit.signal != 0) {
      return "a runtime crash (`" + c.command + "` " + c.exit.Describe() + ")";
    }
  }
  return "";
}

std::string BundleDirName(int sequence, std::string_view scenario_name) {
  std::string name = std::to_string(sequence) + "-";
  for (char c : scenario_name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
    name += plain ? c : (c == '/' ? '-' : '_');
  }
  return name;
}

Runner::Runner(const RuntimeClient& runtime, const BinaryStore& binary, std::string work_dir,
               RunnerConfig config, int interrupt_fd)
    : runtime_(runtime),
      binary_(binary),
      work_dir_(std::move(work_dir)),
      config_(config),
      interrupt_fd_(interrupt_fd),
      id_prefix_("runtimetest-" + std::to_string(::getpid()) + "-") {}

Status Runner::Init() {
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
    return Status::Errno("prctl(PR_SET_CHILD_SUBREAPER)", errno);
  }
  state_root_ = RuntimeStateRoot(runtime_.Basename(), runtime_.global_args());
  cgroup_mounts_ = HostCgroupMounts();
  return WatchChildExits();
}

ScenarioResult Runner::Run(const Scenario& scenario) {
  auto started = std::chrono::steady_clock::now();
  ScenarioResult r;
  r.scenario = &scenario;
  if (scenario.unsupported != nullptr) {
    if (const char* why = scenario.unsupported()) {
      r.outcome = Outcome::kSkip;
      r.message = why;
      return r;
    }
  }
  if (scenario.requires_feature != nullptr) {
    if (std::optional<std::string> why = MissingFeature(Features(), scenario.requires_feature)) {
      r.outcome = Outcome::kSkip;
      r.message = "the runtime does not support it: " + *why;
      return r;
    }
  }
  if (scenario.setup != nullptr) {
    if (Status ready = scenario.setup(); !ready.ok()) {
      r.outcome = Outcome::kSkip;
      r.message = "this host cannot prepare it: " + ready.message();
      return r;
    }
  }
  // Undoes the setup on every way out of this function.
  struct Teardown {
    void (*undo)();
    ~Teardown() {
      if (undo != nullptr) undo();
    }
  } teardown{scenario.setup != nullptr ? scenario.teardown : nullptr};
  nlohmann::json config, spec, exec_process;
  config = DefaultConfig();
  if (scenario.configure != nullptr) scenario.configure(config);
  spec = config;
  if (scenario.exec != nullptr) {
    exec_process = config["process"];
    scenario.exec(exec_process);
    spec["process"] = exec_process;
  }
  if (scenario.update != nullptr) {
    nlohmann::json& resources = config["linux"]["resources"];
    update_resources_ = resources.is_object() ? resources : nlohmann::json::object();
    scenario.update(update_resources_);
    spec["linux"]["resources"] = update_resources_;
  }
  if (scenario.tell != nullptr) scenario.tell(spec);
  if (config_.blind) spec["annotations"]["org.runtimetest.blind"] = scenario.check_id;
  AddNamespaceAnnotations(config, sys::Linux());
  AddNamespaceAnnotations(spec, sys::Linux());

  int sequence = ++sequence_;
  r.container_id = id_prefix_ + std::to_string(sequence);
  ids_.push_back(r.container_id);
  r.bundle = work_dir_ + "/" + BundleDirName(sequence, scenario.name);
  runtime_groups_.clear();
  state_dirs_.clear();
  if (!state_root_.empty()) state_dirs_.push_back(state_root_ + "/" + r.container_id);
  const std::string cgroups_path = SuiteCgroupParent(::getpid()) + "/" + r.container_id;
  if (scenario.cgroups_path != CgroupsPath::kUnset) {
    // Relative: the container id alone, which NoteCgroupsOf then finds wherever it is.
    const std::string& path =
        scenario.cgroups_path == CgroupsPath::kRelative ? r.container_id : cgroups_path;
    SetCgroupsPath(config, path);
    SetCgroupsPath(spec, path);
  }
  host_before_ = scenario.update != nullptr ? config : spec;
  host_after_ = spec;
  cgroup_dirs_.clear();
  if (auto linux = config.find("linux"); linux != config.end() && linux->is_object()) {
    auto path = linux->find("cgroupsPath");
    if (path != linux->end() && path->is_string() && path->get<std::string>().starts_with("/")) {
      cgroup_dirs_ = CgroupDirsFor(cgroup_mounts_, path->get<std::string>());
    }
  }
  {
    std::vector<std::string> argv = runtime_.Argv({"run", "--bundle", r.bundle, r.container_id});
    if (scenario.exec != nullptr) {
      argv = runtime_.Argv({"create", "--bundle", r.bundle, r.container_id});
    }
    AddLaunchFlags(argv, scenario);
    r.rerun = FormatCommand(argv);
    if (scenario.exec != nullptr) {
      r.rerun += " && " +
                 FormatCommand(runtime_.Argv(
                     {"exec", "--process", r.bundle + "/process.json", r.container_id})) +
                 "; " + FormatCommand(runtime_.Argv({"delete", "--force", r.container_id}));
    }
  }
  Result<Bundle> bundle = BuildBundle(r.bundle, config, spec, binary_);
  if (!bundle.ok()) {
    r.message = "building the bundle: " + bundle.status().message();
    RemoveTree(r.bundle);
    return r;
  }

  container_.reset();
  container_exists_ = false;
  Deadline deadline = Deadline::In(config_.timeout);
  if (scenario.exec != nullptr) {
    const std::string process_file = bundle->dir + "/process.json";
    Status written = WriteFile(process_file, exec_process.dump(2), 0644);
    if (!written.ok()) {
      r.message = "writing the exec process: " + written.message();
      RemoveTree(r.bundle);
      return r;
    }
    RunExec(*bundle, process_file, deadline, r);
  } else if (config_.mode == Mode::kRun && !scenario.host_cgroups) {
    RunOnce(*bundle, deadline, r);
  } else {
    RunLifecycle(*bundle, deadline, r);
  }

  bool cut_short = r.seen.timed_out || r.interrupted;
  KillRuntimeGroups(r);
  const bool state_left = !state_dirs_.empty() && PathExists(state_dirs_[0]);
  if (cut_short || container_exists_ || state_left) {
    ForceDelete(r);
    if (!cut_short && container_exists_ && !r.commands.back().Succeeded()) {
      r.seen.problems.push_back("`delete --force` after the exec: " + Complaint(r.commands.back()));
    } else if (!cut_short && !container_exists_) {
      // Its state dir outlived the container: the same finding as VerifyGone's.
      r.seen.problems.push_back("container " + r.container_id + " was left behind");
    }
  }
  auto judge = config_.blind ? JudgeBlinded : Judge;
  Verdict verdict = judge(scenario, r.seen);
  if (cut_short || !verdict.passed || scenario.expect == Expect::kRuntimeRejects ||
      config_.verify_gone_after_pass) {
    VerifyGone(r, scenario.expect == Expect::kRuntimeRejects);
    verdict = judge(scenario, r.seen);
  }
  if (container_ && !container_->exited()) {
    WaitFor what{.process = &*container_};
    Wait(what, CleanupDeadline(), -1);
  }
  container_.reset();
  CleanUpHost(r, cut_short);
  verdict = judge(scenario, r.seen);

  r.outcome = verdict.passed ? Outcome::kPass : Outcome::kFail;
  r.message = verdict.message;
  if (r.seen.timed_out) {
    r.message = "timed out after " + std::to_string(config_.timeout.count()) + " ms";
  }
  if (r.interrupted) {
    r.outcome = Outcome::kFail;
    r.message = "interrupted";
  }
  if (r.outcome == Outcome::kFail && config_.keep_failed && !r.interrupted) {
    r.bundle_kept = true;
  } else {
    Status removed = RemoveTree(r.bundle);
    if (!removed.ok()) {
      r.outcome = Outcome::kFail;
      r.message += (r.message.empty() ? "" : "; ") + std::string("removing the bundle: ") +
                   removed.message();
    }
  }
  r.elapsed = std::chrono::steady_clock::now() - started;
  return r;
}

void Runner::KillRuntimeGroups(ScenarioResult& r) {
  // First no process of the runtime commands is left (a `runc init` killed with its `runc run`
  // must not go on making the container, or a state dir, after the cleanup).
  // (Not reported as the runtime's fault: a helper of a runtime that just failed may still be on
  // its way out.)
  for (pid_t group : runtime_groups_) {
    if (GroupHasMembers(group) && !KillGroupAndWait(group, CleanupDeadline())) {
      r.seen.problems.push_back("processes of the runtime's process group " +
                                std::to_string(group) + " outlived SIGKILL");
    }
  }
}

bool Runner::Completed(const CommandRecord& record, ScenarioResult& r) {
  if (record.end == WaitEnd::kTimedOut) r.seen.timed_out = true;
  if (record.end == WaitEnd::kInterrupted) r.interrupted = true;
  return record.end == WaitEnd::kDone;
}

void Runner::RunOnce(const Bundle& bundle, const Deadline& deadline, ScenarioResult& r) {
  std::vector<std::string> argv = runtime_.Argv({"run", "--bundle", bundle.dir, r.container_id});
  AddLaunchFlags(argv, *r.scenario);
  RunContainerProcess(argv, r.scenario->preserve_fds, /*launches=*/true, deadline, r);
}

void Runner::RunContainerProcess(const std::vector<std::string>& argv, int extra_fds, bool launches,
                                 const Deadline& deadline, ScenarioResult& r) {
  Result<Child> child = Spawn(argv, extra_fds);
  if (!child.ok()) {
    CommandRecord record;
    record.argv = argv;
    record.command = FormatCommand(argv);
    record.spawn_error = child.status();
    r.seen.runtime_stderr += child.status().message();
    r.commands.push_back(std::move(record));
    return;
  }
  runtime_groups_.push_back(child->process.pid);
  CommandRecord record = Finish(child.value(), argv, deadline, interrupt_fd_);
  if (Completed(record, r)) {
    // `run` and `exec` exit with the container process's status; when runtimetest never ran,
    // that exit is the runtime's own, the one to report (also for `exec`).
    if (launches || !RuntimetestRan(record.out)) r.seen.launch_exit = record.exit;
    r.seen.container_exit = record.exit;
  }
  r.seen.container_stdout = std::move(record.out);
  // The runtime's stdio is the container's: without runtimetest's TAP header, stderr is the
  // runtime's own.
  if (RuntimetestRan(r.seen.container_stdout)) {
    r.seen.container_stderr = std::move(record.err);
  } else {
    r.seen.runtime_stderr += record.err;
  }
  record.out.clear();
  record.err.clear();
  r.commands.push_back(std::move(record));
}

std::optional<Child> Runner::Create(const Bundle& bundle, const Deadline& deadline,
                                    ScenarioResult& r) {
  std::vector<std::string> argv = runtime_.Argv({"create", "--bundle", bundle.dir, r.container_id});
  AddLaunchFlags(argv, *r.scenario);
  CommandRecord create;
  create.argv = argv;
  create.command = FormatCommand(argv);
  Result<Child> spawned = Spawn(argv, r.scenario->preserve_fds);
  if (!spawned.ok()) {
    create.spawn_error = spawned.status();
    r.seen.runtime_stderr = spawned.status().message();
    r.commands.push_back(std::move(create));
    return std::nullopt;
  }
  // The pipes of `create` become the container's stdout and stderr, held open by the init
  // process while it waits to be started: wait for `create` itself, not for the end of its
  // output. What arrived until then is the runtime's.
  Child& child = spawned.value();
  runtime_groups_.push_back(child.process.pid);
  Capture* pipes[] = {&child.out, &child.err};
  create.end = Wait(WaitFor{.process = &child.process, .pipes = pipes}, deadline, interrupt_fd_);
  if (create.end != WaitEnd::kDone) KillAndReap(child, CleanupDeadline());
  if (child.process.status) create.exit = *child.process.status;
  create.out = child.out.data;
  create.err = child.err.data;
  r.seen.runtime_stderr = create.err;
  const bool create_done = Completed(create, r);
  r.commands.push_back(std::move(create));
  if (!create_done) return std::nullopt;
  r.seen.launch_exit = r.commands.back().exit;
  container_exists_ = r.commands.back().exit.Success();
  return std::move(child);
}

void Runner::RunExec(const Bundle& bundle, const std::string& process_file,
                     const Deadline& deadline, ScenarioResult& r) {
  std::optional<Child> init = Create(bundle, deadline, r);
  if (!init || !container_exists_) return;
  const std::string& id = r.container_id;
  RunContainerProcess(runtime_.Argv({"exec", "--process", process_file, id}), 0,
                      /*launches=*/false, deadline, r);
  if (r.seen.timed_out || r.interrupted) return;  // Run() force-deletes

  // `delete --force` of a created container costs runc 1.1 a 100 ms sleep; killing the init,
  // waiting for it (the suite is its subreaper) and a plain `delete` cost a few milliseconds.
  // Anything going wrong here leaves container_exists_ set, and Run() force-deletes.
  CommandRecord state = runtime_.State(id, CleanupDeadline(), interrupt_fd_);
  r.commands.push_back(state);
  if (!state.Succeeded()) return;
  Result<ContainerState> parsed = ParseState(state.out, id, bundle.dir);
  if (!parsed.ok() || parsed->pid <= 0) return;
  NoteCgroupsOf(parsed->pid, id);
  Result<Watched> adopted = Adopt(parsed->pid);
  if (!adopted.ok()) return;
  container_ = std::move(adopted.value());
  CommandRecord kill = runtime_.Kill(id, "KILL", CleanupDeadline(), interrupt_fd_);
  r.commands.push_back(kill);
  if (!kill.Succeeded()) return;
  if (Wait(WaitFor{.process = &*container_}, CleanupDeadline(), interrupt_fd_) != WaitEnd::kDone) {
    return;
  }
  CommandRecord removed = runtime_.Delete(id, /*force=*/false, CleanupDeadline(), interrupt_fd_);
  r.commands.push_back(removed);
  if (removed.Succeeded()) container_exists_ = false;
}

void Runner::RunLifecycle(const Bundle& bundle, const Deadline& deadline, ScenarioResult& r) {
  const std::string& id = r.container_id;
  std::optional<Child> init = Create(bundle, deadline, r);
  if (!init) return;
  Child& child = *init;
  Capture* pipes[] = {&child.out, &child.err};
  const size_t out_mark = child.out.data.size(), err_mark = child.err.data.size();

  if (!container_exists_) {
    // No container should exist: whatever still comes on the pipes is the runtime's too.
    WaitEnd end = Wait(WaitFor{.pipes = pipes, .until_eof = true}, deadline, interrupt_fd_);
    if (end == WaitEnd::kInterrupted) r.interrupted = true;
    if (end == WaitEnd::kTimedOut) {
      r.seen.problems.push_back("`create` failed, yet a process kept its stdout/stderr open");
    }
    r.seen.runtime_stderr = child.err.data;
    r.seen.container_stdout = child.out.data;
    return;
  }

  CommandRecord state = runtime_.State(id, deadline, interrupt_fd_);
  r.commands.push_back(state);
  if (!Completed(state, r)) return;
  if (!state.Succeeded()) {
    r.seen.problems.push_back("`state` after `create`: " + Complaint(state));
    return;
  }
  Result<ContainerState> created = ParseState(state.out, id, bundle.dir);
  if (!created.ok()) {
    r.seen.problems.push_back("`state` after `create`: " + created.status().message());
    return;
  }
  if (created->status != "created") {
    r.seen.problems.push_back("`state` after `create`: expected status created, found " +
                              created->status);
    return;
  }
  NoteCgroupsOf(created->pid, id);
  Result<Watched> adopted = Adopt(created->pid);
  if (!adopted.ok()) {
    r.seen.problems.push_back("the container process: " + adopted.status().message());
    return;
  }
  container_ = std::move(adopted.value());
  if (r.scenario->host_cgroups && !CheckFromHost(created->pid, bundle, deadline, r)) return;

  CommandRecord start = runtime_.Start(id, deadline, interrupt_fd_);
  r.commands.push_back(start);
  if (!Completed(start, r)) return;
  if (!start.Succeeded()) {
    r.seen.problems.push_back("`start`: " + Complaint(start));
    return;
  }

  WaitEnd end = Wait(WaitFor{.process = &*container_, .pipes = pipes, .until_eof = true}, deadline,
                     interrupt_fd_);
  r.seen.container_stdout = child.out.data.substr(out_mark);
  r.seen.container_stderr = child.err.data.substr(err_mark);
  if (end == WaitEnd::kTimedOut) r.seen.timed_out = true;
  if (end == WaitEnd::kInterrupted) r.interrupted = true;
  if (end != WaitEnd::kDone) return;
  r.seen.container_exit = *container_->status;
  if (!container_->status->known) {
    r.seen.problems.push_back("the container process (pid " + std::to_string(container_->pid) +
                              ") was not reparented to the suite, so its exit status is unknown "
                              "(does the runtime keep a parent process?)");
  }

  state = runtime_.State(id, deadline, interrupt_fd_);
  r.commands.push_back(state);
  if (!Completed(state, r)) return;
  if (!state.Succeeded()) {
    r.seen.problems.push_back("`state` after the process exited: " + Complaint(state));
  } else {
    Result<ContainerState> stopped = ParseState(state.out, id, bundle.dir);
    if (!stopped.ok()) {
      r.seen.problems.push_back("`state` after the process exited: " + stopped.status().message());
    } else if (stopped->status != "stopped") {
      r.seen.problems.push_back(
          "`state` after the process exited: expected status stopped, found " + stopped->status);
    }
  }

  CommandRecord removed = runtime_.Delete(id, /*force=*/false, deadline, interrupt_fd_);
  r.commands.push_back(removed);
  if (!Completed(removed, r)) return;
  if (removed.Succeeded()) {
    container_exists_ = false;
  } else {
    r.seen.problems.push_back("`delete`: " + Complaint(removed));
  }
}

void Runner::HostCheck(pid_t pid, const nlohmann::json& told, ScenarioResult& r) {
  Result<spec::Config> parsed = spec::ParseConfig(told.dump());
  if (!parsed.ok()) {
    r.seen.problems.push_back("the host check cannot read the config: " +
                              parsed.status().message());
    return;
  }
  r.seen.host_stderr +=
      HostFailureLines(CheckCgroupsFromHost(*parsed, pid, cgroup_mounts_, sys::Linux()));
}

bool Runner::CheckFromHost(pid_t pid, const Bundle& bundle, const Deadline& deadline,
                           ScenarioResult& r) {
  HostCheck(pid, host_before_, r);
  if (r.scenario->update == nullptr) return true;
  const std::string file = bundle.dir + "/update.json";
  if (Status written = WriteFile(file, update_resources_.dump(2), 0644); !written.ok()) {
    r.seen.problems.push_back("writing the update: " + written.message());
    return false;
  }
  CommandRecord update = RuntimeClient::RunToEnd(
      runtime_.Argv({"update", "--resources", file, r.container_id}), deadline, interrupt_fd_);
  r.commands.push_back(update);
  if (!Completed(update, r)) return false;
  if (!update.Succeeded()) {
    r.seen.problems.push_back("`update --resources`: " + Complaint(update));
    return false;
  }
  HostCheck(pid, host_after_, r);
  return true;
}

const nlohmann::json* Runner::Features() {
  if (!features_fetched_) {
    features_fetched_ = true;
    CommandRecord record =
        RuntimeClient::RunToEnd(runtime_.Argv({"features"}), CleanupDeadline(), interrupt_fd_);
    if (record.Succeeded()) {
      Result<nlohmann::json> parsed = ParseJsonText(record.out);
      if (parsed.ok() && parsed->is_object()) features_ = std::move(parsed).value();
    }
  }
  return features_ ? &*features_ : nullptr;
}

void Runner::NoteCgroupsOf(pid_t pid, const std::string& id) {
  Result<std::string> text = ReadFile("/proc/" + std::to_string(pid) + "/cgroup");
  if (!text.ok()) return;
  for (const std::string& dir : CgroupDirsOf(cgroup_mounts_, *text)) {
    // Only a cgroup named after this container: never the suite's own, whatever the process is in.
    if (dir.find("/" + id) == std::string::npos) continue;
    if (std::find(cgroup_dirs_.begin(), cgroup_dirs_.end(), dir) == cgroup_dirs_.end()) {
      cgroup_dirs_.push_back(dir);
    }
  }
}

void Runner::CleanUpHost(ScenarioResult& r, bool cut_short) {
  ReapOrphans();
  const Deadline deadline = CleanupDeadline();
  for (const std::string& dir : cgroup_dirs_) {
    if (!PathExists(dir)) continue;
    Status removed = RemoveCgroupTree(dir, deadline);
    if (!removed.ok()) {
      r.seen.problems.push_back("cgroup " + dir + " could not be removed: " + removed.message());
    } else if (!cut_short) {
      r.seen.problems.push_back("the runtime left the cgroup " + dir + " behind (now removed)");
    }
  }
  // Only what the runtime mounted in its own state dir is unmounted there.
  for (const std::string& state_dir : state_dirs_) {
    if (!PathExists(state_dir)) continue;
    Status removed = RemoveTree(state_dir, /*detach_mounts=*/true);
    if (!removed.ok()) {
      r.seen.problems.push_back("the state dir " + state_dir +
                                " could not be removed: " + removed.message());
    }
  }
  ReapOrphans();
}

void Runner::ForceDelete(ScenarioResult& r) { ForceDelete(r, r.container_id); }

void Runner::ForceDelete(ScenarioResult& r, const std::string& id) {
  r.commands.push_back(runtime_.Delete(id, /*force=*/true, CleanupDeadline(), -1));
}

void Runner::VerifyGone(ScenarioResult& r, bool also_list) {
  CommandRecord state = runtime_.State(r.container_id, CleanupDeadline(), -1);
  state.failure_expected = true;
  r.commands.push_back(state);
  bool left = state.Succeeded();
  if (!state.spawn_error.ok() || state.end != WaitEnd::kDone) {
    r.seen.problems.push_back("could not verify the container is gone: `state` " +
                              state.Describe());
  }
  if (also_list && !left) {
    CommandRecord list = runtime_.ListQuiet(CleanupDeadline(), -1);
    r.commands.push_back(list);
    if (list.Succeeded()) {
      for (const std::string& id : ParseListQuiet(list.out)) left = left || id == r.container_id;
    } else {
      r.seen.problems.push_back("could not verify the container is gone: `list` " +
                                Complaint(list));
    }
  }
  if (left) {
    r.seen.problems.push_back("container " + r.container_id + " was left behind");
    ForceDelete(r);
  }
}

}  // namespace rt::suite
