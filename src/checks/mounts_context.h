// What every mount check needs once: the mount table of this process and which of its entries
// realises which mounts[] entry of the config.
#pragma once

#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/mounts.h"
#include "sys/mountinfo.h"

namespace rt::checks {

// /proc/self/mountinfo, parsed: the System's snapshot, read once per invocation.
const Result<sys::MountTable>& ReadMountTable(sys::System& sys);

struct MountContext {
  const spec::Config& config;
  const sys::MountTable& table;  // the System's snapshot
  // Per mounts[] entry: the destination with symlinks resolved in the container (empty when it
  // could not be, resolve_errors saying why) and the mountinfo entry realising it (or null).
  std::vector<std::string> destinations;
  std::vector<Status> resolve_errors;
  std::vector<const sys::MountInfo*> matches;
  std::vector<MountOptionPlan> plans;  // per mounts[] entry: PlanMountOptions
  // Paths the runtime mounts over after the mounts: maskedPaths, readonlyPaths, device nodes.
  std::vector<std::string> mounted_after;
  FsFacts fs_facts;

  MountContext(const spec::Config& c, const sys::MountTable& t) : config(c), table(t) {}
  MountContext(MountContext&&) = default;  // `matches` points into `table`, which stays
  MountContext(const MountContext&) = delete;

  // linux.rootfsPropagation, or "" when unset.
  const std::string& RootPropagation() const;

  // Made once per invocation (kept in the Context) and shared by every mount check.
  static const Result<MountContext>& Load(const Context& ctx);

 private:
  static Result<MountContext> Make(const Context& ctx);
};

}  // namespace rt::checks
