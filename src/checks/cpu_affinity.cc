// config.md#linux-process: process.execCPUAffinity (runtime-spec 1.2). `final` is the CPU
// affinity of a process the runtime starts with `exec` once it is in the container's cgroup:
// what sched_getaffinity(2) shows after execve(2). `initial` is the affinity of the runtime's
// own process before that move, gone by the time runtimetest runs. The spec excludes the
// container's init process, so runtimetest compares only when it can tell it is not that
// process: in a new pid namespace, where init is pid 1.
#include <string>

#include "checks/check.h"
#include "sys/cpu_list.h"

namespace rt::checks {
namespace {

bool NewPidNamespace(const spec::Config& config) {
  if (!config.linux_) return false;
  for (const spec::Namespace& ns : config.linux_->namespaces) {
    if (ns.type == "pid" && (!ns.path || ns.path->empty())) return true;
  }
  return false;
}

void CheckExecCpuAffinity(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->exec_cpu_affinity) {
    rec.Skip("", "", "process.execCPUAffinity is not set in the config");
    return;
  }
  const spec::ExecCpuAffinity& want = *ctx.config.process->exec_cpu_affinity;
  if (want.initial && !want.initial->empty()) {
    rec.Skip("", "initial",
             "the affinity of the runtime's process before it joins the container's cgroup; "
             "after execve(2) only `final` can be seen");
  }
  if (!want.final_ || want.final_->empty()) {
    rec.Skip("", "final",
             "not set: the container's default affinity applies (linux.resources.cpu.cpus)");
    return;
  }
  if (!NewPidNamespace(ctx.config)) {
    rec.Skip("", "final",
             "without a new pid namespace runtimetest cannot tell whether it is the container's "
             "init process, to which execCPUAffinity does not apply");
    return;
  }
  if (ctx.sys.GetPid() == 1) {
    rec.Skip("", "final",
             "runtimetest runs as the container's init process, to which execCPUAffinity does "
             "not apply (it is for processes started with exec)");
    return;
  }
  Result<sys::CpuList> expected = sys::CpuList::Parse(*want.final_);
  if (!expected.ok()) {
    rec.Fail("", "final", "a CPU list such as \"0-3,7\"", Quote(*want.final_));
    return;
  }
  Result<std::vector<uint64_t>> mask = ctx.sys.GetCpuAffinity();
  if (!mask.ok()) {
    rec.CannotObserve("", "final", mask.status());
    return;
  }
  rec.Expect("", "final", expected->ToString(), sys::CpuList::FromMask(*mask).ToString());
}

constexpr CheckDef kChecks[] = {
    {"process.execCPUAffinity", "config.md#linux-process", report::Level::kMust,
     "`final` CPU list against sched_getaffinity(2), for a process started with exec",
     CheckExecCpuAffinity},
};

}  // namespace

std::span<const CheckDef> CpuAffinityChecks() { return kChecks; }

}  // namespace rt::checks
