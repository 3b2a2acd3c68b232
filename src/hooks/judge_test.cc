#include "hooks/judge.h"

#include <gtest/gtest.h>

#include "util/json_test_util.h"

namespace rt::hooks {
namespace {

using json = nlohmann::json;

const NamespaceIds kHostNs = {{"mnt", 1}, {"pid", 2}, {"net", 3}};
const NamespaceIds kContainerNs = {{"mnt", 11}, {"pid", 12}, {"net", 13}};
constexpr FileId kHostRoot{8, 2};
constexpr FileId kContainerRoot{8, 77};

spec::Hook Hook(const std::string& name, const std::string& kind, std::string mode = "record") {
  return {"/rt", std::vector<std::string>{name, "hook", mode, "--log", "L", "--name", kind},
          std::vector<std::string>{"HOOK=" + name}, std::nullopt};
}

spec::Config Told() {
  spec::Config c;
  c.oci_version = "1.3.0";
  c.annotations = {{"a", "1"}};
  spec::Hooks h;
  h.prestart = {Hook("pre0", "prestart")};
  h.create_runtime = {Hook("cr0", "createRuntime"), Hook("cr1", "createRuntime")};
  h.create_container = {Hook("cc0", "createContainer")};
  h.start_container = {Hook("sc0", "startContainer")};
  h.poststart = {Hook("ps0", "poststart")};
  h.poststop = {Hook("st0", "poststop")};
  c.hooks = h;
  return c;
}

// The record a conforming runtime makes for hooks[kind][index] of Told().
Record Run(Kind kind, const spec::Hook& hook) {
  Record r;
  r.kind = kind;
  r.argv = *hook.args;
  r.env = *hook.env;
  r.pid = 100;
  const bool inside = InContainerNamespace(kind);
  r.ns = inside ? kContainerNs : kHostNs;
  r.root = kind == Kind::kStartContainer ? kContainerRoot : kHostRoot;
  r.state = json{{"ociVersion", "1.0.2"},    {"id", "c1"},     {"status", ImpliedStatus(kind)},
                 {"pid", inside ? 1 : 4240}, {"bundle", "/b"}, {"annotations", {{"a", "1"}}}};
  if (kind != Kind::kPoststop) {
    r.container.pid = inside ? 1 : 4240;
    r.container.exists = true;
    r.container.running_user_program = kind == Kind::kPoststart;
    if (!inside) r.container.ns = kContainerNs;
  }
  return r;
}

Record Process() {
  Record r;
  r.kind = Kind::kProcess;
  r.argv = {"/bin/runtimetest", "hook", "record", "--log", "/hooks/log", "--name", "process"};
  r.ns = kContainerNs;
  r.root = kContainerRoot;
  return r;
}

// The whole lifecycle of Told() as a conforming runtime logs it, through the text format.
std::vector<Record> ConformingLog() {
  const spec::Hooks h = *Told().hooks;
  std::vector<Record> log = {Run(Kind::kPrestart, h.prestart[0]),
                             Run(Kind::kCreateRuntime, h.create_runtime[0]),
                             Run(Kind::kCreateRuntime, h.create_runtime[1]),
                             Run(Kind::kCreateContainer, h.create_container[0]),
                             Run(Kind::kStartContainer, h.start_container[0]),
                             Process(),
                             Run(Kind::kPoststart, h.poststart[0]),
                             Run(Kind::kPoststop, h.poststop[0])};
  std::string text;
  for (const Record& r : log) text += FormatRecord(r) + "\n";
  return ParseHookLog(text).value();
}

HostFacts Host() { return {kHostNs, {"c1", "/b", std::map<std::string, std::string>{{"a", "1"}}}}; }

constexpr Plan kWholeLifecycle{.started = true, .deleted = true};

std::vector<std::string> Lines(const std::vector<Finding>& findings) {
  std::vector<std::string> lines;
  for (const Finding& f : findings) lines.push_back(f.Line());
  return lines;
}

TEST(HookJudge, ExpectedRunsFollowTheLifecycle) {
  const spec::Hooks h = *Told().hooks;
  std::vector<std::string> labels;
  for (const HookRun& r : ExpectedRuns(h, kWholeLifecycle)) labels.push_back(Label(r));
  EXPECT_EQ(labels, (std::vector<std::string>{"prestart[0]", "createRuntime[0]", "createRuntime[1]",
                                              "createContainer[0]", "startContainer[0]",
                                              "poststart[0]", "poststop[0]"}));
  labels.clear();
  for (const HookRun& r : ExpectedRuns(h, Plan{})) labels.push_back(Label(r));
  EXPECT_EQ(labels, (std::vector<std::string>{"prestart[0]", "createRuntime[0]", "createRuntime[1]",
                                              "createContainer[0]"}));
}

TEST(HookJudge, AFailingHookEndsItsPhaseAndGoesToPoststop) {
  spec::Hooks h = *Told().hooks;
  h.create_runtime[0] = Hook("cr0", "createRuntime", "fail");
  std::vector<std::string> labels;
  for (const HookRun& r : ExpectedRuns(h, Plan{})) labels.push_back(Label(r));
  EXPECT_EQ(labels, (std::vector<std::string>{"prestart[0]", "createRuntime[0]", "poststop[0]"}));
}

TEST(HookJudge, AFailingPoststartIsAnErrorSince13AndAWarningBefore) {
  spec::Hooks h = *Told().hooks;
  h.poststart = {Hook("ps0", "poststart", "fail"), Hook("ps1", "poststart")};
  std::vector<std::string> labels;
  for (const HookRun& r : ExpectedRuns(h, Plan{.started = true})) labels.push_back(Label(r));
  EXPECT_EQ(labels.back(), "poststop[0]");
  EXPECT_EQ(labels[labels.size() - 2], "poststart[0]");
  labels.clear();
  Plan older{.started = true, .poststart_failure_is_error = false};
  for (const HookRun& r : ExpectedRuns(h, older)) labels.push_back(Label(r));
  EXPECT_EQ(labels.back(), "poststart[1]");  // the rest run, no poststop before delete
}

TEST(HookJudge, AFailingPoststopIsOnlyAWarning) {
  spec::Hooks h = *Told().hooks;
  h.poststop = {Hook("st0", "poststop", "hang"), Hook("st1", "poststop")};
  std::vector<std::string> labels;
  for (const HookRun& r : ExpectedRuns(h, kWholeLifecycle)) labels.push_back(Label(r));
  EXPECT_EQ(labels.back(), "poststop[1]");
}

TEST(HookJudge, AConformingLogHasNoFindings) {
  EXPECT_EQ(Lines(JudgeHookLog(ConformingLog(), Told(), kWholeLifecycle, Host())),
            std::vector<std::string>{});
}

TEST(HookJudge, AMissingHookIsAnOrderFinding) {
  std::vector<Record> log = ConformingLog();
  log.erase(log.begin());  // no prestart
  EXPECT_EQ(Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host())),
            std::vector<std::string>{
                "hooks.order: expected prestart[0], createRuntime[0], createRuntime[1], "
                "createContainer[0], startContainer[0], poststart[0], poststop[0], found "
                "createRuntime[0], createRuntime[1], createContainer[0], startContainer[0], "
                "poststart[0], poststop[0] (runtime.md#lifecycle, MUST)"});
}

