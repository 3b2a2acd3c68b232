// config.md#user: uid, gid, additionalGids, umask. Scenarios with a uid other than 0 give every
// capability set the same list, so that the capabilities survive execve(2) as that user and the
// capability check has nothing to say. The rootfs files (/bin/runtimetest 0755, /spec.json 0644)
// are readable by any uid.
#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void AsUser1000(json& c) {
  SetUser(c, 1000, 1000);
  SetAllCapabilities(c, {"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"});
}

void WithGroups(json& c) {
  AsUser1000(c);
  c["process"]["user"]["additionalGids"] = {10, 20};
}

void WithUmask077(json& c) { c["process"]["user"]["umask"] = 077; }

const Scenario kScenarios[] = {
    {.name = "process.user/uid-gid",
     .check_id = "process.user",
     .expect = Expect::kPass,
     .configure = AsUser1000},
    {.name = "process.user/additional-gids",
     .check_id = "process.user",
     .expect = Expect::kPass,
     .configure = WithGroups},
    {.name = "process.user/root-additional-gids",
     .check_id = "process.user",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           c["process"]["user"]["additionalGids"] = {1, 2, 3};
         }},
    {.name = "process.user/umask",
     .check_id = "process.user",
     .expect = Expect::kPass,
     .configure = WithUmask077},
    {.name = "process.user/uid-mismatch",
     .check_id = "process.user",
     .expect = Expect::kCheckFails,
     .told = "expected 1001",
     .configure = AsUser1000,
     .tell = [](json& c) { c["process"]["user"]["uid"] = 1001; }},
    {.name = "process.user/gid-mismatch",
     .check_id = "process.user",
     .expect = Expect::kCheckFails,
     .told = "expected 1001",
     .configure = AsUser1000,
     .tell = [](json& c) { c["process"]["user"]["gid"] = 1001; }},
    {.name = "process.user/additional-gids-mismatch",
     .check_id = "process.user",
     .expect = Expect::kCheckFails,
     .told = "{10, 30}",
     .configure = WithGroups,
     .tell =
         [](json& c) {
           c["process"]["user"]["additionalGids"] = {10, 30};
         }},
    {.name = "process.user/umask-mismatch",
     .check_id = "process.user",
     .expect = Expect::kCheckFails,
     .told = "0077",
     .configure = [](json& c) { c["process"]["user"]["umask"] = 022; },
     .tell = WithUmask077},
};

}  // namespace

std::span<const Scenario> UserScenarios() { return kScenarios; }

}  // namespace rt::suite
