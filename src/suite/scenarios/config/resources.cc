// config-linux.md#control-groups: limits the container sees in its own cgroup through the
// read-only cgroup mount of the default config, with and without a cgroup namespace; and, for
// the scenarios with host_cgroups, every field compared from the host between create and start
// (suite/host_cgroups.h), cgroupsPath absolute, relative and unset, and `update --resources`.
#include <dirent.h>

#include <charconv>
#include <string>

#include "suite/config_edit.h"
#include "suite/files.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// Whether /proc/cgroups lists `controller` as enabled on this host.
bool HostHas(const std::string& controller) {
  Result<std::string> text = ReadFile("/proc/cgroups");
  if (!text.ok()) return false;
  size_t at = 0;
  while (at < text->size()) {
    size_t eol = text->find('\n', at);
    std::string line = text->substr(at, eol == std::string::npos ? std::string::npos : eol - at);
    at = eol == std::string::npos ? text->size() : eol + 1;
    // subsys_name hierarchy num_cgroups enabled
    if (line.rfind(controller + "\t", 0) == 0 && line.size() > 1 && line.back() == '1') {
      return true;
    }
  }
  return false;
}

const char* NoMemory() { return HostHas("memory") ? nullptr : "no memory cgroup controller"; }
const char* NoPids() { return HostHas("pids") ? nullptr : "no pids cgroup controller"; }
const char* NoCpu() { return HostHas("cpu") ? nullptr : "no cpu cgroup controller"; }
const char* NoCpuset() { return HostHas("cpuset") ? nullptr : "no cpuset cgroup controller"; }
const char* NoMemoryPidsCpu() {
  if (const char* why = NoMemory()) return why;
  if (const char* why = NoPids()) return why;
  return NoCpu();
}

json& Resources(json& c) { return c["linux"]["resources"]; }

bool Exists(const std::string& path) { return ReadFile(path).ok(); }

// The v1 directory of `controller` on this host (/sys/fs/cgroup/<controller>), or "".
std::string V1Root(const std::string& controller) {
  for (const std::string& dir :
       {"/sys/fs/cgroup/" + controller, "/sys/fs/cgroup/" + controller + ",cpuacct",
        std::string("/sys/fs/cgroup/cpu,cpuacct"),
        std::string("/sys/fs/cgroup/net_cls,net_prio")}) {
    if (Exists(dir + "/cgroup.procs") && (dir.find(controller) != std::string::npos)) return dir;
  }
  return "";
}

// "major:minor" of a whole disk of this host (blkio throttling takes disks, not partitions),
// or "" when there is none.
std::pair<int, int> Disk() {
  static std::pair<int, int> disk = [] {
    std::pair<int, int> found{-1, -1};
    DIR* dir = ::opendir("/sys/block");
    if (dir == nullptr) return found;
    while (dirent* e = ::readdir(dir)) {
      std::string name = e->d_name;
      if (name[0] == '.' || name.starts_with("loop") || name.starts_with("ram") ||
          name.starts_with("zram")) {
        continue;
      }
      Result<std::string> dev = ReadFile("/sys/block/" + name + "/dev");
      int major = 0, minor = 0;
      if (!dev.ok()) continue;
      const char* end = dev->data() + dev->size();
      auto [colon, ec1] = std::from_chars(dev->data(), end, major);
      if (ec1 != std::errc() || colon == end || *colon != ':') continue;
      auto [rest, ec2] = std::from_chars(colon + 1, end, minor);
      if (ec2 == std::errc() && rest != colon + 1) {
        found = {major, minor};
        break;
      }
    }
    ::closedir(dir);
    return found;
  }();
  return disk;
}

