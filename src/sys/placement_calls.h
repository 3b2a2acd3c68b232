// The system calls behind System's scheduling and placement queries (LinuxSystem forwards to
// these): sched_getattr(2), ioprio_get(2), sched_getaffinity(2), personality(2),
// get_mempolicy(2), and the SIOCGIFINDEX ioctl. glibc wraps few of them, so they go through
// syscall(2) with the kernel's own structures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sys/system.h"

namespace rt::sys {

Result<SchedAttr> CallSchedGetattr();
Result<int> CallIoprioGet();
Result<std::vector<uint64_t>> CallSchedGetaffinity();
Result<unsigned> CallPersonalityQuery();
Result<MemoryPolicy> CallGetMempolicy();
Result<int> CallInterfaceIndex(const std::string& name);

}  // namespace rt::sys
