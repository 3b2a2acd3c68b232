// Finding, from inside a container, the directory of the cgroup the process is in: a pure parser
// of /proc/self/cgroup and a reading of the cgroup entries of /proc/self/mountinfo, tested on
// captured samples (cgroup v1, v2 and the hybrid layout, with and without a cgroup namespace).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sys/mountinfo.h"
#include "util/status.h"

namespace rt::sys {

// One line of /proc/self/cgroup: "4:memory:/ctr" (v1) or "0::/ctr" (v2).
struct CgroupMembership {
  std::string hierarchy_id;
  std::vector<std::string> controllers;  // "memory", "cpu", "name=systemd"; empty for v2
  std::string path;                      // relative to the reader's cgroup namespace root
};
std::vector<CgroupMembership> ParseProcCgroup(std::string_view text);

// A cgroup or cgroup2 mount of the mount table (mountinfo.h).
struct CgroupMount {
  int version = 1;          // 1: fstype cgroup; 2: fstype cgroup2
  std::string root;         // the cgroup directory mounted, as the reader's namespace names it
  std::string mount_point;  // where it is mounted
  std::vector<std::string> controllers;  // v1: the controllers in the super options
};
std::vector<CgroupMount> CgroupMounts(const std::vector<MountInfo>& mounts);

// How a mount table lays out the cgroup filesystems: v2 only (cgroup2 alone, as systemd's
// unified mode and cgroup_no_v1=all leave it), v1 only, both (the hybrid layout), or none.
enum class CgroupLayout { kNone, kV1, kHybrid, kV2 };
CgroupLayout LayoutOf(const std::vector<CgroupMount>& mounts);
// "v2", "hybrid", "v1", "none": the short name (the expected-failures file's `cgroup=` takes it).
const char* LayoutName(CgroupLayout layout);
// "cgroup v2 only", "cgroup v1/v2 hybrid", "cgroup v1 only", "no cgroup filesystem mounted".
const char* DescribeLayout(CgroupLayout layout);

// Where the cgroup holding this process for `controller` ("memory", "pids", "cpu", "cpuset") is
// visible: a v1 hierarchy that binds the controller, else the v2 hierarchy (the caller then
// confirms the controller in that directory's cgroup.controllers). An error explains what is
// missing: no hierarchy has the controller, or no mount shows the process's cgroup.
struct CgroupDir {
  int version = 1;
  std::string path;  // "/sys/fs/cgroup/memory" or "/sys/fs/cgroup/memory/ctr"
};
Result<CgroupDir> FindCgroupDir(std::string_view controller,
                                const std::vector<CgroupMembership>& membership,
                                const std::vector<CgroupMount>& mounts);

// Where the cgroup v2 (unified) cgroup holding this process is visible; an error says what is
// missing.
Result<CgroupDir> FindUnifiedCgroupDir(const std::vector<CgroupMembership>& membership,
                                       const std::vector<CgroupMount>& mounts);

}  // namespace rt::sys
