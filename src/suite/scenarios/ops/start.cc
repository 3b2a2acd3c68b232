// runtime.md#start: `start` runs the user-specified program (the helper's marker appears), and
// `start` of a container that is not `created` (running, stopped, or no such id) has no effect
// and is an error: the marker is not written a second time.
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void MarkAndHold(json& c, const OpContainer&) {
  SetHelperArgs(c, {"mark", "/out/marker", "--hold"});
}
void Mark(json& c, const OpContainer&) { SetHelperArgs(c, {"mark", "/out/marker"}); }

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/start/runs-process",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "start runs the process once: the marker appears after start",
       .configure = MarkAndHold,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "marker", .line = "ran"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "marker", .line = "ran\n"}}},
      // The marker judge catches a process that ran once when told twice.
      {.name = "ops/start/told-twice",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "negative: a marker written once fails a read that expects two",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "marker", .line = "ran\nran\n"}},
       .fails_at = 3,
       .told = "line 2: expected \"ran\", found nothing"},
      {.name = "ops/start/running-is-error",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "start of a running container is an error with no effect (marker once)",
       .configure = MarkAndHold,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "marker", .line = "ran"},
                 {.op = Op::kStart, .want = Want::kError},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "marker", .line = "ran\n"}}},
      {.name = "ops/start/stopped-is-error",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "start of a stopped container is an error with no effect (marker once)",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kStart, .want = Want::kError},
                 {.op = Op::kReadFile, .file = "marker", .line = "ran\n"},
                 {.op = Op::kDelete}}},
      {.name = "ops/start/unknown-id",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "start of an id no container has is an error",
       .steps = {{.op = Op::kStart, .want = Want::kError}}},
      {.name = "ops/start/empty-id",
       .ref = "runtime.md#start",
       .level = "MUST",
       .proves = "start with an empty id (no container id given) is an error",
       .steps = {{.op = Op::kStart, .want = Want::kError, .id_of = kNoId}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpStartScenarios() { return Table(); }

}  // namespace rt::suite
