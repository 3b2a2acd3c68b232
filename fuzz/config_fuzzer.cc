// libFuzzer target: config text -> spec::ParseConfig -> every check of the table over a FakeSystem
// -> the TAP and stderr reporters. Built with clang by `cmake -DRT_FUZZ=ON` (see scripts/fuzz.sh)
// under ASan and UBSan; besides crashes, leaks and undefined behaviour it stops on a broken
// promise of the modules it drives:
//   - ParseConfig's error is one line that starts with a JSON path or "not valid JSON: at byte";
//   - no report line is longer than kMaxReportLine;
//   - the failure lines on stderr are exactly the counted failures.
// The same bytes also go, as JSON from outside the program, through the suite's readers of a
// runtime's `state` and `features` output, of a hook's stdin and log, and of a report read back
// (OutsideJson below): none may crash, and an error says why.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checks/registry.h"
#include "checks/runner.h"
#include "hooks/hook_log.h"
#include "hooks/judge.h"
#include "hooks/state.h"
#include "report/report.h"
#include "spec/spec.h"
#include "suite/features.h"
#include "suite/matrix_report.h"
#include "suite/op_judge.h"
#include "suite/report_files.h"
#include "suite/run_record.h"
#include "suite/runtime_client.h"
#include "sys/fake_system.h"
#include "util/json_text.h"
#include "util/text.h"

namespace {

using rt::report::Assertion;

std::string Fixture(const std::string& relative_path) {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/testdata/" + relative_path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A container as runc makes one by default, so the checks get past "cannot read" into their
// comparisons. Built once; each run gets a copy (checks may record writes).
const rt::sys::FakeSystem& BaseSystem() {
  static const rt::sys::FakeSystem base = [] {
    rt::sys::FakeSystem fake;
    fake.files["/proc/self/status"] = Fixture("proc_self_status.txt");
    fake.files["/proc/self/mountinfo"] = Fixture("mountinfo_runc_default.txt");
    fake.files["/proc/self/cgroup"] = Fixture("cgroup/runc-cgroupns.cgroup");
    fake.files["/proc/self/oom_score_adj"] = "0\n";
    fake.files["/proc/sys/kernel/cap_last_cap"] = "40\n";
    fake.files["/proc/self/uid_map"] = "0 0 4294967295\n";
    fake.files["/proc/self/gid_map"] = "0 0 4294967295\n";
    fake.files["/proc/self/timens_offsets"] = "monotonic 0 0\nboottime 0 0\n";
    fake.uts = {"h", "d"};
    fake.env = {"PATH=/bin", "A=1"};
    fake.ids.groups = {1};
    fake.interfaces["lo"] = 1;
    return fake;
  }();
  return base;
}

void Require(bool promise, const char* what) {
  if (!promise) {
    fprintf(stderr, "broken promise: %s\n", what);
    __builtin_trap();
  }
}

bool LinesWithin(const std::string& text, size_t max) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > max) return false;
    start = end + 1;
  }
  return true;
}

// The config a hook log is judged against: hooks of two kinds, one failing on purpose.
const rt::spec::Config& ToldHooks() {
  static const rt::spec::Config told = [] {
    rt::Result<rt::spec::Config> c = rt::spec::ParseConfig(R"({"ociVersion": "1.3.0",
      "annotations": {"k": "v"},
      "hooks": {"prestart": [{"path": "/rt", "args": ["p", "hook", "record"], "env": ["A=1"]}],
                "createRuntime": [{"path": "/rt"}, {"path": "/rt"}],
                "poststart": [{"path": "/rt", "args": ["s", "hook", "fail"]}]}})");
    Require(c.ok(), "the hooks config parses");
    return *c;
  }();
  return told;
}