const char* NoDisk() { return Disk().first < 0 ? "no block device in /sys/block" : nullptr; }
const char* NoBlkio() {
  if (!HostHas("blkio") && !HostHas("io")) return "no blkio/io cgroup controller";
  return NoDisk();
}
// Weights need a scheduler with weights (CFQ before Linux 5.0, BFQ).
const char* NoBlkioWeight() {
  if (const char* why = NoBlkio()) return why;
  const std::string root = V1Root("blkio");
  if (root.empty()) return "blkio is not a cgroup v1 hierarchy here (see the v2 fixtures)";
  if (!Exists(root + "/blkio.weight") && !Exists(root + "/blkio.bfq.weight")) {
    return "the kernel has no blkio.weight nor blkio.bfq.weight (no CFQ or BFQ I/O scheduler): "
           "runtimes cannot set blockIO weights here";
  }
  return nullptr;
}
const char* NoHugetlb() {
  if (!HostHas("hugetlb")) return "no hugetlb cgroup controller";
  if (!Exists("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages")) {
    return "the kernel has no 2MB huge pages";
  }
  return nullptr;
}
const char* NoNetwork() {
  if (V1Root("net_cls").empty() || V1Root("net_prio").empty()) {
    return "net_cls and net_prio are not mounted as cgroup v1 hierarchies (scripts/prepare-host.sh "
           "mounts them; cgroup v2 has neither)";
  }
  return nullptr;
}
// The first RDMA device of this host (/sys/class/infiniband), or "".
std::string RdmaDevice() {
  static std::string device = [] {
    std::string found;
    if (DIR* dir = ::opendir("/sys/class/infiniband")) {
      while (dirent* e = ::readdir(dir)) {
        if (e->d_name[0] != '.') {
          found = e->d_name;
          break;
        }
      }
      ::closedir(dir);
    }
    return found;
  }();
  return device;
}
const char* NoRdma() {
  if (!HostHas("rdma") && !Exists("/sys/fs/cgroup/cgroup.controllers")) {
    return "the kernel has no rdma cgroup controller";
  }
  return RdmaDevice().empty() ? "no RDMA device in /sys/class/infiniband" : nullptr;
}
// The v1-only memory fields need memory on cgroup v1; v2 has its own scenario.
const char* NoV1Memory() {
  if (const char* why = NoMemory()) return why;
  return V1Root("memory").empty() ? "memory is not a cgroup v1 controller here (see host-memory-v2)"
                                  : nullptr;
}
const char* NoV2Memory() {
  Result<std::string> controllers = ReadFile("/sys/fs/cgroup/cgroup.controllers");
  if (!controllers.ok() || controllers->find("memory") == std::string::npos) {
    return "memory is not a cgroup v2 controller here (see host-memory)";
  }
  return nullptr;
}
const char* NoV1Devices() {
  return V1Root("devices").empty() ? "no cgroup v1 devices hierarchy (v2: an eBPF program)"
                                   : nullptr;
}
const char* NoRealtime() {
  if (const char* why = NoCpu()) return why;
  const std::string root = V1Root("cpu");
  if (root.empty()) return "cgroup v2 has no real-time group scheduling";
  if (!Exists(root + "/cpu.rt_runtime_us")) return "no CONFIG_RT_GROUP_SCHED";
  return nullptr;
}
// The hybrid layout: controllers on v1, unified keys name files the container's v2 cgroup
// lacks.
const char* NotHybrid() {
  return V1Root("memory").empty() ? "memory is not a cgroup v1 controller here" : nullptr;
}
const char* NotUnifiedMemory() {
  Result<std::string> controllers = ReadFile("/sys/fs/cgroup/cgroup.controllers");
  if (!controllers.ok() || controllers->find("pids") == std::string::npos) {
    return "pids is not a cgroup v2 controller here (cgroup v1 or hybrid host)";
  }
  return nullptr;
}

void Memory100M(json& c) { Resources(c)["memory"] = {{"limit", 100 << 20}}; }
void Pids77(json& c) { Resources(c)["pids"] = {{"limit", 77}}; }
void Cpu(json& c) { Resources(c)["cpu"] = {{"shares", 512}, {"quota", 50000}, {"period", 100000}}; }
void Cpuset0(json& c) {
  Resources(c)["cpu"]["cpus"] = "0";
  Resources(c)["cpu"]["mems"] = "0";
}