TEST(HookJudge, HooksOfOneKindRunInArrayOrder) {
  std::vector<Record> log = ConformingLog();
  std::swap(log[1], log[2]);
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host()));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("found prestart[0], createRuntime[1], createRuntime[0]"),
            std::string::npos)
      << lines[0];
}

TEST(HookJudge, TheJudgeToldAnotherOrderFails) {
  spec::Config told = Told();
  std::swap(told.hooks->create_runtime[0], told.hooks->create_runtime[1]);
  std::vector<std::string> lines =
      Lines(JudgeHookLog(ConformingLog(), told, kWholeLifecycle, Host()));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(0, 12), "hooks.order:");
}

TEST(HookJudge, ArgsAndEnvMustArriveExactly) {
  spec::Config told = Told();
  told.hooks->poststart[0].args->push_back("extra");
  told.hooks->create_container[0].env = std::vector<std::string>{"HOOK=cc0", "X=1"};
  EXPECT_EQ(Lines(JudgeHookLog(ConformingLog(), told, kWholeLifecycle, Host())),
            (std::vector<std::string>{
                "hooks.env: createContainer[0]: expected [\"HOOK=cc0\",\"X=1\"], found "
                "[\"HOOK=cc0\"] (config.md#posix-platform-hooks, MUST)",
                "hooks.args: poststart[0]: expected "
                "[\"ps0\",\"hook\",\"record\",\"--log\",\"L\",\"--name\",\"poststart\",\"extra\"], "
                "found [\"ps0\",\"hook\",\"record\",\"--log\",\"L\",\"--name\",\"poststart\"] "
                "(config.md#posix-platform-hooks, MUST)"}));
}

