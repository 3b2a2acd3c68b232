// The narrow interface between the checks and the running kernel. Checks ask it for what they
// need; LinuxSystem (linux_system.cc) does the syscalls; FakeSystem (fake_system.h) serves
// fixtures in unit tests. Every failure is a Status naming the path or call and the errno text.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sys/mountinfo.h"
#include "util/status.h"

namespace rt::sys {

struct UtsNames {
  std::string nodename;
  std::string domainname;
};

struct Ids {
  uid_t uid = 0, euid = 0;
  gid_t gid = 0, egid = 0;
  std::vector<gid_t> groups;  // as getgroups(2) returns them
};

struct RlimitValue {
  uint64_t soft = 0;  // RLIM_INFINITY is UINT64_MAX
  uint64_t hard = 0;
};

struct FileInfo {
  mode_t mode = 0;  // type and permission bits, as st_mode
  uint64_t rdev_major = 0, rdev_minor = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  uint64_t inode = 0, dev = 0;
};

// What a device-node probe in one directory saw (ProbeDeviceNode).
struct DeviceNodeProbe {
  Status fifo;   // mknod(2) of a FIFO: the control (the directory takes new nodes)
  Status mknod;  // mknod(2) of the device node; not tried when the control failed
  Status read;   // access(2) R_OK of that node; tried only when the node was made
  Status write;  // access(2) W_OK of that node; likewise
};

// One open file descriptor of the calling process and what /proc/self/fd/N links to.
struct OpenFd {
  int fd = -1;
  std::string target;  // "pipe:[1234]", "/dev/null", ...; empty when the link could not be read
};

// The scheduling attributes of the calling thread, as sched_getattr(2) reports them.
struct SchedAttr {
  uint32_t policy = 0;  // SCHED_OTHER (0) ... SCHED_DEADLINE (6)
  uint64_t flags = 0;   // SCHED_FLAG_*
  int32_t nice = 0;
  uint32_t priority = 0;
  uint64_t runtime = 0, deadline = 0, period = 0;  // ns
};

// The NUMA memory policy of the calling thread, as get_mempolicy(2) reports it.
struct MemoryPolicy {
  int mode = 0;                 // MPOL_* with the mode flags (MPOL_F_*) or-ed in
  std::vector<uint64_t> nodes;  // node mask, node i being bit i%64 of word i/64
};

// An answer and the witness that gave it ("getcwd(2)", "/proc/self/cwd", "O_TMPFILE probe").
// Where the kernel shows a thing in several ways, witness.h tries them in order and says which
// one answered; a check compares the value and may name the witness.
template <typename T>
struct Observed {
  T value;
  std::string witness;
};

class System {
 public:
  virtual ~System() = default;

  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  virtual Status WriteFile(const std::string& path, const std::string& data) = 0;
  virtual Result<std::vector<std::string>> ListDir(const std::string& path) = 0;  // no . and ..
  virtual Result<FileInfo> Stat(const std::string& path) = 0;   // follows symlinks
  virtual Result<FileInfo> Lstat(const std::string& path) = 0;  // does not
  virtual Result<std::string> ReadLink(const std::string& path) = 0;
  virtual Result<UtsNames> Uname() = 0;
  virtual Result<std::string> Cwd() = 0;
  virtual std::vector<std::string> Environ() = 0;
  virtual Result<Ids> GetIds() = 0;
  virtual Result<RlimitValue> GetRlimit(int resource) = 0;
  // Whether the filesystem holding `path` is mounted read-only (statvfs ST_RDONLY).
  virtual Result<bool> IsReadOnlyMount(const std::string& path) = 0;
  // Tries to create an unnamed file in directory `dir` and discards it at once (O_TMPFILE):
  // OK when the write was possible, else the Status with the errno (EROFS, EACCES, ...).
  virtual Status ProbeCreate(const std::string& dir) = 0;
  // The same with a named file, for filesystems without O_TMPFILE (EOPNOTSUPP): creates a unique
  // name in `dir` with O_CREAT|O_EXCL and unlinks it at once, leaving nothing behind.
  virtual Status ProbeCreateNamed(const std::string& dir) = 0;
  // prctl(PR_GET_NO_NEW_PRIVS).
  virtual Result<bool> GetNoNewPrivs() = 0;
  // prctl(PR_CAPBSET_READ, cap): whether `cap` is in the bounding set; EINVAL past the last
  // capability the kernel knows.
  virtual Result<bool> CapabilityInBoundingSet(int cap) = 0;
  // The process's umask, by umask(2) set and restored at once (it cannot fail).
  virtual Result<mode_t> ProbeUmask() = 0;
  // The descriptors open in this process (from /proc/self/fd), leaving out the one used to list
  // them.
  virtual Result<std::vector<OpenFd>> OpenFds() = 0;
  // Makes the harmless system call `name` (one of sys::ProbeSyscallNames(), syscall_probe.h) with
  // arguments that change nothing: its return value, or the Status with the errno it failed with.
  virtual Result<long> ProbeSyscall(const std::string& name) = 0;
  // Scheduling and placement of this process (process.scheduler, ioPriority, execCPUAffinity;
  // linux.personality, memoryPolicy).
  virtual Result<SchedAttr> GetSchedAttr() = 0;
  virtual Result<int> GetIoPriority() = 0;  // ioprio_get(IOPRIO_WHO_PROCESS, self): class<<13|level
  virtual Result<std::vector<uint64_t>> GetCpuAffinity() = 0;  // sched_getaffinity mask words
  virtual Result<unsigned> GetPersonality() = 0;               // personality(0xffffffff)
  virtual Result<MemoryPolicy> GetMemoryPolicy() = 0;
  // The index of network interface `name` in this network namespace (SIOCGIFINDEX); the Status
  // has ENODEV when there is no such interface.
  virtual Result<int> InterfaceIndex(const std::string& name) = 0;
  virtual pid_t GetPid() = 0;
  // realpath(3): `path` with every symlink, "." and ".." resolved; ENOENT when it does not exist.
  virtual Result<std::string> RealPath(const std::string& path) = 0;
  // Opens `path` for writing (O_WRONLY, no O_CREAT, no O_TRUNC) and closes it again without
  // writing: OK when the open succeeded, else the Status with its errno (EROFS on a read-only
  // mount, EACCES, ETXTBSY, ...). Never use it on device nodes: opening some has effects.
  virtual Status ProbeOpenWrite(const std::string& path) = 0;
  // In directory `dir`: mknod(2) of a FIFO (the control), then of a node of device `type` ('c'
  // or 'b') major:minor, each under a unique name; access(2) R_OK and W_OK of the node (the
  // kernel's device permission, asked without opening the device: no driver runs); every name
  // unlinked at once, leaving nothing behind.
  virtual DeviceNodeProbe ProbeDeviceNode(const std::string& dir, char type, uint64_t major,
                                          uint64_t minor) = 0;
  // access(2) of `path` with R_OK or W_OK (real ids, as a device's permission is asked without
  // opening it).
  virtual Status ProbeAccess(const std::string& path, int mode) = 0;

  // Kernel tables several checks read, read once per System object (once per invocation): every
  // check sees the same snapshot, and none pays for reading and parsing it again. The first call
  // reads through ReadFile; later calls return the same result, an error included.
  const Result<MountTable>& Mounts();         // /proc/self/mountinfo, parsed
  const Result<std::string>& SelfStatus();    // /proc/self/status
  // Forgets the snapshots, as a new invocation would (for tests that change a fake's files).
  void DropSnapshots() {
    mounts_.reset();
    self_status_.reset();
  }

 private:
  std::optional<Result<MountTable>> mounts_;
  std::optional<Result<std::string>> self_status_;
};

// The real thing, for the process runtimetest runs in.
System& Linux();

}  // namespace rt::sys
