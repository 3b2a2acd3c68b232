#include "spec/spec.h"

#include <gtest/gtest.h>

#include <string>

namespace rt::spec {
namespace {

// What `runc spec` (runc 1.1) writes, unchanged.
const char kRuncSpecDefault[] = R"({
  "ociVersion": "1.0.2-dev",
  "process": {
    "terminal": true,
    "user": {"uid": 0, "gid": 0},
    "args": ["sh"],
    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "permitted": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "ambient": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
    },
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "runc",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
     "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
     "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
    {"destination": "/dev/shm", "type": "tmpfs", "source": "shm",
     "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
    {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
     "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs",
     "options": ["nosuid", "noexec", "nodev", "ro"]},
    {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
     "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}
  ],
  "linux": {
    "resources": {"devices": [{"allow": false, "access": "rwm"}]},
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                   {"type": "mount"}],
    "maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                    "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                    "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
    "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
  }
})";

// Every field the model holds, with values unlike their defaults.
const char kEveryField[] = R"({
  "ociVersion": "1.2.0",
  "root": {"path": "/bundle/rootfs", "readonly": false},
  "mounts": [{
    "destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind", "idmap"],
    "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
    "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 1000}]
  }],
  "process": {
    "terminal": false,
    "consoleSize": {"height": 25, "width": 80},
    "cwd": "/work",
    "env": ["A=1"],
    "args": ["/bin/runtimetest", "-v"],
    "commandLine": "runtimetest.exe",
    "user": {"uid": 1000, "gid": 1001, "umask": 18, "additionalGids": [5, 6],
             "username": "tester"},
    "capabilities": {"bounding": ["CAP_CHOWN"], "effective": [], "inheritable": ["CAP_KILL"],
                     "permitted": ["CAP_CHOWN"], "ambient": []},
    "rlimits": [{"type": "RLIMIT_CORE", "soft": 0, "hard": 18446744073709551615}],
    "noNewPrivileges": false,
    "apparmorProfile": "runtimetest",
    "oomScoreAdj": -1000,
    "selinuxLabel": "system_u:system_r:container_t:s0",
    "scheduler": {"policy": "SCHED_DEADLINE", "nice": -5, "priority": 0,
                  "flags": ["SCHED_FLAG_RESET_ON_FORK"], "runtime": 10000000,
                  "deadline": 20000000, "period": 30000000},
    "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 7},
    "execCPUAffinity": {"initial": "0", "final": "1-3,7"}
  },
  "hostname": "rt",
  "domainname": "example.org",
  "annotations": {"org.opencontainers.image.os": "linux"},
  "linux": {
    "namespaces": [{"type": "user"}, {"type": "network", "path": "/var/run/netns/a"}],
    "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
    "gidMappings": [{"containerID": 1, "hostID": 2000, "size": 2}],
    "timeOffsets": {"monotonic": {"secs": -86400, "nanosecs": 5}, "boottime": {"secs": 7}},
    "devices": [{"type": "c", "path": "/dev/fuse", "major": 10, "minor": 229, "fileMode": 438,
                 "uid": 0, "gid": 0},
                {"type": "p", "path": "/dev/fifo"}],
    "cgroupsPath": "/runtimetest/ct1",
    "resources": {
      "devices": [{"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"}],
      "memory": {"limit": 536870912, "reservation": 268435456, "swap": -1, "kernel": -1,
                 "kernelTCP": 1048576, "swappiness": 60, "disableOOMKiller": true,
                 "useHierarchy": true, "checkBeforeUpdate": false},
      "cpu": {"shares": 1024, "quota": -1, "burst": 1000, "period": 100000,
              "realtimeRuntime": 950000, "realtimePeriod": 1000000, "cpus": "0-1", "mems": "0",
              "idle": 1},
      "pids": {"limit": 32771},
      "blockIO": {"weight": 500, "leafWeight": 300},
      "hugepageLimits": [{"pageSize": "2MB", "limit": 209715200}],
      "unified": {"memory.high": "1073741824"},
      "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 500}]},
      "rdma": {"mlx5_1": {"hcaHandles": 3, "hcaObjects": 10000}}
    },
    "rootfsPropagation": "rslave",
    "seccomp": {
      "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
      "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
      "listenerPath": "/run/seccomp.sock", "listenerMetadata": "meta",
      "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1,
                    "args": [{"index": 0, "value": 8, "valueTwo": 9, "op": "SCMP_CMP_EQ"}]}]
    },
    "sysctl": {"net.ipv4.ip_forward": "1"},
    "maskedPaths": ["/proc/kcore"],
    "readonlyPaths": ["/proc/sys"],
    "mountLabel": "system_u:object_r:container_file_t:s0",
    "intelRdt": {"closID": "guaranteed", "l3CacheSchema": "L3:0=7f0", "memBwSchema": "MB:0=20",
                 "enableCMT": true, "enableMBM": false},
    "personality": {"domain": "LINUX32", "flags": []},
    "memoryPolicy": {"mode": "MPOL_BIND", "nodes": "0-1", "flags": ["MPOL_F_STATIC_NODES"]},
    "netDevices": {"eth1": {"name": "ctr1"}, "eth2": {}}
  }
})";