// Every memory field (kernel is ignored by Linux 6.1+, a SKIP that says so).
void MemoryAll(json& c) {
  Resources(c)["memory"] = {{"limit", 100 << 20},   {"reservation", 50 << 20},
                            {"swap", 200 << 20},    {"kernelTCP", 16 << 20},
                            {"swappiness", 30},     {"disableOOMKiller", true},
                            {"useHierarchy", true}, {"checkBeforeUpdate", true}};
}
// Every cpu field of the fair scheduler; real-time and idle have groups of their own (idle
// refuses shares, real-time needs a budget from the parent).
void CpuAll(json& c) {
  Resources(c)["cpu"] = {
      {"shares", 512}, {"quota", 50000}, {"period", 100000}, {"cpus", "0"}, {"mems", "0"}};
}
// runtime-spec 1.1 fields.
void CpuBurst(json& c) {
  Resources(c)["cpu"] = {{"quota", 50000}, {"period", 100000}, {"burst", 10000}};
}
void CpuIdle(json& c) { Resources(c)["cpu"] = {{"idle", 1}}; }
void CpuRealtime(json& c) {
  Resources(c)["cpu"] = {{"realtimeRuntime", 10000}, {"realtimePeriod", 1000000}};
}
json Throttle(uint64_t rate) {
  return json::array({{{"major", Disk().first}, {"minor", Disk().second}, {"rate", rate}}});
}
void BlockIoThrottle(json& c) {
  Resources(c)["blockIO"] = {{"throttleReadBpsDevice", Throttle(1 << 20)},
                             {"throttleWriteBpsDevice", Throttle(2 << 20)},
                             {"throttleReadIOPSDevice", Throttle(100)},
                             {"throttleWriteIOPSDevice", Throttle(200)}};
}
void BlockIoWeight(json& c) {
  Resources(c)["blockIO"] = {
      {"weight", 500},
      {"weightDevice",
       json::array({{{"major", Disk().first}, {"minor", Disk().second}, {"weight", 600}}})}};
}
void Hugepages(json& c) {
  Resources(c)["hugepageLimits"] = json::array({{{"pageSize", "2MB"}, {"limit", 4 << 20}}});
}
void Network(json& c) {
  Resources(c)["network"] = {{"classID", 1048577},
                             {"priorities", json::array({{{"name", "lo"}, {"priority", 5}}})}};
}
// The default deny-all, then the tun device and kmsg read (and mknod) only.
void Devices(json& c) {
  Resources(c)["devices"] = json::array(
      {{{"allow", false}, {"access", "rwm"}},
       {{"allow", true}, {"type", "c"}, {"major", 10}, {"minor", 200}, {"access", "rwm"}},
       {{"allow", true}, {"type", "c"}, {"major", 1}, {"minor", 11}, {"access", "rm"}}});
}
// Deny-all and the tun device without mknod: m must stay denied for it.
void DevicesNoMknod(json& c) {
  Resources(c)["devices"] = json::array(
      {{{"allow", false}, {"access", "rwm"}},
       {{"allow", true}, {"type", "c"}, {"major", 10}, {"minor", 200}, {"access", "rw"}}});
}
// The device rules judged by behaviour from inside (the only witness on cgroup v2): with
// CAP_MKNOD runtimetest makes nodes of the devices in /dev and asks access(2) of them.
void WithMknod(json& c) {
  for (const char* set : {"bounding", "effective", "permitted"}) {
    c["process"]["capabilities"][set].push_back("CAP_MKNOD");
  }
}
void DevicesBehaviour(json& c) {
  Devices(c);
  WithMknod(c);
}
void DevicesNoMknodBehaviour(json& c) {
  DevicesNoMknod(c);
  WithMknod(c);
}
void Rdma(json& c) { Resources(c)["rdma"] = {{RdmaDevice(), {{"hcaHandles", 3}}}}; }
// The memory fields cgroup v2 has.
void MemoryV2(json& c) {
  Resources(c)["memory"] = {{"limit", 100 << 20}, {"reservation", 50 << 20}, {"swap", 200 << 20}};
}
void PidsAndMemory(json& c) {
  Pids77(c);
  Memory100M(c);
}
// `update --resources`: new memory, cpu and pids limits.
void Updated(json& r) {
  r["memory"] = {{"limit", 200 << 20}};
  r["cpu"] = {{"shares", 1024}, {"quota", 70000}, {"period", 100000}};
  r["pids"] = {{"limit", 88}};
}
void MemoryCpuPids(json& c) {
  Memory100M(c);
  Cpu(c);
  Pids77(c);
}

