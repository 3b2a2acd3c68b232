#include "sys/syscall_probe.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

namespace rt::sys {
namespace {

struct Probe {
  std::string_view name;
  long (*call)();
};

// Every call passes pointers to local buffers or reads about the calling process (0 = self).
constexpr Probe kProbes[] = {
    {"getpriority", [] { return syscall(SYS_getpriority, PRIO_PROCESS, 0); }},
    {"getpgid", [] { return syscall(SYS_getpgid, 0); }},
    {"getsid", [] { return syscall(SYS_getsid, 0); }},
    {"getresuid",
     [] {
       uid_t r, e, s;
       return syscall(SYS_getresuid, &r, &e, &s);
     }},
    {"getresgid",
     [] {
       gid_t r, e, s;
       return syscall(SYS_getresgid, &r, &e, &s);
     }},
    {"sysinfo",
     [] {
       struct sysinfo info;
       return syscall(SYS_sysinfo, &info);
     }},
    {"getrusage",
     [] {
       struct rusage usage;
       return syscall(SYS_getrusage, RUSAGE_SELF, &usage);
     }},
    {"getitimer",
     [] {
       struct itimerval value;
       return syscall(SYS_getitimer, ITIMER_PROF, &value);
     }},
    {"sched_getscheduler", [] { return syscall(SYS_sched_getscheduler, 0); }},
    {"sched_getparam",
     [] {
       struct sched_param param;
       return syscall(SYS_sched_getparam, 0, &param);
     }},
    {"sched_get_priority_max", [] { return syscall(SYS_sched_get_priority_max, SCHED_FIFO); }},
    {"sched_get_priority_min", [] { return syscall(SYS_sched_get_priority_min, SCHED_FIFO); }},
    {"sched_rr_get_interval",
     [] {
       struct timespec ts;
       return syscall(SYS_sched_rr_get_interval, 0, &ts);
     }},
};

constexpr auto kNames = [] {
  std::array<std::string_view, std::size(kProbes)> names{};
  for (size_t i = 0; i < names.size(); ++i) names[i] = kProbes[i].name;
  return names;
}();

}  // namespace

std::span<const std::string_view> ProbeSyscallNames() { return kNames; }

bool IsProbeSyscall(std::string_view name) {
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

long CallProbeSyscall(std::string_view name) {
  for (const Probe& p : kProbes) {
    if (p.name == name) return p.call();
  }
  errno = ENOENT;
  return -1;
}

}  // namespace rt::sys