// A small valid config with `members` added after ociVersion.
std::string ConfigWith(const std::string& members) {
  return R"({"ociVersion": "1.2.0", )" + members + "}";
}

// The error message ParseConfig gives for `text`, or "ok".
std::string ErrorOf(const std::string& text) { return ParseConfig(text).status().message(); }

TEST(SpecParse, ReadsTheRuncSpecDefault) {
  Result<Config> parsed = ParseConfig(kRuncSpecDefault);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Config& c = *parsed;
  EXPECT_EQ(c.oci_version, "1.0.2-dev");
  ASSERT_TRUE(c.root);
  EXPECT_EQ(c.root->path, "rootfs");
  EXPECT_EQ(c.root->readonly, true);
  EXPECT_EQ(c.hostname, "runc");
  EXPECT_EQ(c.domainname, std::nullopt);

  ASSERT_TRUE(c.process);
  const Process& p = *c.process;
  EXPECT_EQ(p.terminal, true);
  EXPECT_EQ(p.console_size.has_value(), false);
  EXPECT_EQ(p.cwd, "/");
  EXPECT_EQ(p.args, std::vector<std::string>{"sh"});
  ASSERT_TRUE(p.env);
  EXPECT_EQ(p.env->at(1), "TERM=xterm");
  ASSERT_TRUE(p.user);
  EXPECT_EQ(p.user->uid, 0u);
  EXPECT_EQ(p.user->umask, std::nullopt);
  EXPECT_EQ(p.user->additional_gids, std::nullopt);
  ASSERT_TRUE(p.capabilities);
  EXPECT_EQ(p.capabilities->bounding,
            (std::vector<std::string>{"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"}));
  EXPECT_EQ(p.capabilities->inheritable, std::nullopt);
  ASSERT_TRUE(p.rlimits);
  ASSERT_EQ(p.rlimits->size(), 1u);
  EXPECT_EQ(p.rlimits->at(0).type, "RLIMIT_NOFILE");
  EXPECT_EQ(p.rlimits->at(0).soft, 1024u);
  EXPECT_EQ(p.rlimits->at(0).hard, 1024u);
  EXPECT_EQ(p.no_new_privileges, true);
  EXPECT_EQ(p.oom_score_adj, std::nullopt);
  EXPECT_EQ(p.scheduler.has_value(), false);

  ASSERT_EQ(c.mounts.size(), 7u);
  EXPECT_EQ(c.mounts[2].destination, "/dev/pts");
  EXPECT_EQ(c.mounts[2].type, "devpts");
  EXPECT_EQ(c.mounts[2].options.back(), "gid=5");
  EXPECT_TRUE(c.mounts[0].options.empty());

  ASSERT_TRUE(c.linux_);
  const Linux& l = *c.linux_;
  ASSERT_EQ(l.namespaces.size(), 5u);
  EXPECT_EQ(l.namespaces[4].type, "mount");
  EXPECT_EQ(l.namespaces[4].path, std::nullopt);
  ASSERT_TRUE(l.resources);
  ASSERT_EQ(l.resources->devices.size(), 1u);
  EXPECT_EQ(l.resources->devices[0].allow, false);
  EXPECT_EQ(l.resources->devices[0].access, "rwm");
  EXPECT_EQ(l.resources->devices[0].major, std::nullopt);
  EXPECT_EQ(l.resources->memory.has_value(), false);
  EXPECT_EQ(l.masked_paths.size(), 10u);
  EXPECT_EQ(l.readonly_paths.back(), "/proc/sysrq-trigger");
  EXPECT_EQ(l.seccomp.has_value(), false);
  EXPECT_TRUE(l.sysctl.empty());
}

