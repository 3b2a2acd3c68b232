// config-linux.md#masked-paths and #readonly-paths. The default config masks and protects paths
// under /proc and /sys; these scenarios add a file and a directory of each kind.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void MaskMore(json& c) {
  c["linux"]["maskedPaths"].push_back("/proc/cpuinfo");
  c["linux"]["maskedPaths"].push_back("/sys/kernel");
}

// With a writable root, /bin (a directory) and /spec.json (a file) are writable until listed.
void WritableRoot(json& c) { c["root"]["readonly"] = false; }

void ProtectMore(json& c) {
  WritableRoot(c);
  c["linux"]["readonlyPaths"].push_back("/bin");
  c["linux"]["readonlyPaths"].push_back("/spec.json");
}

const Scenario kScenarios[] = {
    {.name = "linux.maskedPaths/file-and-dir",
     .check_id = "linux.maskedPaths",
     .expect = Expect::kPass,
     .configure = MaskMore},
    {.name = "linux.maskedPaths/file-left-readable",
     .check_id = "linux.maskedPaths",
     .expect = Expect::kCheckFails,
     .told = "/proc/cpuinfo",
     .tell = [](json& c) { c["linux"]["maskedPaths"].push_back("/proc/cpuinfo"); }},
    {.name = "linux.maskedPaths/dir-left-readable",
     .check_id = "linux.maskedPaths",
     .expect = Expect::kCheckFails,
     .told = "/sys/kernel",
     .tell = [](json& c) { c["linux"]["maskedPaths"].push_back("/sys/kernel"); }},
    {.name = "linux.maskedPaths/missing-path",
     .check_id = "linux.maskedPaths",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["linux"]["maskedPaths"].push_back("/proc/no-such-file"); }},
    {.name = "linux.readonlyPaths/file-and-dir",
     .check_id = "linux.readonlyPaths",
     .expect = Expect::kPass,
     .configure = ProtectMore},
    {.name = "linux.readonlyPaths/dir-left-writable",
     .check_id = "linux.readonlyPaths",
     .expect = Expect::kCheckFails,
     .told = "/bin: expected read-only",
     .configure = WritableRoot,
     .tell = [](json& c) { c["linux"]["readonlyPaths"].push_back("/bin"); }},
    {.name = "linux.readonlyPaths/file-left-writable",
     .check_id = "linux.readonlyPaths",
     .expect = Expect::kCheckFails,
     .told = "/spec.json",
     .configure = WritableRoot,
     .tell = [](json& c) { c["linux"]["readonlyPaths"].push_back("/spec.json"); }},
};

}  // namespace

std::span<const Scenario> PathScenarios() { return kScenarios; }

}  // namespace rt::suite
