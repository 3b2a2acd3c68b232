// Hooks (config.md#posix-platform-hooks, runtime.md#lifecycle): every kind runs in the lifecycle's
// order and each kind's array order, with argv and env exactly as configured, the state on stdin
// with the status the lifecycle implies, in the runtime's or the container's namespaces, at the
// right moment; a failing or timed-out hook ends the lifecycle where the spec says. The hooks and
// the container's process are `runtimetest hook record` (hooks/hook_main.h), which append to
// /out/hooks.log; the kHookLog steps judge it (hooks/judge.h).
#include "hooks/hook_log.h"
#include "suite/hook_step.h"
#include "suite/op_scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using hooks::Kind;
using nlohmann::json;

constexpr const char* kContainerLog = "/out/hooks.log";
constexpr const char* kHooksRef = "config.md#posix-platform-hooks, runtime.md#lifecycle";

// Hook `index` of `kind`, run by runtimetest: the host path of the binary for every kind but
// startContainer, whose path resolves in the container (/bin/runtimetest of the rootfs); the log
// by its host path, or by /out for startContainer.
json Entry(Kind kind, int index, const OpContainer& c, const char* mode = "record") {
  const bool inside = kind == Kind::kStartContainer;
  return RuntimetestHook(kind, index, inside ? "/bin/runtimetest" : c.host_binary,
                         inside ? kContainerLog : c.out_dir + "/" + kHookLogName, mode);
}

// The container's process records itself, writes "ready" to /out/ready, then waits for SIGTERM.
void RecordingProcess(json& config) {
  config["process"]["args"] =
      json::array({"/bin/runtimetest", "hook", "record", "--log", kContainerLog, "--name",
                   "process", "--wait", "--ready", "/out/ready"});
}

void Add(json& config, Kind kind, const OpContainer& c, std::initializer_list<const char*> modes) {
  json& list = config["hooks"][hooks::KindName(kind)];
  int i = static_cast<int>(list.size());
  for (const char* mode : modes) list.push_back(Entry(kind, i++, c, mode));
}

void EveryKind(json& config, const OpContainer& c) {
  RecordingProcess(config);
  for (Kind kind : hooks::kHookKinds) Add(config, kind, c, {"record"});
}

template <Kind kKind>
void OnlyKind(json& config, const OpContainer& c) {
  RecordingProcess(config);
  Add(config, kKind, c, {"record"});
}

void SeveralOfAKind(json& config, const OpContainer& c) {
  RecordingProcess(config);
  Add(config, Kind::kCreateRuntime, c, {"record", "record", "record"});
  Add(config, Kind::kStartContainer, c, {"record", "record"});
  Add(config, Kind::kPoststop, c, {"record", "record"});
}

void CreateAndStartKinds(json& config, const OpContainer& c) {
  RecordingProcess(config);
  for (Kind kind :
       {Kind::kPrestart, Kind::kCreateRuntime, Kind::kCreateContainer, Kind::kStartContainer}) {
    Add(config, kind, c, {"record"});
  }
}

// Every kind, each with arguments and variables that a shell or a careless copy would change.
void ArgsAndEnv(json& config, const OpContainer& c) {
  EveryKind(config, c);
  for (auto& [kind, list] : config["hooks"].items()) {
    for (json& hook : list) {
      for (const char* arg : {"--", "with space", "", "t\tab", "ünï", "$HOME", "*"}) {
        hook["args"].push_back(arg);
      }
      for (const char* var : {"SPACED=a b", "EMPTY=", "EQUALS=x=y", "PATH=/nowhere"}) {
        hook["env"].push_back(var);
      }
    }
  }
}

void TellArgs(json& config) { config["hooks"]["createRuntime"][0]["args"][0] = "told-name"; }
void TellEnv(json& config) { config["hooks"]["createContainer"][0]["env"] = {"RT_HOOK=told"}; }
void TellSwapped(json& config) {
  std::swap(config["hooks"]["createRuntime"][0], config["hooks"]["createRuntime"][1]);
}

// A failing hook of `kind` at `index` of `modes`, with a hook of every other kind recording.
template <Kind kKind>
void FailingKind(json& config, const OpContainer& c) {
  RecordingProcess(config);
  for (Kind kind : hooks::kHookKinds) {
    if (kind == kKind) {
      Add(config, kind, c, {"record", "fail", "record"});
    } else {
      Add(config, kind, c, {"record"});
    }
  }
}

// Hooks of `kKind` only, the second of three failing, and poststop hooks recording.
template <Kind kKind>
void FailingOnly(json& config, const OpContainer& c) {
  RecordingProcess(config);
  Add(config, kKind, c, {"record", "fail", "record"});
  if (kKind != Kind::kPoststop) Add(config, Kind::kPoststop, c, {"record"});
}

