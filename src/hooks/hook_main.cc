#include "hooks/hook_main.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <optional>

#include "hooks/hook_log.h"
#include "hooks/state.h"
#include "spec/spec.h"
#include "util/file.h"
#include "util/json_text.h"

extern char** environ;

namespace rt::hooks {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxStateBytes = size_t{1} << 20;
constexpr int kWaitSeconds = 60;

struct Args {
  std::string mode;  // record, fail, hang
  std::string log;
  std::optional<Kind> kind;
  bool wait = false;
  std::string ready;  // a file to append "ready" to once recorded
};

Result<Args> ParseArgs(const std::vector<std::string>& argv) {
  Args a;
  if (argv.size() < 3) return Status::Error("usage: runtimetest hook record|fail|hang ...");
  a.mode = argv[2];
  if (a.mode != "record" && a.mode != "fail" && a.mode != "hang") {
    return Status::Error("unknown mode \"" + a.mode + "\" (record, fail or hang)");
  }
  for (size_t i = 3; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= argv.size()) return Status::Error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--log" || arg == "--name" || arg == "--ready") {
      Result<std::string> v = value();
      if (!v.ok()) return v.status();
      if (arg == "--log") {
        a.log = *v;
      } else if (arg == "--ready") {
        a.ready = *v;
      } else if (!(a.kind = ParseKind(*v))) {
        return Status::Error("--name: unknown hook kind \"" + *v + "\"");
      }
    } else if (arg == "--wait") {
      a.wait = true;
    } else if (arg == "--") {
      break;  // the rest is only recorded (argv with any strings a test wants to see arrive)
    } else {
      return Status::Error("unknown argument \"" + arg + "\"");
    }
  }
  if (a.mode == "record" && (a.log.empty() || !a.kind)) {
    return Status::Error("record needs --log FILE and --name KIND");
  }
  if (!a.log.empty() && !a.kind) return Status::Error("--log needs --name KIND");
  return a;
}

