// config-linux.md#seccomp: filters whose rules name only syscalls that runtimetest probes
// (sys/syscall_probe.h), which neither runtime needs after loading the filter, so the container
// starts whatever the rules do to them.
#include <string>

#include "suite/scenario.h"
#include "util/file.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

json Rule(std::initializer_list<const char*> names, const char* action) {
  json rule = {{"names", json::array()}, {"action", action}};
  for (const char* n : names) rule["names"].push_back(n);
  return rule;
}

// defaultAction ALLOW; getpriority fails with EPERM (the default errnoRet), getrusage and sysinfo
// with EACCES.
void ErrnoRules(json& c) {
  json eacces = Rule({"getrusage", "sysinfo"}, "SCMP_ACT_ERRNO");
  eacces["errnoRet"] = 13;
  c["linux"]["seccomp"] = {{"defaultAction", "SCMP_ACT_ALLOW"},
                           {"syscalls", {Rule({"getpriority"}, "SCMP_ACT_ERRNO"), eacces}}};
}

const char* NoSeccomp() {
  Result<std::string> status = ReadWholeFile("/proc/self/status");
  if (status.ok() && ("\n" + *status).find("\nSeccomp:") != std::string::npos) return nullptr;
  return "this kernel has no seccomp (no Seccomp field in /proc/self/status)";
}

const Scenario kScenarios[] = {
    // A classic conformance profile makes getcwd(2) fail with EPERM; process.cwd must still be
    // observed (readlink /proc/self/cwd) and pass, not turn into a failure of the runtime.
    {.name = "process.cwd/getcwd-denied-by-seccomp",
     .check_id = "process.cwd",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["cwd"] = "/work/dir";
           c["linux"]["seccomp"] = {{"defaultAction", "SCMP_ACT_ALLOW"},
                                    {"syscalls", {Rule({"getcwd"}, "SCMP_ACT_ERRNO")}}};
         },
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.enabled"},
    {.name = "linux.seccomp/errno-rules",
     .check_id = "linux.seccomp",
     .expect = Expect::kPass,
     .configure = ErrnoRules,
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.enabled"},
    {.name = "linux.seccomp/trace-and-log",
     .check_id = "linux.seccomp",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["linux"]["seccomp"] = {{"defaultAction", "SCMP_ACT_ALLOW"},
                                    {"syscalls",
                                     {Rule({"getsid"}, "SCMP_ACT_TRACE"),
                                      Rule({"sched_getscheduler"}, "SCMP_ACT_LOG")}}};
         },
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.actions=SCMP_ACT_TRACE"},
    {.name = "linux.seccomp/default-log",
     .check_id = "linux.seccomp",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["linux"]["seccomp"] = {{"defaultAction", "SCMP_ACT_LOG"},
                                    {"syscalls", {Rule({"getpgid"}, "SCMP_ACT_ERRNO")}}};
         },
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.actions=SCMP_ACT_LOG"},
    // Negatives: the filter is what config.json asks; /spec.json says otherwise.
    {.name = "linux.seccomp/told-other-errno",
     .check_id = "linux.seccomp",
     .expect = Expect::kCheckFails,
     .told = "(syscalls[1] SCMP_ACT_ERRNO): expected fails with EPERM",
     .configure = ErrnoRules,
     .tell = [](json& s) { s["linux"]["seccomp"]["syscalls"][1]["errnoRet"] = 1; },
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.enabled"},
    {.name = "linux.seccomp/told-blocked-but-allowed",
     .check_id = "linux.seccomp",
     .expect = Expect::kCheckFails,
     .told = "getresuid",
     .configure = ErrnoRules,
     .tell =
         [](json& s) {
           s["linux"]["seccomp"]["syscalls"].push_back(Rule({"getresuid"}, "SCMP_ACT_ERRNO"));
         },
     .unsupported = NoSeccomp,
     .requires_feature = "linux.seccomp.enabled"},
    {.name = "linux.seccomp/told-filter-but-none",
     .check_id = "linux.seccomp",
     .expect = Expect::kCheckFails,
     .told = "expected 2 (filter)",
     .tell =
         [](json& s) {
           s["linux"]["seccomp"] = {{"defaultAction", "SCMP_ACT_ALLOW"}};
         },
     .unsupported = NoSeccomp},
};

}  // namespace

std::span<const Scenario> SeccompScenarios() { return kScenarios; }

}  // namespace rt::suite
