// `create --pid-file FILE`: a convention of the runc command line that crun and youki share (the
// spec defines no command line): FILE holds the pid of the container process, the one `state`
// reports (runtime.md#state). Level "convention": a runtime without the flag deviates from the
// CLI the suite drives, not from the spec.
#include "suite/files.h"
#include "suite/op_runner.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Sleeper(json& c, const OpContainer&) { SetHelperArgs(c, {"sleep"}); }

// The pid file of container `step.container` against `state` of container `id_of` (itself
// unless a negative names another).
std::string PidFileHoldsStatePid(OpRunner& run, const Step& step) {
  const OpContainer& c = run.container(step.container);
  Result<std::string> text = ReadFile(c.bundle + "/container.pid");
  if (!text.ok()) return "the pid file: " + text.status().message();
  const OpContainer& of = run.container(step.id_of >= 0 ? step.id_of : step.container);
  CommandRecord state = run.Command(run.runtime().Argv({"state", of.id}));
  Result<ContainerState> parsed = ParseState(state.out, of.id, of.bundle);
  if (!parsed.ok()) return "`state`: " + parsed.status().message();
  std::string held = *text;
  while (!held.empty() && (held.back() == '\n' || held.back() == ' ')) held.pop_back();
  if (held == std::to_string(parsed->pid)) return "";
  return "the pid file holds \"" + held + "\", `state` of " + of.id + " says pid " +
         std::to_string(parsed->pid);
}

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/pid-file/holds-state-pid",
       .ref = "runtime.md#state",
       .level = "convention",
       .proves = "create --pid-file writes the pid that state reports (runc CLI convention)",
       .configure = Sleeper,
       .steps =
           {{.op = Op::kCreate, .pid_file = true},
            {.op = Op::kCustom, .custom = PidFileHoldsStatePid, .what = "pid file = state.pid"},
            {.op = Op::kStart},
            {.op = Op::kCustom, .custom = PidFileHoldsStatePid, .what = "pid file = state.pid"}}},
      // The pid-file judge catches the pid of another container.
      {.name = "ops/pid-file/told-other-container",
       .ref = "runtime.md#state",
       .level = "convention",
       .proves = "negative: a pid file compared with another container's state.pid fails",
       .containers = 2,
       .configure = Sleeper,
       .steps = {{.op = Op::kCreate, .container = 0, .pid_file = true},
                 {.op = Op::kCreate, .container = 1, .pid_file = true},
                 {.op = Op::kCustom,
                  .container = 0,
                  .id_of = 1,
                  .custom = PidFileHoldsStatePid,
                  .what = "pid file = state.pid of container 1"}},
       .fails_at = 2,
       .told = "the pid file holds"},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpPidFileScenarios() { return Table(); }

}  // namespace rt::suite
