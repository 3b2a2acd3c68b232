#include "checks/cgroup_resources.h"

#include <algorithm>
#include <cinttypes>
#include <map>
#include <set>

#include "sys/cpu_list.h"
#include "sys/proc.h"
#include "util/text.h"

namespace rt::checks {
namespace {

constexpr std::string_view kMemoryRef = "config-linux.md#memory";
constexpr std::string_view kCpuRef = "config-linux.md#cpu";
constexpr std::string_view kPidsRef = "config-linux.md#pids";
constexpr std::string_view kBlockIoRef = "config-linux.md#block-io";
constexpr std::string_view kHugepageRef = "config-linux.md#huge-page-limits";
constexpr std::string_view kNetworkRef = "config-linux.md#network";
constexpr std::string_view kRdmaRef = "config-linux.md#rdma";
constexpr std::string_view kUnifiedRef = "config-linux.md#unified";
constexpr std::string_view kDevicesRef = "config-linux.md#allowed-device-list";
constexpr std::string_view kPathRef = "config-linux.md#cgroups-path";
// The conversions of runc and crun onto cgroup v2: not the spec's, a convention (MAY).
constexpr std::string_view kConvention = " (runc/crun convention)";

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return std::string(s);
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

// The files of the container's cgroups, each read once per call.
class Files {
 public:
  Files(const CgroupPlace& place, sys::System& sys, Recorder& rec)
      : place_(place), sys_(sys), rec_(rec) {}

  // The directory of the container's cgroup for `controller`, or nullopt with a SKIP for `id`.
  std::optional<sys::CgroupDir> Dir(std::string_view controller, Id id) {
    Result<sys::CgroupDir> dir = sys::FindCgroupDir(controller, place_.membership, place_.mounts);
    if (!dir.ok()) {
      rec_.Skip(id, "", "cannot see the container's cgroup: " + dir.status().message());
      return std::nullopt;
    }
    if (dir->version == 2) {
      Result<std::string> listed = sys_.ReadFile(dir->path + "/cgroup.controllers");
      std::string words = " " + (listed.ok() ? Trimmed(*listed) : "") + " ";
      if (words.find(" " + std::string(controller) + " ") == std::string::npos) {
        rec_.Skip(id, "",
                  "the " + std::string(controller) + " controller is in no cgroup v1 hierarchy " +
                      "and not enabled in " + dir->path + "/cgroup.controllers");
        return std::nullopt;
      }
    }
    return *dir;
  }

  // The unified (v2) directory of the container, or nullopt with a SKIP for `id`.
  std::optional<sys::CgroupDir> UnifiedDir(Id id) {
    Result<sys::CgroupDir> dir = sys::FindUnifiedCgroupDir(place_.membership, place_.mounts);
    if (!dir.ok()) {
      rec_.Skip(id, "",
                "cannot see the container's cgroup v2 directory: " + dir.status().message());
      return std::nullopt;
    }
    return *dir;
  }

  Result<std::string> TryRead(const sys::CgroupDir& dir, std::string_view file) {
    Result<std::string> text = sys_.ReadFile(Path(dir, file));
    if (!text.ok()) return text.status();
    return Trimmed(*text);
  }

  // The file's content, trimmed; nullopt with "cannot observe" recorded, or, when the file does
  // not exist and `absent` says why the kernel has none, a SKIP with that reason.
  std::optional<std::string> Read(const sys::CgroupDir& dir, std::string_view file, Id id,
                                  std::string_view absent = {}) {
    Result<std::string> text = TryRead(dir, file);
    if (text.ok()) return *text;
    if (!absent.empty() && text.status().err() == ENOENT) {
      rec_.Skip(id, Path(dir, file), std::string(absent));
    } else {
      rec_.CannotObserve(id, Path(dir, file), text.status());
    }
    return std::nullopt;
  }

  static std::string Path(const sys::CgroupDir& dir, std::string_view file) {
    return dir.path + "/" + std::string(file);
  }

  const CgroupPlace& place() const { return place_; }

