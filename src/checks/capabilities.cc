#include "checks/capabilities.h"

#include <vector>

#include "sys/proc.h"
#include "sys/witness.h"

namespace rt::checks {
namespace {

constexpr std::string_view kNames[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};
constexpr int kKnown = static_cast<int>(std::size(kNames));

struct SetView {
  const char* id;
  const std::optional<std::vector<std::string>>* listed;
  uint64_t CapabilitySets::*mask;
};

uint64_t Bit(int cap) { return uint64_t{1} << cap; }

}  // namespace

std::optional<int> CapabilityNumber(std::string_view name) {
  for (int i = 0; i < kKnown; ++i) {
    if (kNames[i] == name) return i;
  }
  return std::nullopt;
}

std::string CapabilityName(int number) {
  if (number >= 0 && number < kKnown) return std::string(kNames[number]);
  return "CAP_" + std::to_string(number);
}

void JudgeCapabilities(const spec::Capabilities& config, bool uid0, int last_cap,
                       const CapabilitySets& found, Recorder& rec) {
  const SetView sets[] = {
      {"process.capabilities.bounding", &config.bounding, &CapabilitySets::bounding},
      {"process.capabilities.effective", &config.effective, &CapabilitySets::effective},
      {"process.capabilities.inheritable", &config.inheritable, &CapabilitySets::inheritable},
      {"process.capabilities.permitted", &config.permitted, &CapabilitySets::permitted},
      {"process.capabilities.ambient", &config.ambient, &CapabilitySets::ambient},
  };
  const int last = std::min(last_cap, 63);
  CapabilitySets listed;
  for (const SetView& s : sets) {
    if (!*s.listed) continue;
    for (const std::string& name : **s.listed) {
      std::optional<int> n = CapabilityNumber(name);
      if (!n || *n > last) {
        rec.Skip(Id::OfTable(s.id), name,
                 "not a capability this kernel knows (cap_last_cap is " + std::to_string(last_cap) +
                     ")");
        continue;
      }
      listed.*s.mask |= Bit(*n);
    }
  }

  CapabilitySets kernel;
  kernel.bounding = listed.bounding;
  kernel.inheritable = listed.inheritable;
  kernel.ambient = listed.ambient & listed.permitted & listed.inheritable;
  kernel.permitted = uid0 ? (listed.bounding | listed.inheritable) : kernel.ambient;
  kernel.effective = kernel.permitted;

  auto rule = [&](const SetView& s, bool listed_bit) -> std::string {
    if (s.mask == &CapabilitySets::ambient) {
      return "listed in ambient but not in both inheritable and permitted: the kernel cannot "
             "raise it (capabilities(7)), so the config asks for the impossible";
    }
    if (uid0) {
      return std::string(listed_bit ? "listed" : "not listed") +
             ", but execve(2) as uid 0 makes permitted and effective equal to bounding ∪ "
             "inheritable (capabilities(7))";
    }
    return std::string(listed_bit ? "listed" : "not listed") +
           ", but execve(2) as a non-zero uid keeps in permitted and effective only the ambient "
           "set (capabilities(7))";
  };

  for (const SetView& s : sets) {
    int failures = 0, compared = 0;
    for (int cap = 0; cap <= last; ++cap) {
      const bool want_listed = (listed.*s.mask & Bit(cap)) != 0;
      const bool want = (kernel.*s.mask & Bit(cap)) != 0;
      const bool got = (found.*s.mask & Bit(cap)) != 0;
      if (want_listed != want) {
        rec.Skip(Id::OfTable(s.id), CapabilityName(cap), rule(s, want_listed));
        continue;
      }
      ++compared;
      if (got != want) {
        ++failures;
        rec.Fail(Id::OfTable(s.id), CapabilityName(cap), want ? "set" : "unset",
                 got ? "set" : "unset");
      }
    }
    if (failures == 0) {
      rec.Pass(Id::OfTable(s.id), std::to_string(compared) + " capabilities compared");
    }
  }
}

namespace {

void CheckCapabilities(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->capabilities) {
    rec.Skip("", "", "process.capabilities is not set in the config");
    return;
  }
  Result<sys::Observed<int>> last = sys::ObserveLastCap(ctx.sys);
  if (!last.ok()) {
    rec.CannotObserve("", "cap_last_cap", last.status());
    return;
  }
  const Result<std::string>& status = ctx.sys.SelfStatus();
  if (!status.ok()) {
    rec.CannotObserve("", "", status.status());
    return;
  }
  CapabilitySets found;
  const std::pair<const char*, uint64_t CapabilitySets::*> kFields[] = {
      {"CapBnd", &CapabilitySets::bounding},    {"CapEff", &CapabilitySets::effective},
      {"CapInh", &CapabilitySets::inheritable}, {"CapPrm", &CapabilitySets::permitted},
      {"CapAmb", &CapabilitySets::ambient},
  };
  for (const auto& [key, mask] : kFields) {
    Result<std::string> text = sys::FindStatusField(*status, key);
    Result<uint64_t> value = text.ok() ? sys::ParseHexMask(*text) : text.status();
    if (!value.ok()) {
      rec.CannotObserve("", key, value.status());
      return;
    }
    found.*mask = *value;
  }
  const bool uid0 = !ctx.config.process->user || ctx.config.process->user->uid == 0;
  JudgeCapabilities(*ctx.config.process->capabilities, uid0, last->value, found, rec);
}

constexpr CheckDef kChecks[] = {
    {"process.capabilities", "config.md#linux-process", report::Level::kMust,
     "bounding, effective, inheritable, permitted and ambient sets against /proc/self/status: "
     "listed capabilities set, every other one up to cap_last_cap unset",
     CheckCapabilities},
};

}  // namespace

std::span<const CheckDef> CapabilityChecks() { return kChecks; }

}  // namespace rt::checks
