// config-linux.md#devices and #default-devices, runtime-linux.md#dev-symbolic-links.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// One device of each type; the cgroup allows what they are (mknod needs it on cgroup v1).
void FourDevices(json& c) {
  c["linux"]["devices"] = {
      {{"path", "/dev/mynull"},
       {"type", "c"},
       {"major", 1},
       {"minor", 3},
       {"fileMode", 0640},
       {"uid", 1},
       {"gid", 2}},
      {{"path", "/dev/myloop"}, {"type", "b"}, {"major", 7}, {"minor", 0}, {"fileMode", 0600}},
      {{"path", "/dev/myfifo"}, {"type", "p"}, {"fileMode", 0644}},
      {{"path", "/dev/sub/myzero"}, {"type", "u"}, {"major", 1}, {"minor", 5}},
  };
}

json& Device(json& c, size_t i) { return c["linux"]["devices"][i]; }

const Scenario kScenarios[] = {
    {.name = "linux.devices/c-b-p-u",
     .check_id = "linux.devices",
     .expect = Expect::kPass,
     .configure = FourDevices},
    {.name = "linux.devices/other-major-minor",
     .check_id = "linux.devices",
     .expect = Expect::kCheckFails,
     .told = "character device 1:5",
     .configure = FourDevices,
     .tell = [](json& c) { Device(c, 0)["minor"] = 5; }},
    {.name = "linux.devices/other-type",
     .check_id = "linux.devices",
     .expect = Expect::kCheckFails,
     .told = "expected character device 7:0",
     .configure = FourDevices,
     .tell = [](json& c) { Device(c, 1)["type"] = "c"; }},
    {.name = "linux.devices/other-mode",
     .check_id = "linux.devices",
     .expect = Expect::kCheckFails,
     .told = "fileMode: expected 0600",
     .configure = FourDevices,
     .tell = [](json& c) { Device(c, 0)["fileMode"] = 0600; }},
    {.name = "linux.devices/other-owner",
     .check_id = "linux.devices",
     .expect = Expect::kCheckFails,
     .told = "uid: expected 3",
     .configure = FourDevices,
     .tell = [](json& c) { Device(c, 0)["uid"] = 3; }},
    {.name = "linux.devices/not-asked",
     .check_id = "linux.devices",
     .expect = Expect::kCheckFails,
     .told = "/dev/extra",
     .tell =
         [](json& c) {
           c["linux"]["devices"] = {
               {{"path", "/dev/extra"}, {"type", "c"}, {"major", 1}, {"minor", 3}}};
         }},
    // A regular file is already at the device's path (every rootfs has /spec.json): the
    // runtime must refuse, not keep the file nor replace it.
    {.name = "linux.devices/existing-file-is-error",
     .check_id = "linux.devices",
     .expect = Expect::kRuntimeRejects,
     .configure =
         [](json& c) {
           c["linux"]["devices"] = {
               {{"path", "/spec.json"}, {"type", "c"}, {"major", 1}, {"minor", 3}}};
         }},
    {.name = "linux.defaultDevices/default",
     .check_id = "linux.defaultDevices",
     .expect = Expect::kPass},
    // A mount over /dev/null that the runtime keeps: /dev/null is then not 1:3.
    {.name = "linux.defaultDevices/null-is-zero",
     .check_id = "linux.defaultDevices",
     .expect = Expect::kCheckFails,
     .told = "/dev/null: expected character device 1:3",
     .configure =
         [](json& c) {
           c["mounts"].push_back({{"destination", "/dev/null"},
                                  {"type", "bind"},
                                  {"source", "/dev/zero"},
                                  {"options", {"bind"}}});
         }},
};

}  // namespace

std::span<const Scenario> DeviceScenarios() { return kScenarios; }

}  // namespace rt::suite