TEST(HookJudge, AbsentArgsAndEnvAreNotCompared) {
  spec::Config told = Told();
  told.hooks->poststop[0].args.reset();
  told.hooks->poststop[0].env.reset();
  EXPECT_EQ(Lines(JudgeHookLog(ConformingLog(), told, kWholeLifecycle, Host())),
            std::vector<std::string>{});
}

TEST(HookJudge, TheStateMustBeTheContainersWithTheImpliedStatus) {
  std::vector<Record> log = ConformingLog();
  (*log[6].state)["status"] = "created";
  log[7].state.reset();
  log[7].state_text = "";
  HostFacts host = Host();
  host.state.annotations = std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}};
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, host));
  ASSERT_EQ(lines.size(), 8u);  // annotations of the six with a state, a status, no stdin
  EXPECT_EQ(lines[5],
            "hooks.state: poststart[0]: status: expected \"running\" for a poststart "
            "hook, found \"created\" (runtime.md#state, MUST)");
  EXPECT_EQ(lines[7],
            "hooks.state: poststop[0]: expected the state on stdin, found nothing "
            "(config.md#posix-platform-hooks, MUST)");
}

// Stdin that is not JSON is quoted by its first 64 bytes: a cut inside a UTF-8 character, or
// bytes that are not UTF-8, must still make a finding (nlohmann's dump would throw on either).
TEST(HookJudge, StdinThatIsNotJsonIsQuotedByItsStartEvenWhenNotUtf8) {
  std::vector<Record> log = ConformingLog();
  log[7].state.reset();
  log[7].state_text = std::string(63, 'x') + "\xc3\xa9 and more";  // é across byte 64
  log[6].state.reset();
  log[6].state_text = "\xff\xfe not UTF-8";
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host()));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "hooks.state: poststart[0]: expected the state as JSON on stdin, found "
            "\"\xef\xbf\xbd\xef\xbf\xbd not UTF-8\" (config.md#posix-platform-hooks, MUST)");
  EXPECT_EQ(lines[1], "hooks.state: poststop[0]: expected the state as JSON on stdin, found \"" +
                          std::string(63, 'x') + "\" (config.md#posix-platform-hooks, MUST)");
}

