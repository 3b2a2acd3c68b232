// The narrow interface between the checks and the running kernel. Checks ask it for what they
// need; LinuxSystem (linux_system.cc) does the syscalls; FakeSystem (fake_system.h) serves
// fixtures in unit tests. Every failure is a Status naming the path or call and the errno text.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

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
};

// The real thing, for the process runtimetest runs in.
System& Linux();

}  // namespace rt::sys
