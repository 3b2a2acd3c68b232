// Runs one operation scenario (op_scenario.h): builds a bundle per container, walks the steps,
// stops at the first step that does not meet its expectation, then cleans up with the config
// scenarios' machinery (runner.cc): runtime process groups, `delete --force`, cgroup dirs, state
// dirs, bundles, on every way out.
#include "suite/op_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "helper/helper.h"
#include "suite/config_template.h"
#include "suite/features.h"
#include "suite/files.h"
#include "suite/hook_step.h"
#include "suite/leftovers.h"
#include "suite/namespace_annotations.h"
#include "suite/op_judge.h"
#include "suite/runner.h"
#include "sys/system.h"
#include "util/json.h"
#include "util/text.h"

namespace rt::suite {
namespace {

constexpr std::chrono::seconds kCleanupTime(10);
// How long output may trail the exit of the process that wrote it.
constexpr std::chrono::seconds kDrainTime(2);

bool PathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// A listening unix socket for --console-socket.
Result<UniqueFd> ListenOn(const std::string& path) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return Status::Errno("socket(AF_UNIX)", errno);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) return Status::Error(path + ": path too long");
  std::copy(path.begin(), path.end(), addr.sun_path);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return Status::Errno("bind " + path, errno);
  }
  if (::listen(fd.get(), 4) != 0) return Status::Errno("listen " + path, errno);
  return fd;
}

