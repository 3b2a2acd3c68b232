// The OCI runtime configuration (runtime-spec 1.0 to 1.3, the POSIX and Linux parts) as typed
// structs. Every field the spec calls optional is std::optional (or an empty container where the
// spec gives absence and emptiness the same meaning); unknown fields are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/status.h"

namespace rt::spec {

struct Root {
  std::string path;
  std::optional<bool> readonly;
};

struct IdMapping {
  uint32_t container_id = 0;
  uint32_t host_id = 0;
  uint32_t size = 0;
};

struct Mount {
  std::string destination;
  std::optional<std::string> type;
  std::optional<std::string> source;
  std::vector<std::string> options;
  std::vector<IdMapping> uid_mappings;  // idmapped mounts (1.1)
  std::vector<IdMapping> gid_mappings;
};

struct User {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::optional<uint32_t> umask;
  std::optional<std::vector<uint32_t>> additional_gids;
  std::optional<std::string> username;
};

struct Capabilities {
  std::optional<std::vector<std::string>> bounding;
  std::optional<std::vector<std::string>> effective;
  std::optional<std::vector<std::string>> inheritable;
  std::optional<std::vector<std::string>> permitted;
  std::optional<std::vector<std::string>> ambient;
};

struct Rlimit {
  std::string type;
  uint64_t soft = 0;
  uint64_t hard = 0;
};

struct ConsoleSize {
  uint32_t height = 0;
  uint32_t width = 0;
};

struct Scheduler {  // process.scheduler (1.2)
  std::string policy;
  std::optional<int32_t> nice;
  std::optional<int32_t> priority;
  std::vector<std::string> flags;
  std::optional<uint64_t> runtime;
  std::optional<uint64_t> deadline;
  std::optional<uint64_t> period;
};

struct IoPriority {  // process.ioPriority (1.2)
  std::string io_class;
  int32_t priority = 0;
};

struct ExecCpuAffinity {  // process.execCPUAffinity (1.2)
  std::optional<std::string> initial;
  std::optional<std::string> final_;
};

struct Process {
  std::optional<bool> terminal;
  std::optional<ConsoleSize> console_size;
  std::optional<std::string> cwd;
  std::optional<std::vector<std::string>> env;
  std::optional<std::vector<std::string>> args;
  std::optional<std::string> command_line;
  std::optional<User> user;
  std::optional<Capabilities> capabilities;
  std::optional<std::vector<Rlimit>> rlimits;
  std::optional<bool> no_new_privileges;
  std::optional<std::string> apparmor_profile;
  std::optional<int32_t> oom_score_adj;
  std::optional<std::string> selinux_label;
  std::optional<Scheduler> scheduler;
  std::optional<IoPriority> io_priority;
  std::optional<ExecCpuAffinity> exec_cpu_affinity;
};

struct Namespace {
  std::string type;  // pid, network, mount, ipc, uts, user, cgroup, time
  std::optional<std::string> path;
};

struct Device {
  std::string type;  // c, b, u, p
  std::string path;
  std::optional<int64_t> major;
  std::optional<int64_t> minor;
  std::optional<uint32_t> file_mode;
  std::optional<uint32_t> uid;
  std::optional<uint32_t> gid;
};

struct DeviceCgroup {
  bool allow = false;
  std::optional<std::string> type;
  std::optional<int64_t> major;
  std::optional<int64_t> minor;
  std::optional<std::string> access;
};

struct MemoryResources {
  std::optional<int64_t> limit;
  std::optional<int64_t> reservation;
  std::optional<int64_t> swap;
  std::optional<int64_t> kernel;
  std::optional<int64_t> kernel_tcp;
  std::optional<uint64_t> swappiness;
  std::optional<bool> disable_oom_killer;
  std::optional<bool> use_hierarchy;
  std::optional<bool> check_before_update;
};

struct CpuResources {
  std::optional<uint64_t> shares;
  std::optional<int64_t> quota;
  std::optional<uint64_t> burst;
  std::optional<uint64_t> period;
  std::optional<int64_t> realtime_runtime;
  std::optional<uint64_t> realtime_period;
  std::optional<std::string> cpus;
  std::optional<std::string> mems;
  std::optional<int64_t> idle;
};

struct PidsResources {
  std::optional<int64_t> limit;  // OPTIONAL since runtime-spec 1.3 (REQUIRED before)
};

struct HugepageLimit {
  std::string page_size;
  uint64_t limit = 0;
};

struct InterfacePriority {  // linux.resources.network.priorities[]
  std::string name;
  uint32_t priority = 0;
};

struct NetworkResources {  // linux.resources.network (net_cls, net_prio)
  std::optional<uint32_t> class_id;
  std::vector<InterfacePriority> priorities;
};

struct RdmaLimit {  // linux.resources.rdma, keyed by device name
  std::optional<uint32_t> hca_handles;
  std::optional<uint32_t> hca_objects;
};

struct WeightDevice {  // linux.resources.blockIO.weightDevice[]
  int64_t major = 0;
  int64_t minor = 0;
  std::optional<uint16_t> weight;
  std::optional<uint16_t> leaf_weight;
};

struct ThrottleDevice {  // linux.resources.blockIO.throttle*Device[]
  int64_t major = 0;
  int64_t minor = 0;
  uint64_t rate = 0;
};

struct BlockIo {  // linux.resources.blockIO
  std::optional<uint16_t> weight;
  std::optional<uint16_t> leaf_weight;
  std::vector<WeightDevice> weight_device;
  std::vector<ThrottleDevice> throttle_read_bps;
  std::vector<ThrottleDevice> throttle_write_bps;
  std::vector<ThrottleDevice> throttle_read_iops;
  std::vector<ThrottleDevice> throttle_write_iops;
};

struct Resources {
  std::vector<DeviceCgroup> devices;
  std::optional<MemoryResources> memory;
  std::optional<CpuResources> cpu;
  std::optional<PidsResources> pids;
  std::optional<uint16_t> blkio_weight;  // blockIO.weight (also in block_io)
  std::optional<BlockIo> block_io;
  std::vector<HugepageLimit> hugepage_limits;
  std::map<std::string, std::string> unified;
  std::optional<NetworkResources> network;
  std::map<std::string, RdmaLimit> rdma;
};

struct SeccompArg {
  uint32_t index = 0;
  uint64_t value = 0;
  std::optional<uint64_t> value_two;
  std::string op;
};

struct SeccompSyscall {
  std::vector<std::string> names;
  std::string action;
  std::optional<uint32_t> errno_ret;
  std::vector<SeccompArg> args;
};

struct Seccomp {
  std::string default_action;
  std::optional<uint32_t> default_errno_ret;
  std::vector<std::string> architectures;
  std::vector<std::string> flags;
  std::optional<std::string> listener_path;
  std::vector<SeccompSyscall> syscalls;
  std::optional<std::string> listener_metadata;  // 1.1
};

struct Personality {
  std::string domain;  // LINUX or LINUX32
  std::vector<std::string> flags;
};

struct TimeOffset {
  int64_t secs = 0;
  uint32_t nanosecs = 0;
};

struct MemoryPolicy {  // linux.memoryPolicy (1.2)
  std::string mode;
  std::optional<std::string> nodes;
  std::vector<std::string> flags;
};

struct NetDevice {  // linux.netDevices (1.2), keyed by the host name of the interface
  std::optional<std::string> name;
};

struct IntelRdt {
  std::optional<std::string> clos_id;
  std::optional<std::string> l3_cache_schema;
  std::optional<std::string> mem_bw_schema;
  std::optional<bool> enable_cmt;  // 1.1
  std::optional<bool> enable_mbm;  // 1.1
};

struct Linux {
  std::vector<Namespace> namespaces;
  std::vector<IdMapping> uid_mappings;
  std::vector<IdMapping> gid_mappings;
  std::map<std::string, TimeOffset> time_offsets;  // "monotonic", "boottime"
  std::vector<Device> devices;
  std::optional<std::string> cgroups_path;
  std::optional<Resources> resources;
  std::optional<std::string> rootfs_propagation;
  std::optional<Seccomp> seccomp;
  std::map<std::string, std::string> sysctl;
  std::vector<std::string> masked_paths;
  std::vector<std::string> readonly_paths;
  std::optional<std::string> mount_label;
  std::optional<IntelRdt> intel_rdt;
  std::optional<Personality> personality;
  std::optional<MemoryPolicy> memory_policy;
  std::map<std::string, NetDevice> net_devices;
};

struct Hook {  // hooks.<kind>[] (config.md#posix-platform-hooks)
  std::string path;
  std::optional<std::vector<std::string>> args;
  std::optional<std::vector<std::string>> env;
  std::optional<int64_t> timeout;  // seconds; the spec asks for > 0, the model keeps what it reads
};

// The six kinds, in the order the lifecycle calls them (runtime.md#lifecycle).
struct Hooks {
  std::vector<Hook> prestart;  // DEPRECATED
  std::vector<Hook> create_runtime;
  std::vector<Hook> create_container;
  std::vector<Hook> start_container;
  std::vector<Hook> poststart;
  std::vector<Hook> poststop;
};

struct Config {
  std::string oci_version;
  std::optional<Root> root;
  std::vector<Mount> mounts;
  std::optional<Process> process;
  std::optional<std::string> hostname;
  std::optional<std::string> domainname;
  std::map<std::string, std::string> annotations;
  std::optional<Hooks> hooks;
  std::optional<Linux> linux_;
};

// The largest config runtimetest reads, far above any real one (runc's default spec is 3 KiB; a
// million additionalGids take 8 MiB). A bigger file is refused, never cut.
inline constexpr size_t kMaxConfigBytes = size_t{64} << 20;

// Parses config.json text. Syntax errors, a NUL byte, and text after the document name the byte
// (1-based) and the JSON path where the parser stood: "not valid JSON: at byte 29
// (process.terminal): ..."; what the parser quotes is cut to a few dozen bytes. A value of the
// wrong type names its JSON path:
// "process.rlimits[2].hard: expected unsigned integer, found string".
// Integers out of range for their field ("process.user.uid: 4294967296 is out of range for a
// 32-bit unsigned integer") and missing REQUIRED fields ("mounts[0].destination: required field
// is missing") are errors too; null counts as absent; unknown fields are ignored.
Result<Config> ParseConfig(const std::string& text);

}  // namespace rt::spec
