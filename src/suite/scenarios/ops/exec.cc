// runtime.md#lifecycle and the runc CLI's `exec --process FILE`: an additional process in a
// running container gets its own user, env, cwd and capabilities (config.md#process), checked by
// runtimetest as the exec'd process (every check, against the exec'd process's config); exec
// into a stopped container is an error.
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Sleeper(json& c, const OpContainer&) { SetHelperArgs(c, {"sleep"}); }
void Mark(json& c, const OpContainer&) { SetHelperArgs(c, {"mark", "/out/marker"}); }

// A process unlike the init's: another user, env, cwd, and fewer capabilities (ambient, so that
// a non-root user keeps them across execve).
void OwnProcess(json& p) {
  p["user"] = {{"uid", 1000}, {"gid", 1000}, {"additionalGids", {1001}}};
  p["env"] = {"PATH=/bin", "OPS_EXEC=1"};
  p["cwd"] = "/work";
  json kill = {"CAP_KILL"};
  p["capabilities"] = {{"bounding", {"CAP_KILL", "CAP_NET_BIND_SERVICE"}},
                       {"effective", kill},
                       {"permitted", kill},
                       {"inheritable", kill},
                       {"ambient", kill}};
}
void ToldUid1001(json& p) { p["user"]["uid"] = 1001; }

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/exec/own-process",
       .ref = "config.md#process",
       .level = "MUST",
       .proves = "exec --process runs runtimetest with its own user, env, cwd and capabilities, "
                 "every check passing",
       .configure = Sleeper,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kExec, .edit = OwnProcess},
                 {.op = Op::kState, .status = "running"}}},
      // runtimetest, told uid 1001 for a process the runtime ran as 1000, must say so.
      {.name = "ops/exec/told-other-uid",
       .ref = "config.md#process",
       .level = "MUST",
       .proves = "negative: the exec'd runtimetest told another uid reports process.user",
       .configure = Sleeper,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kExec,
                  .edit = OwnProcess,
                  .tell = ToldUid1001,
                  .check_id = "process.user",
                  .told = "1001"}}},
      {.name = "ops/exec/stopped-is-error",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves = "exec into a stopped container is an error with no effect",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kExec, .want = Want::kError, .edit = OwnProcess}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpExecScenarios() { return Table(); }

}  // namespace rt::suite
