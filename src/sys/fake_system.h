// A System made of fixtures, for unit tests: files are strings in a map, everything else a field.
// What a test does not set fails with ENOENT, as a missing file would.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sys/system.h"

namespace rt::sys {

class FakeSystem final : public System {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::vector<std::string>> dirs;
  std::map<std::string, FileInfo> stats;  // by path, for Stat and Lstat
  std::map<std::string, std::string> links;
  std::map<std::string, int> write_errors;                  // path -> errno WriteFile fails with
  std::vector<std::pair<std::string, std::string>> writes;  // what WriteFile was given
  UtsNames uts;
  std::string cwd = "/";
  std::vector<std::string> env;
  Ids ids;
  std::map<int, RlimitValue> rlimits;
  std::set<std::string> readonly_mounts;    // paths whose filesystem is read-only
  std::map<std::string, int> probe_errors;  // dir -> errno ProbeCreate fails with
  Result<std::vector<OpenFd>> open_fds = std::vector<OpenFd>{};
  // Probe system call -> its result: >= 0 a return value, < 0 the negated errno it fails with.
  // A probe not in the map succeeds with 0, as it does without a seccomp filter.
  std::map<std::string, long> syscall_results;
  // Scheduling and placement: each defaults to what an unconfigured process has.
  Result<SchedAttr> sched_attr = SchedAttr{};
  Result<int> io_priority = 0;
  Result<std::vector<uint64_t>> cpu_affinity = std::vector<uint64_t>{0x3};
  Result<unsigned> persona = 0u;
  Result<MemoryPolicy> memory_policy = MemoryPolicy{};
  std::map<std::string, int> interfaces;  // name -> index; others fail with ENODEV
  pid_t pid = 1;
  // RealPath: a path maps to itself unless listed here; an empty value fails with ENOENT.
  std::map<std::string, std::string> realpaths;
  int realpath_calls = 0;                        // how many times RealPath was asked
  std::map<std::string, int> open_write_errors;  // path -> errno ProbeOpenWrite fails with
  // Device nodes (ProbeDeviceNode, ProbeAccess): "c 1:11 m" / "c 1:11 r" / "c 1:11 w" -> errno
  // mknod(2) / access(2) fails with (else they succeed); dir -> errno the FIFO control fails
  // with. ProbeAccess takes the device of a path from `stats`.
  std::map<std::string, int> device_errors;
  std::map<std::string, int> fifo_errors;
  std::vector<std::string> device_probes;  // "dir c 1:11" per ProbeDeviceNode call
  // Witnesses (witness.h), each of which a test can make fail on its own.
  std::map<std::string, int> statvfs_errors;  // path -> errno IsReadOnlyMount fails with
  // dir -> errno ProbeCreateNamed fails with; else EROFS on readonly_mounts, OK elsewhere.
  std::map<std::string, int> create_errors;
  int cwd_errno = 0;  // getcwd fails with it when set
  Result<bool> no_new_privs = false;
  int last_cap = 40;               // PR_CAPBSET_READ fails with EINVAL above it
  int capbset_errno = 0;           // ... or with this for every number, when set
  Result<mode_t> umask = mode_t{022};

  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFile(const std::string& path, const std::string& data) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Result<FileInfo> Lstat(const std::string& path) override;
  Result<std::string> ReadLink(const std::string& path) override;
  Result<UtsNames> Uname() override { return uts; }
  Result<std::string> Cwd() override;
  std::vector<std::string> Environ() override { return env; }
  Result<Ids> GetIds() override { return ids; }
  Result<RlimitValue> GetRlimit(int resource) override;
  Result<bool> IsReadOnlyMount(const std::string& path) override;
  Status ProbeCreate(const std::string& dir) override;
  Status ProbeCreateNamed(const std::string& dir) override;
  Result<bool> GetNoNewPrivs() override { return no_new_privs; }
  Result<bool> CapabilityInBoundingSet(int cap) override;
  Result<mode_t> ProbeUmask() override { return umask; }
  Result<std::vector<OpenFd>> OpenFds() override { return open_fds; }
  Result<long> ProbeSyscall(const std::string& name) override;
  Result<SchedAttr> GetSchedAttr() override { return sched_attr; }
  Result<int> GetIoPriority() override { return io_priority; }
  Result<std::vector<uint64_t>> GetCpuAffinity() override { return cpu_affinity; }
  Result<unsigned> GetPersonality() override { return persona; }
  Result<MemoryPolicy> GetMemoryPolicy() override { return memory_policy; }
  Result<int> InterfaceIndex(const std::string& name) override;
  pid_t GetPid() override { return pid; }
  Result<std::string> RealPath(const std::string& path) override;
  Status ProbeOpenWrite(const std::string& path) override;
  DeviceNodeProbe ProbeDeviceNode(const std::string& dir, char type, uint64_t major,
                                  uint64_t minor) override;
  Status ProbeAccess(const std::string& path, int mode) override;
};

}  // namespace rt::sys
