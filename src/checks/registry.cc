#include "checks/registry.h"

#include <algorithm>
#include <array>

namespace rt::checks {

const std::vector<CheckDef>& AllChecks() {
  static const std::vector<CheckDef> all = [] {
    std::vector<CheckDef> v;
    for (auto part :
         {RootChecks(),        UtsChecks(),          ProcessChecks(),     UserChecks(),
          RlimitChecks(),      CapabilityChecks(),   SysctlChecks(),      NamespaceChecks(),
          IdMapChecks(),       TimeOffsetChecks(),   SeccompChecks(),     LsmChecks(),
          FdControlChecks(),   SchedulerChecks(),    IoPriorityChecks(),  CpuAffinityChecks(),
          PersonalityChecks(), MemoryPolicyChecks(), NetDeviceChecks(),   ResourceChecks(),
          IntelRdtChecks(),    MountChecks(),        PropagationChecks(), DeviceChecks(),
          PathChecks()}) {
      v.insert(v.end(), part.begin(), part.end());
    }
    return v;
  }();
  return all;
}

const std::vector<Alias>& Aliases() {
  static const std::vector<Alias> aliases = {
      {"hello_world", {"process.args"}},
      {"readonly_paths", {"linux.readonlyPaths"}},
      {"masked_paths", {"linux.maskedPaths"}},
      {"set_host_name", {"hostname"}},
      {"mounts_recursive", {"mounts.recursive"}},
      {"mounts_recursive_rbind_ro", {"mounts.recursive"}},
      {"domainname_test", {"domainname"}},
      {"seccomp", {"linux.seccomp"}},
      {"sysctl", {"linux.sysctl"}},
      {"scheduler_policy_other", {"process.scheduler"}},
      {"scheduler_policy_batch", {"process.scheduler"}},
      {"io_priority_class_rt", {"process.ioPriority"}},
      {"io_priority_class_be", {"process.ioPriority"}},
      {"io_priority_class_idle", {"process.ioPriority"}},
      {"memory_policy", {"linux.memoryPolicy"}},
      {"devices", {"linux.devices"}},
      {"root_readonly", {"root.readonly"}},
      {"process_capabilities_bounding_unset", {"process.capabilities"}},
      {"process_capabilities", {"process.capabilities"}},
      {"process", {"process.cwd", "process.env", "process.args"}},
      {"process_user", {"process.user"}},
      {"process_rlimits", {"process.rlimits"}},
      {"no_pivot", {"root.path"}},
      {"process_oom_score_adj", {"process.oomScoreAdj"}},
      {"fd_control", {"fd_control"}},
      {"rootfs_propagation", {"linux.rootfsPropagation"}},
      {"uid_mappings", {"linux.uidMappings"}},
      {"net_devices", {"linux.netDevices"}},
      {"time_offsets", {"linux.timeOffsets"}},
  };
  return aliases;
}

bool IsPlannedCheck(std::string_view id) {
  // Every planned area has landed; a new one lists its ids here until its checks exist.
  static constexpr std::array<std::string_view, 0> kPlanned = {};
  return std::find(kPlanned.begin(), kPlanned.end(), id) != kPlanned.end();
}

namespace {

const CheckDef* FindCheck(std::string_view id) {
  for (const CheckDef& c : AllChecks()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<const CheckDef*>> SelectChecks(const std::vector<std::string>& names) {
  const std::vector<CheckDef>& all = AllChecks();
  std::vector<bool> chosen(all.size(), names.empty());
  auto choose = [&](const CheckDef* c) { chosen[static_cast<size_t>(c - all.data())] = true; };
  for (const std::string& name : names) {
    if (const CheckDef* c = FindCheck(name)) {
      choose(c);
      continue;
    }
    auto alias = std::find_if(Aliases().begin(), Aliases().end(),
                              [&](const Alias& a) { return a.name == name; });
    if (alias != Aliases().end()) {
      for (std::string_view id : alias->checks) {
        const CheckDef* c = FindCheck(id);
        if (c == nullptr) {
          return Status::Error("test \"" + name + "\" needs check " + std::string(id) +
                               ", which this runtimetest does not implement yet");
        }
        choose(c);
      }
      continue;
    }
    if (IsPlannedCheck(name)) {
      return Status::Error("check " + name + " is not implemented yet");
    }
    return Status::Error("unknown check or test name \"" + name +
                         "\" (runtimetest --list shows them)");
  }
  std::vector<const CheckDef*> out;
  for (size_t i = 0; i < all.size(); ++i) {
    if (chosen[i]) out.push_back(&all[i]);
  }
  return out;
}

}  // namespace rt::checks
