#include "suite/leftovers.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "suite/files.h"
#include "sys/mountinfo.h"
#include "util/file.h"

namespace rt::suite {
namespace {

std::vector<std::string> ListDir(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return names;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  ::closedir(dir);
  return names;
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Digits at the front of `text`, consumed; nothing when there are none.
std::optional<pid_t> TakePid(std::string_view& text) {
  size_t n = 0;
  while (n < text.size() && n < 10 && text[n] >= '0' && text[n] <= '9') ++n;
  if (n == 0) return std::nullopt;
  long value = std::stol(std::string(text.substr(0, n)));
  text.remove_prefix(n);
  if (value <= 0) return std::nullopt;
  return static_cast<pid_t>(value);
}

// The pids listed in cgroup.procs of `dir` and of every cgroup below it; the dirs themselves,
// parents before children.
void CollectCgroup(const std::string& dir, std::vector<pid_t>& pids, std::vector<std::string>& dirs) {
  dirs.push_back(dir);
  Result<std::string> procs = ReadWholeFile(dir + "/cgroup.procs");
  if (procs.ok()) {
    std::string_view rest = *procs;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      if (std::optional<pid_t> pid = TakePid(line)) pids.push_back(*pid);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    }
  }
  for (const std::string& name : ListDir(dir)) {
    std::string child = dir + "/" + name;
    if (IsDirectory(child)) CollectCgroup(child, pids, dirs);
  }
}

std::string ReadLink(const std::string& path) {
  char buf[4096];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
}

// Whether process `pid` belongs to a run `ours` accepts: its cgroup is one of ours, an argument
// of its command line is one of our container ids or a path in one of our work dirs, or its cwd
// is in one of our work dirs. Never the suite itself.
bool ProcessOfOurs(pid_t pid, const std::function<bool(pid_t)>& ours) {
  if (pid == ::getpid()) return false;
  std::string dir = "/proc/" + std::to_string(pid);
  auto names_ours = [&ours](std::string_view text) {
    for (size_t at = text.find("runtimetest-"); at != std::string_view::npos;
         at = text.find("runtimetest-", at + 1)) {
      std::string_view rest = text.substr(at);
      size_t end = rest.find_first_of("/\n: ");
      std::optional<pid_t> owner = SuitePidOfName(rest.substr(0, end));
      if (owner && ours(*owner)) return true;
    }
    return false;
  };
  Result<std::string> cgroup = ReadWholeFile(dir + "/cgroup");
  if (cgroup.ok() && names_ours(*cgroup)) return true;
  Result<std::string> cmdline = ReadWholeFile(dir + "/cmdline");
  if (cmdline.ok()) {
    std::string text = *cmdline;
    std::replace(text.begin(), text.end(), '\0', '\n');
    if (names_ours(text)) return true;
  }
  return names_ours(ReadLink(dir + "/cwd"));
}

void Note(SweepResult& result, const std::string& what, const Status& removed) {
  result.found.push_back(what);
  if (!removed.ok()) result.not_removed.push_back(what + ": " + removed.message());
}

}  // namespace

std::string ContainerIdPrefix(pid_t suite_pid) {
  return "runtimetest-" + std::to_string(suite_pid) + "-";
}

std::string SuiteCgroupParent(pid_t suite_pid) {
  return "/runtimetest-" + std::to_string(suite_pid);
}

std::string WorkDirPrefix(pid_t suite_pid) {
  return "runtimetest-suite-" + std::to_string(suite_pid) + "-";
}

std::optional<pid_t> SuitePidOfName(std::string_view name) {
  if (name.starts_with("rt")) {
    std::string_view rest = name.substr(2);
    std::optional<pid_t> pid = TakePid(rest);
    if (pid && rest == "n") return pid;
  }
  if (!name.starts_with("runtimetest-")) return std::nullopt;
  name.remove_prefix(12);
  if (name.starts_with("suite-")) {
    name.remove_prefix(6);
    std::optional<pid_t> pid = TakePid(name);
    if (pid && name.starts_with("-")) return pid;
    return std::nullopt;
  }
  std::optional<pid_t> pid = TakePid(name);
  if (!pid) return std::nullopt;
  if (name.empty()) return pid;
  if (!name.starts_with("-")) return std::nullopt;
  name.remove_prefix(1);
  if (!TakePid(name) || !name.empty()) return std::nullopt;
  return pid;
}

bool ProcessExists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

std::string RuntimeStateRoot(std::string_view basename,
                             const std::vector<std::string>& global_args) {
  std::string root;
  for (size_t i = 0; i < global_args.size(); ++i) {
    const std::string& arg = global_args[i];
    if (arg.starts_with("--root=")) {
      root = arg.substr(7);
    } else if (arg == "--root" && i + 1 < global_args.size()) {
      root = global_args[++i];
    }
  }
  if (!root.empty()) return root;
  for (const char* known : {"runc", "crun", "youki"}) {
    if (basename == known) return std::string("/run/") + known;
  }
  return "";
}

std::vector<sys::CgroupMount> HostCgroupMounts() {
  Result<std::string> text = ReadWholeFile("/proc/self/mountinfo");
  if (!text.ok()) return {};
  Result<std::vector<sys::MountInfo>> mounts = sys::ParseMountInfo(*text);
  if (!mounts.ok()) return {};
  return sys::CgroupMounts(*mounts);
}

std::vector<std::string> CgroupDirsFor(const std::vector<sys::CgroupMount>& mounts,
                                       std::string_view path) {
  std::vector<std::string> dirs;
  std::string clean = sys::CleanPath(path);
  for (const sys::CgroupMount& m : mounts) {
    if (!sys::PathWithin(clean, m.root)) continue;
    std::string below = m.root == "/" ? clean : clean.substr(m.root.size());
    if (below.empty() || below == "/") continue;
    std::string dir = m.mount_point + below;
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
  }
  return dirs;
}

std::vector<std::string> CgroupDirsOf(const std::vector<sys::CgroupMount>& mounts,
                                      std::string_view proc_cgroup) {
  std::vector<std::string> dirs;
  for (const sys::CgroupMembership& member : sys::ParseProcCgroup(proc_cgroup)) {
    std::string clean = sys::CleanPath(member.path);
    for (const sys::CgroupMount& m : mounts) {
      bool same_hierarchy = member.controllers.empty()
                                ? m.version == 2
                                : m.version == 1 && std::all_of(member.controllers.begin(),
                                                                member.controllers.end(),
                                                                [&m](const std::string& c) {
                                                                  return sys::HasMountOption(
                                                                      m.controllers, c);
                                                                });
      if (!same_hierarchy || !sys::PathWithin(clean, m.root)) continue;
      std::string below = m.root == "/" ? clean : clean.substr(m.root.size());
      if (below.empty() || below == "/") continue;
      std::string dir = m.mount_point + below;
      if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    }
  }
  return dirs;
}

Status RemoveCgroupTree(const std::string& dir, const Deadline& deadline) {
  if (!IsDirectory(dir)) return Status::Ok();
  std::vector<pid_t> pids;
  std::vector<std::string> dirs;
  CollectCgroup(dir, pids, dirs);
  if (!pids.empty() && !KillAndWait(pids, deadline)) {
    return Status::Error("rmdir " + dir + ": its processes outlived SIGKILL");
  }
  Status first_error;
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {  // deepest first
    if (::rmdir(it->c_str()) != 0 && errno != ENOENT && first_error.ok()) {
      first_error = Status::Errno("rmdir " + *it, errno);
    }
  }
  return first_error;
}

SweepResult Sweep(const std::function<bool(pid_t)>& ours, const std::vector<RuntimeAtRoot>& roots,
                  const std::vector<std::string>& work_roots, const Deadline& deadline) {
  SweepResult result;
  auto named_ours = [&ours](const std::string& name) {
    std::optional<pid_t> pid = SuitePidOfName(name);
    return pid && ours(*pid);
  };

  // Processes first, so that no runtime recreates what is removed after them.
  std::vector<pid_t> processes;
  for (const std::string& name : ListDir("/proc")) {
    std::string_view digits = name;
    std::optional<pid_t> pid = TakePid(digits);
    if (pid && digits.empty() && ProcessOfOurs(*pid, ours)) processes.push_back(*pid);
  }
  if (!processes.empty()) {
    std::string what = std::to_string(processes.size()) + " process(es):";
    for (pid_t pid : processes) what += " " + std::to_string(pid);
    Note(result, what,
         KillAndWait(processes, deadline) ? Status::Ok() : Status::Error("outlived SIGKILL"));
  }

  for (const RuntimeAtRoot& at : roots) {
    if (at.root.empty()) continue;
    for (const std::string& name : ListDir(at.root)) {
      if (!named_ours(name)) continue;
      std::string dir = at.root + "/" + name;
      if (at.runtime != nullptr) at.runtime->Delete(name, /*force=*/true, deadline, -1);
      Note(result, "state dir " + dir, RemoveTree(dir, /*detach_mounts=*/true));
    }
  }

  for (const sys::CgroupMount& m : HostCgroupMounts()) {
    for (const std::string& name : ListDir(m.mount_point)) {
      std::string dir = m.mount_point + "/" + name;
      if (named_ours(name) && IsDirectory(dir)) {
        Note(result, "cgroup dir " + dir, RemoveCgroupTree(dir, deadline));
      }
    }
  }

  for (const std::string& root : work_roots) {
    for (const std::string& name : ListDir(root)) {
      if (!name.starts_with("runtimetest-suite-") || !named_ours(name)) continue;
      // Bundles kept on purpose (--keep-failed) stay until their owner removes them.
      if (::access((root + "/" + name + "/" + kKeptMarker).c_str(), F_OK) == 0) continue;
      Note(result, "work dir " + root + "/" + name, RemoveTree(root + "/" + name));
    }
  }

  for (const std::string& name : ListDir("/sys/class/net")) {
    if (!name.starts_with("rt") || !named_ours(name)) continue;
    Status removed = Status::Error("no `ip` command to delete it with");
    for (const char* ip : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
      if (::access(ip, X_OK) != 0) continue;
      CommandRecord del = RuntimeClient::RunToEnd({ip, "link", "del", name}, deadline, -1);
      removed = del.Succeeded() ? Status::Ok()
                                : Status::Error("`ip link del` " + del.Describe());
      break;
    }
    Note(result, "network interface " + name, removed);
  }
  return result;
}

}  // namespace rt::suite
