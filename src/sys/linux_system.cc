// The System interface over real syscalls.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>

#include "sys/placement_calls.h"
#include "sys/syscall_probe.h"
#include "sys/system.h"
#include "util/file.h"

extern char** environ;

namespace rt::sys {
namespace {

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

FileInfo ToFileInfo(const struct stat& st) {
  FileInfo fi;
  fi.mode = st.st_mode;
  fi.rdev_major = major(st.st_rdev);
  fi.rdev_minor = minor(st.st_rdev);
  fi.uid = st.st_uid;
  fi.gid = st.st_gid;
  fi.inode = st.st_ino;
  fi.dev = st.st_dev;
  return fi;
}

class LinuxSystem final : public System {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    // procfs and sysfs files are small; the cap keeps a hostile file from exhausting memory.
    constexpr size_t kMax = 16 << 20;
    return ReadWholeFile(path, kMax, O_NOCTTY | O_NONBLOCK);
  }

  Status WriteFile(const std::string& path, const std::string& data) override {
    Fd fd(open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) return Status::Errno("open " + path + " for writing", errno);
    ssize_t n = write(fd.get(), data.data(), data.size());
    if (n < 0) return Status::Errno("write " + path, errno);
    return Status::Ok();
  }

  Result<std::vector<std::string>> ListDir(const std::string& path) override {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(opendir(path.c_str()), closedir);
    if (!dir) return Status::Errno("opendir " + path, errno);
    std::vector<std::string> names;
    errno = 0;
    while (struct dirent* e = readdir(dir.get())) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
      errno = 0;
    }
    if (errno != 0) return Status::Errno("readdir " + path, errno);
    return names;
  }

  Result<FileInfo> Stat(const std::string& path) override {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return Status::Errno("stat " + path, errno);
    return ToFileInfo(st);
  }

