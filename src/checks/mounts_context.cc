#include "checks/mounts_context.h"

#include <unistd.h>

#include "sys/proc.h"

namespace rt::checks {
namespace {

std::optional<uint64_t> MemTotalKb(sys::System& sys) {
  Result<std::string> meminfo = sys.ReadFile("/proc/meminfo");
  if (!meminfo.ok()) return std::nullopt;
  Result<std::string> total = sys::FindStatusField(*meminfo, "MemTotal");  // "24684096 kB"
  if (!total.ok()) return std::nullopt;
  std::string v = *total;
  if (v.size() > 3 && v.compare(v.size() - 3, 3, " kB") == 0) v.resize(v.size() - 3);
  Result<uint64_t> kb = sys::ParseUnsigned(v);
  if (!kb.ok()) return std::nullopt;
  return *kb;
}

}  // namespace

const Result<sys::MountTable>& ReadMountTable(sys::System& sys) { return sys.Mounts(); }

const std::string& MountContext::RootPropagation() const {
  static const std::string kUnset;
  if (config.linux_ && config.linux_->rootfs_propagation) return *config.linux_->rootfs_propagation;
  return kUnset;
}

const Result<MountContext>& MountContext::Load(const Context& ctx) {
  if (ctx.mount_context == nullptr) {
    ctx.mount_context = std::make_shared<const Result<MountContext>>(Make(ctx));
  }
  return *ctx.mount_context;
}

Result<MountContext> MountContext::Make(const Context& ctx) {
  const Result<sys::MountTable>& table = ReadMountTable(ctx.sys);
  if (!table.ok()) return table.status();
  MountContext mc(ctx.config, *table);
  const std::vector<spec::Mount>& mounts = ctx.config.mounts;
  mc.plans.reserve(mounts.size());
  for (const spec::Mount& m : mounts) mc.plans.push_back(PlanMountOptions(m));
  for (size_t i = 0; i < mounts.size(); ++i) {
    const std::string written = sys::CleanPath(mounts[i].destination);  // relative: below "/"
    Result<std::string> real = ctx.sys.RealPath(written);
    if (!real.ok()) {
      // A later entry mounted over a parent directory hides this one's path: it cannot be
      // resolved any more, and is taken as written.
      for (size_t j = i + 1; j < mounts.size(); ++j) {
        const std::string later = sys::CleanPath(mounts[j].destination);
        if (later != written && sys::PathWithin(written, later)) real = written;
      }
    }
    mc.destinations.push_back(real.ok() ? sys::CleanPath(*real) : "");
    mc.resolve_errors.push_back(real.status());
  }
  if (ctx.config.linux_) {
    for (const std::string& p : ctx.config.linux_->masked_paths) {
      mc.mounted_after.push_back(sys::CleanPath(p));
    }
    for (const std::string& p : ctx.config.linux_->readonly_paths) {
      mc.mounted_after.push_back(sys::CleanPath(p));
    }
    for (const spec::Device& d : ctx.config.linux_->devices) {
      mc.mounted_after.push_back(sys::CleanPath(d.path));
    }
    for (const spec::Namespace& ns : ctx.config.linux_->namespaces) {
      if (ns.type == "user") mc.fs_facts.user_namespace = true;
    }
  }
  mc.matches = MatchMounts(mc.destinations, mc.mounted_after, mc.table);
  long page = sysconf(_SC_PAGESIZE);
  if (page > 0) mc.fs_facts.page_size = static_cast<uint64_t>(page);
  mc.fs_facts.mem_total_kb = MemTotalKb(ctx.sys);
  return mc;
}

}  // namespace rt::checks
