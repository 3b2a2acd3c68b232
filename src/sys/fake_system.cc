#include "sys/fake_system.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace rt::sys {

Result<std::string> FakeSystem::ReadFile(const std::string& path) {
  auto it = files.find(path);
  if (it == files.end()) return Status::Errno("open " + path, ENOENT);
  return it->second;
}

Status FakeSystem::WriteFile(const std::string& path, const std::string& data) {
  auto it = write_errors.find(path);
  if (it != write_errors.end()) return Status::Errno("write " + path, it->second);
  writes.emplace_back(path, data);
  return Status::Ok();
}

Result<std::vector<std::string>> FakeSystem::ListDir(const std::string& path) {
  auto it = dirs.find(path);
  if (it == dirs.end()) return Status::Errno("opendir " + path, ENOENT);
  return it->second;
}

Result<FileInfo> FakeSystem::Stat(const std::string& path) {
  auto it = stats.find(path);
  if (it == stats.end()) return Status::Errno("stat " + path, ENOENT);
  return it->second;
}

Result<FileInfo> FakeSystem::Lstat(const std::string& path) {
  auto it = stats.find(path);
  if (it == stats.end()) return Status::Errno("lstat " + path, ENOENT);
  return it->second;
}

Result<std::string> FakeSystem::ReadLink(const std::string& path) {
  auto it = links.find(path);
  if (it == links.end()) return Status::Errno("readlink " + path, ENOENT);
  return it->second;
}

Result<RlimitValue> FakeSystem::GetRlimit(int resource) {
  auto it = rlimits.find(resource);
  if (it == rlimits.end()) return Status::Errno("getrlimit", EINVAL);
  return it->second;
}

Result<std::string> FakeSystem::Cwd() {
  if (cwd_errno != 0) return Status::Errno("getcwd", cwd_errno);
  return cwd;
}

Result<bool> FakeSystem::IsReadOnlyMount(const std::string& path) {
  auto it = statvfs_errors.find(path);
  if (it != statvfs_errors.end()) return Status::Errno("statvfs " + path, it->second);
  return readonly_mounts.count(path) > 0;
}

Status FakeSystem::ProbeCreateNamed(const std::string& dir) {
  const std::string name = dir + (dir.ends_with('/') ? "" : "/") + ".runtimetest-probe";
  auto it = create_errors.find(dir);
  if (it != create_errors.end()) return Status::Errno("create " + name, it->second);
  if (readonly_mounts.count(dir) > 0) return Status::Errno("create " + name, EROFS);
  return Status::Ok();
}

Result<bool> FakeSystem::CapabilityInBoundingSet(int cap) {
  const std::string call = "prctl(PR_CAPBSET_READ, " + std::to_string(cap) + ")";
  if (capbset_errno != 0) return Status::Errno(call, capbset_errno);
  if (cap > last_cap) return Status::Errno(call, EINVAL);
  return true;
}

Status FakeSystem::ProbeCreate(const std::string& dir) {
  auto it = probe_errors.find(dir);
  if (it != probe_errors.end()) return Status::Errno("open(O_TMPFILE) in " + dir, it->second);
  return Status::Ok();
}

Result<long> FakeSystem::ProbeSyscall(const std::string& name) {
  auto it = syscall_results.find(name);
  if (it == syscall_results.end()) return 0L;
  if (it->second < 0) return Status::Errno(name, static_cast<int>(-it->second));
  return it->second;
}

Result<int> FakeSystem::InterfaceIndex(const std::string& name) {
  auto it = interfaces.find(name);
  if (it == interfaces.end()) return Status::Errno("ioctl(SIOCGIFINDEX, " + name + ")", ENODEV);
  return it->second;
}

Result<std::string> FakeSystem::RealPath(const std::string& path) {
  ++realpath_calls;
  auto it = realpaths.find(path);
  if (it == realpaths.end()) return path;
  if (it->second.empty()) return Status::Errno("realpath " + path, ENOENT);
  return it->second;
}

Status FakeSystem::ProbeOpenWrite(const std::string& path) {
  auto it = open_write_errors.find(path);
  if (it != open_write_errors.end()) {
    return Status::Errno("open " + path + " for writing", it->second);
  }
  return Status::Ok();
}

namespace {
std::string DeviceName(char type, uint64_t major, uint64_t minor) {
  return std::string(1, type) + " " + std::to_string(major) + ":" + std::to_string(minor);
}
std::string DeviceKey(char type, uint64_t major, uint64_t minor, char letter) {
  return DeviceName(type, major, minor) + " " + std::string(1, letter);
}
}  // namespace

DeviceNodeProbe FakeSystem::ProbeDeviceNode(const std::string& dir, char type, uint64_t major,
                                            uint64_t minor) {
  device_probes.push_back(dir + " " + DeviceName(type, major, minor));
  DeviceNodeProbe probe;
  const std::string node = dir + "/.runtimetest-dev";
  if (auto it = fifo_errors.find(dir); it != fifo_errors.end()) {
    probe.fifo = Status::Errno("mknod " + node + "-fifo (a FIFO)", it->second);
    return probe;
  }
  auto fails = [&](char letter) {
    auto it = device_errors.find(DeviceKey(type, major, minor, letter));
    return it == device_errors.end() ? 0 : it->second;
  };
  if (int err = fails('m')) {
    probe.mknod = Status::Errno("mknod " + node, err);
    return probe;
  }
  if (int err = fails('r')) probe.read = Status::Errno("access " + node + " R_OK", err);
  if (int err = fails('w')) probe.write = Status::Errno("access " + node + " W_OK", err);
  return probe;
}

Status FakeSystem::ProbeAccess(const std::string& path, int mode) {
  const char letter = mode == W_OK ? 'w' : 'r';
  const std::string what = "access " + path + (letter == 'w' ? " W_OK" : " R_OK");
  auto st = stats.find(path);
  if (st == stats.end()) return Status::Errno(what, ENOENT);
  const char type = S_ISBLK(st->second.mode) ? 'b' : S_ISCHR(st->second.mode) ? 'c' : '-';
  auto it =
      device_errors.find(DeviceKey(type, st->second.rdev_major, st->second.rdev_minor, letter));
  if (it != device_errors.end()) return Status::Errno(what, it->second);
  return Status::Ok();
}

}  // namespace rt::sys
