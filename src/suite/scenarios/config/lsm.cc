// config.md#linux-process: process.apparmorProfile and process.selinuxLabel. Both need the LSM
// enabled on the host (else SKIP), and a profile or label that exists there: AppArmor's
// "unconfined" always does, and for SELinux the suite's own context.
#include <fcntl.h>
#include <unistd.h>

#include <string>

#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// The first bytes of a procfs or sysfs file, without its trailing newline or NUL; "" when it
// cannot be read (attr/current fails with EINVAL where no LSM gives labels).
std::string ReadSmallFile(const char* path) {
  std::string text;
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n > 0) text.assign(buf, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

const char* NoAppArmor() {
  return ReadSmallFile("/sys/module/apparmor/parameters/enabled") == "Y"
             ? nullptr
             : "AppArmor is not enabled on this host (/sys/module/apparmor/parameters/enabled)";
}

const char* NoSelinux() {
  return ::access("/sys/fs/selinux/enforce", F_OK) == 0
             ? nullptr
             : "SELinux is not enabled on this host (no /sys/fs/selinux)";
}

// The suite's own SELinux context: one the host's policy surely has.
std::string OwnSelinuxContext() { return ReadSmallFile("/proc/self/attr/current"); }

const Scenario kScenarios[] = {
    {.name = "process.apparmorProfile/unconfined",
     .check_id = "process.apparmorProfile",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["apparmorProfile"] = "unconfined"; },
     .unsupported = NoAppArmor,
     .requires_feature = "linux.apparmor.enabled"},
    {.name = "process.apparmorProfile/told-other",
     .check_id = "process.apparmorProfile",
     .expect = Expect::kCheckFails,
     .told = "\"runtimetest-no-such-profile\"",
     .configure = [](json& c) { c["process"]["apparmorProfile"] = "unconfined"; },
     .tell = [](json& s) { s["process"]["apparmorProfile"] = "runtimetest-no-such-profile"; },
     .unsupported = NoAppArmor,
     .requires_feature = "linux.apparmor.enabled"},
    {.name = "process.selinuxLabel/own-context",
     .check_id = "process.selinuxLabel",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["selinuxLabel"] = OwnSelinuxContext(); },
     .unsupported = NoSelinux,
     .requires_feature = "linux.selinux.enabled"},
    {.name = "process.selinuxLabel/told-other",
     .check_id = "process.selinuxLabel",
     .expect = Expect::kCheckFails,
     .told = "\"system_u:system_r:runtimetest_t:s0\"",
     .configure = [](json& c) { c["process"]["selinuxLabel"] = OwnSelinuxContext(); },
     .tell = [](json& s) { s["process"]["selinuxLabel"] = "system_u:system_r:runtimetest_t:s0"; },
     .unsupported = NoSelinux,
     .requires_feature = "linux.selinux.enabled"},
};

}  // namespace

std::span<const Scenario> LsmScenarios() { return kScenarios; }

}  // namespace rt::suite
