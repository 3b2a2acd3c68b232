#include "suite/hook_step.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "spec/spec.h"
#include "util/file.h"

namespace rt::suite {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Whether process `pid` (of the suite's pid namespace) still runs: present and not a zombie.
bool Runs(int64_t pid) {
  Result<std::string> status = ReadWholeFile("/proc/" + std::to_string(pid) + "/status", 65536);
  if (!status.ok()) return false;
  const size_t at = status->find("\nState:");
  if (at == std::string::npos) return true;
  const size_t letter = status->find_first_not_of(" \t", at + 7);
  return letter != std::string::npos && (*status)[letter] != 'Z' && (*status)[letter] != 'X';
}

}  // namespace

std::string JudgeHookLogStep(const HookLogInput& in) {
  auto wanted = [&](const std::string& id) {
    return in.ids.empty() || std::find(in.ids.begin(), in.ids.end(), id) != in.ids.end();
  };
  Result<spec::Config> told = spec::ParseConfig(in.told.dump());
  if (!told.ok()) return "the config the judge is told: " + told.status().message();
  Result<std::string> text = ReadWholeFile(in.log_path, size_t{16} << 20);
  if (!text.ok() && text.status().err() != ENOENT) return text.status().message();
  // No log is no hook run.
  Result<std::vector<hooks::Record>> log = hooks::ParseHookLog(text.ok() ? *text : "");
  if (!log.ok()) return log.status().message();

  hooks::HostFacts host = in.host;
  host.state.annotations = told->annotations;
  std::vector<std::string> lines;
  for (const hooks::Finding& f : hooks::JudgeHookLog(*log, *told, in.plan, host)) {
    if (wanted(f.id)) lines.push_back(f.Line());
  }
  if (wanted("hooks.timeout")) {
    // A hook that ran past its timeout must have been killed (config.md#posix-platform-hooks).
    // Only hooks in the runtime's pid namespace: their recorded pid is the suite's view.
    std::vector<size_t> seen(static_cast<size_t>(hooks::Kind::kProcess) + 1);
    for (const hooks::Record& r : *log) {
      const size_t index = seen[static_cast<size_t>(r.kind)]++;
      const bool hangs = r.argv.size() >= 3 && r.argv[1] == "hook" && r.argv[2] == "hang";
      if (hangs && !hooks::InContainerNamespace(r.kind) && Runs(r.pid)) {
        lines.push_back("hooks.timeout: " + hooks::Label({r.kind, index}) +
                        ": expected the hook (pid " + std::to_string(r.pid) +
                        ") killed at its timeout, found it still running "
                        "(config.md#posix-platform-hooks, MUST)");
      }
    }
  }
  if (wanted("hooks.cleanup")) {
    for (const std::string& dir : in.gone_dirs) {
      if (Exists(dir)) {
        lines.push_back(
            "hooks.cleanup: expected no cgroup of the container after the failed "
            "create, found " +
            dir + " (runtime.md#errors, MUST)");
      }
    }
  }
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "; ") + l;
  return out;
}

bool HasFailingPoststart(const nlohmann::json& told) {
  Result<spec::Config> config = spec::ParseConfig(told.dump());
  if (!config.ok() || !config->hooks) return false;
  return std::any_of(config->hooks->poststart.begin(), config->hooks->poststart.end(),
                     hooks::FailsOnPurpose);
}

hooks::NamespaceIds OwnNamespaces() {
  hooks::NamespaceIds ns;
  for (const char* type : {"mnt", "pid", "net"}) {
    struct stat st;
    if (::stat((std::string("/proc/self/ns/") + type).c_str(), &st) == 0) ns[type] = st.st_ino;
  }
  return ns;
}

nlohmann::json RuntimetestHook(hooks::Kind kind, int index, const std::string& path,
                               const std::string& log, const char* mode) {
  const std::string name = std::string(hooks::KindName(kind)) + "-" + std::to_string(index);
  return {{"path", path},
          {"args", {name, "hook", mode, "--log", log, "--name", hooks::KindName(kind)}},
          {"env", {"RT_HOOK=" + name}}};
}

}  // namespace rt::suite