std::optional<FileId> Identity(const std::string& path, std::vector<std::string>& unobserved) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    unobserved.push_back(Status::Errno("stat " + path, errno).message());
    return std::nullopt;
  }
  return FileId{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

NamespaceIds Namespaces(const std::string& proc_pid, std::vector<std::string>& unobserved) {
  NamespaceIds ns;
  for (const char* type : {"mnt", "pid", "net"}) {
    if (auto id = Identity(proc_pid + "/ns/" + type, unobserved)) ns[type] = id->ino;
  }
  return ns;
}

// The config of the container and the root its paths are relative to, as this process sees
// them: <bundle>/config.json with its root.path (in the runtime's mount namespace, or before
// pivot_root), else the rootfs's /spec.json or /config.json with "/" (inside the container).
struct ConfigView {
  std::optional<spec::Config> config;
  std::string rootfs;
  bool from_bundle = false;
};

ConfigView FindConfig(const std::string& bundle, std::vector<std::string>& unobserved) {
  ConfigView v;
  std::vector<std::string> tried;
  for (const std::string& path : {bundle.empty() ? std::string() : bundle + "/config.json",
                                  std::string("/spec.json"), std::string("/config.json")}) {
    if (path.empty()) continue;
    Result<std::string> text = ReadRegularFile(path, spec::kMaxConfigBytes);
    if (!text.ok()) {
      tried.push_back(text.status().message());
      continue;
    }
    Result<spec::Config> config = spec::ParseConfig(*text);
    if (!config.ok()) {
      tried.push_back(path + ": " + config.status().message());
      continue;
    }
    v.from_bundle = path.starts_with(bundle + "/") && !bundle.empty();
    if (v.from_bundle) {
      const std::string root = config->root ? config->root->path : "rootfs";
      v.rootfs = root.starts_with("/") ? root : bundle + "/" + root;
    } else {
      v.rootfs = "/";
    }
    v.config = std::move(config).value();
    return v;
  }
  for (const std::string& t : tried) unobserved.push_back("config: " + t);
  return v;
}

// The procfs whose pid namespace is this process's: the one whose "self" is getpid(). Before
// pivot_root a hook in the container's pid namespace still sees the host's /proc, but the
// container's proc mount (if the config has one) under the rootfs.
std::optional<std::string> OwnProc(const std::string& rootfs,
                                   std::vector<std::string>& unobserved) {
  const std::string self = std::to_string(getpid());
  std::vector<std::string> candidates = {"/proc"};
  if (rootfs != "/" && !rootfs.empty()) candidates.push_back(rootfs + "/proc");
  for (const std::string& proc : candidates) {
    char buf[64];
    const ssize_t n = readlink((proc + "/self").c_str(), buf, sizeof buf - 1);
    if (n > 0 && std::string(buf, n) == self) return proc;
  }
  unobserved.push_back("no procfs of this pid namespace (tried /proc" +
                       std::string(candidates.size() > 1 ? ", " + candidates[1] : "") + ")");
  return std::nullopt;
}

// Whether a process is gone or a zombie: "State:" of /proc/<pid>/status.
std::optional<bool> Exists(const std::string& proc_pid, std::vector<std::string>& unobserved) {
  Result<std::string> status = ReadWholeFile(proc_pid + "/status", size_t{64} << 10);
  if (!status.ok()) {
    if (status.status().err() == ENOENT || status.status().err() == ESRCH) return false;
    unobserved.push_back(status.status().message());
    return std::nullopt;
  }
  const size_t at = status->find("\nState:");
  if (at == std::string::npos) return true;
  const size_t letter = status->find_first_not_of(" \t", at + 7);
  return letter == std::string::npos || ((*status)[letter] != 'Z' && (*status)[letter] != 'X');
}

void ObserveContainer(Record& r, const ConfigView& view) {
  auto& unobserved = r.unobserved;
  const json pid = r.state->value("pid", json());
  if (!pid.is_number_integer() || pid.get<int64_t>() <= 0) {
    unobserved.push_back("container: no pid in the state");
    return;
  }
  r.container.pid = pid.get<int64_t>();
  std::optional<std::string> proc = OwnProc(view.rootfs, unobserved);
  if (!proc) return;
  const std::string proc_pid = *proc + "/" + std::to_string(*r.container.pid);
  r.container.exists = Exists(proc_pid, unobserved);
  if (r.container.exists != true) return;
  r.container.ns = Namespaces(proc_pid, unobserved);
  const auto& args = view.config && view.config->process
                         ? view.config->process->args
                         : std::optional<std::vector<std::string>>();
  if (!args || args->empty() || !args->front().starts_with("/")) {
    unobserved.push_back("container: no absolute process.args[0] in the config");
    return;
  }
  const std::string program = (view.rootfs == "/" ? "" : view.rootfs) + args->front();
  std::optional<FileId> exe = Identity(proc_pid + "/exe", unobserved);
  std::optional<FileId> user = Identity(program, unobserved);
  if (exe && user) r.container.running_user_program = *exe == *user;
}

Status Append(const std::string& log, const std::string& line) {
  const int fd = open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return Status::Errno("open " + log, errno);
  const std::string data = line + "\n";
  const ssize_t n = write(fd, data.data(), data.size());
  const int err = errno;
  close(fd);
  if (n < 0) return Status::Errno("write " + log, err);
  if (static_cast<size_t>(n) != data.size()) return Status::Error("write " + log + ": short");
  return Status::Ok();
}

Status RecordOnce(const Args& a, const std::vector<std::string>& argv) {
  Record r;
  r.kind = *a.kind;
  r.argv = argv;
  for (char** e = environ; e && *e; ++e) r.env.emplace_back(*e);
  r.pid = getpid();
  r.ns = Namespaces("/proc/self", r.unobserved);
  r.root = Identity("/", r.unobserved);
  if (r.kind != Kind::kProcess) {
    Result<std::string> in = ReadWholeFile("/dev/stdin", kMaxStateBytes);
    if (!in.ok()) {
      r.unobserved.push_back("state: " + in.status().message());
    } else if (Result<json> j = ParseJsonText(*in); !j.ok()) {
      r.state_text = *in;
      r.state_problems.push_back(j.status().message());
    } else {
      r.state = std::move(j).value();
    }
    if (r.state) {
      const json bundle = r.state->is_object() ? r.state->value("bundle", json()) : json();
      ConfigView view =
          FindConfig(bundle.is_string() ? bundle.get<std::string>() : "", r.unobserved);
      StateExpectation expect;
      if (view.config && view.from_bundle) expect.annotations = view.config->annotations;
      r.state_problems = StateProblems(r.kind, *r.state, expect);
      if (r.state->is_object()) ObserveContainer(r, view);
    }
  }
  return Append(a.log, FormatRecord(r));
}

// SIGTERM and SIGINT, blocked from here on, so that WaitForSignal takes them with sigtimedwait(2).
// As pid 1 of a pid namespace the process drops a signal it neither handles nor blocks: they are
// blocked before "ready" is written, or a TERM sent on seeing "ready" could come first and be
// lost (seen once in CI: `hooks/args-env/exact` waited 10 s for an exit after TERM).
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Waits until one of `set` (blocked) arrives (then returns) or `seconds` pass; SIGKILL ends it
// anyway.
void WaitForSignal(const sigset_t& set, int seconds) {
  timespec until;
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_sec += seconds;
  for (;;) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    timespec left{until.tv_sec - now.tv_sec, until.tv_nsec - now.tv_nsec};
    if (left.tv_nsec < 0) {
      left.tv_nsec += 1000000000;
      --left.tv_sec;
    }
    if (left.tv_sec < 0) return;
    if (sigtimedwait(&set, nullptr, &left) >= 0 || errno != EINTR) return;
  }
}

}  // namespace

int HookMain(const std::vector<std::string>& argv) {
  Result<Args> a = ParseArgs(argv);
  if (!a.ok()) {
    (void)WriteAll(STDERR_FILENO, "runtimetest hook: " + a.status().message() + "\n", "stderr");
    return 2;
  }
  const bool waits = a->mode == "hang" || a->wait;
  sigset_t stop_signals;
  if (waits) stop_signals = BlockStopSignals();
  if (!a->log.empty()) {
    Status st = RecordOnce(*a, argv);
    if (!st.ok()) {
      (void)WriteAll(STDERR_FILENO, "runtimetest hook: " + st.message() + "\n", "stderr");
      return 2;
    }
  }
  if (!a->ready.empty()) {
    Status st = Append(a->ready, "ready");
    if (!st.ok()) {
      (void)WriteAll(STDERR_FILENO, "runtimetest hook: " + st.message() + "\n", "stderr");
      return 2;
    }
  }
  if (a->mode == "fail") {
    (void)WriteAll(STDERR_FILENO, "runtimetest hook: failing on purpose (hook fail)\n", "stderr");
    return 1;
  }
  if (waits) WaitForSignal(stop_signals, kWaitSeconds);
  return 0;
}

}  // namespace rt::hooks
