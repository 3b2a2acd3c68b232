// runtime-linux.md#file-descriptors: the process starts with only stdin, stdout and stderr open,
// plus N descriptors from 3 on that the runtime was told to pass: N from LISTEN_FDS=N in
// process.env (socket activation), else from the file /num-fds in the root, which youki's test
// harness writes for its fd_control test (the count it passed with --preserve-fds). runtimetest itself opens every file with O_CLOEXEC and closes it before
// the next check, so anything else open at this point came from the runtime.
#include <cerrno>
#include <optional>
#include <string>

#include "checks/check.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

constexpr int kFirstListenFd = 3;  // SD_LISTEN_FDS_START

// N from the last LISTEN_FDS=N in process.env; 0 when absent or not a number.
uint64_t ListenFds(const spec::Config& config) {
  uint64_t n = 0;
  if (!config.process || !config.process->env) return n;
  for (const std::string& entry : *config.process->env) {
    if (!entry.starts_with("LISTEN_FDS=")) continue;
    Result<uint64_t> v = sys::ParseUnsigned(std::string_view(entry).substr(11));
    n = v.ok() ? *v : 0;
  }
  return n;
}

// N from /num-fds (youki's harness), or nullopt when there is no such file or number.
std::optional<uint64_t> HarnessFds(sys::System& sys) {
  Result<std::string> text = sys.ReadFile("/num-fds");
  if (!text.ok()) return std::nullopt;
  Result<uint64_t> n = sys::ParseUnsigned(*text);
  if (!n.ok()) return std::nullopt;
  return *n;
}

void CheckFdControl(const Context& ctx, Recorder& rec) {
  // Read before listing, so that the file is closed again when the list is made.
  std::optional<uint64_t> harness = HarnessFds(ctx.sys);
  Result<std::vector<sys::OpenFd>> fds = ctx.sys.OpenFds();
  if (!fds.ok()) {
    if (fds.status().err() == ENOENT && ConfigMountsProc(ctx.config)) {
      rec.FailMandatedObservation("", "", "/proc/self/fd (the config mounts proc at /proc)",
                                  fds.status());
    } else {
      rec.CannotObserve("", "", fds.status());
    }
    return;
  }
  uint64_t listen = ListenFds(ctx.config);
  std::string allowed =
      listen == 0 ? std::string("0, 1 and 2")
                  : "0, 1, 2 and the " + std::to_string(listen) + " of LISTEN_FDS from 3";
  if (listen == 0 && harness && *harness > 0) {
    listen = *harness;
    allowed = "0, 1, 2 and the " + std::to_string(listen) + " of /num-fds from 3";
  }
  int extra = 0;
  for (const sys::OpenFd& fd : *fds) {
    const bool stdio = fd.fd >= 0 && fd.fd <= 2;
    const bool passed =
        fd.fd >= kFirstListenFd && static_cast<uint64_t>(fd.fd - kFirstListenFd) < listen;
    if (stdio || passed) continue;
    ++extra;
    rec.Fail("", "fd " + std::to_string(fd.fd), "closed (only " + allowed + " stay open)",
             "open" + (fd.target.empty() ? std::string() : " on " + Quote(fd.target)));
  }
  if (extra == 0) rec.Pass("", std::to_string(fds->size()) + " open, none beyond " + allowed);
}

constexpr CheckDef kChecks[] = {
    {"fd_control", "runtime-linux.md#file-descriptors", report::Level::kMust,
     "/proc/self/fd holds only 0, 1, 2 (and 3.. for LISTEN_FDS=N in process.env, else N in /num-fds)", CheckFdControl},
};

}  // namespace

std::span<const CheckDef> FdControlChecks() { return kChecks; }

}  // namespace rt::checks