 private:
  const CgroupPlace& place_;
  sys::System& sys_;
  Recorder& rec_;
};

// Memory values in bytes as the kernel shows them: a limit is kept in pages, and the largest
// number of pages (PAGE_COUNTER_MAX) means no limit.
std::string MemoryBytes(uint64_t bytes, uint64_t page) {
  const uint64_t unlimited = (static_cast<uint64_t>(INT64_MAX) / page) * page;
  return bytes >= unlimited ? "unlimited" : std::to_string(bytes / page * page);
}

std::string FoundMemory(const std::string& text, uint64_t page) {
  if (text == "max") return "unlimited";
  Result<uint64_t> v = sys::ParseUnsigned(text);
  return v.ok() ? MemoryBytes(*v, page) : Quote(text);
}

std::string ExpectedMemory(int64_t value, uint64_t page) {
  return value == -1 ? "unlimited" : MemoryBytes(static_cast<uint64_t>(value), page);
}

// "maj:min" of a device entry.
std::string DeviceKey(int64_t major, int64_t minor) {
  return std::to_string(major) + ":" + std::to_string(minor);
}

// A per-device file ("8:0 1048576" lines, v1 blkio) as key -> rest of the line.
std::map<std::string, std::string> PerDevice(std::string_view text) {
  std::map<std::string, std::string> out;
  for (std::string_view line : Lines(text)) {
    size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    out[std::string(line.substr(0, space))] = Trimmed(line.substr(space + 1));
  }
  return out;
}

// "default 100" / "100" (the first line of a weight file) -> "100"; the default of io.weight.
std::string DefaultWeight(std::string_view text) {
  for (std::string_view line : Lines(text)) {
    if (line.starts_with("default ")) return Trimmed(line.substr(8));
    if (line.find(' ') == std::string_view::npos) return Trimmed(line);
  }
  return "";
}

// "rbps=1048576 wbps=max riops=max wiops=max" -> the value of `key`, "max" when absent.
std::string IoMaxValue(std::string_view rest, std::string_view key) {
  const std::string want = std::string(key) + "=";
  size_t at = 0;
  while (at < rest.size()) {
    size_t end = rest.find(' ', at);
    std::string_view word = rest.substr(at, end == std::string_view::npos ? end : end - at);
    if (word.starts_with(want)) return std::string(word.substr(want.size()));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return "max";
}

class Comparer {
 public:
  Comparer(const CgroupPlace& place, sys::System& sys, Recorder& rec)
      : files_(place, sys, rec), place_(place), rec_(rec) {}

  void Memory(const spec::MemoryResources& m);
  void Cpu(const spec::CpuResources& cpu);
  void Pids(const spec::PidsResources& pids);
  void BlockIo(const spec::BlockIo& io);
  void Hugepages(const std::vector<spec::HugepageLimit>& limits);
  void Network(const spec::NetworkResources& net);
  void Rdma(const std::map<std::string, spec::RdmaLimit>& rdma);
  void Unified(const std::map<std::string, std::string>& unified);
  void Devices(const std::vector<spec::DeviceCgroup>& rules);

 private:
  // One memory value against a file: -1 unlimited, positive bytes page-rounded; 0 and other
  // negatives are SKIPs (the spec gives them no meaning).
  void MemoryValue(const sys::CgroupDir& dir, Id id, int64_t value, std::string_view file,
                   std::string_view absent = {}) {
    if (value == 0 || value < -1) {
      rec_.Skip(id, std::to_string(value), "the spec gives meaning to -1 and positive values only");
      return;
    }
    if (auto text = files_.Read(dir, file, id, absent)) {
      rec_.Expect(id, Files::Path(dir, file), ExpectedMemory(value, place_.page_size),
                  FoundMemory(*text, place_.page_size));
    }
  }
  // A plain number (or word) against a file.
  void Value(const sys::CgroupDir& dir, Id id, std::string_view file, const std::string& expected,
             std::string_view absent = {}) {
    if (auto text = files_.Read(dir, file, id, absent)) {
      rec_.Expect(id, Files::Path(dir, file), expected, *text);
    }
  }
  void Throttle(const sys::CgroupDir& dir, Id id, const std::vector<spec::ThrottleDevice>& devices,
                std::string_view v1_file, std::string_view v2_key);

  Files files_;
  const CgroupPlace& place_;
  Recorder& rec_;
};

void Comparer::Memory(const spec::MemoryResources& m) {
  Recorder::Scoped scope(rec_, report::Level::kMust, kMemoryRef);
  if (m.check_before_update) {
    rec_.Skip("linux.resources.memory.checkBeforeUpdate", "",
              "it concerns a later update of the limit, not what create writes");
  }
  if (!m.limit && !m.reservation && !m.swap && !m.kernel && !m.kernel_tcp && !m.swappiness &&
      !m.disable_oom_killer && !m.use_hierarchy) {
    return;
  }
  if (m.limit && (*m.limit == 0 || *m.limit < -1)) {
    rec_.Skip("linux.resources.memory.limit", std::to_string(*m.limit),
              "the spec gives meaning to -1 and positive limits only");
  }
  std::optional<sys::CgroupDir> dir = files_.Dir("memory", "linux.resources.memory");
  if (!dir) return;
  const bool v1 = dir->version == 1;
  const std::string& kernel = place_.kernel_release;
  if (m.limit && (*m.limit == -1 || *m.limit > 0)) {
    MemoryValue(*dir, "linux.resources.memory.limit", *m.limit,
                v1 ? "memory.limit_in_bytes" : "memory.max");
  }
  if (m.reservation) {
    if (v1) {
      MemoryValue(*dir, "linux.resources.memory.reservation", *m.reservation,
                  "memory.soft_limit_in_bytes");
    } else {
      Recorder::Scoped convention(rec_, report::Level::kMay, kMemoryRef);
      MemoryValue(*dir, "linux.resources.memory.reservation", *m.reservation, "memory.low");
    }
  }
  if (m.swap) {
    constexpr std::string_view kId = "linux.resources.memory.swap";
    if (v1) {
      MemoryValue(*dir, kId, *m.swap, "memory.memsw.limit_in_bytes",
                  "the kernel has no memory.memsw.limit_in_bytes: swap accounting is off");
    } else if (*m.swap == -1) {
      MemoryValue(*dir, kId, -1, "memory.swap.max", "the kernel has no memory.swap.max");
    } else if (!m.limit || *m.limit <= 0 || *m.swap < *m.limit) {
      rec_.Skip(kId, std::to_string(*m.swap),
                "on cgroup v2 swap is memory.swap.max = swap - limit, which needs a positive "
                "limit no larger than swap");
    } else {
      Recorder::Scoped convention(rec_, report::Level::kMay, kMemoryRef);
      if (auto text = files_.Read(*dir, "memory.swap.max", kId,
                                  "the kernel has no "
                                  "memory.swap.max")) {
        rec_.Expect(kId, Files::Path(*dir, "memory.swap.max") + std::string(kConvention),
                    MemoryBytes(static_cast<uint64_t>(*m.swap - *m.limit), place_.page_size),
                    FoundMemory(*text, place_.page_size));
      }
    }
  }
  if (m.kernel) {
    constexpr std::string_view kId = "linux.resources.memory.kernel";
    if (!v1) {
      rec_.Skip(kId, "", "cgroup v2 has no kernel memory limit");
    } else if (KernelAtLeast(kernel, 6, 1)) {
      rec_.Skip(kId, "",
                "Linux 6.1 and later ignore memory.kmem.limit_in_bytes (kernel memory limits "
                "were dropped; the spec marks the field NOT RECOMMENDED)");
    } else {
      MemoryValue(*dir, kId, *m.kernel, "memory.kmem.limit_in_bytes",
                  "the kernel has no memory.kmem.limit_in_bytes");
    }
  }
  if (m.kernel_tcp) {
    constexpr std::string_view kId = "linux.resources.memory.kernelTCP";
    if (!v1) {
      rec_.Skip(kId, "", "cgroup v2 has no kernel TCP memory limit");
    } else {
      MemoryValue(*dir, kId, *m.kernel_tcp, "memory.kmem.tcp.limit_in_bytes",
                  "the kernel has no memory.kmem.tcp.limit_in_bytes");
    }
  }
  if (m.swappiness) {
    constexpr std::string_view kId = "linux.resources.memory.swappiness";
    if (!v1) {
      rec_.Skip(kId, "", "cgroup v2 has no per-cgroup swappiness");
    } else if (*m.swappiness > 100) {
      rec_.Skip(kId, std::to_string(*m.swappiness), "the spec gives meaning to 0..100 only");
    } else {
      Value(*dir, kId, "memory.swappiness", std::to_string(*m.swappiness));
    }
  }
  if (m.disable_oom_killer) {
    constexpr std::string_view kId = "linux.resources.memory.disableOOMKiller";
    if (!v1) {
      rec_.Skip(kId, "", "cgroup v2 has no switch for the OOM killer");
    } else if (auto text = files_.Read(*dir, "memory.oom_control", kId)) {
      std::string found = "no oom_kill_disable line";
      for (std::string_view line : Lines(*text)) {
        if (line.starts_with("oom_kill_disable ")) found = std::string(line);
      }
      rec_.Expect(kId, Files::Path(*dir, "memory.oom_control"),
                  *m.disable_oom_killer ? "oom_kill_disable 1" : "oom_kill_disable 0", found);
    }
  }
  if (m.use_hierarchy) {
    constexpr std::string_view kId = "linux.resources.memory.useHierarchy";
    if (!v1) {
      rec_.Skip(kId, "", "cgroup v2 is always hierarchical");
    } else if (auto text = files_.Read(*dir, "memory.use_hierarchy", kId)) {
      if (!*m.use_hierarchy && *text == "1" && KernelAtLeast(kernel, 5, 11)) {
        rec_.Skip(kId, "false",
                  "Linux 5.11 and later always account hierarchically (memory.use_hierarchy is "
                  "1 and refuses 0)");
      } else {
        rec_.Expect(kId, Files::Path(*dir, "memory.use_hierarchy"), *m.use_hierarchy ? "1" : "0",
                    *text);
      }
    }
  }
}

void Comparer::Pids(const spec::PidsResources& pids) {
  constexpr std::string_view kId = "linux.resources.pids.limit";
  Recorder::Scoped scope(rec_, report::Level::kMust, kPidsRef);
  if (!pids.limit) {
    rec_.Skip(kId, "", "linux.resources.pids.limit is not set in the config");
    return;
  }
  const int64_t limit = *pids.limit;
  if (limit < -1) {
    rec_.Skip(kId, std::to_string(limit), "runtime-spec gives a meaning only to -1 (no limit)");
    return;
  }
  std::optional<sys::CgroupDir> dir = files_.Dir("pids", kId);
  if (!dir) return;
  std::optional<std::string> text = files_.Read(*dir, "pids.max", kId);
  if (!text) return;
  const std::string subject = Files::Path(*dir, "pids.max");
  if (limit == -1) {
    rec_.Expect(kId, subject, "max", *text);  // runtime-spec 1.3: -1 is no limit, "max"
    return;
  }
  // 0 is a valid limit to the kernel, and runtimes SHOULD treat it as one (runtime-spec 1.3).
  std::optional<Recorder::Scoped> zero;
  if (limit == 0) zero.emplace(rec_, report::Level::kShould, kPidsRef);
  rec_.Expect(kId, subject, std::to_string(limit), *text);
}

void Comparer::Cpu(const spec::CpuResources& cpu) {
  Recorder::Scoped scope(rec_, report::Level::kMust, kCpuRef);
  const bool shares = cpu.shares.value_or(0) != 0;
  const bool quota = cpu.quota.value_or(0) != 0;
  const bool period = cpu.period.value_or(0) != 0;
  if (cpu.shares && !shares) rec_.Skip("linux.resources.cpu.shares", "0", "0 leaves the default");
  if (cpu.quota && !quota) rec_.Skip("linux.resources.cpu.quota", "0", "0 leaves the default");
  if (cpu.period && !period) rec_.Skip("linux.resources.cpu.period", "0", "0 leaves the default");
  const bool rt = cpu.realtime_runtime || cpu.realtime_period;
  if (shares || quota || period || cpu.burst || rt || cpu.idle) {
    std::optional<sys::CgroupDir> dir = files_.Dir("cpu", "linux.resources.cpu");
    if (dir && dir->version == 1) {
      if (shares) {
        // The kernel clamps shares to [2, 262144].
        Value(*dir, "linux.resources.cpu.shares", "cpu.shares",
              std::to_string(std::clamp<uint64_t>(*cpu.shares, 2, 262144)));
      }
      if (quota) {
        Value(*dir, "linux.resources.cpu.quota", "cpu.cfs_quota_us",
              *cpu.quota < 0 ? "-1" : std::to_string(*cpu.quota));
      }
      if (period) {
        Value(*dir, "linux.resources.cpu.period", "cpu.cfs_period_us", std::to_string(*cpu.period));
      }
      if (cpu.burst) {
        Value(*dir, "linux.resources.cpu.burst", "cpu.cfs_burst_us", std::to_string(*cpu.burst),
              "the kernel has no cpu.cfs_burst_us (before Linux 5.14, or no CFS bandwidth)");
      }
      constexpr std::string_view kNoRt =
          "the kernel has no real-time group scheduling (CONFIG_RT_GROUP_SCHED)";
      if (cpu.realtime_runtime) {
        Value(*dir, "linux.resources.cpu.realtimeRuntime", "cpu.rt_runtime_us",
              std::to_string(*cpu.realtime_runtime), kNoRt);
      }
      if (cpu.realtime_period) {
        Value(*dir, "linux.resources.cpu.realtimePeriod", "cpu.rt_period_us",
              std::to_string(*cpu.realtime_period), kNoRt);
      }
      if (cpu.idle) {
        Value(*dir, "linux.resources.cpu.idle", "cpu.idle", std::to_string(*cpu.idle),
              "the kernel has no cpu.idle (before Linux 5.15)");
      }
    } else if (dir) {
      if (shares) {
        Recorder::Scoped convention(rec_, report::Level::kMay, kCpuRef);
        if (auto text = files_.Read(*dir, "cpu.weight", "linux.resources.cpu.shares")) {
          rec_.Expect("linux.resources.cpu.shares",
                      Files::Path(*dir, "cpu.weight") + std::string(kConvention),
                      std::to_string(CpuWeightFromShares(*cpu.shares)), *text);
        }
      }
      if (quota || period) {
        if (auto text = files_.Read(*dir, "cpu.max", "linux.resources.cpu")) {
          const std::string subject = Files::Path(*dir, "cpu.max");
          const size_t space = text->find(' ');
          const std::string found_quota = text->substr(0, space);
          const std::string found_period =
              space == std::string::npos ? "" : Trimmed(text->substr(space + 1));
          if (quota) {
            rec_.Expect("linux.resources.cpu.quota", subject + " quota",
                        *cpu.quota < 0 ? "max" : std::to_string(*cpu.quota), found_quota);
          }
          if (period) {
            rec_.Expect("linux.resources.cpu.period", subject + " period",
                        std::to_string(*cpu.period), found_period);
          }
        }
      }
      if (cpu.burst) {
        Value(*dir, "linux.resources.cpu.burst", "cpu.max.burst", std::to_string(*cpu.burst),
              "the kernel has no cpu.max.burst (before Linux 5.14)");
      }
      if (cpu.realtime_runtime) {
        rec_.Skip("linux.resources.cpu.realtimeRuntime", "",
                  "cgroup v2 has no real-time group scheduling files");
      }
      if (cpu.realtime_period) {
        rec_.Skip("linux.resources.cpu.realtimePeriod", "",
                  "cgroup v2 has no real-time group scheduling files");
      }
      if (cpu.idle) {
        Value(*dir, "linux.resources.cpu.idle", "cpu.idle", std::to_string(*cpu.idle),
              "the kernel has no cpu.idle (before Linux 5.15)");
      }
    }
  }
  struct List {
    const std::optional<std::string>* value;
    std::string_view name;
    checks::Id id;
  };
  const List kLists[] = {{&cpu.cpus, "cpus", "linux.resources.cpu.cpus"},
                         {&cpu.mems, "mems", "linux.resources.cpu.mems"}};
  for (const auto& [value, name, id] : kLists) {
    if (!*value || (*value)->empty()) continue;
    Result<sys::CpuList> want = sys::CpuList::Parse(**value);
    if (!want.ok()) {
      rec_.Fail(id, "", "a list such as \"0-3,7\"", Quote(**value));
      continue;
    }
    std::optional<sys::CgroupDir> dir = files_.Dir("cpuset", id);
    if (!dir) continue;
    const std::string file = "cpuset." + std::string(name);
    std::optional<std::string> text = files_.Read(*dir, file, id);
    if (!text) continue;
    Result<sys::CpuList> found = sys::CpuList::Parse(*text);
    rec_.Expect(id, Files::Path(*dir, file), want->ToString(),
                found.ok() ? found->ToString() : Quote(*text));
  }
}

void Comparer::Throttle(const sys::CgroupDir& dir, Id id,
                        const std::vector<spec::ThrottleDevice>& devices, std::string_view v1_file,
                        std::string_view v2_key) {
  if (devices.empty()) return;
  const std::string_view file = dir.version == 1 ? v1_file : "io.max";
  std::optional<std::string> text = files_.Read(dir, file, id);
  if (!text) return;
  std::map<std::string, std::string> found = PerDevice(*text);
  for (const spec::ThrottleDevice& d : devices) {
    const std::string key = DeviceKey(d.major, d.minor);
    auto it = found.find(key);
    std::string value = "none";
    if (it != found.end()) value = dir.version == 1 ? it->second : IoMaxValue(it->second, v2_key);
    // A rate of 0 removes the limit.
    const std::string expected =
        d.rate == 0 ? (dir.version == 1 ? "none" : "max") : std::to_string(d.rate);
    if (dir.version == 2 && value == "none") value = "max";
    rec_.Expect(id,
                Files::Path(dir, file) + " " + key +
                    (dir.version == 2 ? " " + std::string(v2_key) : std::string()),
                expected, value);
  }
}

void Comparer::BlockIo(const spec::BlockIo& io) {
  Recorder::Scoped scope(rec_, report::Level::kMust, kBlockIoRef);
  // v1 calls the controller blkio, v2 io.
  Result<sys::CgroupDir> blkio = sys::FindCgroupDir("blkio", place_.membership, place_.mounts);
  std::optional<sys::CgroupDir> dir =
      files_.Dir(blkio.ok() && blkio->version == 1 ? "blkio" : "io", "linux.resources.blockIO");
  if (!dir) return;
  const bool v1 = dir->version == 1;
  constexpr std::string_view kNoWeight =
      "the kernel has neither blkio.weight nor blkio.bfq.weight (no CFQ or BFQ I/O scheduler)";
  if (io.weight) {
    constexpr std::string_view kId = "linux.resources.blockIO.weight";
    if (v1) {
      const bool plain = files_.TryRead(*dir, "blkio.weight").ok();
      const char* file = plain ? "blkio.weight" : "blkio.bfq.weight";
      if (auto text = files_.Read(*dir, file, kId, kNoWeight)) {
        rec_.Expect(kId, Files::Path(*dir, file), std::to_string(*io.weight), DefaultWeight(*text));
      }
    } else {
      // runc and crun write the weight as is to io.bfq.weight when it exists, else converted
      // to io.weight.
      Result<std::string> bfq = files_.TryRead(*dir, "io.bfq.weight");
      Recorder::Scoped convention(rec_, report::Level::kMay, kBlockIoRef);
      if (bfq.ok()) {
        rec_.Expect(kId, Files::Path(*dir, "io.bfq.weight") + std::string(kConvention),
                    std::to_string(*io.weight), DefaultWeight(*bfq));
      } else if (auto text = files_.Read(*dir, "io.weight", kId,
                                         "the kernel has neither io.bfq.weight nor io.weight")) {
        rec_.Expect(kId, Files::Path(*dir, "io.weight") + std::string(kConvention),
                    std::to_string(IoWeightFromBlkioWeight(*io.weight)), DefaultWeight(*text));
      }
    }
  }
  if (io.leaf_weight) {
    constexpr std::string_view kId = "linux.resources.blockIO.leafWeight";
    if (v1) {
      Value(*dir, kId, "blkio.leaf_weight", std::to_string(*io.leaf_weight),
            "the kernel has no blkio.leaf_weight (CFQ, removed in Linux 5.0)");
    } else {
      rec_.Skip(kId, "", "cgroup v2 has no leaf weight");
    }
  }
  for (const spec::WeightDevice& d : io.weight_device) {
    constexpr std::string_view kId = "linux.resources.blockIO.weightDevice";
    const std::string key = DeviceKey(d.major, d.minor);
    if (d.leaf_weight && v1) {
      if (auto text = files_.Read(*dir, "blkio.leaf_weight_device", kId,
                                  "the kernel has no blkio.leaf_weight_device (CFQ, removed in "
                                  "Linux 5.0)")) {
        auto found = PerDevice(*text);
        rec_.Expect(kId, Files::Path(*dir, "blkio.leaf_weight_device") + " " + key,
                    std::to_string(*d.leaf_weight), found.count(key) != 0 ? found[key] : "none");
      }
    } else if (d.leaf_weight) {
      rec_.Skip(kId, key + " leafWeight", "cgroup v2 has no leaf weight");
    }
    if (!d.weight) continue;
    const char* file = nullptr;
    for (const char* candidate :
         v1 ? std::vector<const char*>{"blkio.weight_device", "blkio.bfq.weight_device"}
            : std::vector<const char*>{"io.bfq.weight", "io.weight"}) {
      if (files_.TryRead(*dir, candidate).ok()) {
        file = candidate;
        break;
      }
    }
    if (file == nullptr) {
      rec_.Skip(kId, key,
                v1 ? "the kernel has no blkio.weight_device nor "
                     "blkio.bfq.weight_device (no CFQ or BFQ I/O scheduler)"
                   : "the kernel has neither io.bfq.weight nor io.weight");
      continue;
    }
    std::optional<Recorder::Scoped> convention;
    if (!v1) convention.emplace(rec_, report::Level::kMay, kBlockIoRef);
    if (auto text = files_.Read(*dir, file, kId)) {
      auto found = PerDevice(*text);
      const bool converted = std::string_view(file) == "io.weight";
      rec_.Expect(kId, Files::Path(*dir, file) + " " + key + (v1 ? "" : std::string(kConvention)),
                  std::to_string(converted ? IoWeightFromBlkioWeight(*d.weight) : *d.weight),
                  found.count(key) != 0 ? found[key] : "none");
    }
  }
  Throttle(*dir, "linux.resources.blockIO.throttleReadBpsDevice", io.throttle_read_bps,
           "blkio.throttle.read_bps_device", "rbps");
  Throttle(*dir, "linux.resources.blockIO.throttleWriteBpsDevice", io.throttle_write_bps,
           "blkio.throttle.write_bps_device", "wbps");
  Throttle(*dir, "linux.resources.blockIO.throttleReadIOPSDevice", io.throttle_read_iops,
           "blkio.throttle.read_iops_device", "riops");
  Throttle(*dir, "linux.resources.blockIO.throttleWriteIOPSDevice", io.throttle_write_iops,
           "blkio.throttle.write_iops_device", "wiops");
}

void Comparer::Hugepages(const std::vector<spec::HugepageLimit>& limits) {
  if (limits.empty()) return;
  Recorder::Scoped scope(rec_, report::Level::kMust, kHugepageRef);
  constexpr std::string_view kId = "linux.resources.hugepageLimits";
  std::optional<sys::CgroupDir> dir = files_.Dir("hugetlb", kId);
  if (!dir) return;
  const bool v1 = dir->version == 1;
  for (const spec::HugepageLimit& h : limits) {
    std::optional<uint64_t> size = HugepageSizeBytes(h.page_size);
    if (!size) {
      rec_.Fail(kId, Quote(h.page_size), "a size such as \"2MB\"", Quote(h.page_size));
      continue;
    }
    // The kernel keeps whole huge pages.
    const std::string expected = MemoryBytes(h.limit, *size);
    const std::string base = "hugetlb." + h.page_size;
    const std::string file = base + (v1 ? ".limit_in_bytes" : ".max");
    if (auto text =
            files_.Read(*dir, file, kId, "the kernel has no " + h.page_size + " huge pages")) {
      rec_.Expect(kId, Files::Path(*dir, file), expected, FoundMemory(*text, *size));
    }
    // Since runtime-spec 1.1 the limit is the reservation limit where the kernel has one: a
    // default the text describes without a MUST, so a SHOULD.
    Recorder::Scoped should(rec_, report::Level::kShould, kHugepageRef);
    const std::string rsvd = base + (v1 ? ".rsvd.limit_in_bytes" : ".rsvd.max");
    if (auto text = files_.Read(*dir, rsvd, "linux.resources.hugepageLimits.rsvd",
                                "the kernel has no hugetlb reservation accounting (before "
                                "Linux 5.7)")) {
      rec_.Expect("linux.resources.hugepageLimits.rsvd", Files::Path(*dir, rsvd), expected,
                  FoundMemory(*text, *size));
    }
  }
}

void Comparer::Network(const spec::NetworkResources& net) {
  Recorder::Scoped scope(rec_, report::Level::kMust, kNetworkRef);
  if (net.class_id) {
    constexpr std::string_view kId = "linux.resources.network.classID";
    if (auto dir = files_.Dir("net_cls", kId)) {
      if (dir->version == 2) {
        rec_.Skip(kId, "", "cgroup v2 has no net_cls controller");
      } else {
        Value(*dir, kId, "net_cls.classid", std::to_string(*net.class_id));
      }
    }
  }
  if (!net.priorities.empty()) {
    constexpr std::string_view kId = "linux.resources.network.priorities";
    if (auto dir = files_.Dir("net_prio", kId)) {
      if (dir->version == 2) {
        rec_.Skip(kId, "", "cgroup v2 has no net_prio controller");
      } else if (auto text = files_.Read(*dir, "net_prio.ifpriomap", kId)) {
        auto found = PerDevice(*text);
        for (const spec::InterfacePriority& p : net.priorities) {
          rec_.Expect(kId, Files::Path(*dir, "net_prio.ifpriomap") + " " + p.name,
                      std::to_string(p.priority),
                      found.count(p.name) != 0 ? found[p.name] : "no such interface");
        }
      }
    }
  }
}

void Comparer::Rdma(const std::map<std::string, spec::RdmaLimit>& rdma) {
  if (rdma.empty()) return;
  Recorder::Scoped scope(rec_, report::Level::kMust, kRdmaRef);
  constexpr std::string_view kId = "linux.resources.rdma";
  std::optional<sys::CgroupDir> dir = files_.Dir("rdma", kId);
  if (!dir) return;
  std::optional<std::string> text = files_.Read(*dir, "rdma.max", kId);
  if (!text) return;
  auto found = PerDevice(*text);
  for (const auto& [device, limit] : rdma) {
    const std::string line = found.count(device) != 0 ? found[device] : "";
    const std::pair<const std::optional<uint32_t>*, std::string_view> kFields[] = {
        {&limit.hca_handles, "hca_handle"}, {&limit.hca_objects, "hca_object"}};
    for (const auto& [value, key] : kFields) {
      if (!*value) continue;
      rec_.Expect(kId, Files::Path(*dir, "rdma.max") + " " + device + " " + std::string(key),
                  std::to_string(**value),
                  line.empty() ? "no line for the device" : IoMaxValue(line, key));
    }
  }
}

void Comparer::Unified(const std::map<std::string, std::string>& unified) {
  if (unified.empty()) return;
  Recorder::Scoped scope(rec_, report::Level::kMust, kUnifiedRef);
  constexpr std::string_view kId = "linux.resources.unified";
  std::optional<sys::CgroupDir> dir = files_.UnifiedDir(kId);
  if (!dir) return;
  for (const auto& [key, value] : unified) {
    Result<std::string> text = files_.TryRead(*dir, key);
    if (!text.ok() && text.status().err() == ENOENT) {
      // The runtime had to write it, or refuse the config (config-linux.md#unified).
      rec_.Fail(kId, Files::Path(*dir, key), Quote(Trimmed(value)), "no such file");
    } else if (!text.ok()) {
      rec_.CannotObserve(kId, Files::Path(*dir, key), text.status());
    } else {
      rec_.Expect(kId, Files::Path(*dir, key), Quote(Trimmed(value)), Quote(*text));
    }
  }
}

// Whether a devices.list rule or a config rule covers a device and one access letter.
bool Covers(char type, int64_t major, int64_t minor, std::string_view access, char want_type,
            int64_t want_major, int64_t want_minor, char letter) {
  return (type == 'a' || type == want_type) && (major == -1 || major == want_major) &&
         (minor == -1 || minor == want_minor) && access.find(letter) != std::string_view::npos;
}

// Devices every container gets (config-linux.md#default-devices; /dev/console, /dev/pts and
// /dev/ptmx too): runtimes allow them whatever the rules say.
bool IsDefaultDevice(char type, int64_t major, int64_t minor) {
  if (type != 'c') return false;
  if (major == 1) return minor == 3 || minor == 5 || minor == 7 || minor == 8 || minor == 9;
  if (major == 5) return minor == 0 || minor == 1 || minor == 2;
  return major == 136;
}

void Comparer::Devices(const std::vector<spec::DeviceCgroup>& rules) {
  if (rules.empty()) return;
  Recorder::Scoped scope(rec_, report::Level::kMust, kDevicesRef);
  constexpr std::string_view kId = "linux.resources.devices";
  Result<sys::CgroupDir> where = sys::FindCgroupDir("devices", place_.membership, place_.mounts);
  std::optional<sys::CgroupDir> dir;
  if (where.ok() && where->version == 2) {
    dir = *where;  // v2 has no "devices" in cgroup.controllers
  } else {
    dir = files_.Dir("devices", kId);
  }
  if (!dir) return;
  if (dir->version == 2) {
    rec_.Skip(kId, "",
              "cgroup v2 enforces device rules with an eBPF program that has no file to read "
              "(inside the container they are judged by behaviour)");
    return;
  }
  const std::vector<DeviceAccess> accesses = ExpectedDeviceAccess(rules);
  if (accesses.empty()) {
    rec_.Skip(kId, "", "no rule names a device other than the default devices");
    return;
  }
  std::optional<std::string> text = files_.Read(*dir, "devices.list", kId);
  if (!text) return;
  const std::vector<DeviceListEntry> list = ParseDevicesList(*text);
  for (const DeviceAccess& a : accesses) {
    bool found = false;
    for (const DeviceListEntry& e : list) {
      found =
          found || Covers(e.type, e.major, e.minor, e.access, a.type, a.major, a.minor, a.letter);
    }
    rec_.Expect(kId,
                Files::Path(*dir, "devices.list") + " " + std::string(1, a.type) + " " +
                    DeviceKey(a.major, a.minor) + " " + std::string(1, a.letter),
                a.allowed ? "allowed" : "denied", found ? "allowed" : "denied");
  }
}

}  // namespace

uint64_t CpuWeightFromShares(uint64_t shares) {
  if (shares == 0) return 0;
  shares = std::clamp<uint64_t>(shares, 2, 262144);
  return 1 + ((shares - 2) * 9999) / 262142;
}

uint64_t IoWeightFromBlkioWeight(uint64_t weight) {
  if (weight == 0) return 0;
  return 1 + (weight - 10) * 9999 / 990;
}

std::optional<uint64_t> HugepageSizeBytes(std::string_view page_size) {
  if (page_size.size() < 3 || !page_size.ends_with("B")) return std::nullopt;
  const char unit = page_size[page_size.size() - 2];
  uint64_t scale = 0;
  switch (unit) {
    case 'K':
      scale = 1ULL << 10;
      break;
    case 'M':
      scale = 1ULL << 20;
      break;
    case 'G':
      scale = 1ULL << 30;
      break;
    default:
      return std::nullopt;
  }
  Result<uint64_t> n = sys::ParseUnsigned(page_size.substr(0, page_size.size() - 2));
  if (!n.ok() || *n == 0) return std::nullopt;
  return *n * scale;
}

std::vector<DeviceListEntry> ParseDevicesList(std::string_view text) {
  std::vector<DeviceListEntry> out;
  for (std::string_view line : Lines(text)) {
    // "c 1:3 rwm"
    if (line.size() < 7 || line[1] != ' ') continue;
    DeviceListEntry e;
    e.type = line[0];
    std::string_view rest = line.substr(2);
    size_t colon = rest.find(':'), space = rest.find(' ');
    if (colon == std::string_view::npos || space == std::string_view::npos || colon > space) {
      continue;
    }
    auto number = [](std::string_view s) -> int64_t {
      if (s == "*") return -1;
      Result<uint64_t> v = sys::ParseUnsigned(s);
      return v.ok() ? static_cast<int64_t>(*v) : -2;
    };
    e.major = number(rest.substr(0, colon));
    e.minor = number(rest.substr(colon + 1, space - colon - 1));
    e.access = Trimmed(rest.substr(space + 1));
    if (e.major == -2 || e.minor == -2) continue;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<DeviceAccess> ExpectedDeviceAccess(const std::vector<spec::DeviceCgroup>& rules) {
  auto type_of = [](const spec::DeviceCgroup& r) {
    return r.type && !r.type->empty() ? (*r.type)[0] : 'a';
  };
  std::set<std::tuple<char, int64_t, int64_t>> devices;
  for (const spec::DeviceCgroup& r : rules) {
    const char type = type_of(r);
    if ((type == 'c' || type == 'b') && r.major.value_or(-1) >= 0 && r.minor.value_or(-1) >= 0 &&
        !IsDefaultDevice(type, *r.major, *r.minor)) {
      devices.insert({type, *r.major, *r.minor});
    }
  }
  std::vector<DeviceAccess> out;
  for (const auto& [type, major, minor] : devices) {
    for (char letter : std::string_view("rwm")) {
      std::optional<bool> allowed;
      for (const spec::DeviceCgroup& r : rules) {
        if (Covers(type_of(r), r.major.value_or(-1), r.minor.value_or(-1), r.access.value_or("rwm"),
                   type, major, minor, letter)) {
          allowed = r.allow;
        }
      }
      if (allowed) out.push_back({type, major, minor, letter, *allowed});
    }
  }
  return out;
}

std::vector<std::string> ControllersUsed(const spec::Resources& r) {
  std::vector<std::string> out;
  auto add = [&out](std::string c) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  };
  if (r.memory) add("memory");
  if (r.cpu) {
    if (r.cpu->shares || r.cpu->quota || r.cpu->period || r.cpu->burst || r.cpu->realtime_runtime ||
        r.cpu->realtime_period || r.cpu->idle) {
      add("cpu");
    }
    if (r.cpu->cpus || r.cpu->mems) add("cpuset");
  }
  if (r.pids) add("pids");
  if (r.block_io) add("blkio");
  if (!r.hugepage_limits.empty()) add("hugetlb");
  if (r.network && r.network->class_id) add("net_cls");
  if (r.network && !r.network->priorities.empty()) add("net_prio");
  if (!r.rdma.empty()) add("rdma");
  if (!r.devices.empty()) add("devices");
  return out;
}

void CompareCgroupResources(const spec::Resources& r, const CgroupPlace& place, sys::System& sys,
                            Recorder& rec) {
  Comparer compare(place, sys, rec);
  if (r.memory) compare.Memory(*r.memory);
  if (r.pids) compare.Pids(*r.pids);
  if (r.cpu) compare.Cpu(*r.cpu);
  if (r.block_io) compare.BlockIo(*r.block_io);
  compare.Hugepages(r.hugepage_limits);
  if (r.network) compare.Network(*r.network);
  compare.Rdma(r.rdma);
  compare.Unified(r.unified);
  compare.Devices(r.devices);
}

void CompareCgroupsPath(const std::optional<std::string>& cgroups_path,
                        const std::vector<sys::CgroupMembership>& membership,
                        const std::vector<std::string>& controllers, Recorder& rec) {
  constexpr std::string_view kId = "linux.resources.cgroupsPath";
  Recorder::Scoped scope(rec, report::Level::kMust, kPathRef);
  if (!cgroups_path || cgroups_path->empty()) {
    rec.Skip(kId, "", "cgroupsPath is unset: the runtime MAY choose the default path");
    return;
  }
  if (controllers.empty()) {
    rec.Skip(kId, "", "the config sets no limit, so no controller must hold the container");
    return;
  }
  std::string want = *cgroups_path;
  while (want.size() > 1 && want.back() == '/') want.pop_back();
  const bool absolute = want.front() == '/';
  for (const std::string& controller : controllers) {
    const sys::CgroupMembership* in = nullptr;
    for (const sys::CgroupMembership& m : membership) {
      if (std::find(m.controllers.begin(), m.controllers.end(), controller) !=
          m.controllers.end()) {
        in = &m;
      }
    }
    if (in == nullptr) {
      for (const sys::CgroupMembership& m : membership) {
        if (m.hierarchy_id == "0" && m.controllers.empty()) in = &m;
      }
    }
    const std::string subject = "cgroup of the " + controller + " controller";
    if (in == nullptr) {
      rec.Skip(kId, subject, "/proc/<pid>/cgroup names no hierarchy with it");
      continue;
    }
    if (absolute) {
      rec.Expect(kId, subject, want, in->path);
    } else if (in->path == "/" + want || in->path.ends_with("/" + want)) {
      rec.Pass(kId, subject);
    } else {
      rec.Fail(kId, subject, ".../" + want + " (relative to a runtime-chosen parent)", in->path);
    }
  }
}

}  // namespace rt::checks