// Accepts the runtime's connection on `listener` and receives one descriptor (SCM_RIGHTS): the
// pty master.
Result<UniqueFd> ReceiveConsole(int listener, const Deadline& deadline) {
  pollfd p{listener, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, deadline.PollTimeoutMs());
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return Status::Error("the runtime never connected to the console socket");
  UniqueFd conn(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
  if (!conn.valid()) return Status::Errno("accept on the console socket", errno);
  char data[256];
  iovec iov{data, sizeof data};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  pollfd c{conn.get(), POLLIN, 0};
  do {
    n = ::poll(&c, 1, deadline.PollTimeoutMs());
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return Status::Error("the runtime connected to the console socket but sent nothing");
  ssize_t got = ::recvmsg(conn.get(), &msg, MSG_CMSG_CLOEXEC);
  if (got < 0) return Status::Errno("recvmsg on the console socket", errno);
  for (cmsghdr* h = CMSG_FIRSTHDR(&msg); h != nullptr; h = CMSG_NXTHDR(&msg, h)) {
    if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS) {
      int fd;
      std::copy_n(CMSG_DATA(h), sizeof fd, reinterpret_cast<char*>(&fd));
      int flags = ::fcntl(fd, F_GETFL);
      if (flags >= 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
      return UniqueFd(fd);
    }
  }
  return Status::Error("the console socket's message carried no descriptor (SCM_RIGHTS)");
}

std::map<std::string, std::string> AnnotationsOf(const nlohmann::json& config) {
  std::map<std::string, std::string> out;
  auto it = config.find("annotations");
  if (it == config.end() || !it->is_object()) return out;
  for (const auto& [k, v] : it->items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

std::vector<std::string> Split(const char* list) {
  std::vector<std::string> out;
  std::string item;
  for (const char* p = list; *p; ++p) {
    if (*p == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += *p;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

const char* OpName(Op op) {
  switch (op) {
    case Op::kCreate:
      return "create";
    case Op::kStart:
      return "start";
    case Op::kState:
      return "state";
    case Op::kKill:
      return "kill";
    case Op::kDelete:
      return "delete";
    case Op::kExec:
      return "exec";
    case Op::kWaitExit:
      return "wait-for-exit";
    case Op::kWaitFile:
      return "wait-for-line";
    case Op::kReadFile:
      return "read-file";
    case Op::kEditConfig:
      return "edit-config.json";
    case Op::kCustom:
      return "custom";
    case Op::kHookLog:
      return "hook-log";
  }
  return "?";
}

void SetHelperArgs(nlohmann::json& config, std::initializer_list<const char*> args) {
  nlohmann::json argv = nlohmann::json::array({"/bin/runtimetest", "helper"});
  for (const char* a : args) argv.push_back(a);
  config["process"]["args"] = argv;
}

OpRunner::OpRunner(Runner& runner, const OpScenario& scenario)
    : runner_(runner), scenario_(scenario), deadline_(Deadline::In(runner.config_.timeout)) {}

const RuntimeClient& OpRunner::runtime() const { return runner_.runtime_; }

std::string OpRunner::CgroupsPath(int index) const {
  const nlohmann::json& path = boxes_.at(index).config["linux"]["cgroupsPath"];
  return path.is_string() ? path.get<std::string>() : "";
}

std::vector<std::string> OpRunner::HostCgroupDirs(const std::string& path) const {
  return CgroupDirsFor(runner_.cgroup_mounts_, path);
}

CommandRecord OpRunner::Command(const std::vector<std::string>& argv) {
  CommandRecord record = RuntimeClient::RunToEnd(argv, deadline_, runner_.interrupt_fd_);
  runner_.Completed(record, r_);
  r_.commands.push_back(record);
  step_commands_.push_back(record);
  return record;
}

StateSnapshot OpRunner::Snapshot(const std::string& id) {
  if (runner_.config_.ops_bare) return StateSnapshot{};
  CommandRecord state = Command(runner_.runtime_.Argv({"state", id}));
  state.failure_expected = true;
  r_.commands.back().failure_expected = true;
  step_commands_.back().failure_expected = true;
  return SnapshotOf(state, id);
}

std::vector<Capture*> OpRunner::Pipes() {
  std::vector<Capture*> pipes;
  for (Box& b : boxes_) {
    if (b.create) {
      if (!b.create->out.eof()) pipes.push_back(&b.create->out);
      if (!b.create->err.eof()) pipes.push_back(&b.create->err);
    }
    if (!b.console.eof()) pipes.push_back(&b.console);
  }
  return pipes;
}

std::string OpRunner::ContainerOutput(const Box& b) const {
  std::string text;
  if (b.create) {
    text += b.create->err.data.substr(std::min(b.err_mark, b.create->err.data.size()));
    text += b.create->out.data.substr(std::min(b.out_mark, b.create->out.data.size()));
  }
  text += b.console.data;
  return text;
}

std::string OpRunner::IdFor(const Step& step) const {
  if (step.id_of == kNoId) return "";
  return boxes_.at(step.id_of >= 0 ? step.id_of : step.container).info.id;
}

std::string OpRunner::Describe(const Step& step) const {
  std::string text = OpName(step.op);
  if (step.id_of == kNoId) text += " with an empty id";
  switch (step.op) {
    case Op::kKill:
      text += std::string(" ") + (step.signal ? step.signal : "?");
      break;
    case Op::kDelete:
      if (step.force) text += " --force";
      break;
    case Op::kCreate:
      if (step.pid_file) text += " --pid-file";
      if (step.console) text += " --console-socket";
      if (step.id_of >= 0) text += " with the id of container " + std::to_string(step.id_of);
      break;
    case Op::kState:
      if (step.status) text += std::string(" (") + step.status + ")";
      break;
    case Op::kWaitExit:
      text += step.signal != nullptr ? std::string(" (killed by SIG") + step.signal + ")"
                                     : " (exit " + std::to_string(step.exit_code) + ")";
      break;
    case Op::kWaitFile:
      text += std::string(" \"") + (step.line ? step.line : "") + "\" in /out/" +
              (step.file ? step.file : "");
      break;
    case Op::kReadFile:
      text += std::string(" /out/") + (step.file ? step.file : "");
      break;
    case Op::kCustom:
      text = step.what ? step.what : "custom";
      break;
    case Op::kHookLog:
      text += std::string(" /out/") + kHookLogName;
      if (step.check_id) text += std::string(" (") + step.check_id + ")";
      if (step.tell) text += ", told otherwise";
      break;
    default:
      break;
  }
  if (step.want == Want::kError) text += ", must fail";
  if (scenario_.containers > 1) text += " (container " + std::to_string(step.container) + ")";
  return text;
}

Status OpRunner::Prepare() {
  const std::vector<sys::CgroupMount>& mounts = runner_.cgroup_mounts_;
  for (int i = 0; i < scenario_.containers; ++i) {
    Box b;
    int sequence = ++runner_.sequence_;
    b.info.index = i;
    b.info.id = runner_.id_prefix_ + std::to_string(sequence);
    runner_.ids_.push_back(b.info.id);
    b.info.bundle = runner_.work_dir_ + "/" + BundleDirName(sequence, scenario_.name);
    b.info.out_dir = b.info.bundle + "/rootfs/out";
    b.info.host_binary = runner_.binary_.path();
    if (i == 0) r_.container_id = b.info.id;
    if (i == 0) r_.bundle = b.info.bundle;
    if (!runner_.state_root_.empty()) {
      runner_.state_dirs_.push_back(runner_.state_root_ + "/" + b.info.id);
    }
    nlohmann::json& config = b.config;
    config = DefaultConfig();
    config["root"]["readonly"] = false;  // the helpers write below /out
    SetHelperArgs(config, {"sleep"});
    config["annotations"]["org.runtimetest.scenario"] = scenario_.name;
    config["linux"]["cgroupsPath"] = SuiteCgroupParent(::getpid()) + "/" + b.info.id;
    AddNamespaceAnnotations(config, sys::Linux());
    if (scenario_.configure != nullptr) scenario_.configure(config, b.info);
    const nlohmann::json& path = config["linux"]["cgroupsPath"];
    if (path.is_string() && path.get<std::string>().starts_with("/")) {
      for (const std::string& dir : CgroupDirsFor(mounts, path.get<std::string>())) {
        runner_.cgroup_dirs_.push_back(dir);
      }
    }
    b.annotations = AnnotationsOf(config);
    Result<Bundle> bundle = BuildBundle(b.info.bundle, config, config, runner_.binary_);
    if (!bundle.ok()) return Status::Error("building the bundle: " + bundle.status().message());
    if (::mkdir(b.info.out_dir.c_str(), 0777) != 0 || ::chmod(b.info.out_dir.c_str(), 0777) != 0) {
      return Status::Errno("mkdir " + b.info.out_dir, errno);
    }
    boxes_.push_back(std::move(b));
  }
  return Status::Ok();
}

ScenarioResult OpRunner::Run() {
  auto started = std::chrono::steady_clock::now();
  r_.op = &scenario_;
  if (scenario_.unsupported != nullptr) {
    if (const char* why = scenario_.unsupported()) {
      r_.outcome = Outcome::kSkip;
      r_.message = why;
      return r_;
    }
  }
  if (const char* want = scenario_.spec_version) {
    const bool at_least = std::string_view(want).starts_with(">=");
    const std::string need(want + (at_least ? 2 : 1));  // ">=1.3.0" or "<1.3.0"
    std::optional<std::string> have = SpecVersion();
    if (!have || SpecVersionAtLeast(*have, need) != at_least) {
      r_.outcome = Outcome::kSkip;
      r_.message = "for runtimes of runtime-spec " + std::string(want) + "; this one declares " +
                   (have ? *have : "none (no features, no \"spec:\" in --version)");
      return r_;
    }
  }
  runner_.runtime_groups_.clear();
  runner_.cgroup_dirs_.clear();
  runner_.state_dirs_.clear();
  runner_.container_.reset();
  runner_.container_exists_ = false;
  Status prepared = Prepare();
  const auto steps_started = std::chrono::steady_clock::now();
  if (!prepared.ok()) {
    r_.message = prepared.message();
  } else {
    for (size_t i = 0; i < scenario_.steps.size(); ++i) {
      const Step& step = scenario_.steps[i];
      step_commands_.clear();
      std::string failed = RunStep(step);
      if (CutShort()) {
        cut_at_ = " in step " + std::to_string(i + 1) + "/" +
                  std::to_string(scenario_.steps.size()) + " (" + Describe(step) + ")";
        break;
      }
      if (failed.empty()) continue;
      StepFailure f{.number = static_cast<int>(i) + 1,
                    .total = static_cast<int>(scenario_.steps.size()),
                    .step = Describe(step),
                    .why = failed,
                    .commands = step_commands_,
                    .container_output = ContainerOutput(boxes_.at(step.container))};
      r_.step_failure = std::move(f);
      break;
    }
  }
  Cleanup();

  const bool negative = scenario_.fails_at >= 0;
  const std::optional<StepFailure>& f = r_.step_failure;
  auto step_text = [](const StepFailure& f) {
    return "step " + std::to_string(f.number) + "/" + std::to_string(f.total) + " (" + f.step +
           "): " + f.why;
  };
  if (!prepared.ok()) {
    r_.outcome = Outcome::kFail;
  } else if (r_.seen.timed_out) {
    r_.outcome = Outcome::kFail;
    r_.message =
        "timed out after " + std::to_string(runner_.config_.timeout.count()) + " ms" + cut_at_;
  } else if (r_.interrupted) {
    r_.outcome = Outcome::kFail;
    r_.message = "interrupted" + cut_at_;
  } else if (!negative) {
    r_.outcome = f ? Outcome::kFail : Outcome::kPass;
    if (f) r_.message = step_text(*f);
  } else if (!f) {
    r_.outcome = Outcome::kFail;
    r_.message = "step " + std::to_string(scenario_.fails_at + 1) +
                 " was told something false and must fail, but every step met its expectation";
  } else if (f->number != scenario_.fails_at + 1) {
    r_.outcome = Outcome::kFail;
    r_.message = "expected step " + std::to_string(scenario_.fails_at + 1) + " to fail, found " +
                 step_text(*f);
  } else if (scenario_.told != nullptr && f->why.find(scenario_.told) == std::string::npos &&
             f->container_output.find(scenario_.told) == std::string::npos) {
    r_.outcome = Outcome::kFail;
    r_.message = "step " + std::to_string(f->number) + " failed, but not naming \"" +
                 scenario_.told + "\": " + f->why;
  } else {
    r_.outcome = Outcome::kPass;
    r_.message = "failed as told: " + step_text(*f);
  }
  if (!r_.seen.problems.empty() && r_.outcome != Outcome::kSkip && !CutShort()) {
    std::string problems;
    for (const std::string& p : r_.seen.problems) problems += (problems.empty() ? "" : "; ") + p;
    if (r_.outcome == Outcome::kPass) {
      r_.outcome = Outcome::kFail;
      r_.message = problems;
    } else {
      r_.message += (r_.message.empty() ? "" : "; ") + problems;
    }
  }
  if (r_.outcome == Outcome::kPass && !negative) r_.message.clear();

  bool keep = r_.outcome == Outcome::kFail && runner_.config_.keep_failed && !r_.interrupted;
  for (const Box& b : boxes_) {
    if (keep) continue;
    Status removed = RemoveTree(b.info.bundle);
    if (!removed.ok()) {
      r_.outcome = Outcome::kFail;
      r_.message += (r_.message.empty() ? "" : "; ") + std::string("removing the bundle: ") +
                    removed.message();
    }
  }
  if (!boxes_.empty() && prepared.ok()) {
    r_.bundle_kept = keep;
  } else if (!prepared.ok()) {
    for (const Box& b : boxes_) RemoveTree(b.info.bundle);
    if (boxes_.size() < static_cast<size_t>(scenario_.containers) && !r_.bundle.empty()) {
      RemoveTree(r_.bundle);
    }
  }
  r_.elapsed = std::chrono::steady_clock::now() - started;
  // suite_bench's baseline: the steps and the cheapest cleanup, without building the bundles.
  if (runner_.config_.ops_bare) r_.elapsed = cleaned_ - steps_started;
  return std::move(r_);
}

void OpRunner::Cleanup() {
  const bool cut_short = CutShort();
  runner_.KillRuntimeGroups(r_);
  const Deadline cleanup = Deadline::In(kCleanupTime);
  const RuntimeClient& rt = runner_.runtime_;
  for (Box& b : boxes_) {
    // `delete --force` of a created or running container costs runc 1.1 a 100 ms sleep; SIGKILL
    // through the runtime, a wait for the init (the suite is its subreaper) and a plain `delete`
    // cost a few milliseconds. Whatever goes wrong there falls back to `delete --force` below.
    if (!cut_short && b.may_exist && b.init) {
      Wait(WaitFor{.process = &*b.init}, Deadline::In(std::chrono::milliseconds(0)), -1);
      bool dead = b.init->exited();
      if (!dead) {
        CommandRecord kill = rt.Kill(b.info.id, "KILL", cleanup, -1);
        r_.commands.push_back(kill);
        std::vector<Capture*> pipes = Pipes();
        dead = kill.Succeeded() &&
               Wait(WaitFor{.process = &*b.init, .pipes = pipes}, cleanup, -1) == WaitEnd::kDone;
      }
      if (dead) {
        CommandRecord del = rt.Delete(b.info.id, /*force=*/false, cleanup, -1);
        r_.commands.push_back(del);
        if (del.Succeeded()) b.may_exist = false;
      }
    }
    bool state_left = false;
    for (const std::string& dir : runner_.state_dirs_) {
      if (dir.ends_with("/" + b.info.id) && PathExists(dir)) state_left = true;
    }
    if (cut_short || b.may_exist || state_left) {
      runner_.ForceDelete(r_, b.info.id);
      b.may_exist = false;
      if (!cut_short && !r_.commands.back().Succeeded() && b.may_exist) {
        // The container may have been deleted by a step that failed on purpose; only a state
        // dir still there says the runtime could not remove it.
        for (const std::string& dir : runner_.state_dirs_) {
          if (dir.ends_with("/" + b.info.id) && PathExists(dir)) {
            r_.seen.problems.push_back("`delete --force` " + b.info.id + ": " +
                                       r_.commands.back().Describe() + ": " +
                                       FirstLine(r_.commands.back().err));
          }
        }
      }
    }
  }
  cleaned_ = std::chrono::steady_clock::now();
  for (Box& b : boxes_) {
    if (b.init && !b.init->exited()) {
      std::vector<Capture*> pipes = Pipes();
      Wait(WaitFor{.process = &*b.init, .pipes = pipes}, cleanup, -1);
    }
    b.console_listener.Reset();
    if (!b.console_path.empty()) ::unlink(b.console_path.c_str());
  }
  runner_.CleanUpHost(r_, cut_short);
}

std::string OpRunner::RunStep(const Step& step) {
  if (step.container < 0 || step.container >= static_cast<int>(boxes_.size())) {
    return "the table names container " + std::to_string(step.container) + " of " +
           std::to_string(boxes_.size());
  }
  Box& b = boxes_[step.container];
  const std::string id = IdFor(step);
  const RuntimeClient& rt = runner_.runtime_;
  switch (step.op) {
    case Op::kCreate:
      return Create(step);
    case Op::kStart:
      return Operate(step, rt.Argv({"start", id}));
    case Op::kKill:
      return Operate(step, rt.Argv({"kill", id, step.signal ? step.signal : "TERM"}));
    case Op::kDelete: {
      std::string why =
          Operate(step, step.force ? rt.Argv({"delete", "--force", id}) : rt.Argv({"delete", id}));
      if (!step_commands_.empty()) {
        // The delete itself: the last command, or the one before the `state` after an error.
        const CommandRecord& del = step.want == Want::kError && step_commands_.size() >= 2
                                       ? step_commands_[step_commands_.size() - 2]
                                       : step_commands_.back();
        if (del.Succeeded() && step.id_of < 0) b.may_exist = false;
      }
      return why;
    }
    case Op::kState: {
      CommandRecord state;
      std::string why = Operate(step, rt.Argv({"state", id}), &state);
      if (!why.empty() || step.want == Want::kError || CutShort()) return why;
      return JudgeState(state.out, id, b.info.bundle, b.annotations, step.status);
    }
    case Op::kExec:
      return Exec(step);
    case Op::kWaitExit:
      return WaitExit(step);
    case Op::kWaitFile:
      return WaitLine(step);
    case Op::kReadFile:
      return ReadOut(step);
    case Op::kEditConfig:
      return EditConfig(step);
    case Op::kCustom:
      if (step.custom == nullptr) return "a custom step without a function";
      return step.custom(*this, step);
    case Op::kHookLog:
      return HookLog(step);
  }
  return "unknown step kind";
}

std::string OpRunner::Operate(const Step& step, const std::vector<std::string>& argv,
                              CommandRecord* out) {
  const std::string id = IdFor(step);
  StateSnapshot before;
  if (step.want == Want::kError && !step.stops_container) {
    before = Snapshot(id);
    if (CutShort()) return "";
  }
  CommandRecord record = Command(argv);
  if (out != nullptr) *out = record;
  if (CutShort()) return "";
  if (step.want == Want::kSuccess) return JudgeSuccess(record);
  if (runner_.config_.ops_bare) return "";
  if (step.stops_container) return JudgeStopped(record);
  StateSnapshot after = Snapshot(id);
  if (CutShort()) return "";
  return JudgeError(record, before, after);
}

std::string OpRunner::Create(const Step& step) {
  Box& b = boxes_[step.container];
  const std::string id = IdFor(step);
  std::vector<std::string> argv = runner_.runtime_.Argv({"create", "--bundle", b.info.bundle, id});
  const std::string pid_file = b.info.bundle + "/container.pid";
  argv.insert(argv.end() - 3, {"--pid-file", pid_file});
  if (step.console) {
    b.console_path = runner_.work_dir_ + "/" + b.info.id + ".console";
    Result<UniqueFd> listener = ListenOn(b.console_path);
    if (!listener.ok()) return "the console socket: " + listener.status().message();
    b.console_listener = std::move(listener.value());
    argv.insert(argv.end() - 3, {"--console-socket", b.console_path});
  }
  StateSnapshot before;
  if (step.want == Want::kError && !step.stops_container) {
    before = Snapshot(id);
    if (CutShort()) return "";
  }
  CommandRecord create;
  create.argv = argv;
  create.command = FormatCommand(argv);
  Result<Child> spawned = Spawn(argv);
  if (!spawned.ok()) {
    create.spawn_error = spawned.status();
    r_.commands.push_back(create);
    step_commands_.push_back(create);
    return "`create` could not start: " + spawned.status().message();
  }
  // The pipes of `create` become the container's stdout and stderr: wait for `create` itself.
  Child child = std::move(spawned.value());
  runner_.runtime_groups_.push_back(child.process.pid);
  {
    std::vector<Capture*> pipes = Pipes();
    pipes.push_back(&child.out);
    pipes.push_back(&child.err);
    create.end =
        Wait(WaitFor{.process = &child.process, .pipes = pipes}, deadline_, runner_.interrupt_fd_);
  }
  if (create.end != WaitEnd::kDone) KillAndReap(child, Deadline::In(kCleanupTime));
  if (child.process.status) create.exit = *child.process.status;
  create.out = child.out.data;
  create.err = child.err.data;
  runner_.Completed(create, r_);
  r_.commands.push_back(create);
  step_commands_.push_back(create);
  if (CutShort()) return "";
  if (create.exit.Success() && step.id_of < 0) b.may_exist = true;

  if (step.want == Want::kError && step.stops_container) return JudgeStopped(create);
  if (step.want == Want::kError) {
    if (runner_.config_.ops_bare) return "";
    StateSnapshot after = Snapshot(id);
    if (CutShort()) return "";
    return JudgeError(create, before, after);
  }
  if (std::string why = JudgeSuccess(create); !why.empty()) return why;
  b.create = std::move(child);
  b.out_mark = b.create->out.data.size();
  b.err_mark = b.create->err.data.size();

  // The init's pid: from the pid file the runtime wrote, else from `state`.
  pid_t pid = 0;
  if (Result<std::string> text = ReadFile(pid_file); text.ok()) pid = std::atoi(text->c_str());
  if (pid <= 0) {
    CommandRecord state = Command(runner_.runtime_.Argv({"state", id}));
    if (CutShort()) return "";
    Result<ContainerState> parsed = ParseState(state.out, id, b.info.bundle);
    if (parsed.ok()) pid = parsed->pid;
  }
  if (pid > 0) {
    b.info.pid = pid;
    runner_.NoteCgroupsOf(pid, id);
    if (Result<std::string> cg = ReadFile("/proc/" + std::to_string(pid) + "/cgroup"); cg.ok()) {
      b.info.cgroup_dirs = CgroupDirsOf(runner_.cgroup_mounts_, *cg);
    }
    if (Result<Watched> adopted = Adopt(pid); adopted.ok()) b.init = std::move(adopted.value());
  }
  if (step.console) {
    Result<UniqueFd> master = ReceiveConsole(b.console_listener.get(), deadline_);
    if (!master.ok()) return master.status().message();
    b.console.fd = std::move(master.value());
    b.got_console = true;
  }
  return "";
}

std::string OpRunner::Exec(const Step& step) {
  Box& b = boxes_[step.container];
  const std::string id = IdFor(step);
  int n = ++b.execs;
  const std::string dir = "/exec-" + std::to_string(n);
  nlohmann::json process, told;
  process = b.config["process"];
  if (step.edit != nullptr) step.edit(process);
  nlohmann::json args = {"/bin/runtimetest", "--path", dir};
  if (step.check_id != nullptr) {
    for (const std::string& c : Split(step.check_id)) args.push_back(c);
  }
  process["args"] = args;
  told = process;
  if (step.tell != nullptr) step.tell(told);
  nlohmann::json spec = b.config;
  spec["process"] = told;
  const std::string rootfs = b.info.bundle + "/rootfs";
  if (::mkdir((rootfs + dir).c_str(), 0755) != 0) return "mkdir " + rootfs + dir;
  if (Status s = WriteFile(rootfs + dir + "/config.json", spec.dump(2), 0644); !s.ok()) {
    return s.message();
  }
  if (process.contains("cwd") && process["cwd"].is_string()) {
    std::string cwd = rootfs + process["cwd"].get<std::string>();
    ::mkdir(cwd.c_str(), 0777);  // may exist; the runtime reports a missing one
  }
  const std::string process_file = b.info.bundle + "/exec-" + std::to_string(n) + ".json";
  if (Status s = WriteFile(process_file, process.dump(2), 0644); !s.ok()) return s.message();
  const std::vector<std::string> argv =
      runner_.runtime_.Argv({"exec", "--process", process_file, id});
  if (step.want == Want::kError) return Operate(step, argv);

  CommandRecord record = Command(argv);
  if (CutShort()) return "";
  Observation seen;
  seen.launch_exit = record.exit;
  seen.container_exit = record.exit;
  seen.container_stdout = record.out;
  if (RuntimetestRan(record.out)) {
    seen.container_stderr = record.err;
  } else {
    seen.runtime_stderr = record.err;
  }
  Scenario judged{.name = scenario_.name,
                  .check_id = step.check_id != nullptr ? step.check_id : "all",
                  .expect = step.told != nullptr ? Expect::kCheckFails : Expect::kPass,
                  .told = step.told};
  Verdict verdict = Judge(judged, seen);
  if (verdict.passed) return "";
  std::string why = "the exec'd runtimetest: " + verdict.message;
  if (!seen.container_stderr.empty()) {
    why += " [" + ScenarioCheckLine(judged, seen.container_stderr) + "]";
  }
  return why;
}

std::string OpRunner::WaitExit(const Step& step) {
  Box& b = boxes_[step.container];
  if (!b.init) return "no container process to wait for (its pid was never known)";
  std::vector<Capture*> pipes = Pipes();
  WaitEnd end =
      Wait(WaitFor{.process = &*b.init, .pipes = pipes}, deadline_, runner_.interrupt_fd_);
  if (end == WaitEnd::kTimedOut) r_.seen.timed_out = true;
  if (end == WaitEnd::kInterrupted) r_.interrupted = true;
  if (end != WaitEnd::kDone) return "";
  // What the process wrote before it exited may still sit in its pipes or pty: read it all (the
  // process is gone, so end of file comes at once unless something it started holds them).
  std::vector<Capture*> own;
  if (b.create) own = {&b.create->out, &b.create->err};
  own.push_back(&b.console);
  Wait(WaitFor{.pipes = own, .until_eof = true}, Deadline::In(kDrainTime), runner_.interrupt_fd_);
  const ExitStatus& exit = *b.init->status;
  if (!exit.known) {
    return "the container process (pid " + std::to_string(b.init->pid) +
           ") was not reparented to the suite, so its exit status is unknown";
  }
  // With `signal`: killed by it; else the exit code.
  const int signal = step.signal != nullptr ? helper::SignalNumber(step.signal) : 0;
  if (signal != 0 ? exit.signal == signal : exit.signal == 0 && exit.code == step.exit_code) {
    return "";
  }
  std::string want = signal != 0 ? "killed by SIG" + helper::SignalName(signal)
                                 : "exit " + std::to_string(step.exit_code);
  std::string why = "the container process: expected " + want + ", found " + exit.Describe();
  std::string said = FirstLine(ContainerOutput(b));
  if (!said.empty()) why += ": " + said;
  return why;
}

std::string OpRunner::WaitLine(const Step& step) {
  Box& b = boxes_[step.container];
  const std::string path = b.info.out_dir + "/" + (step.file ? step.file : "");
  const std::string line = step.line ? step.line : "";
  UniqueFd watch(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  if (!watch.valid()) return "inotify_init1: " + std::string(std::strerror(errno));
  if (::inotify_add_watch(watch.get(), b.info.out_dir.c_str(),
                          IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
    return "inotify_add_watch " + b.info.out_dir + ": " + std::strerror(errno);
  }
  for (;;) {
    Result<std::string> text = ReadFile(path);
    if (text.ok() && HasLine(*text, line)) return "";
    bool alive = b.init && !b.init->exited();
    if (b.init && !alive) {
      return "the container process ended (" + b.init->status->Describe() + ") and /out/" +
             step.file + " " + (text.ok() ? "holds " + QuoteC(*text) : "does not exist") +
             ", without the line \"" + line + "\"";
    }
    std::vector<Capture*> pipes = Pipes();
    WaitEnd end =
        Wait(WaitFor{.process = alive ? &*b.init : nullptr, .pipes = pipes, .wake_fd = watch.get()},
             deadline_, runner_.interrupt_fd_);
    if (end == WaitEnd::kTimedOut) {
      r_.seen.timed_out = true;
      return "";
    }
    if (end == WaitEnd::kInterrupted) {
      r_.interrupted = true;
      return "";
    }
    char events[4096];
    while (::read(watch.get(), events, sizeof events) > 0) {
    }
  }
}

std::string OpRunner::ReadOut(const Step& step) {
  Box& b = boxes_[step.container];
  const std::string path = b.info.out_dir + "/" + (step.file ? step.file : "");
  // A file that does not exist reads as empty: "not written" is what some steps want.
  Result<std::string> text = ReadFile(path);
  if (!text.ok() && PathExists(path)) return text.status().message();
  const std::string content = text.ok() ? *text : "";
  std::string why;
  if (step.line != nullptr) why = JudgeFileText(content, step.line);
  if (why.empty() && step.judge_text != nullptr) why = step.judge_text(content);
  return why.empty() ? "" : "/out/" + std::string(step.file) + ": " + why;
}

std::string OpRunner::EditConfig(const Step& step) {
  Box& b = boxes_[step.container];
  const std::string path = b.info.bundle + "/config.json";
  nlohmann::json config = b.config;
  if (step.edit != nullptr) step.edit(config);
  if (Status s = WriteFile(path, config.dump(2), 0644); !s.ok()) return s.message();
  return "";
}

std::optional<std::string> OpRunner::SpecVersion() {
  if (!spec_version_fetched_) {
    spec_version_fetched_ = true;
    const nlohmann::json* features = runner_.Features();
    std::string version_output;
    if (features == nullptr) version_output = runner_.runtime_.Version(deadline_).out;
    spec_version_ = DeclaredSpecVersion(features, version_output);
  }
  return spec_version_;
}

std::string OpRunner::HookLog(const Step& step) {
  Box& b = boxes_[step.container];
  HookLogInput in;
  in.log_path = b.info.out_dir + "/" + kHookLogName;
  in.told = b.config;
  if (step.tell != nullptr) step.tell(in.told);
  // How far this container's lifecycle went: the steps before this one.
  bool create_failed = false;
  for (const Step* s = scenario_.steps.data(); s != &step; ++s) {
    if (s->container != step.container) continue;
    if (s->op == Op::kStart) in.plan.started = true;
    if (s->op == Op::kDelete) in.plan.deleted = true;
    if (s->op == Op::kCreate && s->want == Want::kError) create_failed = true;
  }
  if (HasFailingPoststart(in.told)) {
    std::optional<std::string> version = SpecVersion();
    in.plan.poststart_failure_is_error = version && SpecVersionAtLeast(*version, "1.3.0");
  }
  in.host.runtime_ns = OwnNamespaces();
  in.host.state.id = b.info.id;
  in.host.state.bundle = b.info.bundle;
  if (step.check_id != nullptr) in.ids = Split(step.check_id);
  if (create_failed) {
    for (const std::string& dir : runner_.cgroup_dirs_) {
      if (dir.ends_with("/" + b.info.id)) in.gone_dirs.push_back(dir);
    }
  }
  return JudgeHookLogStep(in);
}

ScenarioResult Runner::Run(const OpScenario& scenario) {
  OpRunner op(*this, scenario);
  return op.Run();
}

}  // namespace rt::suite
