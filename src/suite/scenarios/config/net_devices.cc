// config-linux.md#network-devices: linux.netDevices (runtime-spec 1.3.0). Each scenario creates
// a network interface on the host for the runtime to move into the container (a dummy one, or
// an ifb one where the dummy driver is missing), named after the suite's pid so that suites
// running side by side do not collide, and deletes it afterwards if it is still on the host (a
// virtual interface moved into the container vanishes with the container's network namespace).
#include <unistd.h>

#include <string>

#include "suite/runtime_client.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// "rt<pid>n": at most 10 bytes, within IFNAMSIZ.
std::string HostInterface() { return "rt" + std::to_string(::getpid()) + "n"; }

const char* IpCommand() {
  for (const char* path : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return nullptr;
}

CommandRecord Ip(std::initializer_list<std::string> args) {
  std::vector<std::string> argv = {IpCommand()};
  argv.insert(argv.end(), args);
  return RuntimeClient::RunToEnd(argv, Deadline::In(std::chrono::seconds(10)), -1);
}

Status CreateInterface() {
  if (IpCommand() == nullptr) return Status::Error("no `ip` command (iproute2)");
  Ip({"link", "del", HostInterface()});  // a leftover of an interrupted run
  std::string complaints;
  for (const char* type : {"dummy", "ifb"}) {
    CommandRecord made = Ip({"link", "add", HostInterface(), "type", type});
    if (made.Succeeded()) return Status::Ok();
    complaints += std::string(complaints.empty() ? "" : "; ") + "`ip link add ... type " + type +
                  "`: " + made.Describe() + " " + made.err;
  }
  while (!complaints.empty() && complaints.back() == '\n') complaints.pop_back();
  return Status::Error(complaints);
}

void DeleteInterface() {
  if (IpCommand() != nullptr) Ip({"link", "del", HostInterface()});
}

void MoveRenamed(json& c) { c["linux"]["netDevices"][HostInterface()] = {{"name", "ctr0"}}; }

const Scenario kScenarios[] = {
    {.name = "linux.netDevices/rename",
     .check_id = "linux.netDevices",
     .expect = Expect::kPass,
     .configure = MoveRenamed,
     .requires_feature = "linux.netDevices.enabled",
     .setup = CreateInterface,
     .teardown = DeleteInterface},
    {.name = "linux.netDevices/keep-name",
     .check_id = "linux.netDevices",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["linux"]["netDevices"][HostInterface()] = json::object(); },
     .requires_feature = "linux.netDevices.enabled",
     .setup = CreateInterface,
     .teardown = DeleteInterface},
    {.name = "linux.netDevices/missing",
     .check_id = "linux.netDevices",
     .expect = Expect::kCheckFails,
     .told = "\"ctr9\"",
     .configure = MoveRenamed,
     .tell = [](json& c) { c["linux"]["netDevices"][HostInterface()]["name"] = "ctr9"; },
     .setup = CreateInterface,
     .teardown = DeleteInterface},
};

}  // namespace

std::span<const Scenario> NetDeviceScenarios() { return kScenarios; }

}  // namespace rt::suite
