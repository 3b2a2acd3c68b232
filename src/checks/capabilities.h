// Pure parts of config.md#linux-process capabilities: names, and the kernel's execve rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "checks/check.h"

namespace rt::checks {

std::optional<int> CapabilityNumber(std::string_view name);  // "CAP_KILL" -> 5
std::string CapabilityName(int number);                      // 5 -> "CAP_KILL", 63 -> "CAP_63"

struct CapabilitySets {
  uint64_t bounding = 0, effective = 0, inheritable = 0, permitted = 0, ambient = 0;
};

// Judges the sets the process has (`found`, from /proc/self/status) against the config.
//
// runtimetest runs after an execve(2), so it holds what the kernel computes from the sets the
// runtime installed, not those sets themselves (capabilities(7), no file capabilities):
//   ambient'   = ambient ∩ permitted ∩ inheritable (the kernel refuses to raise the rest);
//   uid 0:     permitted' = effective' = bounding ∪ inheritable;
//   other uid: permitted' = effective' = ambient'.
// Where that differs from the list in the config, the config asks for something no runtime can
// deliver: the capability is a SKIP naming the rule, never a failure. Every other capability
// the kernel knows (0..last_cap) must be set exactly when the config lists it. A set absent from
// the config is empty; a name the kernel does not know is a SKIP.
void JudgeCapabilities(const spec::Capabilities& config, bool uid0, int last_cap,
                       const CapabilitySets& found, Recorder& rec);

}  // namespace rt::checks
