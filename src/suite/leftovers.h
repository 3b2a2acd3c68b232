// What a suite run may leave on the host, found by its recognisable names, and its removal:
// runtime state dirs `<root>/runtimetest-<pid>-<n>`, cgroup dirs `/runtimetest-<pid>/...` in every
// hierarchy, work dirs `runtimetest-suite-<pid>-XXXXXX`, network interfaces `rt<pid>n`, and the
// processes that still belong to any of them. <pid> is the suite's: a sweep touches only the runs
// it is told are its own, or whose suite process is gone, never a live run of another suite.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suite/process.h"
#include "suite/runtime_client.h"
#include "sys/cgroup.h"
#include "util/status.h"

namespace rt::suite {

// "runtimetest-<pid>-": every container id of the run starts with it.
std::string ContainerIdPrefix(pid_t suite_pid);
// "/runtimetest-<pid>": the cgroup (as linux.cgroupsPath names it) every container of the run
// gets its own cgroup under.
std::string SuiteCgroupParent(pid_t suite_pid);
// "runtimetest-suite-<pid>-": the work dir's name starts with it.
std::string WorkDirPrefix(pid_t suite_pid);
// A file in a work dir whose bundles were kept on purpose (--keep-failed): sweeps leave it.
inline constexpr const char* kKeptMarker = "KEPT-BY-KEEP-FAILED";

// The suite pid a name of ours carries ("runtimetest-12-3", "runtimetest-12",
// "runtimetest-suite-12-AbC123", "rt12n"), or nothing for any other name.
std::optional<pid_t> SuitePidOfName(std::string_view name);

// Whether a process with this pid exists (a suite that is alive, or a pid taken again by another
// process: either way not ours to sweep).
bool ProcessExists(pid_t pid);

// Where the runtime keeps container state: the last --root among its global flags, else the
// default of a known runtime (runc /run/runc, crun /run/crun, youki /run/youki), else "".
std::string RuntimeStateRoot(std::string_view basename, const std::vector<std::string>& global_args);

// The host's cgroup hierarchies (from /proc/self/mountinfo).
std::vector<sys::CgroupMount> HostCgroupMounts();

// The directory of the absolute cgroup path `path` in every hierarchy that shows it.
std::vector<std::string> CgroupDirsFor(const std::vector<sys::CgroupMount>& mounts,
                                       std::string_view path);
// The directories of the cgroups a /proc/<pid>/cgroup text names, below hierarchy roots only
// (a process in a hierarchy's root cgroup contributes nothing).
std::vector<std::string> CgroupDirsOf(const std::vector<sys::CgroupMount>& mounts,
                                      std::string_view proc_cgroup);

// Kills every process in the cgroup `dir` and below, waits for them, and removes the dirs
// deepest first (rmdir: a cgroup dir holds no files to delete). A missing dir is fine.
Status RemoveCgroupTree(const std::string& dir, const Deadline& deadline);

// A runtime and the state root it uses, for `delete --force` of containers found there.
struct RuntimeAtRoot {
  const RuntimeClient* runtime = nullptr;  // null: remove the state dir without the runtime
  std::string root;
};

// What a sweep found and what it could not remove, one line each ("cgroup dir
// /sys/fs/cgroup/pids/runtimetest-12", "state dir /run/runc/runtimetest-12-3: rmdir ...").
struct SweepResult {
  std::vector<std::string> found;
  std::vector<std::string> not_removed;
};

// Finds and removes what belongs to runs whose suite pid `ours` accepts: first the processes
// (in those cgroups, or naming those ids or work dirs on their command line or as their cwd),
// then `delete --force` through the runtime for each state dir, then the cgroup dirs, what is
// still in the state dirs (mounts detached), the work dirs below `work_roots` (mounts there are
// refused: the suite makes none; a work dir holding kKeptMarker is left), and the network
// interfaces.
SweepResult Sweep(const std::function<bool(pid_t)>& ours, const std::vector<RuntimeAtRoot>& roots,
                  const std::vector<std::string>& work_roots, const Deadline& deadline);

}  // namespace rt::suite