void HangingCreateRuntime(json& config, const OpContainer& c) {
  RecordingProcess(config);
  Add(config, Kind::kCreateRuntime, c, {"hang", "record"});
  config["hooks"]["createRuntime"][0]["timeout"] = 1;
  Add(config, Kind::kCreateContainer, c, {"record"});
  Add(config, Kind::kPoststop, c, {"record"});
}

void HangingPoststop(json& config, const OpContainer& c) {
  RecordingProcess(config);
  Add(config, Kind::kPoststop, c, {"hang", "record"});
  config["hooks"]["poststop"][0]["timeout"] = 1;
}

// create, judge; start, judge; stop, delete, judge: the log after each phase, `ids` judged.
// `start` may return before the container's init has run the startContainer hooks and executed
// the user program (runc and crun do), so the log is read once the program said it is ready.
std::vector<Step> Lifecycle(const char* ids) {
  return {{.op = Op::kCreate},
          {.op = Op::kHookLog, .check_id = ids},
          {.op = Op::kStart},
          {.op = Op::kWaitFile, .file = "ready", .line = "ready"},
          {.op = Op::kHookLog, .check_id = ids},
          {.op = Op::kKill, .signal = "TERM"},
          {.op = Op::kWaitExit},
          {.op = Op::kDelete},
          {.op = Op::kHookLog, .check_id = ids}};
}

