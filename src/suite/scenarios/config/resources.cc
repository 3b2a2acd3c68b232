// config-linux.md#control-groups: limits the container sees in its own cgroup through the
// read-only cgroup mount of the default config, with and without a cgroup namespace.
#include <nlohmann/json.hpp>

#include "suite/config_edit.h"
#include "suite/files.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// Whether /proc/cgroups lists `controller` as enabled on this host.
bool HostHas(const std::string& controller) {
  Result<std::string> text = ReadFile("/proc/cgroups");
  if (!text.ok()) return false;
  size_t at = 0;
  while (at < text->size()) {
    size_t eol = text->find('\n', at);
    std::string line = text->substr(at, eol == std::string::npos ? std::string::npos : eol - at);
    at = eol == std::string::npos ? text->size() : eol + 1;
    // subsys_name hierarchy num_cgroups enabled
    if (line.rfind(controller + "\t", 0) == 0 && line.size() > 1 && line.back() == '1') {
      return true;
    }
  }
  return false;
}

const char* NoMemory() { return HostHas("memory") ? nullptr : "no memory cgroup controller"; }
const char* NoPids() { return HostHas("pids") ? nullptr : "no pids cgroup controller"; }
const char* NoCpu() { return HostHas("cpu") ? nullptr : "no cpu cgroup controller"; }
const char* NoCpuset() { return HostHas("cpuset") ? nullptr : "no cpuset cgroup controller"; }
const char* NoMemoryPidsCpu() {
  if (const char* why = NoMemory()) return why;
  if (const char* why = NoPids()) return why;
  return NoCpu();
}

json& Resources(json& c) { return c["linux"]["resources"]; }

void Memory100M(json& c) { Resources(c)["memory"] = {{"limit", 100 << 20}}; }
void Pids77(json& c) { Resources(c)["pids"] = {{"limit", 77}}; }
void Cpu(json& c) { Resources(c)["cpu"] = {{"shares", 512}, {"quota", 50000}, {"period", 100000}}; }
void Cpuset0(json& c) {
  Resources(c)["cpu"]["cpus"] = "0";
  Resources(c)["cpu"]["mems"] = "0";
}

const Scenario kScenarios[] = {
    {.name = "linux.resources/memory-limit",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Memory100M,
     .unsupported = NoMemory},
    {.name = "linux.resources/pids-limit",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Pids77,
     .unsupported = NoPids},
    {.name = "linux.resources/cpu",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Cpu,
     .unsupported = NoCpu},
    {.name = "linux.resources/cpuset",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure = Cpuset0,
     .unsupported = NoCpuset},
    {.name = "linux.resources/cgroupns",
     .check_id = "linux.resources",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           Memory100M(c);
           Pids77(c);
           Cpu(c);
           SetNamespace(c, "cgroup");
         },
     .unsupported = NoMemoryPidsCpu},
    {.name = "linux.resources/memory-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "209715200",
     .configure = Memory100M,
     .tell = [](json& c) { Resources(c)["memory"]["limit"] = 200 << 20; },
     .unsupported = NoMemory},
    {.name = "linux.resources/pids-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 78",
     .configure = Pids77,
     .tell = [](json& c) { Resources(c)["pids"]["limit"] = 78; },
     .unsupported = NoPids},
    {.name = "linux.resources/cpu-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "60000",
     .configure = Cpu,
     .tell = [](json& c) { Resources(c)["cpu"]["quota"] = 60000; },
     .unsupported = NoCpu},
    {.name = "linux.resources/cpuset-mismatch",
     .check_id = "linux.resources",
     .expect = Expect::kCheckFails,
     .told = "expected 0-1",
     .configure = Cpuset0,
     .tell = [](json& c) { Resources(c)["cpu"]["cpus"] = "0-1"; },
     .unsupported = NoCpuset},
};

}  // namespace

std::span<const Scenario> ResourceScenarios() { return kScenarios; }

}  // namespace rt::suite
