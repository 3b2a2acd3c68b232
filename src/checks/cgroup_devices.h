// config-linux.md#allowed-device-list judged by behaviour, from inside the container: cgroup v2
// enforces the device rules with an eBPF program and has no file that lists them, so the only
// witness is what the kernel lets the container's process do. For each access a rule decides
// (ExpectedDeviceAccess), mknod(2) shows `m`, and access(2) of a node of the device shows `r`
// and `w` (the same device permission open(2) asks, without opening the device: no driver
// runs). The same holds on cgroup v1, where the devices controller answers the same calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"

namespace rt::checks {

// What one mknod(2) or access(2) showed about a device: allowed, denied, or nothing (`why`).
struct DeviceSeen {
  std::optional<bool> allowed;
  std::string why;  // when nothing can be told: what was tried, with its errno text
};

// The verdict of one call. Success is allowed. EPERM is the device rules' answer only when
// nothing else could have given it (`eperm_is_rules`: for mknod, CAP_MKNOD is effective in the
// initial user namespace, the directory took a FIFO and no seccomp filter is set; for access,
// no seccomp filter is set: the file permissions and LSMs answer EACCES); any other errno, or
// an EPERM someone else may have given, tells nothing.
DeviceSeen DeviceVerdict(const Status& status, bool eperm_is_rules, std::string_view not_rules);

// Probes every access ExpectedDeviceAccess(config's linux.resources.devices) decides, recording
// under "linux.resources.devices" with subjects such as "c 1:11 w (access(2))" and "c 10:200 m
// (mknod(2) in /dev)". Nodes are made in the first of /dev, /dev/shm, /tmp that takes a FIFO and
// unlinked at once; without CAP_MKNOD a node the config's linux.devices made serves `r` and `w`.
void CompareDeviceBehaviour(const spec::Config& config, sys::System& sys, Recorder& rec);

}  // namespace rt::checks
