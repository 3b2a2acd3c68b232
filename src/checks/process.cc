// config.md#process: the working directory, environment, arguments, and the Linux process
// settings noNewPrivileges and oomScoreAdj.
#include "checks/process.h"

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <unordered_map>

#include "checks/check.h"
#include "sys/namespaces.h"
#include "sys/proc.h"
#include "sys/witness.h"

namespace rt::checks {

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

std::string FormatList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += Quote(items[i]);
  }
  return out + "]";
}

namespace {

void CheckCwd(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->cwd) {
    rec.Skip("", "", "process.cwd is not set in the config");
    return;
  }
  Result<sys::Observed<std::string>> cwd = sys::ObserveCwd(ctx.sys);
  if (!cwd.ok()) {
    rec.CannotObserve("", "", cwd.status());
    return;
  }
  rec.Expect("", "", Quote(NormalizePath(*ctx.config.process->cwd)),
             Quote(NormalizePath(cwd->value)));
}

void CheckEnv(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->env) {
    rec.Skip("", "", "process.env is not set in the config");
    return;
  }
  const std::vector<std::string> env = ctx.sys.Environ();
  // Indexed once by name: each wanted entry is one lookup, not a scan of the environment.
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_key;
  by_key.reserve(env.size());
  for (const std::string& e : env) {
    const std::string_view entry = e;
    by_key[entry.substr(0, entry.find('='))].push_back(entry);
  }
  for (const std::string& want : *ctx.config.process->env) {
    const std::string_view key = std::string_view(want).substr(0, want.find('='));
    auto it = by_key.find(key);
    if (it != by_key.end() &&
        std::find(it->second.begin(), it->second.end(), want) != it->second.end()) {
      rec.Pass("", std::string(key));
      continue;
    }
    std::vector<std::string> same_key;
    if (it != by_key.end()) same_key.assign(it->second.begin(), it->second.end());
    rec.Fail("", std::string(key), Quote(want), same_key.empty() ? "unset" : FormatList(same_key));
  }
}

void CheckArgs(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->args) {
    rec.Skip("", "", "process.args is not set in the config");
    return;
  }
  Result<std::string> cmdline = ctx.sys.ReadFile("/proc/self/cmdline");
  if (!cmdline.ok()) {
    if (cmdline.status().err() == ENOENT && ConfigMountsProc(ctx.config)) {
      rec.FailMandatedObservation("", "", "/proc/self/cmdline (the config mounts proc at /proc)",
                                  cmdline.status());
    } else {
      rec.CannotObserve("", "", cmdline.status());
    }
    return;
  }
  rec.Expect("", "", FormatList(*ctx.config.process->args),
             FormatList(sys::SplitCmdline(*cmdline)));
}

void CheckNoNewPrivileges(const Context& ctx, Recorder& rec) {
  const bool want = ctx.config.process && ctx.config.process->no_new_privileges.value_or(false);
  Result<sys::Observed<bool>> nnp = sys::ObserveNoNewPrivs(ctx.sys);
  if (!nnp.ok()) {
    rec.CannotObserve("", "", nnp.status());
    return;
  }
  const bool set = nnp->value;
  if (!want && set) {
    // The flag cannot be cleared once set, so a runtime started under it passes it on.
    rec.Skip("", "",
             "NoNewPrivs is 1 though the config does not ask for it; it may be inherited "
             "from the runtime's own process, so this cannot be judged");
    return;
  }
  rec.Expect("", "", want ? "NoNewPrivs 1" : "NoNewPrivs 0", set ? "NoNewPrivs 1" : "NoNewPrivs 0");
}

// Set: the value. Unset: the runtime must leave the value alone, so the process has the
// runtime's own, which `runtimetest suite` records in an annotation (sys/namespaces.h).
void CheckOomScoreAdj(const Context& ctx, Recorder& rec) {
  const bool set = ctx.config.process && ctx.config.process->oom_score_adj;
  std::string want;
  if (set) {
    want = std::to_string(*ctx.config.process->oom_score_adj);
  } else {
    auto it = ctx.config.annotations.find(std::string(sys::kRuntimeOomScoreAdjAnnotation));
    if (it == ctx.config.annotations.end()) {
      rec.Skip("", "",
               "process.oomScoreAdj is not set in the config, and the runtime's own value is not "
               "known (annotation " +
                   std::string(sys::kRuntimeOomScoreAdjAnnotation) +
                   "; `runtimetest suite` sets it)");
      return;
    }
    want = it->second;
  }
  Result<std::string> text = ctx.sys.ReadFile("/proc/self/oom_score_adj");
  if (!text.ok()) {
    rec.CannotObserve("", "", text.status());
    return;
  }
  rec.Expect("", set ? "" : "unset: the runtime's own", want, sys::NormalizeSpace(*text));
}

constexpr CheckDef kChecks[] = {
    {"process.cwd", "config.md#process", report::Level::kMust,
     "process.cwd equals getcwd(2) (both normalised)", CheckCwd},
    {"process.env", "config.md#process", report::Level::kMust,
     "every process.env entry is in the environment with its exact value", CheckEnv},
    {"process.args", "config.md#process", report::Level::kMust,
     "process.args equals /proc/self/cmdline", CheckArgs},
    {"process.noNewPrivileges", "config.md#linux-process", report::Level::kMust,
     "NoNewPrivs in /proc/self/status is 1 when noNewPrivileges is true", CheckNoNewPrivileges},
    {"process.oomScoreAdj", "config.md#linux-process", report::Level::kMust,
     "oomScoreAdj equals /proc/self/oom_score_adj; unset, the runtime's own value (annotated by "
     "the suite)",
     CheckOomScoreAdj},
};

}  // namespace

std::span<const CheckDef> ProcessChecks() { return kChecks; }

}  // namespace rt::checks
