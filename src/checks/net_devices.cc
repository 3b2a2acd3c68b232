// config-linux.md#network-devices: linux.netDevices (runtime-spec 1.3). Every listed host
// interface must be in the container's network namespace, under `name` when the entry gives
// one, else under its host name. Asked with the SIOCGIFINDEX ioctl, which needs no /sys.
#include <cerrno>
#include <string>

#include "checks/check.h"

namespace rt::checks {
namespace {

void CheckNetDevices(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->net_devices.empty()) {
    rec.Skip("", "", "linux.netDevices is not set in the config");
    return;
  }
  for (const auto& [host_name, device] : ctx.config.linux_->net_devices) {
    const std::string name = device.name && !device.name->empty() ? *device.name : host_name;
    const std::string subject =
        name == host_name ? Quote(name) : Quote(name) + " (host " + Quote(host_name) + ")";
    Result<int> index = ctx.sys.InterfaceIndex(name);
    if (index.ok()) {
      rec.Pass("", subject);
    } else if (index.status().err() == ENODEV) {
      rec.Fail("", subject, "an interface of that name in the container", "none");
    } else {
      rec.CannotObserve("", subject, index.status());
    }
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.netDevices", "config-linux.md#network-devices", report::Level::kMust,
     "every listed interface present in the container's network namespace under its new name",
     CheckNetDevices},
};

}  // namespace

std::span<const CheckDef> NetDeviceChecks() { return kChecks; }

}  // namespace rt::checks