constexpr const char* kFailedCreate = "hooks.order,hooks.cleanup,hooks.timeout";

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      // Order.
      {.name = "hooks/order/all-kinds",
       .ref = kHooksRef,
       .level = "MUST",
       .proves = "one hook of each kind runs once, in the lifecycle's order, after each operation",
       .configure = EveryKind,
       .steps = Lifecycle("hooks.order")},
      {.name = "hooks/order/array-order",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "several hooks of one kind run in their array's order",
       .configure = SeveralOfAKind,
       .steps = Lifecycle("hooks.order")},
      {.name = "hooks/order/told-swapped",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "negative: a judge told the two first createRuntime hooks swapped fails the log",
       .configure = SeveralOfAKind,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kHookLog, .tell = TellSwapped, .check_id = "hooks.order"}},
       .fails_at = 1,
       .told = "found createRuntime[1], createRuntime[0], createRuntime[2]"},
      // Arguments and environment.
      {.name = "hooks/args-env/exact",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "each hook gets exactly its args (argv[0] included) and env, nothing added",
       .configure = ArgsAndEnv,
       .steps = Lifecycle("hooks.args,hooks.env")},
      {.name = "hooks/args-env/told-args",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "negative: a judge told another argv[0] fails the log",
       .configure = ArgsAndEnv,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kHookLog, .tell = TellArgs, .check_id = "hooks.args,hooks.env"}},
       .fails_at = 1,
       .told = "hooks.args: createRuntime[0]: expected [\"told-name\""},
      {.name = "hooks/args-env/told-env",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "negative: a judge told another env fails the log",
       .configure = ArgsAndEnv,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kHookLog, .tell = TellEnv, .check_id = "hooks.args,hooks.env"}},
       .fails_at = 1,
       .told = "hooks.env: createContainer[0]: expected [\"RT_HOOK=told\"]"},
      // The state on stdin, kind by kind.
      {.name = "hooks/state/prestart",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "prestart gets the state (schema, id, bundle, annotations) with status creating",
       .configure = OnlyKind<Kind::kPrestart>,
       .steps = Lifecycle("hooks.state")},
      {.name = "hooks/state/createRuntime",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "createRuntime gets the state with status creating",
       .configure = OnlyKind<Kind::kCreateRuntime>,
       .steps = Lifecycle("hooks.state")},
      {.name = "hooks/state/createContainer",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "createContainer gets the state with status creating",
       .configure = OnlyKind<Kind::kCreateContainer>,
       .steps = Lifecycle("hooks.state")},
      {.name = "hooks/state/startContainer",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "startContainer gets the state with status created and a pid",
       .configure = OnlyKind<Kind::kStartContainer>,
       .steps = Lifecycle("hooks.state")},
      {.name = "hooks/state/poststart",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "poststart gets the state with status running and a pid",
       .configure = OnlyKind<Kind::kPoststart>,
       .steps = Lifecycle("hooks.state")},
      {.name = "hooks/state/poststop",
       .ref = "runtime.md#state, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "poststop gets the state with status stopped",
       .configure = OnlyKind<Kind::kPoststop>,
       .steps = Lifecycle("hooks.state")},
      // Namespaces and moments.
      {.name = "hooks/namespaces/all-kinds",
       .ref = "config.md#posix-platform-hooks",
       .level = "MUST",
       .proves =
           "prestart, createRuntime, poststart, poststop run in the runtime's mnt, pid and net "
           "namespaces; createContainer and startContainer in the container's, startContainer "
           "with the container's root",
       .configure = EveryKind,
       .steps = Lifecycle("hooks.namespaces")},
      {.name = "hooks/when/create-and-start",
       .ref = "runtime.md#lifecycle, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves =
           "prestart, createRuntime, createContainer (before pivot_root) and startContainer run "
           "while the container process exists and before the user program",
       .configure = CreateAndStartKinds,
       .steps = Lifecycle("hooks.when")},
      {.name = "hooks/when/poststart",
       .ref = "runtime.md#lifecycle, config.md#posix-platform-hooks",
       .level = "MUST",
       .proves = "poststart runs once the container process runs the user program",
       .configure = OnlyKind<Kind::kPoststart>,
       .steps = Lifecycle("hooks.when")},
      // Failures: the lifecycle goes on at step 12 (destroy, poststop) and leaves nothing.
      {.name = "hooks/fail/prestart",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves =
           "a failing prestart hook fails create, leaves no container nor cgroup, runs no later "
           "hook but poststop",
       .configure = FailingKind<Kind::kPrestart>,
       .steps = {{.op = Op::kCreate, .want = Want::kError},
                 {.op = Op::kHookLog, .check_id = kFailedCreate}}},
      {.name = "hooks/fail/createRuntime",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves =
           "a failing createRuntime hook fails create, leaves nothing, runs no later hook but "
           "poststop",
       .configure = FailingKind<Kind::kCreateRuntime>,
       .steps = {{.op = Op::kCreate, .want = Want::kError},
                 {.op = Op::kHookLog, .check_id = kFailedCreate}}},
      {.name = "hooks/fail/createContainer",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves = "a failing createContainer hook fails create, leaves nothing, runs no later hook "
                 "but poststop",
       .configure = FailingKind<Kind::kCreateContainer>,
       .steps = {{.op = Op::kCreate, .want = Want::kError},
                 {.op = Op::kHookLog, .check_id = kFailedCreate}}},
      {.name = "hooks/fail/startContainer",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves = "a failing startContainer hook fails start, the user program and poststart do not "
                 "run, poststop does",
       .configure = FailingKind<Kind::kStartContainer>,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart, .want = Want::kError, .stops_container = true},
                 {.op = Op::kHookLog, .check_id = "hooks.order"}}},
      {.name = "hooks/fail/poststart",
       .ref = "runtime.md#lifecycle (runtime-spec 1.3)",
       .level = "MUST",
       .proves = "a failing poststart hook fails start and stops the container; poststop runs",
       .configure = FailingKind<Kind::kPoststart>,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart, .want = Want::kError, .stops_container = true},
                 {.op = Op::kHookLog, .check_id = "hooks.order"}},
       .spec_version = ">=1.3.0"},
      {.name = "hooks/fail/poststart-before-1.3",
       .ref = "runtime.md#lifecycle (runtime-spec 1.0 to 1.2)",
       .level = "MUST",
       .proves = "before 1.3 a failing poststart hook is a warning: start succeeds, the other "
                 "poststart hooks run",
       .configure = FailingOnly<Kind::kPoststart>,
       .steps = Lifecycle("hooks.order"),
       .spec_version = "<1.3.0"},
      {.name = "hooks/fail/poststop",
       .ref = "runtime.md#lifecycle",
       .level = "MUST",
       .proves =
           "a failing poststop hook is a warning: delete succeeds, the other poststop hooks run",
       .configure = FailingOnly<Kind::kPoststop>,
       .steps = Lifecycle("hooks.order")},
      {.name = "hooks/timeout/createRuntime",
       .ref = "config.md#posix-platform-hooks, runtime.md#lifecycle",
       .level = "MUST",
       .proves = "a hook past its timeout (1 s) is killed and fails create like a failing hook",
       .configure = HangingCreateRuntime,
       .steps = {{.op = Op::kCreate, .want = Want::kError},
                 {.op = Op::kHookLog, .check_id = kFailedCreate}}},
      {.name = "hooks/timeout/poststop",
       .ref = "config.md#posix-platform-hooks, runtime.md#lifecycle",
       .level = "MUST",
       .proves = "a poststop hook past its timeout (1 s) is killed, delete succeeds, the next "
                 "poststop hook runs",
       .configure = HangingPoststop,
       .steps = Lifecycle("hooks.order,hooks.timeout")},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpHookScenarios() { return Table(); }

}  // namespace rt::suite
