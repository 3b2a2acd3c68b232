// config-linux.md#control-groups: every field of linux.resources compared with the files of the
// container's cgroups, from wherever those files are visible. One comparison serves both faces:
// the in-container check (resources.cc, /proc/self/cgroup and the container's cgroup mount) and
// the suite on the host (suite/host_cgroups.cc, /proc/<pid>/cgroup of a created container and the
// host's hierarchies). Files are read through sys::System, so tests hand in a fake cgroupfs tree
// (v1, v2, hybrid) as fixture text.
//
// Conversions the spec leaves to runtimes (cgroup v2 cpu.weight from shares, io.weight from the
// blkio weight, memory.swap.max from memory+swap, memory.low from the reservation) are compared
// at level MAY with the formula runc and crun use: a "convention", never a MUST failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "sys/cgroup.h"

namespace rt::checks {

// Where the container's cgroups are: its membership (a /proc/<pid>/cgroup text, parsed) and the
// cgroup mounts of the reader's mount table, plus two facts of the kernel that decide what a few
// files can show.
struct CgroupPlace {
  std::vector<sys::CgroupMembership> membership;
  std::vector<sys::CgroupMount> mounts;
  std::string kernel_release;  // "6.18.44-...": from /proc/sys/kernel/osrelease; "" unknown
  uint64_t page_size = 4096;
};

// Compares every field `resources` sets with the files of the container's cgroups, recording
// under ids "linux.resources.<field>" (e.g. "linux.resources.memory.swap"). What the kernel or
// the cgroup version lacks is a SKIP saying so; a file that cannot be read is "cannot observe".
void CompareCgroupResources(const spec::Resources& resources, const CgroupPlace& place,
                            sys::System& sys, Recorder& rec);

// config-linux.md#cgroups-path: where the container's cgroups are, from the host (an absolute
// path is the cgroup below each hierarchy's root; a relative one ends the path of each
// hierarchy; unset, the runtime chooses). `controllers` are the ones the config uses: only their
// hierarchies must hold the container (a runtime MAY join others). Id
// "linux.resources.cgroupsPath" (recorded by the host check only: inside, a cgroup namespace
// hides the path).
void CompareCgroupsPath(const std::optional<std::string>& cgroups_path,
                        const std::vector<sys::CgroupMembership>& membership,
                        const std::vector<std::string>& controllers, Recorder& rec);

// The controllers `resources` needs ("memory", "cpu", "cpuset", "pids", "blkio", "hugetlb",
// "net_cls", "net_prio", "rdma", "devices"; for unified keys the prefix before the first dot).
std::vector<std::string> ControllersUsed(const spec::Resources& resources);

// runc's and crun's conversions onto cgroup v2 (the "convention" level).
uint64_t CpuWeightFromShares(uint64_t shares);  // 2..262144 -> 1..10000
uint64_t IoWeightFromBlkioWeight(uint64_t weight);  // 10..1000 -> 1..10000

// "2MB" -> 2097152, "1GB" -> 1073741824, "64KB" -> 65536; nullopt for anything else.
std::optional<uint64_t> HugepageSizeBytes(std::string_view page_size);

// One rule of a v1 devices.list ("c 1:3 rwm", "a *:* rwm"); -1 for a '*' number.
struct DeviceListEntry {
  char type = 'a';
  int64_t major = -1;
  int64_t minor = -1;
  std::string access;
};
std::vector<DeviceListEntry> ParseDevicesList(std::string_view text);

// One access letter of one device and whether the config's rules allow it.
struct DeviceAccess {
  char type = 'c';  // 'c' or 'b'
  int64_t major = 0, minor = 0;
  char letter = 'r';  // 'r', 'w' or 'm'
  bool allowed = false;
};
// What the rules decide: for each device a rule names exactly (type c or b, both numbers), less
// the default devices runtimes allow whatever the rules say, each access letter some rule
// covers, decided by the last rule that covers it; in device order, then r, w, m.
std::vector<DeviceAccess> ExpectedDeviceAccess(const std::vector<spec::DeviceCgroup>& rules);

}  // namespace rt::checks
