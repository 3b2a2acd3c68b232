// config-linux.md#memory-policy: linux.memoryPolicy (runtime-spec 1.3) against get_mempolicy(2)
// of this thread, which a process keeps across fork(2) and execve(2). The kernel reports the
// mode with its mode flags or-ed in, and for MPOL_F_STATIC_NODES / MPOL_F_RELATIVE_NODES the
// nodes as given, else the nodes in effect.
#include <cerrno>
#include <optional>
#include <string>

#include "checks/check.h"
#include "sys/cpu_list.h"

namespace rt::checks {
namespace {

struct Named {
  std::string_view name;
  int value;
};

// include/uapi/linux/mempolicy.h
constexpr int kDefault = 0, kPreferred = 1, kLocal = 4;
constexpr Named kModes[] = {
    {"MPOL_DEFAULT", kDefault},      {"MPOL_PREFERRED", kPreferred}, {"MPOL_BIND", 2},
    {"MPOL_INTERLEAVE", 3},          {"MPOL_LOCAL", kLocal},         {"MPOL_PREFERRED_MANY", 5},
    {"MPOL_WEIGHTED_INTERLEAVE", 6},
};
constexpr Named kFlags[] = {
    {"MPOL_F_STATIC_NODES", 1 << 15},
    {"MPOL_F_RELATIVE_NODES", 1 << 14},
    {"MPOL_F_NUMA_BALANCING", 1 << 13},
};
constexpr int kFlagMask = (1 << 15) | (1 << 14) | (1 << 13);

std::optional<int> Lookup(std::span<const Named> table, std::string_view name) {
  for (const Named& n : table) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

std::string ModeName(int mode) {
  for (const Named& n : kModes) {
    if (n.value == mode) return std::string(n.name);
  }
  return "mode " + std::to_string(mode);
}

std::string FlagNames(int flags) {
  std::string out;
  for (const Named& n : kFlags) {
    if (flags & n.value) out += (out.empty() ? "" : "|") + std::string(n.name);
  }
  return out.empty() ? "none" : out;
}

std::string Nodes(const sys::CpuList& nodes) { return nodes.empty() ? "none" : nodes.ToString(); }

void CheckMemoryPolicy(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->memory_policy) {
    rec.Skip("", "", "linux.memoryPolicy is not set in the config");
    return;
  }
  const spec::MemoryPolicy& want = *ctx.config.linux_->memory_policy;
  std::optional<int> mode = Lookup(kModes, want.mode);
  if (!mode) {
    rec.Fail("", "mode", "a mode the spec lists (MPOL_DEFAULT ... MPOL_LOCAL)", Quote(want.mode));
    return;
  }
  int flags = 0;
  for (const std::string& name : want.flags) {
    std::optional<int> bit = Lookup(kFlags, name);
    if (!bit) {
      rec.Fail("", "flags", "flags the spec lists (MPOL_F_STATIC_NODES ...)", Quote(name));
      return;
    }
    flags |= *bit;
  }
  Result<sys::CpuList> nodes = sys::CpuList::Parse(want.nodes.value_or(""));
  if (!nodes.ok()) {
    rec.Fail("", "nodes", "a node list such as \"0-1,3\"", Quote(*want.nodes));
    return;
  }
  Result<sys::MemoryPolicy> found = ctx.sys.GetMemoryPolicy();
  if (!found.ok()) {
    if (found.status().err() == ENOSYS) {
      rec.Skip("", "", "this kernel has no NUMA support (get_mempolicy: ENOSYS)");
    } else {
      rec.CannotObserve("", "", found.status());
    }
    return;
  }
  // The kernel stores MPOL_PREFERRED without nodes as MPOL_LOCAL (set_mempolicy(2)).
  int expected_mode = *mode;
  if (expected_mode == kPreferred && nodes->empty()) expected_mode = kLocal;
  const int found_mode = found->mode & ~kFlagMask;
  rec.Expect("", "mode", ModeName(expected_mode), ModeName(found_mode));
  rec.Expect("", "flags", FlagNames(flags), FlagNames(found->mode & kFlagMask));
  rec.Expect("", "nodes", Nodes(*nodes), Nodes(sys::CpuList::FromMask(found->nodes)));
}

constexpr CheckDef kChecks[] = {
    {"linux.memoryPolicy", "config-linux.md#memory-policy", report::Level::kMust,
     "NUMA policy mode, mode flags and nodes against get_mempolicy(2)", CheckMemoryPolicy},
};

}  // namespace

std::span<const CheckDef> MemoryPolicyChecks() { return kChecks; }

}  // namespace rt::checks