TEST(SpecParse, ReadsEveryFieldOfTheModel) {
  Result<Config> parsed = ParseConfig(kEveryField);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Config& c = *parsed;
  EXPECT_EQ(c.oci_version, "1.2.0");
  EXPECT_EQ(c.root->readonly, false);
  EXPECT_EQ(c.domainname, "example.org");
  EXPECT_EQ(c.annotations.at("org.opencontainers.image.os"), "linux");

  const Mount& m = c.mounts.at(0);
  EXPECT_EQ(m.source, "/srv/data");
  EXPECT_EQ(m.uid_mappings.at(0).host_id, 100000u);
  EXPECT_EQ(m.uid_mappings.at(0).size, 65536u);
  EXPECT_EQ(m.gid_mappings.at(0).host_id, 200000u);

  const Process& p = *c.process;
  EXPECT_EQ(p.console_size->height, 25u);
  EXPECT_EQ(p.console_size->width, 80u);
  EXPECT_EQ(p.command_line, "runtimetest.exe");
  EXPECT_EQ(p.user->uid, 1000u);
  EXPECT_EQ(p.user->gid, 1001u);
  EXPECT_EQ(p.user->umask, 18u);
  EXPECT_EQ(p.user->additional_gids, (std::vector<uint32_t>{5, 6}));
  EXPECT_EQ(p.user->username, "tester");
  EXPECT_EQ(p.capabilities->effective, std::vector<std::string>{});
  EXPECT_EQ(p.capabilities->inheritable, std::vector<std::string>{"CAP_KILL"});
  EXPECT_EQ(p.rlimits->at(0).hard, 18446744073709551615u);
  EXPECT_EQ(p.no_new_privileges, false);
  EXPECT_EQ(p.apparmor_profile, "runtimetest");
  EXPECT_EQ(p.oom_score_adj, -1000);
  EXPECT_EQ(p.selinux_label, "system_u:system_r:container_t:s0");
  EXPECT_EQ(p.scheduler->policy, "SCHED_DEADLINE");
  EXPECT_EQ(p.scheduler->nice, -5);
  EXPECT_EQ(p.scheduler->priority, 0);
  EXPECT_EQ(p.scheduler->flags, std::vector<std::string>{"SCHED_FLAG_RESET_ON_FORK"});
  EXPECT_EQ(p.scheduler->runtime, 10000000u);
  EXPECT_EQ(p.scheduler->deadline, 20000000u);
  EXPECT_EQ(p.scheduler->period, 30000000u);
  EXPECT_EQ(p.io_priority->io_class, "IOPRIO_CLASS_BE");
  EXPECT_EQ(p.io_priority->priority, 7);
  EXPECT_EQ(p.exec_cpu_affinity->initial, "0");
  EXPECT_EQ(p.exec_cpu_affinity->final_, "1-3,7");

  const Linux& l = *c.linux_;
  EXPECT_EQ(l.namespaces.at(1).path, "/var/run/netns/a");
  EXPECT_EQ(l.uid_mappings.at(0).host_id, 1000u);
  EXPECT_EQ(l.gid_mappings.at(0).container_id, 1u);
  EXPECT_EQ(l.time_offsets.at("monotonic").secs, -86400);
  EXPECT_EQ(l.time_offsets.at("monotonic").nanosecs, 5u);
  EXPECT_EQ(l.time_offsets.at("boottime").secs, 7);
  EXPECT_EQ(l.time_offsets.at("boottime").nanosecs, 0u);
  EXPECT_EQ(l.devices.at(0).major, 10);
  EXPECT_EQ(l.devices.at(0).minor, 229);
  EXPECT_EQ(l.devices.at(0).file_mode, 438u);
  EXPECT_EQ(l.devices.at(0).uid, 0u);
  EXPECT_EQ(l.devices.at(1).type, "p");
  EXPECT_EQ(l.devices.at(1).major, std::nullopt);
  EXPECT_EQ(l.cgroups_path, "/runtimetest/ct1");

  const Resources& r = *l.resources;
  EXPECT_EQ(r.devices.at(0).allow, true);
  EXPECT_EQ(r.devices.at(0).type, "c");
  EXPECT_EQ(r.devices.at(0).minor, 229);
  EXPECT_EQ(r.memory->limit, 536870912);
  EXPECT_EQ(r.memory->reservation, 268435456);
  EXPECT_EQ(r.memory->swap, -1);
  EXPECT_EQ(r.memory->kernel, -1);
  EXPECT_EQ(r.memory->kernel_tcp, 1048576);
  EXPECT_EQ(r.memory->swappiness, 60u);
  EXPECT_EQ(r.memory->disable_oom_killer, true);
  EXPECT_EQ(r.memory->use_hierarchy, true);
  EXPECT_EQ(r.memory->check_before_update, false);
  EXPECT_EQ(r.cpu->shares, 1024u);
  EXPECT_EQ(r.cpu->quota, -1);
  EXPECT_EQ(r.cpu->burst, 1000u);
  EXPECT_EQ(r.cpu->period, 100000u);
  EXPECT_EQ(r.cpu->realtime_runtime, 950000);
  EXPECT_EQ(r.cpu->realtime_period, 1000000u);
  EXPECT_EQ(r.cpu->cpus, "0-1");
  EXPECT_EQ(r.cpu->mems, "0");
  EXPECT_EQ(r.cpu->idle, 1);
  EXPECT_EQ(r.pids->limit, 32771);
  // runtime-spec 1.3 made pids.limit OPTIONAL: an empty pids object is valid.
  Result<spec::Config> empty_pids = spec::ParseConfig(
      R"({"ociVersion": "1.3.0", "linux": {"resources": {"pids": {}}}})");
  ASSERT_TRUE(empty_pids.ok()) << empty_pids.status().message();
  EXPECT_FALSE(empty_pids->linux_->resources->pids->limit.has_value());
  EXPECT_EQ(r.blkio_weight, 500);
  EXPECT_EQ(r.hugepage_limits.at(0).page_size, "2MB");
  EXPECT_EQ(r.hugepage_limits.at(0).limit, 209715200u);
  EXPECT_EQ(r.unified.at("memory.high"), "1073741824");
  EXPECT_EQ(r.network->class_id, 1048577u);
  EXPECT_EQ(r.network->priorities.at(0).name, "eth0");
  EXPECT_EQ(r.network->priorities.at(0).priority, 500u);
  EXPECT_EQ(r.rdma.at("mlx5_1").hca_handles, 3u);
  EXPECT_EQ(r.rdma.at("mlx5_1").hca_objects, 10000u);

  EXPECT_EQ(l.rootfs_propagation, "rslave");
  const Seccomp& s = *l.seccomp;
  EXPECT_EQ(s.default_action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(s.default_errno_ret, 38u);
  EXPECT_EQ(s.architectures, std::vector<std::string>{"SCMP_ARCH_X86_64"});
  EXPECT_EQ(s.flags, std::vector<std::string>{"SECCOMP_FILTER_FLAG_LOG"});
  EXPECT_EQ(s.listener_path, "/run/seccomp.sock");
  EXPECT_EQ(s.listener_metadata, "meta");
  EXPECT_EQ(s.syscalls.at(0).names, std::vector<std::string>{"personality"});
  EXPECT_EQ(s.syscalls.at(0).action, "SCMP_ACT_ALLOW");
  EXPECT_EQ(s.syscalls.at(0).errno_ret, 1u);
  EXPECT_EQ(s.syscalls.at(0).args.at(0).index, 0u);
  EXPECT_EQ(s.syscalls.at(0).args.at(0).value, 8u);
  EXPECT_EQ(s.syscalls.at(0).args.at(0).value_two, 9u);
  EXPECT_EQ(s.syscalls.at(0).args.at(0).op, "SCMP_CMP_EQ");

  EXPECT_EQ(l.sysctl.at("net.ipv4.ip_forward"), "1");
  EXPECT_EQ(l.masked_paths, std::vector<std::string>{"/proc/kcore"});
  EXPECT_EQ(l.readonly_paths, std::vector<std::string>{"/proc/sys"});
  EXPECT_EQ(l.mount_label, "system_u:object_r:container_file_t:s0");
  EXPECT_EQ(l.intel_rdt->clos_id, "guaranteed");
  EXPECT_EQ(l.intel_rdt->l3_cache_schema, "L3:0=7f0");
  EXPECT_EQ(l.intel_rdt->mem_bw_schema, "MB:0=20");
  EXPECT_EQ(l.intel_rdt->enable_cmt, true);
  EXPECT_EQ(l.intel_rdt->enable_mbm, false);
  EXPECT_EQ(l.personality->domain, "LINUX32");
  EXPECT_TRUE(l.personality->flags.empty());
  EXPECT_EQ(l.memory_policy->mode, "MPOL_BIND");
  EXPECT_EQ(l.memory_policy->nodes, "0-1");
  EXPECT_EQ(l.memory_policy->flags, std::vector<std::string>{"MPOL_F_STATIC_NODES"});
  EXPECT_EQ(l.net_devices.at("eth1").name, "ctr1");
  EXPECT_EQ(l.net_devices.at("eth2").name, std::nullopt);
}

TEST(SpecParse, AMinimalConfigNeedsOnlyOciVersion) {
  Result<Config> parsed = ParseConfig(R"({"ociVersion": "1.2.0"})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->root.has_value(), false);
  EXPECT_EQ(parsed->process.has_value(), false);
  EXPECT_EQ(parsed->linux_.has_value(), false);
  EXPECT_TRUE(parsed->mounts.empty());
  EXPECT_TRUE(parsed->annotations.empty());
}

TEST(SpecParse, EmptyTextIsAnError) {
  EXPECT_EQ(ErrorOf(""), "config is empty");
  EXPECT_EQ(ErrorOf(" \n\t\r\n"), "config is empty");
}

// The byte is nlohmann's count of bytes read when it gave up: one past the end for a config that
// stops early, a little past the first bad byte otherwise.
TEST(SpecParse, SyntaxErrorsNameTheByte) {
  EXPECT_EQ(ErrorOf(R"({"ociVersion": "1.2.0")"),
            "not valid JSON: at byte 23 (config root): syntax error while parsing object - "
            "unexpected end of input; expected '}'");
  EXPECT_EQ(ErrorOf(R"({"process": {"terminal": tru}})"),
            "not valid JSON: at byte 29 (process.terminal): syntax error while parsing value - "
            "invalid literal; last read: '\"terminal\": tru}'");
  EXPECT_EQ(ErrorOf(R"({"ociVersion": "1.2.0"} trailing)"),
            "not valid JSON: at byte 27 (config root): syntax error while parsing value - "
            "invalid literal; last read: '\"1.2.0\"} tra'; expected end of input");
}

TEST(SpecParse, BrokenUtf8InASyntaxErrorIsEscaped) {
  EXPECT_EQ(ErrorOf("{\"hostname\": \"h\xff\"}"),
            "not valid JSON: at byte 16 (hostname): syntax error while parsing value - "
            "invalid string: ill-formed UTF-8 byte; last read: '\"h\\xff'");
}

TEST(SpecParse, TruncatedConfigIsASyntaxError) {
  const std::string full = kRuncSpecDefault;
  for (size_t length : {1ul, 100ul, full.size() / 2, full.size() - 1}) {
    std::string error = ErrorOf(full.substr(0, length));
    EXPECT_TRUE(error.starts_with("not valid JSON: at byte ")) << error;
  }
}

TEST(SpecParse, NumbersBeyondADoubleAreASyntaxError) {
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"oomScoreAdj": 1e400})")),
            "not valid JSON: at byte 56 (process.oomScoreAdj): number overflow parsing '1e400'");
}

