// config-linux.md#user-namespace-mappings: a new user namespace with uid and gid mappings.
// Container root is host uid 100000: the bundle's rootfs, /bin/runtimetest and /spec.json are
// world-readable (and the executable world-executable), which is all runtimetest needs.
#include <unistd.h>

#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

json Mapping(uint32_t container_id, uint32_t host_id, uint32_t size) {
  return {{"containerID", container_id}, {"hostID", host_id}, {"size", size}};
}

void UserNamespace(json& c) {
  SetNamespace(c, "user");
  c["linux"]["uidMappings"] = json::array({Mapping(0, 100000, 65536)});
  c["linux"]["gidMappings"] = json::array({Mapping(0, 100000, 65536)});
}

void TwoRanges(json& c) {
  SetNamespace(c, "user");
  c["linux"]["uidMappings"] = {Mapping(0, 100000, 1000), Mapping(1000, 200000, 64536)};
  c["linux"]["gidMappings"] = {Mapping(0, 100000, 1000), Mapping(1000, 200000, 64536)};
}

const char* NoUserNamespaces() {
  return ::access("/proc/self/ns/user", F_OK) == 0 ? nullptr : "this kernel has no user namespaces";
}

const Scenario kScenarios[] = {
    {.name = "linux.uidMappings/userns",
     .check_id = "linux.uidMappings",
     .expect = Expect::kPass,
     .configure = UserNamespace,
     .unsupported = NoUserNamespaces,
     .requires_feature = "linux.namespaces=user"},
    {.name = "linux.uidMappings/two-ranges",
     .check_id = "linux.uidMappings",
     .expect = Expect::kPass,
     .configure = TwoRanges,
     .unsupported = NoUserNamespaces,
     .requires_feature = "linux.namespaces=user"},
    {.name = "linux.uidMappings/told-other-host-id",
     .check_id = "linux.uidMappings",
     .expect = Expect::kCheckFails,
     .told = "0 300000 65536",
     .configure = UserNamespace,
     .tell = [](json& s) { s["linux"]["uidMappings"] = json::array({Mapping(0, 300000, 65536)}); },
     .unsupported = NoUserNamespaces,
     .requires_feature = "linux.namespaces=user"},
    {.name = "linux.gidMappings/userns",
     .check_id = "linux.gidMappings",
     .expect = Expect::kPass,
     .configure = UserNamespace,
     .unsupported = NoUserNamespaces,
     .requires_feature = "linux.namespaces=user"},
    {.name = "linux.gidMappings/told-other-size",
     .check_id = "linux.gidMappings",
     .expect = Expect::kCheckFails,
     .told = "0 100000 65535",
     .configure = UserNamespace,
     .tell = [](json& s) { s["linux"]["gidMappings"] = json::array({Mapping(0, 100000, 65535)}); },
     .unsupported = NoUserNamespaces,
     .requires_feature = "linux.namespaces=user"},
};

}  // namespace

std::span<const Scenario> IdMapScenarios() { return kScenarios; }

}  // namespace rt::suite
