#include "sys/placement_calls.h"

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rt::sys {
namespace {

// struct sched_attr of the kernel (include/uapi/linux/sched/types.h), version 1 (56 bytes).
struct KernelSchedAttr {
  uint32_t size;
  uint32_t sched_policy;
  uint64_t sched_flags;
  int32_t sched_nice;
  uint32_t sched_priority;
  uint64_t sched_runtime;
  uint64_t sched_deadline;
  uint64_t sched_period;
  uint32_t sched_util_min;
  uint32_t sched_util_max;
};

constexpr int kIoprioWhoProcess = 1;
// Node masks as wide as the kernel's MAX_NUMNODES can be (NODES_SHIFT 10).
constexpr size_t kMaxNodes = 1024;
// CPU masks: sched_getaffinity fails with EINVAL when the mask is narrower than the kernel's
// nr_cpu_ids; the loop doubles it from 1024 CPUs up to this bound.
constexpr size_t kMaxCpus = 1 << 16;

}  // namespace

Result<SchedAttr> CallSchedGetattr() {
  KernelSchedAttr k{};
  if (syscall(SYS_sched_getattr, 0, &k, sizeof k, 0) != 0) {
    return Status::Errno("sched_getattr", errno);
  }
  SchedAttr a;
  a.policy = k.sched_policy;
  a.flags = k.sched_flags;
  a.nice = k.sched_nice;
  a.priority = k.sched_priority;
  a.runtime = k.sched_runtime;
  a.deadline = k.sched_deadline;
  a.period = k.sched_period;
  return a;
}

Result<int> CallIoprioGet() {
  long r = syscall(SYS_ioprio_get, kIoprioWhoProcess, 0);
  if (r < 0) return Status::Errno("ioprio_get(IOPRIO_WHO_PROCESS, 0)", errno);
  return static_cast<int>(r);
}

Result<std::vector<uint64_t>> CallSchedGetaffinity() {
  for (size_t cpus = 1024; cpus <= kMaxCpus; cpus *= 2) {
    std::vector<uint64_t> words(cpus / 64);
    long r = syscall(SYS_sched_getaffinity, 0, words.size() * sizeof(uint64_t), words.data());
    if (r >= 0) return words;
    if (errno != EINVAL) break;
  }
  return Status::Errno("sched_getaffinity", errno);
}

Result<unsigned> CallPersonalityQuery() {
  errno = 0;
  int r = personality(0xffffffff);
  if (r == -1 && errno != 0) return Status::Errno("personality(0xffffffff)", errno);
  return static_cast<unsigned>(r);
}

Result<MemoryPolicy> CallGetMempolicy() {
  MemoryPolicy p;
  p.nodes.assign(kMaxNodes / 64, 0);
  if (syscall(SYS_get_mempolicy, &p.mode, p.nodes.data(), kMaxNodes, nullptr, 0) != 0) {
    return Status::Errno("get_mempolicy", errno);
  }
  return p;
}

Result<int> CallInterfaceIndex(const std::string& name) {
  const std::string what = "ioctl(SIOCGIFINDEX, " + name + ")";
  if (name.empty() || name.size() >= IFNAMSIZ) return Status::Errno(what, ENODEV);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Errno("socket for " + what, errno);
  struct ifreq req {};
  std::memcpy(req.ifr_name, name.data(), name.size());
  int r = ioctl(fd, SIOCGIFINDEX, &req);
  int err = errno;
  close(fd);
  if (r != 0) return Status::Errno(what, err);
  return req.ifr_ifindex;
}

}  // namespace rt::sys