TEST(SpecParse, RootMustBeAnObject) {
  EXPECT_EQ(ErrorOf("[]"), "config root: expected object, found array");
  EXPECT_EQ(ErrorOf(R"("config")"), "config root: expected object, found string");
  EXPECT_EQ(ErrorOf("null"), "config root: expected object, found null");
  EXPECT_EQ(ErrorOf("42"), "config root: expected object, found integer");
}

TEST(SpecParse, WrongTypesNameTheJsonPathAndBothKinds) {
  struct Case {
    const char* members;
    const char* error;
  };
  const Case cases[] = {
      {R"("hostname": 7)", "hostname: expected string, found integer"},
      {R"("hostname": 1.5)", "hostname: expected string, found number"},
      {R"("hostname": true)", "hostname: expected string, found boolean"},
      {R"("root": {"path": "r", "readonly": "yes"})",
       "root.readonly: expected boolean, found string"},
      {R"("process": [])", "process: expected object, found array"},
      {R"("mounts": {})", "mounts: expected array, found object"},
      {R"("process": {"env": ["A=1", null]})", "process.env[1]: expected string, found null"},
      {R"("process": {"oomScoreAdj": "-1000"})",
       "process.oomScoreAdj: expected integer, found string"},
      {R"("process": {"oomScoreAdj": 0.5})", "process.oomScoreAdj: expected integer, found number"},
      {R"("process": {"rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1, "hard": 1},
                                  {"type": "RLIMIT_CORE", "soft": 1, "hard": 1},
                                  {"type": "RLIMIT_NPROC", "soft": 1, "hard": "1"}]})",
       "process.rlimits[2].hard: expected unsigned integer, found string"},
      {R"("process": {"user": {"uid": [0], "gid": 0}})",
       "process.user.uid: expected unsigned integer, found array"},
      {R"("process": {"capabilities": {"bounding": "CAP_KILL"}})",
       "process.capabilities.bounding: expected array, found string"},
      {R"("linux": {"resources": {"blockIO": {"weight": "10"}}})",
       "linux.resources.blockIO.weight: expected unsigned integer, found string"},
      {R"("linux": {"resources": {"blockIO": []}})",
       "linux.resources.blockIO: expected object, found array"},
      {R"("linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW",
                                "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW",
                                              "args": [{"index": 0, "value": {}, "op": "x"}]}]}})",
       "linux.seccomp.syscalls[0].args[0].value: expected unsigned integer, found object"},
      {R"("annotations": {"a": 1})", "annotations.a: expected string, found integer"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(ConfigWith(c.members)), c.error) << c.members;
}

