// config-linux.md#control-groups: linux.resources as the container sees them, in the files of its
// own cgroup where a cgroup filesystem is mounted inside the container (the default config
// mounts one read-only at /sys/fs/cgroup). /proc/self/cgroup names the cgroup of each
// hierarchy, /proc/self/mountinfo where that hierarchy is mounted; the two give the directory,
// with or without a cgroup namespace. Compared: memory.limit, pids.limit, cpu.shares, cpu.quota,
// cpu.period, cpu.cpus and cpu.mems, in the cgroup v1 files or their cgroup v2 counterparts.
// What is not visible is a SKIP naming what is missing.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "sys/cgroup.h"
#include "sys/cpu_list.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

constexpr std::string_view kMemoryRef = "config-linux.md#memory";
constexpr std::string_view kCpuRef = "config-linux.md#cpu";
constexpr std::string_view kPidsRef = "config-linux.md#pids";

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return std::string(s);
}

// Reads the files of the container's own cgroups.
class CgroupFiles {
 public:
  CgroupFiles(const Context& ctx, Recorder& rec) : ctx_(ctx), rec_(rec) {}

  // Reads /proc/self/cgroup and /proc/self/mountinfo; false (with an error recorded) when it
  // cannot.
  bool Load() {
    Result<std::string> cgroup = ctx_.sys.ReadFile("/proc/self/cgroup");
    if (!cgroup.ok()) {
      rec_.CannotObserve("", "", cgroup.status());
      return false;
    }
    Result<std::string> mountinfo = ctx_.sys.ReadFile("/proc/self/mountinfo");
    if (!mountinfo.ok()) {
      rec_.CannotObserve("", "", mountinfo.status());
      return false;
    }
    Result<std::vector<sys::MountInfo>> table = sys::ParseMountInfo(*mountinfo);
    if (!table.ok()) {
      rec_.CannotObserve("", "/proc/self/mountinfo", table.status());
      return false;
    }
    membership_ = sys::ParseProcCgroup(*cgroup);
    mounts_ = sys::CgroupMounts(*table);
    return true;
  }

