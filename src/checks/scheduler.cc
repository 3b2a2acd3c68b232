// config.md#linux-process: process.scheduler (runtime-spec 1.2) against sched_getattr(2).
//
// What sched_getattr(2) can show after execve(2): the policy, the reset-on-fork flag, and the
// parameters of that policy (nice for SCHED_OTHER and SCHED_BATCH, priority for every policy,
// runtime/deadline/period and the RECLAIM and DL_OVERRUN flags for SCHED_DEADLINE). The other
// flags tell sched_setattr(2) how to apply the call and are not kept; parameters a policy does
// not use are not kept either. Those are SKIPs naming the reason, never silent passes.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "checks/check.h"

namespace rt::checks {
namespace {

struct Named {
  std::string_view name;
  uint64_t value;
};

// include/uapi/linux/sched.h
constexpr Named kPolicies[] = {
    {"SCHED_OTHER", 0}, {"SCHED_FIFO", 1}, {"SCHED_RR", 2},       {"SCHED_BATCH", 3},
    {"SCHED_ISO", 4},   {"SCHED_IDLE", 5}, {"SCHED_DEADLINE", 6},
};
constexpr uint32_t kOther = 0, kBatch = 3, kIdle = 5, kDeadline = 6;

constexpr uint64_t kResetOnFork = 0x01, kReclaim = 0x02, kDlOverrun = 0x04;
constexpr Named kFlags[] = {
    {"SCHED_FLAG_RESET_ON_FORK", kResetOnFork}, {"SCHED_FLAG_RECLAIM", kReclaim},
    {"SCHED_FLAG_DL_OVERRUN", kDlOverrun},      {"SCHED_FLAG_KEEP_POLICY", 0x08},
    {"SCHED_FLAG_KEEP_PARAMS", 0x10},           {"SCHED_FLAG_UTIL_CLAMP_MIN", 0x20},
    {"SCHED_FLAG_UTIL_CLAMP_MAX", 0x40},
};

std::optional<uint64_t> Lookup(std::span<const Named> table, std::string_view name) {
  for (const Named& n : table) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

std::string PolicyName(uint32_t policy) {
  for (const Named& n : kPolicies) {
    if (n.value == policy) return std::string(n.name);
  }
  return "policy " + std::to_string(policy);
}

std::string FlagNames(uint64_t flags) {
  std::string out;
  for (const Named& n : kFlags) {
    if (flags & n.value) out += (out.empty() ? "" : "|") + std::string(n.name);
  }
  return out.empty() ? "none" : out;
}

void JudgeFlags(const spec::Scheduler& want, uint32_t policy, const sys::SchedAttr& found,
                Recorder& rec) {
  uint64_t kept = kResetOnFork;
  if (policy == kDeadline) kept |= kReclaim | kDlOverrun;
  uint64_t expected = 0;
  for (const std::string& name : want.flags) {
    std::optional<uint64_t> bit = Lookup(kFlags, name);
    if (!bit) {
      rec.Fail("", "flags", "flags the spec lists (SCHED_FLAG_RESET_ON_FORK ...)", Quote(name));
      continue;
    }
    if (*bit & kept) {
      expected |= *bit;
    } else if (*bit == kReclaim || *bit == kDlOverrun) {
      rec.Skip("", name, "the kernel keeps it for SCHED_DEADLINE only");
    } else {
      rec.Skip("", name,
               "an instruction to sched_setattr(2) that sched_getattr(2) does not report back");
    }
  }
  rec.Expect("", "flags", FlagNames(expected), FlagNames(found.flags & kept));
}

void CheckScheduler(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->scheduler) {
    rec.Skip("", "", "process.scheduler is not set in the config");
    return;
  }
  const spec::Scheduler& want = *ctx.config.process->scheduler;
  std::optional<uint64_t> policy = Lookup(kPolicies, want.policy);
  if (!policy) {
    rec.Fail("", "policy", "a policy the spec lists (SCHED_OTHER ... SCHED_DEADLINE)",
             Quote(want.policy));
    return;
  }
  Result<sys::SchedAttr> found = ctx.sys.GetSchedAttr();
  if (!found.ok()) {
    rec.CannotObserve("", "", found.status());
    return;
  }
  const auto p = static_cast<uint32_t>(*policy);
  if (!rec.Expect("", "policy", want.policy, PolicyName(found->policy))) return;

  JudgeFlags(want, p, *found, rec);

  // "If not set, the runtime must use the value 0" for nice, priority, runtime, deadline and
  // period alike.
  const int32_t nice = want.nice.value_or(0);
  if (p == kOther || p == kBatch) {
    rec.Expect("", "nice", std::to_string(nice), std::to_string(found->nice));
  } else if (nice != 0) {
    rec.Skip("", "nice",
             p == kIdle ? "sched_setattr(2) does not apply nice to SCHED_IDLE"
                        : "nice does not apply to " + want.policy);
  }
  rec.Expect("", "priority", std::to_string(want.priority.value_or(0)),
             std::to_string(found->priority));

  const uint64_t runtime = want.runtime.value_or(0), deadline = want.deadline.value_or(0);
  if (p == kDeadline) {
    // The kernel takes a period of 0 to mean "equal to the deadline" and reports it so.
    const uint64_t period = want.period.value_or(0) != 0 ? *want.period : deadline;
    rec.Expect("", "runtime", std::to_string(runtime), std::to_string(found->runtime));
    rec.Expect("", "deadline", std::to_string(deadline), std::to_string(found->deadline));
    rec.Expect("", "period", std::to_string(period), std::to_string(found->period));
  } else if (runtime != 0 || deadline != 0 || want.period.value_or(0) != 0) {
    rec.Skip("", "runtime, deadline, period",
             "used by SCHED_DEADLINE only (Linux 6.12 and later read sched_runtime of "
             "SCHED_OTHER and SCHED_BATCH as a time slice, which the spec does not define)");
  }
}

constexpr CheckDef kChecks[] = {
    {"process.scheduler", "config.md#linux-process", report::Level::kMust,
     "policy, nice, priority, flags and deadline parameters against sched_getattr(2)",
     CheckScheduler},
};

}  // namespace

std::span<const CheckDef> SchedulerChecks() { return kChecks; }

}  // namespace rt::checks