TEST(SpecParse, ReadsHooksOfEveryKindInArrayOrder) {
  Result<Config> parsed = ParseConfig(R"({"ociVersion": "1.3.0", "hooks": {
      "prestart": [{"path": "/p"}],
      "createRuntime": [{"path": "/a", "args": ["a", "-x"], "env": ["K=v"], "timeout": 5},
                        {"path": "/b"}],
      "createContainer": [{"path": "/c", "args": []}],
      "startContainer": [{"path": "/s", "env": []}],
      "poststart": [{"path": "/ps"}],
      "poststop": [{"path": "/st", "timeout": 1}]}})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Hooks& h = *parsed->hooks;
  ASSERT_EQ(h.prestart.size(), 1u);
  ASSERT_EQ(h.create_runtime.size(), 2u);
  EXPECT_EQ(h.create_runtime[0].path, "/a");
  EXPECT_EQ(h.create_runtime[0].args, (std::vector<std::string>{"a", "-x"}));
  EXPECT_EQ(h.create_runtime[0].env, std::vector<std::string>{"K=v"});
  EXPECT_EQ(h.create_runtime[0].timeout, 5);
  EXPECT_EQ(h.create_runtime[1].path, "/b");
  EXPECT_FALSE(h.create_runtime[1].args.has_value());
  EXPECT_FALSE(h.create_runtime[1].timeout.has_value());
  EXPECT_EQ(h.create_container.at(0).args, std::vector<std::string>{});  // empty, not absent
  EXPECT_EQ(h.start_container.at(0).env, std::vector<std::string>{});
  EXPECT_EQ(h.poststart.at(0).path, "/ps");
  EXPECT_EQ(h.poststop.at(0).timeout, 1);
  EXPECT_FALSE(ParseConfig(R"({"ociVersion": "1.3.0"})")->hooks.has_value());
}

