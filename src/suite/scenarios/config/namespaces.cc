// config-linux.md#namespaces. The default config asks for new pid, network, ipc, uts and mount
// namespaces and leaves user, cgroup and time to be inherited; the runner's annotations
// (namespace_annotations.h) tell runtimetest which namespaces are the runtime's. Scenarios with
// a `path` join a uts or ipc namespace that a child of the suite holds for the whole run.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// A child process that does nothing but sit in a uts and an ipc namespace of its own, so that
// /proc/PID/ns/uts and /proc/PID/ns/ipc name namespaces that are neither the host's nor a
// container's. It dies with the suite (PR_SET_PDEATHSIG), and is killed and reaped at exit.
class NamespaceHolder {
 public:
  NamespaceHolder() { Start(); }
  ~NamespaceHolder() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int ignored;
    while (::waitpid(pid_, &ignored, 0) < 0 && errno == EINTR) {
    }
  }
  NamespaceHolder(const NamespaceHolder&) = delete;
  NamespaceHolder& operator=(const NamespaceHolder&) = delete;

  // "/proc/PID/ns/uts"; a path naming nothing when the holder could not be started.
  std::string Path(const char* proc_name) const {
    return "/proc/" + std::to_string(pid_ > 0 ? pid_ : 0) + "/ns/" + proc_name;
  }
  // Why there is no holder, or nullptr.
  const char* error() const { return error_.empty() ? nullptr : error_.c_str(); }

 private:
  void Start() {
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) {
      error_ = std::string("pipe2: ") + std::strerror(errno);
      return;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
      error_ = std::string("fork: ") + std::strerror(errno);
      ::close(ready[0]);
      ::close(ready[1]);
      return;
    }
    if (pid == 0) {  // only async-signal-safe calls from here on
      ::close(ready[0]);
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(1);
      ::setpgid(0, 0);  // a ^C at the terminal is the suite's to handle, not this child's
      int err = ::unshare(CLONE_NEWUTS | CLONE_NEWIPC) == 0 ? 0 : errno;
      (void)!::write(ready[1], &err, sizeof err);
      if (err != 0) ::_exit(1);
      for (;;) ::pause();
    }
    ::close(ready[1]);
    int err = -1;
    ssize_t n;
    do {
      n = ::read(ready[0], &err, sizeof err);
    } while (n < 0 && errno == EINTR);
    ::close(ready[0]);
    if (n == static_cast<ssize_t>(sizeof err) && err == 0) {
      pid_ = pid;
      return;
    }
    error_ = "cannot hold a uts and an ipc namespace for `path` (unshare: " +
             std::string(n == static_cast<ssize_t>(sizeof err) ? std::strerror(err) : "no answer") +
             ")";
    ::kill(pid, SIGKILL);
    int ignored;
    while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
    }
  }

  pid_t pid_ = -1;
  std::string error_;
};

const NamespaceHolder& Holder() {
  static NamespaceHolder holder;
  return holder;
}

const char* NoHolder() { return Holder().error(); }

const char* NoCgroupNamespaces() {
  return ::access("/proc/self/ns/cgroup", F_OK) == 0 ? nullptr
                                                     : "this kernel has no cgroup namespaces";
}

void SharedIpc(json& c) { RemoveNamespace(c, "ipc"); }
void JoinHeldUts(json& c) { SetNamespace(c, "uts", Holder().Path("uts")); }

const Scenario kScenarios[] = {
    {.name = "linux.namespaces/default", .check_id = "linux.namespaces", .expect = Expect::kPass},
    {.name = "linux.namespaces/cgroup-new",
     .check_id = "linux.namespaces",
     .expect = Expect::kPass,
     .configure = [](json& c) { SetNamespace(c, "cgroup"); },
     .unsupported = NoCgroupNamespaces},
    {.name = "linux.namespaces/ipc-shared",
     .check_id = "linux.namespaces",
     .expect = Expect::kPass,
     .configure = SharedIpc},
    {.name = "linux.namespaces/uts-path",
     .check_id = "linux.namespaces",
     .expect = Expect::kPass,
     .configure = JoinHeldUts,
     .unsupported = NoHolder},
    {.name = "linux.namespaces/ipc-path",
     .check_id = "linux.namespaces",
     .expect = Expect::kPass,
     .configure = [](json& c) { SetNamespace(c, "ipc", Holder().Path("ipc")); },
     .unsupported = NoHolder},
    // Negatives: the runtime does as asked; runtimetest is told otherwise.
    {.name = "linux.namespaces/shared-told-new",
     .check_id = "linux.namespaces",
     .expect = Expect::kCheckFails,
     .told = "ipc: expected a new namespace",
     .configure = SharedIpc,
     .tell = [](json& s) { SetNamespace(s, "ipc"); }},
    {.name = "linux.namespaces/new-told-shared",
     .check_id = "linux.namespaces",
     .expect = Expect::kCheckFails,
     .told = "(uts is not in linux.namespaces)",
     .tell = [](json& s) { RemoveNamespace(s, "uts"); }},
    {.name = "linux.namespaces/path-told-another",
     .check_id = "linux.namespaces",
     .expect = Expect::kCheckFails,
     .told = "\"/proc/self/ns/uts\"",
     .configure = JoinHeldUts,
     // The runner annotates what the told path names on the host: the suite's own uts.
     .tell = [](json& s) { SetNamespace(s, "uts", "/proc/self/ns/uts"); },
     .unsupported = NoHolder},
    // The runtime MUST generate an error.
    {.name = "linux.namespaces/duplicate-type",
     .check_id = "linux.namespaces",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           c["linux"]["namespaces"].push_back({{"type", "uts"}});
         }},
    {.name = "linux.namespaces/path-of-another-type",
     .check_id = "linux.namespaces",
     .expect = Expect::kRuntimeRejects,
     .configure = [](json& c) { SetNamespace(c, "ipc", Holder().Path("uts")); },
     .unsupported = NoHolder},
};

}  // namespace

std::span<const Scenario> NamespaceScenarios() { return kScenarios; }

}  // namespace rt::suite
