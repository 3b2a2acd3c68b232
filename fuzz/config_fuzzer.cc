// libFuzzer target: config text -> spec::ParseConfig -> every check of the table over a FakeSystem
// -> the TAP and stderr reporters. Built with clang by `cmake -DRT_FUZZ=ON` (see scripts/fuzz.sh)
// under ASan and UBSan; besides crashes, leaks and undefined behaviour it stops on a broken
// promise of the modules it drives:
//   - ParseConfig's error is one line that starts with a JSON path or "not valid JSON: at byte";
//   - no report line is longer than kMaxReportLine;
//   - the failure lines on stderr are exactly the counted failures.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checks/registry.h"
#include "checks/runner.h"
#include "report/report.h"
#include "spec/spec.h"
#include "sys/fake_system.h"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
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
