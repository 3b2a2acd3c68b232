// config.md#process and #linux-process: cwd, env, args, noNewPrivileges, oomScoreAdj.
#include "suite/config_edit.h"
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// An argument runtimetest accepts without changing what it checks.
json ArgsWithFlag() { return {"/bin/runtimetest", "--compliance-level=must"}; }

const Scenario kScenarios[] = {
    // process.cwd: the bundle builder creates the directory in the rootfs.
    {.name = "process.cwd/subdir",
     .check_id = "process.cwd",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["cwd"] = "/work/dir"; }},
    {.name = "process.cwd/mismatch",
     .check_id = "process.cwd",
     .expect = Expect::kCheckFails,
     .told = "\"/work/b\"",
     .configure = [](json& c) { c["process"]["cwd"] = "/work/a"; },
     .tell = [](json& c) { c["process"]["cwd"] = "/work/b"; }},

    {.name = "process.env/custom",
     .check_id = "process.env",
     .expect = Expect::kPass,
     .configure =
         [](json& c) {
           SetEnv(c, "RT_SCENARIO=process.env");
           SetEnv(c, "RT_EMPTY=");
           SetEnv(c, "RT_SPACES=a b  c");
         }},
    {.name = "process.env/value-mismatch",
     .check_id = "process.env",
     .expect = Expect::kCheckFails,
     .told = "\"RT_VALUE=told\"",
     .configure = [](json& c) { SetEnv(c, "RT_VALUE=asked"); },
     .tell = [](json& c) { SetEnv(c, "RT_VALUE=told"); }},
    {.name = "process.env/missing",
     .check_id = "process.env",
     .expect = Expect::kCheckFails,
     .told = "\"RT_ONLY_IN_SPEC=1\"",
     .tell = [](json& c) { SetEnv(c, "RT_ONLY_IN_SPEC=1"); }},

    {.name = "process.args/with-flag",
     .check_id = "process.args",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["args"] = ArgsWithFlag(); }},
    {.name = "process.args/mismatch",
     .check_id = "process.args",
     .expect = Expect::kCheckFails,
     .told = "\"--compliance-level=must\"",
     .tell = [](json& c) { c["process"]["args"] = ArgsWithFlag(); }},

    {.name = "process.noNewPrivileges/true",
     .check_id = "process.noNewPrivileges",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["noNewPrivileges"] = true; }},
    {.name = "process.noNewPrivileges/false",
     .check_id = "process.noNewPrivileges",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["noNewPrivileges"] = false; }},
    {.name = "process.noNewPrivileges/mismatch",
     .check_id = "process.noNewPrivileges",
     .expect = Expect::kCheckFails,
     .told = "NoNewPrivs 1",
     .configure = [](json& c) { c["process"]["noNewPrivileges"] = false; },
     .tell = [](json& c) { c["process"]["noNewPrivileges"] = true; }},

    // Positive values only: lowering oom_score_adj needs CAP_SYS_RESOURCE on the host.
    {.name = "process.oomScoreAdj/set",
     .check_id = "process.oomScoreAdj",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"]["oomScoreAdj"] = 500; }},
    // Unset, the runtime must leave the value alone: the process has the runtime's own, which
    // the suite records (org.runtimetest.runtime-oom-score-adj).
    {.name = "process.oomScoreAdj/unset-inherited",
     .check_id = "process.oomScoreAdj",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["process"].erase("oomScoreAdj"); }},
    {.name = "process.oomScoreAdj/unset-told-other",
     .check_id = "process.oomScoreAdj",
     .expect = Expect::kCheckFails,
     .told = "-999",
     .configure = [](json& c) { c["process"].erase("oomScoreAdj"); },
     .tell = [](json& c) { c["annotations"]["org.runtimetest.runtime-oom-score-adj"] = "-999"; }},
    {.name = "process.oomScoreAdj/mismatch",
     .check_id = "process.oomScoreAdj",
     .expect = Expect::kCheckFails,
     .told = "expected 200",
     .configure = [](json& c) { c["process"]["oomScoreAdj"] = 100; },
     .tell = [](json& c) { c["process"]["oomScoreAdj"] = 200; }},
};

}  // namespace

std::span<const Scenario> ProcessScenarios() { return kScenarios; }

}  // namespace rt::suite