TEST(SpecParse, HookErrorsNameTheJsonPath) {
  struct Case {
    const char* members;
    const char* error;
  };
  const Case cases[] = {
      {R"("hooks": [])", "hooks: expected object, found array"},
      {R"("hooks": {"poststart": {}})", "hooks.poststart: expected array, found object"},
      {R"("hooks": {"createRuntime": [{"path": "/a"}, {"args": ["x"]}]})",
       "hooks.createRuntime[1].path: required field is missing"},
      {R"("hooks": {"startContainer": [{"path": "/a", "args": ["x", 1]}]})",
       "hooks.startContainer[0].args[1]: expected string, found integer"},
      {R"("hooks": {"poststop": [{"path": "/a", "env": "K=v"}]})",
       "hooks.poststop[0].env: expected array, found string"},
      {R"("hooks": {"prestart": [{"path": "/a", "timeout": 1.5}]})",
       "hooks.prestart[0].timeout: expected integer, found number"},
      {R"("hooks": {"createContainer": [{"path": "/a", "timeout": "5"}]})",
       "hooks.createContainer[0].timeout: expected integer, found string"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(ConfigWith(c.members)), c.error) << c.members;
}

TEST(SpecParse, MapKeysThatAreNotIdentifiersAreQuotedInBrackets) {
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"sysctl": {"net.ipv4.ip_forward": 1}})")),
            R"(linux.sysctl["net.ipv4.ip_forward"]: expected string, found integer)");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("annotations": {"say \"hi\"": false})")),
            R"(annotations["say \"hi\""]: expected string, found boolean)");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"netDevices": {"eth0": {"name": 0}}})")),
            "linux.netDevices.eth0.name: expected string, found integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"timeOffsets": {"boottime": {"secs": "1"}}})")),
            "linux.timeOffsets.boottime.secs: expected integer, found string");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"rdma": {"mlx5-1": []}}})")),
            R"(linux.resources.rdma["mlx5-1"]: expected object, found array)");
}

TEST(SpecParse, UnsignedFieldsRejectNegativesAndFloats) {
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": -1, "gid": 0}})")),
            "process.user.uid: expected unsigned integer, found negative integer -1");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": 0, "gid": 0.5}})")),
            "process.user.gid: expected unsigned integer, found number");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": 0, "gid": 5.0}})")),
            "process.user.gid: expected unsigned integer, found number");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"memory": {"swappiness": -60}}})")),
            "linux.resources.memory.swappiness: expected unsigned integer, found negative "
            "integer -60");
}

TEST(SpecParse, IntegersOutOfRangeNameTheRange) {
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": 4294967296, "gid": 0}})")),
            "process.user.uid: 4294967296 is out of range for a 32-bit unsigned integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"blockIO": {"weight": 65536}}})")),
            "linux.resources.blockIO.weight: 65536 is out of range for a 16-bit unsigned integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"oomScoreAdj": 2147483648})")),
            "process.oomScoreAdj: 2147483648 is out of range for a 32-bit integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"oomScoreAdj": -2147483649})")),
            "process.oomScoreAdj: -2147483649 is out of range for a 32-bit integer");
  EXPECT_EQ(
      ErrorOf(ConfigWith(R"("linux": {"resources": {"pids": {"limit": 9223372036854775808}}})")),
      "linux.resources.pids.limit: 9223372036854775808 is out of range for a 64-bit integer");
}

TEST(SpecParse, HugeNumbersAreCleanErrors) {
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": 1e30, "gid": 0}})")),
            "process.user.uid: 1e+30 is out of range for a 32-bit unsigned integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"rlimits": [{"type": "RLIMIT_CORE", "soft": 0,
                                                           "hard": 18446744073709551616}]})")),
            "process.rlimits[0].hard: 18446744073709551616 is out of range for a 64-bit "
            "unsigned integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"memory": {"limit": -1e300}}})")),
            "linux.resources.memory.limit: -1e+300 is out of range for a 64-bit integer");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"memory": {"limit":
                                                           -9223372036854775809}}})")),
            "linux.resources.memory.limit: -9223372036854775809 is out of range for a 64-bit "
            "integer");
}

