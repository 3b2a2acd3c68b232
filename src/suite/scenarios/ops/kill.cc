// runtime.md#kill: the signal reaches the container process (the helper records each one it
// gets); a created container may be signalled; kill of a stopped container or of an id no
// container has is an error with no effect.
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Recorder(json& c, const OpContainer&) {
  SetHelperArgs(c, {"signals", "--record", "/out/signals"});
}
// The helper exits 0 on TERM only if USR1 then USR2 came before it.
void ExpectUsr1Usr2(json& c, const OpContainer&) {
  SetHelperArgs(c, {"signals", "--record", "/out/signals", "--expect", "USR1", "--expect", "USR2"});
}
void ExpectUsr2(json& c, const OpContainer&) {
  SetHelperArgs(c, {"signals", "--record", "/out/signals", "--expect", "USR2"});
}
void Mark(json& c, const OpContainer&) { SetHelperArgs(c, {"mark", "/out/marker"}); }

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/kill/term",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill TERM reaches the container process, which records it and exits",
       .configure = Recorder,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "signals", .line = "ready"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "signals", .line = "ready\nTERM\n"},
                 {.op = Op::kState, .status = "stopped"}}},
      {.name = "ops/kill/usr1-usr2",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill USR1 and USR2 reach the process in order and leave it running",
       .configure = ExpectUsr1Usr2,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "signals", .line = "ready"},
                 {.op = Op::kKill, .signal = "USR1"},
                 {.op = Op::kWaitFile, .file = "signals", .line = "USR1"},
                 {.op = Op::kKill, .signal = "USR2"},
                 {.op = Op::kWaitFile, .file = "signals", .line = "USR2"},
                 {.op = Op::kState, .status = "running"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "signals", .line = "ready\nUSR1\nUSR2\nTERM\n"}}},
      // The helper, told to expect USR2, is sent USR1: its exit says so.
      {.name = "ops/kill/told-usr2",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "negative: the helper expecting USR2 but sent USR1 exits 1 naming both",
       .configure = ExpectUsr2,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "signals", .line = "ready"},
                 {.op = Op::kKill, .signal = "USR1"},
                 {.op = Op::kWaitFile, .file = "signals", .line = "USR1"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit}},
       .fails_at = 6,
       .told = "expected USR2, received USR1"},
      {.name = "ops/kill/created",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill KILL of a created container is allowed and ends its process",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kKill, .signal = "KILL"},
                 {.op = Op::kWaitExit, .signal = "KILL"},
                 {.op = Op::kState, .status = "stopped"},
                 {.op = Op::kReadFile, .file = "marker", .line = ""}}},
      {.name = "ops/kill/stopped-is-error",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill of a stopped container is an error with no effect",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kKill, .want = Want::kError, .signal = "TERM"}}},
      {.name = "ops/kill/unknown-id",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill of an id no container has is an error",
       .steps = {{.op = Op::kKill, .want = Want::kError, .signal = "TERM"}}},
      {.name = "ops/kill/empty-id",
       .ref = "runtime.md#kill",
       .level = "MUST",
       .proves = "kill with an empty id (no container id given) is an error",
       .steps = {{.op = Op::kKill, .want = Want::kError, .id_of = kNoId, .signal = "TERM"}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpKillScenarios() { return Table(); }

}  // namespace rt::suite