  Result<FileInfo> Lstat(const std::string& path) override {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) return Status::Errno("lstat " + path, errno);
    return ToFileInfo(st);
  }

  Result<std::string> ReadLink(const std::string& path) override {
    char buf[PATH_MAX];
    ssize_t n = readlink(path.c_str(), buf, sizeof buf);
    if (n < 0) return Status::Errno("readlink " + path, errno);
    return std::string(buf, static_cast<size_t>(n));
  }

  Result<UtsNames> Uname() override {
    struct utsname u {};
    if (uname(&u) != 0) return Status::Errno("uname", errno);
    return UtsNames{u.nodename, u.domainname};
  }

  Result<std::string> Cwd() override {
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == nullptr) return Status::Errno("getcwd", errno);
    return std::string(buf);
  }

  std::vector<std::string> Environ() override {
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
    return env;
  }

  Result<Ids> GetIds() override {
    Ids ids;
    ids.uid = getuid();
    ids.euid = geteuid();
    ids.gid = getgid();
    ids.egid = getegid();
    int n = getgroups(0, nullptr);
    if (n < 0) return Status::Errno("getgroups", errno);
    ids.groups.resize(static_cast<size_t>(n));
    n = getgroups(n, ids.groups.data());
    if (n < 0) return Status::Errno("getgroups", errno);
    ids.groups.resize(static_cast<size_t>(n));
    return ids;
  }

  Result<RlimitValue> GetRlimit(int resource) override {
    struct rlimit64 rl {};
    if (getrlimit64(static_cast<__rlimit_resource>(resource), &rl) != 0) {
      return Status::Errno("getrlimit(" + std::to_string(resource) + ")", errno);
    }
    return RlimitValue{rl.rlim_cur, rl.rlim_max};
  }

  Result<bool> IsReadOnlyMount(const std::string& path) override {
    struct statvfs sv {};
    if (statvfs(path.c_str(), &sv) != 0) return Status::Errno("statvfs " + path, errno);
    return (sv.f_flag & ST_RDONLY) != 0;
  }

  Status ProbeCreate(const std::string& dir) override {
    int fd = open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Errno("open(O_TMPFILE) in " + dir, errno);
    close(fd);  // an O_TMPFILE file without a link vanishes with its last descriptor
    return Status::Ok();
  }

  Status ProbeCreateNamed(const std::string& dir) override {
    static unsigned serial = 0;
    const std::string name = (dir.ends_with('/') ? dir : dir + "/") + ".runtimetest-probe-" +
                             std::to_string(getpid()) + "-" + std::to_string(serial++);
    int fd = open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Errno("create " + name, errno);
    close(fd);
    unlink(name.c_str());  // the create proved the write; the name goes at once
    return Status::Ok();
  }

  Result<bool> GetNoNewPrivs() override {
    int r = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    if (r < 0) return Status::Errno("prctl(PR_GET_NO_NEW_PRIVS)", errno);
    return r == 1;
  }

  Result<bool> CapabilityInBoundingSet(int cap) override {
    int r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
    if (r < 0) return Status::Errno("prctl(PR_CAPBSET_READ, " + std::to_string(cap) + ")", errno);
    return r == 1;
  }

  Result<mode_t> ProbeUmask() override {
    const mode_t mask = umask(0);
    umask(mask);
    return mask;
  }

  Result<std::vector<OpenFd>> OpenFds() override {
    int dir_fd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return Status::Errno("open /proc/self/fd", errno);
    std::unique_ptr<DIR, int (*)(DIR*)> dir(fdopendir(dir_fd), closedir);
    if (!dir) {
      int err = errno;
      close(dir_fd);
      return Status::Errno("fdopendir /proc/self/fd", err);
    }
    std::vector<OpenFd> fds;
    errno = 0;
    while (struct dirent* e = readdir(dir.get())) {
      char* end = nullptr;
      long n = strtol(e->d_name, &end, 10);
      if (end == e->d_name || *end != '\0' || n == dir_fd) {
        errno = 0;
        continue;
      }
      OpenFd fd{static_cast<int>(n), ""};
      Result<std::string> target = ReadLink("/proc/self/fd/" + std::string(e->d_name));
      if (target.ok()) fd.target = *target;
      fds.push_back(std::move(fd));
      errno = 0;
    }
    if (errno != 0) return Status::Errno("readdir /proc/self/fd", errno);
    return fds;
  }

  Result<long> ProbeSyscall(const std::string& name) override {
    if (!IsProbeSyscall(name)) return Status::Error(name + " is not a probe system call");
    errno = 0;
    long r = CallProbeSyscall(name);
    if (r == -1) return Status::Errno(name, errno);
    return r;
  }

  Result<SchedAttr> GetSchedAttr() override { return CallSchedGetattr(); }
  Result<int> GetIoPriority() override { return CallIoprioGet(); }
  Result<std::vector<uint64_t>> GetCpuAffinity() override { return CallSchedGetaffinity(); }
  Result<unsigned> GetPersonality() override { return CallPersonalityQuery(); }
  Result<MemoryPolicy> GetMemoryPolicy() override { return CallGetMempolicy(); }
  Result<int> InterfaceIndex(const std::string& name) override { return CallInterfaceIndex(name); }
  pid_t GetPid() override { return getpid(); }

  Result<std::string> RealPath(const std::string& path) override {
    std::unique_ptr<char, void (*)(void*)> resolved(realpath(path.c_str(), nullptr), free);
    if (!resolved) return Status::Errno("realpath " + path, errno);
    return std::string(resolved.get());
  }

  Status ProbeOpenWrite(const std::string& path) override {
    int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return Status::Errno("open " + path + " for writing", errno);
    close(fd);
    return Status::Ok();
  }

  DeviceNodeProbe ProbeDeviceNode(const std::string& dir, char type, uint64_t major,
                                  uint64_t minor) override {
    static unsigned serial = 0;
    const std::string base = (dir.ends_with('/') ? dir : dir + "/") + ".runtimetest-dev-" +
                             std::to_string(getpid()) + "-" + std::to_string(serial++);
    DeviceNodeProbe probe;
    const std::string fifo = base + "-fifo";
    if (mknod(fifo.c_str(), S_IFIFO | 0600, 0) != 0) {
      probe.fifo = Status::Errno("mknod " + fifo + " (a FIFO)", errno);
      return probe;
    }
    unlink(fifo.c_str());
    const std::string node = base + "-" + std::string(1, type);
    const mode_t kind = type == 'b' ? S_IFBLK : S_IFCHR;
    if (mknod(node.c_str(), kind | 0600, makedev(major, minor)) != 0) {
      probe.mknod = Status::Errno("mknod " + node, errno);
      return probe;
    }
    if (access(node.c_str(), R_OK) != 0) {
      probe.read = Status::Errno("access " + node + " R_OK", errno);
    }
    if (access(node.c_str(), W_OK) != 0) {
      probe.write = Status::Errno("access " + node + " W_OK", errno);
    }
    unlink(node.c_str());
    return probe;
  }

  Status ProbeAccess(const std::string& path, int mode) override {
    if (access(path.c_str(), mode) != 0) {
      return Status::Errno(std::string("access ") + path + (mode == W_OK ? " W_OK" : " R_OK"),
                           errno);
    }
    return Status::Ok();
  }
};

}  // namespace

// Never destroyed: freeing its snapshots at exit (a mount table, status text) was 2% of a
// default run's instructions, for memory the kernel takes back anyway.
System& Linux() {
  static auto* system = new LinuxSystem;
  return *system;
}

}  // namespace rt::sys