TEST(SpecParse, TheExtremesOfEachRangeAreAccepted) {
  Result<Config> parsed = ParseConfig(ConfigWith(R"(
      "process": {"user": {"uid": 4294967295, "gid": -0},
                  "oomScoreAdj": -2147483648,
                  "rlimits": [{"type": "RLIMIT_CORE", "soft": 0, "hard": 18446744073709551615}]},
      "linux": {"resources": {"memory": {"limit": -9223372036854775808,
                                         "swap": 9223372036854775807},
                              "blockIO": {"weight": 65535}}})"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->process->user->uid, 4294967295u);
  EXPECT_EQ(parsed->process->user->gid, 0u);
  EXPECT_EQ(parsed->process->oom_score_adj, -2147483648);
  EXPECT_EQ(parsed->process->rlimits->at(0).hard, 18446744073709551615u);
  EXPECT_EQ(parsed->linux_->resources->memory->limit, INT64_MIN);
  EXPECT_EQ(parsed->linux_->resources->memory->swap, INT64_MAX);
  EXPECT_EQ(parsed->linux_->resources->blkio_weight, 65535);
}

TEST(SpecParse, MissingRequiredFieldsAreErrors) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {R"({})", "ociVersion: required field is missing"},
      {R"({"ociVersion": "1.2.0", "root": {"readonly": true}})",
       "root.path: required field is missing"},
      {R"({"ociVersion": "1.2.0", "mounts": [{"type": "proc", "source": "proc"}]})",
       "mounts[0].destination: required field is missing"},
      {R"({"ociVersion": "1.2.0", "process": {"user": {"gid": 0}}})",
       "process.user.uid: required field is missing"},
      {R"({"ociVersion": "1.2.0", "process": {"rlimits": [{"soft": 1, "hard": 1}]}})",
       "process.rlimits[0].type: required field is missing"},
      {R"({"ociVersion": "1.2.0", "process": {"rlimits": [{"type": "RLIMIT_CORE", "hard": 1}]}})",
       "process.rlimits[0].soft: required field is missing"},
      {R"({"ociVersion": "1.2.0", "process": {"scheduler": {"nice": 1}}})",
       "process.scheduler.policy: required field is missing"},
      {R"({"ociVersion": "1.2.0", "process": {"ioPriority": {"class": "IOPRIO_CLASS_BE"}}})",
       "process.ioPriority.priority: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"namespaces": [{"type": "pid"}, {"path": "/x"}]}})",
       "linux.namespaces[1].type: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"uidMappings": [{"containerID": 0, "hostID": 0}]}})",
       "linux.uidMappings[0].size: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"devices": [{"type": "c"}]}})",
       "linux.devices[0].path: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"devices": [{"path": "/dev/x"}]}})",
       "linux.devices[0].type: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"resources": {"devices": [{"access": "rwm"}]}}})",
       "linux.resources.devices[0].allow: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"seccomp": {"syscalls": []}}})",
       "linux.seccomp.defaultAction: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW",
                                 "syscalls": [{"action": "SCMP_ACT_ERRNO"}]}}})",
       "linux.seccomp.syscalls[0].names: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"personality": {"flags": []}}})",
       "linux.personality.domain: required field is missing"},
      {R"({"ociVersion": "1.2.0", "linux": {"memoryPolicy": {"nodes": "0"}}})",
       "linux.memoryPolicy.mode: required field is missing"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(c.text), c.error) << c.text;
}

TEST(SpecParse, NullCountsAsAbsent) {
  Result<Config> parsed = ParseConfig(R"({
      "ociVersion": "1.2.0", "hostname": null, "mounts": null, "linux": null,
      "process": {"cwd": null, "user": {"uid": 1, "gid": 2, "umask": null}}})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->hostname, std::nullopt);
  EXPECT_TRUE(parsed->mounts.empty());
  EXPECT_EQ(parsed->linux_.has_value(), false);
  EXPECT_EQ(parsed->process->cwd, std::nullopt);
  EXPECT_EQ(parsed->process->user->umask, std::nullopt);
}

TEST(SpecParse, NullForARequiredFieldIsMissing) {
  EXPECT_EQ(ErrorOf(R"({"ociVersion": null})"), "ociVersion: required field is missing");
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": null, "gid": 0}})")),
            "process.user.uid: required field is missing");
}

TEST(SpecParse, UnknownFieldsAreIgnored) {
  Result<Config> parsed = ParseConfig(R"({
      "ociVersion": "1.2.0",
      "futureField": {"anything": [1, 2.5, null]},
      "hooks": {"prestart": [{"path": "/bin/true"}]},
      "windows": {"layerFolders": 7},
      "solaris": "x", "vm": [], "zos": null,
      "process": {"user": {"uid": 0, "gid": 0, "sid": "S-1"}, "newThing": true},
      "linux": {"resources": {"blockIO": {"weight": 10, "futureKnob": "?"}},
                "intelRdt": {"schemata": ["L3:0=ff"], "enableMonitoring": true}}})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->process->user->uid, 0u);
  EXPECT_EQ(parsed->linux_->resources->blkio_weight, 10);
}

