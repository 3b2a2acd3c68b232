// runtime.md#create and #lifecycle (step 2): an empty or duplicate id is an error and creates
// nothing (the existing container stays as it was); create does not run the user-specified
// program; config.json changed after create has no effect on the container. config.md#
// extensibility: properties the spec does not define are ignored.
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void MarkAndHold(json& c, const OpContainer&) {
  SetHelperArgs(c, {"mark", "/out/marker", "--hold"});
}

// Recorder of signals, with an annotation that the edit below changes.
void Recorder(json& c, const OpContainer&) {
  SetHelperArgs(c, {"signals", "--record", "/out/signals"});
  c["annotations"]["org.runtimetest.edit"] = "before";
}

// Properties this spec version does not define, at the top level and inside objects it does
// (config.md#extensibility): a runtime must ignore them.
void MarkAndHoldWithUnknownProperties(json& c, const OpContainer& container) {
  MarkAndHold(c, container);
  c["org.runtimetest.unknown"] = {{"nested", json::array({1, "two"})}};
  c["process"]["org.runtimetest.unknown"] = true;
  c["linux"]["org.runtimetest.unknown"] = "value";
}

// What config.json says after `create`: another program (a marker the original never writes),
// another annotation. Neither may reach the container.
void EditAfterCreate(json& c) {
  c["process"]["args"] = {"/bin/runtimetest", "helper", "mark", "/out/edited", "--hold"};
  c["annotations"]["org.runtimetest.edit"] = "after";
}

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/create/empty-id",
       .ref = "runtime.md#create",
       .level = "MUST",
       .proves = "create with an empty id is an error and creates nothing",
       .steps = {{.op = Op::kCreate, .want = Want::kError, .id_of = kNoId}}},
      {.name = "ops/create/duplicate-id",
       .ref = "runtime.md#create",
       .level = "MUST",
       .proves = "create with the id of an existing container is an error; that container keeps "
                 "its status, pid and bundle",
       .containers = 2,
       .configure = MarkAndHold,
       .steps = {{.op = Op::kCreate, .container = 0},
                 {.op = Op::kCreate, .container = 1, .want = Want::kError, .id_of = 0},
                 {.op = Op::kState, .container = 0, .status = "created"},
                 {.op = Op::kReadFile, .container = 0, .file = "marker", .line = ""},
                 {.op = Op::kReadFile, .container = 1, .file = "marker", .line = ""}}},
      {.name = "ops/create/does-not-run-process",
       .ref = "runtime.md#create",
       .level = "MUST",
       .proves = "create does not run process.args (no marker until start)",
       .configure = MarkAndHold,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kState, .status = "created"},
                 {.op = Op::kReadFile, .file = "marker", .line = ""},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "marker", .line = "ran"}}},
      {.name = "ops/create/unknown-properties",
       .ref = "config.md#extensibility",
       .level = "MUST",
       .proves = "properties the spec does not define (top level, in process and linux) are "
                 "ignored: create and start succeed and the process runs",
       .configure = MarkAndHoldWithUnknownProperties,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "marker", .line = "ran"},
                 {.op = Op::kState, .status = "running"}}},
      // The marker judge catches a marker told to be there after create.
      {.name = "ops/create/told-ran-at-create",
       .ref = "runtime.md#create",
       .level = "MUST",
       .proves = "negative: a created container told to have run fails the marker read",
       .configure = MarkAndHold,
       .steps = {{.op = Op::kCreate}, {.op = Op::kReadFile, .file = "marker", .line = "ran\n"}},
       .fails_at = 1,
       .told = "line 1: expected \"ran\", found nothing"},
      {.name = "ops/create/config-edit-no-effect",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves = "config.json changed after create (args, annotations) does not affect the "
                 "container",
       .configure = Recorder,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kEditConfig, .edit = EditAfterCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitFile, .file = "signals", .line = "ready"},
                 {.op = Op::kState, .status = "running"},
                 {.op = Op::kKill, .signal = "TERM"},
                 {.op = Op::kWaitExit},
                 {.op = Op::kReadFile, .file = "edited", .line = ""},
                 {.op = Op::kReadFile, .file = "signals", .line = "ready\nTERM\n"}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpCreateScenarios() { return Table(); }

}  // namespace rt::suite
