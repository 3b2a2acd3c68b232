// runtime.md#state and #query-state: `state` output is valid against schema/state-schema.json
// in each status a container passes through, echoes the config's annotations, and `state` of an
// id no container has is an error.
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// The helper records signals and exits on TERM; an annotation with a value worth echoing.
void Recorder(json& c, const OpContainer&) {
  SetHelperArgs(c, {"signals", "--record", "/out/signals"});
  c["annotations"]["org.runtimetest.echo"] = "a value, with \"quotes\" and ümlauts";
}

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/state/lifecycle",
       .ref = "runtime.md#state",
       .level = "MUST",
       .proves = "state is schema-valid (id, bundle, pid, annotations of config.json) and shows "
                 "created, running, stopped in turn",
       .configure = Recorder,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kState, .status = "created"},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "signals", .line = "ready"},
                 {.op = Op::kState, .status = "running"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit, .exit_code = 0},
                 {.op = Op::kState, .status = "stopped"},
                 {.op = Op::kDelete}}},
      // The judge of `state` catches a status that is not the one shown.
      {.name = "ops/state/told-running",
       .ref = "runtime.md#state",
       .level = "MUST",
       .proves = "negative: a created container told to be running fails the state step",
       .configure = Recorder,
       .steps = {{.op = Op::kCreate}, {.op = Op::kState, .status = "running"}},
       .fails_at = 1,
       .told = "expected status running, found created"},
      {.name = "ops/state/unknown-id",
       .ref = "runtime.md#query-state",
       .level = "MUST",
       .proves = "state of an id no container has is an error",
       .steps = {{.op = Op::kState, .want = Want::kError}}},
      {.name = "ops/state/empty-id",
       .ref = "runtime.md#query-state",
       .level = "MUST",
       .proves = "state with an empty id (no container id given) is an error",
       .steps = {{.op = Op::kState, .want = Want::kError, .id_of = kNoId}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpStateScenarios() { return Table(); }

}  // namespace rt::suite