const Scenario kScenarios[] = {
    {.name = "linux.resources/memory-limit",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Memory100M,
     .unsupported = NoMemory},
    {.name = "linux.resources/pids-limit",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Pids77,
     .unsupported = NoPids},
    {.name = "linux.resources/cpu",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Cpu,
     .unsupported = NoCpu},
    {.name = "linux.resources/cpuset",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Cpuset0,
     .unsupported = NoCpuset},
    {.name = "linux.resources/cgroupns",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           Memory100M(c);
           Pids77(c);
           Cpu(c);
           SetNamespace(c, "cgroup");
         },
     .unsupported = NoMemoryPidsCpu},
    {.name = "linux.resources/memory-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "209715200",
     .configure = Memory100M,
     .tell = [](json& c) { Resources(c)["memory"]["limit"] = 200 << 20; },
     .unsupported = NoMemory},
    {.name = "linux.resources/pids-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 78",
     .configure = Pids77,
     .tell = [](json& c) { Resources(c)["pids"]["limit"] = 78; },
     .unsupported = NoPids},
    {.name = "linux.resources/cpu-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "60000",
     .configure = Cpu,
     .tell = [](json& c) { Resources(c)["cpu"]["quota"] = 60000; },
     .unsupported = NoCpu},
    {.name = "linux.resources/cpuset-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 0-1",
     .configure = Cpuset0,
     .tell = [](json& c) { Resources(c)["cpu"]["cpus"] = "0-1"; },
     .unsupported = NoCpuset},
    // From the host, between create and start (and inside, as above).
    {.name = "linux.resources/host-memory",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = MemoryAll,
     .unsupported = NoV1Memory,
     .host_cgroups = true},
    {.name = "linux.resources/host-memory-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 31",
     .configure = MemoryAll,
     .tell = [](json& c) { Resources(c)["memory"]["swappiness"] = 31; },
     .unsupported = NoV1Memory,
     .host_cgroups = true},
    {.name = "linux.resources/host-memory-v2",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = MemoryV2,
     .unsupported = NoV2Memory,
     .host_cgroups = true},
    {.name = "linux.resources/host-cpu",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = CpuAll,
     .unsupported = NoCpuset,
     .host_cgroups = true},
    {.name = "linux.resources/host-cpu-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 60000",
     .configure = CpuAll,
     .tell = [](json& c) { Resources(c)["cpu"]["quota"] = 60000; },
     .unsupported = NoCpuset,
     .host_cgroups = true},
    {.name = "linux.resources/host-cpu-burst",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = CpuBurst,
     .unsupported = NoCpu,
     .requires_feature = "ociVersionMax>=1.1.0",
     .host_cgroups = true},
    {.name = "linux.resources/host-cpu-burst-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 20000",
     .configure = CpuBurst,
     .tell = [](json& c) { Resources(c)["cpu"]["burst"] = 20000; },
     .unsupported = NoCpu,
     .requires_feature = "ociVersionMax>=1.1.0",
     .host_cgroups = true},
    {.name = "linux.resources/host-cpu-idle",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = CpuIdle,
     .unsupported = NoCpu,
     .requires_feature = "ociVersionMax>=1.1.0",
     .host_cgroups = true},
    // Real-time time must come from the parent's budget: a relative cgroupsPath puts the
    // container right below the runtime's own cgroup (the root here), which has it.
    {.name = "linux.resources/host-cpu-realtime-relative-path",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = CpuRealtime,
     .unsupported = NoRealtime,
     .host_cgroups = true,
     .cgroups_path = CgroupsPath::kRelative},
    {.name = "linux.resources/host-relative-path-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected .../elsewhere",
     .configure = Pids77,
     .tell = [](json& c) { c["linux"]["cgroupsPath"] = "elsewhere"; },
     .unsupported = NoPids,
     .host_cgroups = true,
     .cgroups_path = CgroupsPath::kRelative},
    {.name = "linux.resources/host-absolute-path-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected /elsewhere",
     .configure = Pids77,
     .tell = [](json& c) { c["linux"]["cgroupsPath"] = "/elsewhere"; },
     .unsupported = NoPids,
     .host_cgroups = true},
    {.name = "linux.resources/host-default-path",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = PidsAndMemory,
     .unsupported = NoMemory,
     .host_cgroups = true,
     .cgroups_path = CgroupsPath::kUnset},
    {.name = "linux.resources/host-pids-unlimited",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           Resources(c)["pids"] = {{"limit", -1}};
         },
     .unsupported = NoPids,
     .host_cgroups = true},
    {.name = "linux.resources/host-pids-zero",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           Resources(c)["pids"] = {{"limit", 0}};
         },
     .unsupported = NoPids,
     .host_cgroups = true},
    {.name = "linux.resources/host-blockio-throttle",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = BlockIoThrottle,
     .unsupported = NoBlkio,
     .host_cgroups = true},
    {.name = "linux.resources/host-blockio-throttle-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 300",
     .configure = BlockIoThrottle,
     .tell = [](json& c) { Resources(c)["blockIO"]["throttleWriteIOPSDevice"] = Throttle(300); },
     .unsupported = NoBlkio,
     .host_cgroups = true},
    {.name = "linux.resources/host-blockio-weight",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = BlockIoWeight,
     .unsupported = NoBlkioWeight,
     .host_cgroups = true},
    {.name = "linux.resources/host-hugepages",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Hugepages,
     .unsupported = NoHugetlb,
     .host_cgroups = true},
    {.name = "linux.resources/host-hugepages-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 6291456",
     .configure = Hugepages,
     .tell = [](json& c) { Resources(c)["hugepageLimits"][0]["limit"] = 6 << 20; },
     .unsupported = NoHugetlb,
     .host_cgroups = true},
    {.name = "linux.resources/hugepages-unknown-size",
     .check_id = "linux.resources",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           Resources(c)["hugepageLimits"] = json::array({{{"pageSize", "3MB"}, {"limit", 0}}});
         },
     .unsupported = NoHugetlb},
    {.name = "linux.resources/host-network",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Network,
     .unsupported = NoNetwork,
     .host_cgroups = true},
    {.name = "linux.resources/host-network-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 1048578",
     .configure = Network,
     .tell = [](json& c) { Resources(c)["network"]["classID"] = 1048578; },
     .unsupported = NoNetwork,
     .host_cgroups = true},
    {.name = "linux.resources/host-devices",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Devices,
     .unsupported = NoV1Devices,
     .host_cgroups = true},
    {.name = "linux.resources/host-devices-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "c 1:11 w: expected allowed",
     .configure = Devices,
     .tell = [](json& c) { Resources(c)["devices"][2]["access"] = "rwm"; },
     .unsupported = NoV1Devices,
     .host_cgroups = true},
    {.name = "linux.resources/host-devices-mknod-denied",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = DevicesNoMknod,
     .unsupported = NoV1Devices,
     .host_cgroups = true},
    // By behaviour, inside, on cgroup v1 and v2 alike.
    {.name = "linux.resources/devices-behaviour",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = DevicesBehaviour},
    {.name = "linux.resources/devices-behaviour-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "c 1:11 w (access(2) of a node made in /dev): expected allowed",
     .configure = DevicesBehaviour,
     .tell = [](json& c) { Resources(c)["devices"][2]["access"] = "rwm"; }},
    {.name = "linux.resources/devices-behaviour-mknod-denied",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = DevicesNoMknodBehaviour},
    {.name = "linux.resources/host-rdma",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Rdma,
     .unsupported = NoRdma,
     .host_cgroups = true},
    {.name = "linux.resources/host-unified",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           Resources(c)["unified"] = {{"pids.max", "42"}};
         },
     .unsupported = NotUnifiedMemory,
     .host_cgroups = true},
    {.name = "linux.resources/host-unified-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected \"43\"",
     .configure =
         [](json& c) {
           Resources(c)["unified"] = {{"pids.max", "42"}};
         },
     .tell = [](json& c) { Resources(c)["unified"]["pids.max"] = "43"; },
     .unsupported = NotUnifiedMemory,
     .host_cgroups = true},
    // config-linux.md#unified: a key of a controller the v2 hierarchy does not have.
    {.name = "linux.resources/unified-controller-absent",
     .check_id = "linux.resources",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           Resources(c)["unified"] = {{"memory.max", "104857600"}};
         },
     .unsupported = NotHybrid},
    {.name = "linux.resources/cpu-shares-negative",
     .check_id = "linux.resources",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           Resources(c)["cpu"] = {{"shares", -1}};
         },
     .unsupported = NoCpu},
    {.name = "linux.resources/memory-swap-below-limit",
     .check_id = "linux.resources",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           Resources(c)["memory"] = {{"limit", 100 << 20}, {"swap", 50 << 20}};
         },
     .unsupported = NoMemory},
    {.name = "linux.resources/host-update",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = MemoryCpuPids,
     .unsupported = NoMemoryPidsCpu,
     .host_cgroups = true,
     .update = Updated},
    {.name = "linux.resources/host-update-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 99",
     .configure = MemoryCpuPids,
     .tell = [](json& c) { Resources(c)["pids"]["limit"] = 99; },
     .unsupported = NoMemoryPidsCpu,
     .host_cgroups = true,
     .update = Updated},
};

}  // namespace

std::span<const Scenario> ResourceScenarios() { return kScenarios; }

}  // namespace rt::suite
