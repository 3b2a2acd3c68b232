#include "checks/cgroup_devices.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "checks/cgroup_resources.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

constexpr std::string_view kId = "linux.resources.devices";
constexpr std::string_view kRef = "config-linux.md#allowed-device-list";
constexpr int kCapMknod = 27;
// Where a probe node may be made: the container's own tmpfs mounts first.
constexpr const char* kScratchDirs[] = {"/dev", "/dev/shm", "/tmp"};

// Why mknod(2) of a device cannot succeed here whatever the rules say; "" when it can.
std::string MknodRefused(sys::System& sys) {
  const Result<std::string>& status = sys.SelfStatus();
  if (!status.ok()) {
    return "cannot tell whether CAP_MKNOD is effective: " + status.status().message();
  }
  Result<std::string> eff = sys::FindStatusField(*status, "CapEff");
  Result<uint64_t> mask = eff.ok() ? sys::ParseHexMask(*eff) : Result<uint64_t>(eff.status());
  if (!mask.ok()) return "cannot tell whether CAP_MKNOD is effective: " + mask.status().message();
  if ((*mask & (uint64_t{1} << kCapMknod)) == 0) {
    return "CAP_MKNOD is not in the effective set, and mknod(2) of a device needs it";
  }
  Result<std::string> map = sys.ReadFile("/proc/self/uid_map");
  if (!map.ok()) {
    return "cannot tell whether this is the initial user namespace: " + map.status().message();
  }
  if (sys::NormalizeSpace(*map) != "0 0 4294967295") {
    return "in a user namespace mknod(2) of a device is refused (CAP_MKNOD counts only in the "
           "initial one)";
  }
  return "";
}

// A node of the device that the config's linux.devices made, or "".
std::string ConfiguredNode(const spec::Config& config, sys::System& sys, const DeviceAccess& a) {
  for (const spec::Device& d : config.linux_->devices) {
    const char type = d.type == "u" ? 'c' : d.type.empty() ? '?' : d.type[0];
    if (type != a.type || d.major != a.major || d.minor != a.minor) continue;
    Result<sys::FileInfo> st = sys.Stat(d.path);
    if (!st.ok()) continue;
    const bool kind = a.type == 'b' ? S_ISBLK(st->mode) : S_ISCHR(st->mode);
    if (kind && st->rdev_major == static_cast<uint64_t>(a.major) &&
        st->rdev_minor == static_cast<uint64_t>(a.minor)) {
      return d.path;
    }
  }
  return "";
}

std::string Name(const DeviceAccess& a) {
  return std::string(1, a.type) + " " + std::to_string(a.major) + ":" + std::to_string(a.minor);
}

}  // namespace

DeviceSeen DeviceVerdict(const Status& status, bool eperm_is_rules, std::string_view not_rules) {
  if (status.ok()) return {true, ""};
  if (status.err() == EPERM && eperm_is_rules) return {false, ""};
  if (status.err() == EPERM)
    return {std::nullopt, status.message() + " (" + std::string(not_rules) + ")"};
  return {std::nullopt, status.message()};
}

void CompareDeviceBehaviour(const spec::Config& config, sys::System& sys, Recorder& rec) {
  if (!config.linux_ || !config.linux_->resources) return;
  const std::vector<DeviceAccess> accesses =
      ExpectedDeviceAccess(config.linux_->resources->devices);
  if (accesses.empty()) return;  // the file comparison says so
  Recorder::Scoped scope(rec, report::Level::kMust, kRef);
  const std::string seccomp = config.linux_->seccomp
                                  ? "the config sets a seccomp filter, whose EPERM cannot be told "
                                    "from the device rules'"
                                  : "";
  const std::string refused = MknodRefused(sys);
  std::vector<std::string> dirs(std::begin(kScratchDirs), std::end(kScratchDirs));
  std::string no_dir;  // why each directory took no FIFO
  for (size_t i = 0; i < accesses.size();) {
    // The accesses of one device are consecutive.
    size_t end = i;
    while (end < accesses.size() && Name(accesses[end]) == Name(accesses[i])) ++end;
    const DeviceAccess& device = accesses[i];
    const std::string name = Name(device);
    if (device.major == 0 && device.minor == 0) {
      rec.Skip(kId, name,
               "0:0 is no device to the kernel (a character 0:0 is the overlay whiteout): the "
               "rules are not asked");
      i = end;
      continue;
    }
    std::optional<sys::DeviceNodeProbe> made;
    std::string made_in;
    while (refused.empty() && !dirs.empty()) {
      sys::DeviceNodeProbe p =
          sys.ProbeDeviceNode(dirs.front(), device.type, static_cast<uint64_t>(device.major),
                              static_cast<uint64_t>(device.minor));
      if (p.fifo.ok()) {
        made = p;
        made_in = dirs.front();
        break;
      }
      no_dir += (no_dir.empty() ? "" : "; ") + p.fifo.message();
      dirs.erase(dirs.begin());
    }
    const std::string cannot_make =
        !refused.empty() ? refused : "no directory takes a new node: " + no_dir;
    const bool node = made && made->mknod.ok();
    const std::string configured = node ? "" : ConfiguredNode(config, sys, device);
    for (size_t k = i; k < end; ++k) {
      const DeviceAccess& a = accesses[k];
      std::string subject = name + " " + std::string(1, a.letter);
      DeviceSeen seen;
      if (a.letter == 'm') {
        if (!made) {
          rec.CannotObserve(kId, subject + " (mknod(2))", Status::Error(cannot_make));
          continue;
        }
        subject += " (mknod(2) in " + made_in + ")";
        seen = DeviceVerdict(made->mknod, seccomp.empty(), seccomp);
      } else if (node) {
        subject += " (access(2) of a node made in " + made_in + ")";
        seen = DeviceVerdict(a.letter == 'r' ? made->read : made->write, seccomp.empty(), seccomp);
      } else if (!configured.empty()) {
        subject += " (access(2) of " + configured + ")";
        seen = DeviceVerdict(sys.ProbeAccess(configured, a.letter == 'r' ? R_OK : W_OK),
                             seccomp.empty(), seccomp);
      } else {
        rec.CannotObserve(kId, subject + " (access(2))",
                          Status::Error("no node of the device to ask: " +
                                        (made ? made->mknod.message() : cannot_make) +
                                        "; the config's linux.devices makes none"));
        continue;
      }
      if (seen.allowed) {
        rec.Expect(kId, subject, a.allowed ? "allowed" : "denied",
                   *seen.allowed ? "allowed" : "denied");
      } else {
        rec.CannotObserve(kId, subject, Status::Error(seen.why));
      }
    }
    i = end;
  }
}

}  // namespace rt::checks