// A hook log is written inside the container, by whatever the runtime ran: every record changed
// at one node to each JSON type, or without it, is read and judged, or refused, never aborted over.
TEST(HookJudge, NoChangeOfOneNodeOfARecordMakesReadingOrJudgingAbort) {
  const std::vector<Record> conforming = ConformingLog();
  size_t variants = 0, judged = 0;
  for (size_t i : {size_t{1}, size_t{5}, size_t{6}}) {  // createRuntime, process, poststart
    ForEachVariant(json::parse(FormatRecord(conforming[i])),
                   [&](const std::string& line, const std::string& /*what*/) {
                     ++variants;
                     // The program has no exceptions: a conversion that refused would abort.
                     std::string text;
                     for (size_t k = 0; k < conforming.size(); ++k) {
                       text += (k == i ? line : FormatRecord(conforming[k])) + "\n";
                     }
                     Result<std::vector<Record>> log = ParseHookLog(text);
                     if (log.ok()) {
                       ++judged;
                       (void)JudgeHookLog(*log, Told(), kWholeLifecycle, Host());
                     }
                   });
  }
  EXPECT_GT(variants, 500u);
  EXPECT_GT(judged, 0u);
}

TEST(HookJudge, RuntimeHooksRunInTheRuntimesNamespaces) {
  std::vector<Record> log = ConformingLog();
  log[0].ns["net"] = 13;   // prestart in the container's network namespace
  log[6].ns.erase("mnt");  // not observed: not compared
  EXPECT_EQ(Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host())),
            std::vector<std::string>{"hooks.namespaces: prestart[0]: net namespace: expected "
                                     "the runtime's (3), found 13 "
                                     "(config.md#posix-platform-hooks, MUST)"});
}

TEST(HookJudge, ContainerHooksRunInTheContainersNamespaces) {
  std::vector<Record> log = ConformingLog();
  log[3].ns["mnt"] = 1;     // createContainer in the host's mount namespace
  log[4].root = kHostRoot;  // startContainer before pivot_root
  EXPECT_EQ(Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host())),
            (std::vector<std::string>{
                "hooks.namespaces: createContainer[0]: mnt namespace: expected the container's "
                "(11), found 1 (config.md#posix-platform-hooks, MUST)",
                "hooks.namespaces: startContainer[0]: expected the container's root as /, "
                "found another directory (config.md#posix-platform-hooks, MUST)"}));
}

TEST(HookJudge, TheContainersNamespacesAreKnownWithoutItsOwnRecord) {
  std::vector<Record> log = ConformingLog();
  log.erase(log.begin() + 5);  // no process record: createRuntime's view of state.pid serves
  log[3].ns["pid"] = 2;
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host()));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "hooks.namespaces: createContainer[0]: pid namespace: expected the "
            "container's (12), found 2 (config.md#posix-platform-hooks, MUST)");
}

TEST(HookJudge, WhenEachHookRanIsJudgedFromTheContainerProcess) {
  std::vector<Record> log = ConformingLog();
  log[1].container.running_user_program = true;   // createRuntime after the user program started
  log[6].container.running_user_program = false;  // poststart before it
  log[3].root = kContainerRoot;                   // createContainer after pivot_root
  log[4].container.exists = false;                // startContainer without a container process
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host()));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "hooks.when: createRuntime[0]: expected the user program not yet "
                       "executed, found the container process running it "
                       "(runtime.md#lifecycle, MUST)",
                       "hooks.when: createContainer[0]: expected to run before pivot_root, "
                       "found the container's root as / (config.md#posix-platform-hooks, MUST)",
                       "hooks.when: startContainer[0]: expected the container process (pid 1) "
                       "to exist, found none (runtime.md#lifecycle, MUST)",
                       "hooks.when: poststart[0]: expected the container process to run the "
                       "user program, found it still in the runtime's init "
                       "(runtime.md#lifecycle, MUST)"}));
}

TEST(HookJudge, StartContainerRecordedAfterTheProgramIsLate) {
  std::vector<Record> log = ConformingLog();
  std::swap(log[4], log[5]);
  std::vector<std::string> lines = Lines(JudgeHookLog(log, Told(), kWholeLifecycle, Host()));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].substr(0, 37), "hooks.when: startContainer[0]: expect");
}

}  // namespace
}  // namespace rt::hooks
