// runtime-linux.md#file-descriptors: only stdin, stdout and stderr reach the container process,
// plus what the runtime is asked to pass on (--preserve-fds, announced with LISTEN_FDS).
#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void ListenTwo(json& c) { SetEnv(c, "LISTEN_FDS=2"); }

const Scenario kScenarios[] = {
    {.name = "fd_control/stdio-only", .check_id = "fd_control", .expect = Expect::kPass},
    {.name = "fd_control/preserve-fds",
     .check_id = "fd_control",
     .expect = Expect::kPass,
     .configure = ListenTwo,
     .preserve_fds = 2},
    // The runtime passes fds 3 and 4 as asked; /spec.json announces only one of them.
    {.name = "fd_control/preserved-told-fewer",
     .check_id = "fd_control",
     .expect = Expect::kCheckFails,
     .told = "the 1 of LISTEN_FDS",
     .configure = ListenTwo,
     .tell = [](json& s) { SetEnv(s, "LISTEN_FDS=1"); },
     .preserve_fds = 2},
};

}  // namespace

std::span<const Scenario> FdControlScenarios() { return kScenarios; }

}  // namespace rt::suite
