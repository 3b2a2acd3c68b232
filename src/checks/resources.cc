// config-linux.md#control-groups: linux.resources as the container sees them, in the files of its
// own cgroups where a cgroup filesystem is mounted inside the container (the default config
// mounts one read-only at /sys/fs/cgroup). /proc/self/cgroup names the cgroup of each
// hierarchy, /proc/self/mountinfo where that hierarchy is mounted; the two give the directory,
// with or without a cgroup namespace. The comparison itself (cgroup_resources.h) is the one the
// suite makes from the host, so both views report the same fields the same way. What is not
// visible is a SKIP naming what is missing.
#include <unistd.h>

#include <string>
#include <vector>

#include "checks/cgroup_devices.h"
#include "checks/cgroup_resources.h"
#include "checks/check.h"
#include "sys/cgroup.h"
#include "sys/mountinfo.h"

namespace rt::checks {
namespace {

bool AnyField(const spec::Resources& r) {
  return r.memory || r.cpu || r.pids || r.block_io || !r.hugepage_limits.empty() || r.network ||
         !r.rdma.empty() || !r.unified.empty() || !r.devices.empty();
}

// The files of the container's cgroups (cgroup_resources.h).
void CompareFiles(const spec::Resources& r, const Context& ctx, Recorder& rec) {
  Result<std::string> cgroup = ctx.sys.ReadFile("/proc/self/cgroup");
  if (!cgroup.ok()) {
    rec.CannotObserve("", "", cgroup.status());
    return;
  }
  const Result<sys::MountTable>& table = ctx.sys.Mounts();
  if (!table.ok()) {
    rec.CannotObserve("", "/proc/self/mountinfo", table.status());
    return;
  }
  CgroupPlace place;
  place.membership = sys::ParseProcCgroup(*cgroup);
  place.mounts = sys::CgroupMounts(table->mounts());
  Result<std::string> release = ctx.sys.ReadFile("/proc/sys/kernel/osrelease");
  if (release.ok()) place.kernel_release = *release;
  const long page = sysconf(_SC_PAGESIZE);
  place.page_size = page > 0 ? static_cast<uint64_t>(page) : 4096;
  CompareCgroupResources(r, place, ctx.sys, rec);
}

void CheckResources(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->resources) {
    rec.Skip("", "", "linux.resources is not set in the config");
    return;
  }
  const spec::Resources& r = *ctx.config.linux_->resources;
  if (!AnyField(r)) {
    rec.Skip("", "", "linux.resources sets no field");
    return;
  }
  CompareFiles(r, ctx, rec);
  // The device rules by what the kernel lets this process do (on cgroup v2 the only witness).
  CompareDeviceBehaviour(ctx.config, ctx.sys, rec);
}

constexpr CheckDef kChecks[] = {
    {"linux.resources", "config-linux.md#control-groups", report::Level::kMust,
     "every linux.resources field (memory, cpu, pids, blockIO, hugepageLimits, network, rdma, "
     "unified, devices) against the files of the container's own cgroups (v1 or v2), where a "
     "cgroup filesystem is mounted inside; the suite compares the same from the host; device "
     "rules also by behaviour (mknod(2), access(2)), the only witness on cgroup v2",
     CheckResources},
};

}  // namespace

std::span<const CheckDef> ResourceChecks() { return kChecks; }

}  // namespace rt::checks
