#include "sys/fake_system.h"

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

}  // namespace rt::sys