TEST(SpecParse, BlockIoDevicesAndWeights) {
  Result<Config> parsed = ParseConfig(R"({"ociVersion": "1.3.0", "linux": {"resources": {
      "blockIO": {"weight": 500, "leafWeight": 300,
                  "weightDevice": [{"major": 8, "minor": 0, "weight": 600}],
                  "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 600}],
                  "throttleWriteIOPSDevice": [{"major": 8, "minor": 16, "rate": 300}]}}}})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const BlockIo& io = *parsed->linux_->resources->block_io;
  EXPECT_EQ(io.weight, 500);
  EXPECT_EQ(io.leaf_weight, 300);
  ASSERT_EQ(io.weight_device.size(), 1u);
  EXPECT_EQ(io.weight_device[0].weight, 600);
  EXPECT_EQ(io.weight_device[0].leaf_weight, std::nullopt);
  ASSERT_EQ(io.throttle_read_bps.size(), 1u);
  EXPECT_EQ(io.throttle_read_bps[0].rate, 600u);
  ASSERT_EQ(io.throttle_write_iops.size(), 1u);
  EXPECT_EQ(io.throttle_write_iops[0].minor, 16);
  EXPECT_EQ(ErrorOf(ConfigWith(R"("linux": {"resources": {"blockIO":
      {"throttleReadBpsDevice": [{"major": 8, "minor": 0}]}}})")),
            "linux.resources.blockIO.throttleReadBpsDevice[0].rate: required field is missing");
}

TEST(SpecParse, DeeplyNestedUnknownValuesAreHarmless) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Result<Config> parsed = ParseConfig(ConfigWith(R"("unknown": )" + deep));
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
}

TEST(SpecParse, TheFirstErrorIsReported) {
  EXPECT_EQ(ErrorOf(R"({"ociVersion": 1, "hostname": 2, "process": []})"),
            "ociVersion: expected string, found integer");
}

// nlohmann's lexer stops at a NUL byte as at the end of a C string; the config must not.
TEST(SpecParse, ANulByteIsAnErrorWhereverItIs) {
  EXPECT_EQ(ErrorOf(std::string(R"({"ociVersion":"1.0.2"})") + '\0' + "garbage"),
            "not valid JSON: at byte 23 (config root): a NUL byte after the end of the document");
  EXPECT_EQ(ErrorOf(std::string(R"({"ociVersion":"1.0.2","process":{"args":["a",)") + '\0' +
                    R"("b"]}})"),
            "not valid JSON: at byte 46 (process.args[1]): a NUL byte (JSON text has none "
            "outside escapes)");
  EXPECT_EQ(ErrorOf(std::string(R"({"ociVersion":"1.0)") + '\0' + R"("})"),
            "not valid JSON: at byte 19 (ociVersion): a NUL byte (JSON text has none outside "
            "escapes)");
  Result<Config> escaped = ParseConfig(R"({"ociVersion":"1.0.2","hostname":"a\u0000b"})");
  ASSERT_TRUE(escaped.ok()) << escaped.status().message();
  EXPECT_EQ(*escaped->hostname, std::string("a\0b", 3));
}

TEST(SpecParse, SyntaxErrorsNameTheJsonPathWhereTheParserStood) {
  EXPECT_EQ(ErrorOf(R"({"ociVersion":"1.0.2","mounts":[{"destination":"/a"},{"destination":})"),
            "not valid JSON: at byte 69 (mounts[1].destination): syntax error while parsing "
            "value - unexpected '}'; expected '[', '{', or a literal");
  EXPECT_EQ(ErrorOf(R"({"linux":{"sysctl":{"net.core.somaxconn":[1,2 3]}}})"),
            "not valid JSON: at byte 47 (linux.sysctl[\"net.core.somaxconn\"][2]): syntax error "
            "while parsing array - unexpected number literal; expected ']'");
}

// A 20 MiB string without its closing quote: the message quotes a few dozen bytes of it.
TEST(SpecParse, AHugeBrokenTokenIsQuotedInShort) {
  const std::string error =
      ErrorOf(R"({"ociVersion":"1.0.2","hostname":")" + std::string(20 << 20, 'h'));
  EXPECT_LT(error.size(), 400u) << error.substr(0, 400);
  EXPECT_TRUE(error.starts_with("not valid JSON: at byte 20971555 (hostname): syntax error while "
                                "parsing value - invalid string: missing closing quote; last "
                                "read: '\"hhhh"))
      << error;
  EXPECT_NE(error.find(" more bytes)'"), std::string::npos) << error;
}

// A million array elements parse in well under a second and fail with the element's index.
TEST(SpecParse, AMillionElementsAreReadAndTheBadOneNamed) {
  std::string gids;
  for (int i = 0; i < 1000000; ++i) gids += std::to_string(i) + ",";
  Result<Config> parsed =
      ParseConfig(ConfigWith(R"("process": {"user": {"uid": 0, "gid": 0, "additionalGids": [)" +
                             gids + "0]}}"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->process->user->additional_gids->size(), 1000001u);
  EXPECT_EQ(ErrorOf(ConfigWith(R"("process": {"user": {"uid": 0, "gid": 0, "additionalGids": [)" +
                               gids + "-1]}}")),
            "process.user.additionalGids[1000000]: expected unsigned integer, found negative "
            "integer -1");
}

}  // namespace
}  // namespace rt::spec