// `text` as the JSON the suite reads from outside: a runtime's `state` (its parser and the
// operation judge), a hook's stdin (judged for every hook kind), `features` output (every kind of
// requirement a scenario makes), a hook log (read, then judged) and a report read back (written
// again as every report file).
void OutsideJson(const std::string& text) {
  rt::Result<rt::suite::ContainerState> state = rt::suite::ParseState(text, "c1", "/b");
  Require(state.ok() || !state.status().message().empty(), "a state error says why");
  rt::suite::CommandRecord ran;
  ran.exit = rt::suite::ExitStatus{.known = true, .code = 0};
  ran.out = text;
  (void)rt::suite::Describe(rt::suite::SnapshotOf(ran, "c1"));
  (void)rt::suite::JudgeState(text, "c1", "/b", {{"k", "v"}}, "running");

  if (rt::Result<nlohmann::json> j = rt::ParseJsonText(text); j.ok()) {
    const rt::hooks::StateExpectation expect{"c1", "/b",
                                             std::map<std::string, std::string>{{"k", "v"}}};
    for (int k = 0; k <= static_cast<int>(rt::hooks::Kind::kProcess); ++k) {
      (void)rt::hooks::StateProblems(static_cast<rt::hooks::Kind>(k), *j, expect);
    }
    (void)rt::suite::SummarizeFeatures(*j);
    (void)rt::suite::DeclaredSpecVersion(&*j, text);
    for (const char* requirement :
         {"ociVersionMax>=1.2.0", "linux.namespaces=time", "linux.seccomp.actions=SCMP_ACT_LOG",
          "linux.seccomp.enabled", "mountOptions=rro"}) {
      (void)rt::suite::MissingFeature(&*j, requirement);
    }
  }

  rt::Result<std::vector<rt::hooks::Record>> log = rt::hooks::ParseHookLog(text + "\n");
  Require(log.ok() || !log.status().message().empty(), "a hook log error says why");
  if (log.ok()) {
    const rt::hooks::HostFacts host{{{"mnt", 1}, {"pid", 2}},
                                    {"c1", "/b", std::map<std::string, std::string>{{"k", "v"}}}};
    for (const rt::hooks::Finding& f :
         rt::hooks::JudgeHookLog(*log, ToldHooks(), {.started = true, .deleted = true}, host)) {
      (void)f.Line();
    }
  }

  rt::Result<std::vector<rt::suite::RunRecord>> runs = rt::suite::ParseRunRecords(text);
  Require(runs.ok() || !runs.status().message().empty(), "a report error says why");
  if (runs.ok()) {
    (void)rt::suite::RunsToJson(*runs);
    (void)rt::suite::JunitText(*runs);
    (void)rt::suite::MatrixMarkdownOf(*runs);
    (void)rt::suite::MatrixHtmlOf(*runs);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  OutsideJson(text);
  rt::Result<rt::spec::Config> config = rt::spec::ParseConfig(text);
  if (!config.ok()) {
    const std::string error = config.status().message();  // status() is a copy
    Require(!error.empty() && error.find('\n') == std::string::npos, "one-line parse error");
    Require(error.size() < 4096, "short parse error");
    return 0;
  }
  static const std::vector<const rt::checks::CheckDef*> all = *rt::checks::SelectChecks({});
  rt::sys::FakeSystem fake = BaseSystem();
  const std::vector<Assertion> results = rt::checks::RunChecks(all, {*config, fake});
  for (rt::report::Level threshold :
       {rt::report::Level::kMust, rt::report::Level::kShould, rt::report::Level::kMay}) {
    const std::string tap = rt::report::TapText(results, threshold);
    const std::string failures = rt::report::FailuresText(results, threshold);
    Require(LinesWithin(tap, rt::kMaxReportLine), "TAP lines within the cap");
    Require(LinesWithin(failures, rt::kMaxReportLine), "stderr lines within the cap");
    size_t counted = 0;
    for (const Assertion& a : results) {
      counted += a.outcome == rt::report::Outcome::kFail && rt::report::Counts(a.level, threshold);
    }
    size_t lines = 0;
    for (char c : failures) lines += c == '\n';
    Require(lines == counted, "one stderr line per counted failure");
    Require(rt::report::AnyCountedFailure(results, threshold) == (counted > 0), "exit status");
  }
  return 0;
}