  // The directory of this process's cgroup for `controller`, or nullopt with a SKIP recorded for
  // `id` saying why it is not visible.
  std::optional<sys::CgroupDir> Dir(std::string_view controller, std::string_view id) {
    Result<sys::CgroupDir> dir = sys::FindCgroupDir(controller, membership_, mounts_);
    if (!dir.ok()) {
      rec_.Skip(id, "", "cannot see the container's cgroup: " + dir.status().message());
      return std::nullopt;
    }
    if (dir->version == 2) {
      Result<std::string> listed = ctx_.sys.ReadFile(dir->path + "/cgroup.controllers");
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

  // The content of `file` in `dir`, trimmed; nullopt with an error recorded for `id`.
  std::optional<std::string> Read(const sys::CgroupDir& dir, std::string_view file,
                                  std::string_view id) {
    const std::string path = dir.path + "/" + std::string(file);
    Result<std::string> text = ctx_.sys.ReadFile(path);
    if (!text.ok()) {
      rec_.CannotObserve(id, path, text.status());
      return std::nullopt;
    }
    return Trimmed(*text);
  }

 private:
  const Context& ctx_;
  Recorder& rec_;
  std::vector<sys::CgroupMembership> membership_;
  std::vector<sys::CgroupMount> mounts_;
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

void CompareMemory(const spec::MemoryResources& memory, CgroupFiles& files, uint64_t page,
                   Recorder& rec) {
  if (!memory.limit) return;
  constexpr std::string_view kId = "linux.resources.memory.limit";
  Recorder::Scoped scope(rec, report::Level::kMust, kMemoryRef);
  const int64_t limit = *memory.limit;
  if (limit == 0 || limit < -1) {
    rec.Skip(kId, std::to_string(limit), "the spec gives meaning to -1 and positive limits only");
    return;
  }
  std::optional<sys::CgroupDir> dir = files.Dir("memory", kId);
  if (!dir) return;
  const std::string_view file = dir->version == 1 ? "memory.limit_in_bytes" : "memory.max";
  std::optional<std::string> text = files.Read(*dir, file, kId);
  if (!text) return;
  const std::string expected =
      limit == -1 ? "unlimited" : MemoryBytes(static_cast<uint64_t>(limit), page);
  rec.Expect(kId, dir->path + "/" + std::string(file), expected, FoundMemory(*text, page));
}

void ComparePids(const spec::PidsResources& pids, CgroupFiles& files, Recorder& rec) {
  constexpr std::string_view kId = "linux.resources.pids.limit";
  Recorder::Scoped scope(rec, report::Level::kMust, kPidsRef);
  if (!pids.limit) {
    rec.Skip(kId, "", "linux.resources.pids.limit is not set in the config");
    return;
  }
  const int64_t limit = *pids.limit;
  if (limit < -1) {
    rec.Skip(kId, std::to_string(limit), "runtime-spec gives a meaning only to -1 (no limit)");
    return;
  }
  std::optional<sys::CgroupDir> dir = files.Dir("pids", kId);
  if (!dir) return;
  std::optional<std::string> text = files.Read(*dir, "pids.max", kId);
  if (!text) return;
  const std::string subject = dir->path + "/pids.max";
  if (limit == -1) {
    rec.Expect(kId, subject, "max", *text);  // runtime-spec 1.3: -1 is no limit, "max"
    return;
  }
  // 0 is a valid limit to the kernel, and runtimes SHOULD treat it as one (runtime-spec 1.3).
  std::optional<Recorder::Scoped> zero;
  if (limit == 0) zero.emplace(rec, report::Level::kShould, kPidsRef);
  rec.Expect(kId, subject, std::to_string(limit), *text);
}

void CompareCpu(const spec::CpuResources& cpu, CgroupFiles& files, Recorder& rec) {
  Recorder::Scoped scope(rec, report::Level::kMust, kCpuRef);
  const bool shares = cpu.shares.value_or(0) != 0;
  const bool quota = cpu.quota.value_or(0) != 0;
  const bool period = cpu.period.value_or(0) != 0;
  if (cpu.shares && !shares) rec.Skip("linux.resources.cpu.shares", "0", "0 leaves the default");
  if (cpu.quota && !quota) rec.Skip("linux.resources.cpu.quota", "0", "0 leaves the default");
  if (cpu.period && !period) rec.Skip("linux.resources.cpu.period", "0", "0 leaves the default");
  if (shares || quota || period) {
    std::optional<sys::CgroupDir> dir = files.Dir("cpu", "linux.resources.cpu");
    if (dir && dir->version == 1) {
      if (shares) {
        // The kernel clamps shares to [2, 262144].
        const uint64_t want = std::clamp<uint64_t>(*cpu.shares, 2, 262144);
        if (auto text = files.Read(*dir, "cpu.shares", "linux.resources.cpu.shares")) {
          rec.Expect("linux.resources.cpu.shares", dir->path + "/cpu.shares", std::to_string(want),
                     *text);
        }
      }
      if (quota) {
        if (auto text = files.Read(*dir, "cpu.cfs_quota_us", "linux.resources.cpu.quota")) {
          rec.Expect("linux.resources.cpu.quota", dir->path + "/cpu.cfs_quota_us",
                     *cpu.quota < 0 ? "-1" : std::to_string(*cpu.quota), *text);
        }
      }
      if (period) {
        if (auto text = files.Read(*dir, "cpu.cfs_period_us", "linux.resources.cpu.period")) {
          rec.Expect("linux.resources.cpu.period", dir->path + "/cpu.cfs_period_us",
                     std::to_string(*cpu.period), *text);
        }
      }
    } else if (dir) {
      if (shares) {
        rec.Skip("linux.resources.cpu.shares", "",
                 "cgroup v2 has cpu.weight instead; turning shares into a weight is a "
                 "conversion each runtime chooses (config-linux.md#unified: MAY)");
      }
      if (quota || period) {
        if (auto text = files.Read(*dir, "cpu.max", "linux.resources.cpu")) {
          const std::string subject = dir->path + "/cpu.max";
          const size_t space = text->find(' ');
          const std::string found_quota = text->substr(0, space);
          const std::string found_period =
              space == std::string::npos ? "" : Trimmed(text->substr(space + 1));
          if (quota) {
            rec.Expect("linux.resources.cpu.quota", subject + " quota",
                       *cpu.quota < 0 ? "max" : std::to_string(*cpu.quota), found_quota);
          }
          if (period) {
            rec.Expect("linux.resources.cpu.period", subject + " period",
                       std::to_string(*cpu.period), found_period);
          }
        }
      }
    }
  }
  const std::pair<const std::optional<std::string>*, std::string_view> kLists[] = {
      {&cpu.cpus, "cpus"}, {&cpu.mems, "mems"}};
  for (const auto& [value, name] : kLists) {
    if (!*value || (*value)->empty()) continue;
    const std::string id = "linux.resources.cpu." + std::string(name);
    Result<sys::CpuList> want = sys::CpuList::Parse(**value);
    if (!want.ok()) {
      rec.Fail(id, "", "a list such as \"0-3,7\"", Quote(**value));
      continue;
    }
    std::optional<sys::CgroupDir> dir = files.Dir("cpuset", id);
    if (!dir) continue;
    const std::string file = "cpuset." + std::string(name);
    std::optional<std::string> text = files.Read(*dir, file, id);
    if (!text) continue;
    Result<sys::CpuList> found = sys::CpuList::Parse(*text);
    rec.Expect(id, dir->path + "/" + file, want->ToString(),
               found.ok() ? found->ToString() : Quote(*text));
  }
}

// The fields of linux.resources this check does not compare, for one SKIP naming them.
std::vector<std::string> NotCompared(const spec::Resources& r) {
  std::vector<std::string> out;
  if (!r.devices.empty()) out.push_back("devices");
  if (const auto& m = r.memory) {
    if (m->reservation) out.push_back("memory.reservation");
    if (m->swap) out.push_back("memory.swap");
    if (m->kernel) out.push_back("memory.kernel");
    if (m->kernel_tcp) out.push_back("memory.kernelTCP");
    if (m->swappiness) out.push_back("memory.swappiness");
    if (m->disable_oom_killer) out.push_back("memory.disableOOMKiller");
    if (m->use_hierarchy) out.push_back("memory.useHierarchy");
  }
  if (const auto& c = r.cpu) {
    if (c->burst) out.push_back("cpu.burst");
    if (c->realtime_runtime) out.push_back("cpu.realtimeRuntime");
    if (c->realtime_period) out.push_back("cpu.realtimePeriod");
    if (c->idle) out.push_back("cpu.idle");
  }
  if (r.blkio_weight) out.push_back("blockIO");
  if (!r.hugepage_limits.empty()) out.push_back("hugepageLimits");
  if (!r.unified.empty()) out.push_back("unified");
  if (r.network) out.push_back("network");
  if (!r.rdma.empty()) out.push_back("rdma");
  return out;
}

void CheckResources(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->resources) {
    rec.Skip("", "", "linux.resources is not set in the config");
    return;
  }
  const spec::Resources& r = *ctx.config.linux_->resources;
  std::vector<std::string> rest = NotCompared(r);
  if (!rest.empty()) {
    std::string names;
    for (const std::string& n : rest) names += (names.empty() ? "" : ", ") + n;
    rec.Skip("", names, "not compared by this runtimetest");
  }
  const bool memory = r.memory && r.memory->limit;
  const bool cpu =
      r.cpu && (r.cpu->shares || r.cpu->quota || r.cpu->period ||
                !r.cpu->cpus.value_or("").empty() || !r.cpu->mems.value_or("").empty());
  if (!memory && !r.pids && !cpu) {
    if (rest.empty()) rec.Skip("", "", "no limit this runtimetest compares is set");
    return;
  }
  CgroupFiles files(ctx, rec);
  if (!files.Load()) return;
  const long page = sysconf(_SC_PAGESIZE);
  if (memory) CompareMemory(*r.memory, files, page > 0 ? static_cast<uint64_t>(page) : 4096, rec);
  if (r.pids) ComparePids(*r.pids, files, rec);
  if (cpu) CompareCpu(*r.cpu, files, rec);
}

constexpr CheckDef kChecks[] = {
    {"linux.resources", "config-linux.md#control-groups", report::Level::kMust,
     "memory limit, pids limit, cpu shares/quota/period, cpuset cpus/mems against the files of "
     "the container's own cgroup (v1 or v2), where a cgroup filesystem is mounted inside",
     CheckResources},
};

}  // namespace

std::span<const CheckDef> ResourceChecks() { return kChecks; }

}  // namespace rt::checks
