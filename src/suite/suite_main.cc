#include "suite/suite_main.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "suite/bundle.h"
#include "suite/expected_failures.h"
#include "suite/features.h"
#include "suite/files.h"
#include "suite/interrupt.h"
#include "suite/leftovers.h"
#include "suite/matrix_report.h"
#include "suite/name_filter.h"
#include "suite/op_scenario.h"
#include "suite/options.h"
#include "suite/progress.h"
#include "suite/report_files.h"
#include "suite/run_record.h"
#include "suite/runner.h"
#include "suite/runtime_client.h"
#include "suite/scenario.h"
#include "suite/tap_report.h"
#include "util/text.h"

namespace rt::suite {
namespace {

constexpr int kCannotRun = 2;

// The host's facts for the report (the TAP comment "host: kernel 6.1.0-57-amd64, cgroup v2
// only"): they tell apart the reports of machines (a VM and its host) that ran the same runtime.
HostRecord ObserveHost() {
  HostRecord host;
  struct utsname names {};
  if (::uname(&names) == 0) {
    host.kernel = names.release;
    host.arch = names.machine;
  } else {
    host.kernel = Status::Errno("unknown (uname", errno).message() + ")";
  }
  host.cgroup_layout = sys::LayoutName(sys::LayoutOf(HostCgroupMounts()));
  // The kernel's list of active LSMs; without securityfs, what each LSM shows elsewhere.
  const std::string list_file = "/sys/kernel/security/lsm";
  if (Result<std::string> list = ReadFile(list_file); list.ok()) {
    host.lsms_source = list_file;
    for (std::string_view name : Words(*list, ",\n")) host.lsms.emplace_back(name);
    return host;
  }
  host.lsms_source = "probes (" + list_file +
                     " unreadable): /sys/module/apparmor/parameters/enabled, /sys/fs/selinux";
  if (Result<std::string> on = ReadFile("/sys/module/apparmor/parameters/enabled");
      on.ok() && on->starts_with("Y")) {
    host.lsms.push_back("apparmor");
  }
  struct stat st;
  if (::stat("/sys/fs/selinux/enforce", &st) == 0) host.lsms.push_back("selinux");
  return host;
}

const char* ModeName(Mode mode) { return mode == Mode::kRun ? "run" : "lifecycle"; }

int64_t MicrosecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

// The report files of --report, each a RunReport (json, junit, tap, matrix).
Result<std::vector<std::unique_ptr<RunReport>>> OpenReports(const std::vector<ReportSpec>& specs) {
  std::vector<std::unique_ptr<RunReport>> reports;
  for (const ReportSpec& spec : specs) {
    // Refused before the run rather than after it: a directory that is not there.
    size_t slash = spec.path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : spec.path.substr(0, slash + 1);
    if (::access(dir.c_str(), W_OK) != 0) {
      return Status::Errno("--report " + spec.format + ":" + spec.path + ": " + dir, errno);
    }
    if (spec.format == "tap") {
      reports.push_back(std::make_unique<TapReport>(spec.path));
    } else if (spec.format == "json") {
      reports.push_back(std::make_unique<FileReport>(spec.path, RunsToJson));
    } else if (spec.format == "junit") {
      reports.push_back(std::make_unique<FileReport>(spec.path, JunitText));
    } else if (spec.format == "matrix") {
      Result<std::string> kind = MatrixKind(spec.path);
      if (!kind.ok()) return Status::Error("--report " + kind.status().message());
      reports.push_back(std::make_unique<FileReport>(
          spec.path, *kind == "md" ? MatrixMarkdownOf : MatrixHtmlOf));
    } else {
      return Status::Error("--report " + spec.format + ":" + spec.path + ": unknown format");
    }
  }
  return reports;
}

int CannotRun(const std::string& message) {
  std::fprintf(stderr, "runtimetest suite: %s\n", message.c_str());
  return kCannotRun;
}

// A bare name is looked up in $PATH, as a shell would.
Result<std::string> ResolveRuntime(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) != 0) return Status::Errno(name, errno);
    return RealPath(name);
  }
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t colon = path.find(':', pos);
    std::string dir =
        path.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return RealPath(candidate);
    if (colon == std::string::npos) break;
    pos = colon + 1;
  }
  return Status::Error(name + ": not found in $PATH");
}

// One scenario of either kind, in run order: the config scenarios, then the operation ones.
struct Entry {
  const Scenario* config = nullptr;
  const OpScenario* op = nullptr;
  const char* name() const { return op != nullptr ? op->name : config->name; }
};

Result<std::vector<Entry>> SelectScenarios(const std::string& filter) {
  std::vector<Entry> selected;
  Result<NameFilter> pattern = NameFilter::Compile(filter);
  if (!pattern.ok()) return Status::Error("--filter \"" + filter + "\": " + pattern.status().message());
  for (const Scenario* s : AllScenarios()) {
    if (pattern->Matches(s->name)) selected.push_back({.config = s});
  }
  for (const OpScenario* s : AllOpScenarios()) {
    if (pattern->Matches(s->name)) selected.push_back({.op = s});
  }
  return selected;
}

// Containers of this run that `list` still shows after all scenarios (a leak the per-scenario
// checks did not look for): force-deleted, and returned for the report.
std::vector<std::string> SweepLeftovers(const RuntimeClient& runtime, const Runner& runner,
                                        std::string* error) {
  std::vector<std::string> left;
  CommandRecord list = runtime.ListQuiet(Deadline::In(std::chrono::seconds(10)), -1);
  if (!list.Succeeded()) {
    *error = "`list --quiet` " + list.Describe() + ": " + FirstLine(list.err);
    return left;
  }
  for (const std::string& id : ParseListQuiet(list.out)) {
    if (!id.starts_with(runner.id_prefix())) continue;
    left.push_back(id);
    runtime.Delete(id, /*force=*/true, Deadline::In(std::chrono::seconds(10)), -1);
  }
  return left;
}

// Where work dirs of runs may be: where this run would put its own, and the usual places.
std::vector<std::string> WorkRoots() {
  std::vector<std::string> roots;
  for (const std::string& dir : {BundleRoot(), TempRoot(), std::string("/dev/shm"),
                                 std::string("/tmp")}) {
    if (std::find(roots.begin(), roots.end(), dir) == roots.end()) roots.push_back(dir);
  }
  return roots;
}

// `suite --cleanup`: removes what runs whose suite process is gone left, with the runtime named
// (if any) and with runc and crun at their default roots.
int CleanupMain(const SuiteOptions& opts) {
  std::vector<std::unique_ptr<RuntimeClient>> clients;
  std::vector<RuntimeAtRoot> roots;
  auto add = [&](const std::string& path, const std::vector<std::string>& args) {
    auto client = std::make_unique<RuntimeClient>(path, args);
    std::string root = RuntimeStateRoot(client->Basename(), args);
    for (const RuntimeAtRoot& r : roots) {
      if (r.root == root) return;
    }
    roots.push_back({client.get(), root});
    clients.push_back(std::move(client));
  };
  for (const RuntimeOption& runtime : opts.runtimes) {
    Result<std::string> path = ResolveRuntime(runtime.path);
    if (!path.ok()) return CannotRun("--runtime " + path.status().message());
    add(*path, runtime.args);
  }
  for (const char* name : {"runc", "crun", "youki"}) {
    Result<std::string> path = ResolveRuntime(name);
    if (path.ok()) {
      add(*path, {});
    } else {
      roots.push_back({nullptr, std::string("/run/") + name});
    }
  }
  const pid_t self = ::getpid();
  SweepResult swept = Sweep([self](pid_t pid) { return pid != self && !ProcessExists(pid); },
                            roots, WorkRoots(), Deadline::In(std::chrono::seconds(30)));
  for (const std::string& what : swept.found) std::printf("found: %s\n", what.c_str());
  for (const std::string& what : swept.not_removed) {
    std::fprintf(stderr, "runtimetest suite --cleanup: left: %s\n", what.c_str());
  }
  std::printf("runtimetest suite --cleanup: %zu found, %zu could not be removed\n",
              swept.found.size(), swept.not_removed.size());
  return swept.not_removed.empty() ? 0 : 1;
}

// Two runtimes of the same file name get "-2", "-3"... so that their test points (and report
// columns) stay apart; the expected failures still match by the version's runtime name.
void NameRuntimes(std::vector<RuntimeInfo>& infos) {
  std::vector<std::string> names;
  for (RuntimeInfo& info : infos) {
    long same = std::count(names.begin(), names.end(), info.basename);
    names.push_back(info.basename);
    if (same > 0) info.basename += "-" + std::to_string(same + 1);
  }
}

// What every runtime's run shares.
struct RunContext {
  const SuiteOptions& opts;
  const std::vector<Entry>& selected;
  const std::vector<ExpectedFailure>& expected;
  const InterruptWatch& interrupt;
  const std::vector<RunReport*>& reports;
  HostRecord host;
};

// The scenarios on one runtime into `run`, in a work dir of its own, then the sweep of what this
// runtime left. "" or why it could not start (before any report heard of the run; nothing of it
// is left). `done` and `total` count the scenarios of all runtimes, for the progress line.
std::string RunRuntime(const RunContext& ctx, const RuntimeClient& runtime,
                       const RuntimeInfo& info, size_t done, size_t total, RunRecord& run) {
  const SuiteOptions& opts = ctx.opts;
  const auto run_start = std::chrono::steady_clock::now();
  run.started = Rfc3339Utc(::time(nullptr));

  Result<std::string> work_dir = MakeTempDir(BundleRoot(), WorkDirPrefix(::getpid()));
  if (!work_dir.ok()) return work_dir.status().message();
  // Its path goes into every config.json (hook paths, mount sources): JSON text carries only
  // UTF-8, and a path with other bytes would reach the runtime as U+FFFD and fail as its fault.
  if (!IsUtf8(*work_dir)) {
    RemoveTree(*work_dir);
    return "the work dir " + QuoteC(*work_dir) +
           " is not UTF-8, so config.json cannot name paths below it: set TMPDIR to a directory "
           "whose path is";
  }
  // Searchable by every uid (not listable): a container in a user namespace reaches its rootfs
  // as its mapped root, which is not the host's root.
  if (::chmod(work_dir->c_str(), 0711) != 0) {
    Status s = Status::Errno("chmod " + *work_dir, errno);
    RemoveTree(*work_dir);
    return s.message();
  }
  std::string exe = "/proc/self/exe";
  if (!opts.runtimetest_binary.empty()) {
    // Prepare hard-links the name readlink gives; a resolved path makes that the file itself.
    char* real = ::realpath(opts.runtimetest_binary.c_str(), nullptr);
    if (real == nullptr) {
      Status s = Status::Errno("--runtimetest-binary " + opts.runtimetest_binary, errno);
      RemoveTree(*work_dir);
      return s.message();
    }
    exe = real;
    ::free(real);
  }
  Result<BinaryStore> binary = BinaryStore::Prepare(exe, *work_dir);
  if (!binary.ok()) {
    RemoveTree(*work_dir);
    return "preparing the runtimetest executable: " + binary.status().message();
  }

  RunnerConfig config{.mode = opts.mode,
                      .timeout = opts.timeout,
                      .keep_failed = opts.keep_failed,
                      .verify_gone_after_pass = opts.verify_cleanup,
                      .blind = opts.blind_negatives};
  Runner runner(runtime, *binary, *work_dir, config, ctx.interrupt.fd());
  Status init = runner.Init();
  if (!init.ok()) {
    RemoveTree(*work_dir);
    return init.message();
  }
  run.tool_version = RUNTIMETEST_VERSION;
  run.runtime = {.path = info.path,
                 .name = info.basename,
                 .version_line = info.version.line,
                 .version = info.version.version,
                 .args = runtime.global_args()};
  if (const nlohmann::json* features = runner.Features()) {
    run.runtime.features = SummarizeFeatures(*features);
  }
  run.host = ctx.host;
  run.mode = ModeName(opts.mode);
  run.blind_negatives = opts.blind_negatives;
  run.filter = opts.filter;
  run.planned = static_cast<int>(ctx.selected.size());

  auto add = [&](const ScenarioResult& result, const ExpectedFailure* known) {
    run.scenarios.push_back(
        MakeScenarioRecord(result, Classify(result.outcome, known), known, info));
    for (RunReport* r : ctx.reports) r->Add(run, run.scenarios.back());
  };
  auto note = [&](const std::string& text) {
    run.notes.push_back(text);
    for (RunReport* r : ctx.reports) r->Note(run, text);
  };
  for (RunReport* r : ctx.reports) r->Begin(run);
  Progress progress = Progress::ForTerminal();
  // TAP on the same terminal gets lines of its own: the progress line goes before each.
  const bool tap_on_terminal = ::isatty(STDOUT_FILENO) == 1;
  std::vector<std::string> kept;
  for (size_t i = 0; i < ctx.selected.size() && ctx.interrupt.signal() == 0; ++i) {
    const Entry& scenario = ctx.selected[i];
    progress.Running(done + i + 1, total, scenario.name(), info.basename);
    ScenarioResult last =
        scenario.op != nullptr ? runner.Run(*scenario.op) : runner.Run(*scenario.config);
    if (tap_on_terminal) {
      progress.Erase();
    } else {
      progress.Ran(done + i + 1, total, scenario.name(), info.basename,
                   std::chrono::duration_cast<std::chrono::milliseconds>(last.elapsed).count());
    }
    if (last.interrupted) {
      const char* name = sigabbrev_np(ctx.interrupt.signal());
      run.interrupted = std::string("interrupted by SIG") + (name ? name : "?") + " during " +
                        last.name() + " (its container and bundle were removed)";
      break;
    }
    const ExpectedFailure* known =
        FindExpectedFailure(ctx.expected, info.version.name, info.basename, info.version.version,
                            scenario.name(), run.host.cgroup_layout.c_str());
    if (std::string why = Inexcusable(last); known != nullptr && !why.empty()) {
      last.message += " (the expected-failure entry of line " + std::to_string(known->line) +
                      " does not excuse " + why + ")";
      known = nullptr;
    }
    add(last, known);
    if (last.bundle_kept) kept.push_back(last.bundle);
  }
  progress.Erase();
  ReapOrphans();
  if (ctx.interrupt.signal() != 0 && run.interrupted.empty()) {
    const char* name = sigabbrev_np(ctx.interrupt.signal());
    run.interrupted = std::string("interrupted by SIG") + (name ? name : "?");
  }

  std::vector<std::string> left;
  std::string error;
  for (const std::string& id : SweepLeftovers(runtime, runner, &error)) {
    left.push_back("container " + id + " (`list` showed it)");
  }
  if (!error.empty()) note("could not look for containers left behind: " + error);

  Status removed = RemoveTree(binary->path());
  if (kept.empty()) {
    Status s = RemoveTree(*work_dir);
    if (removed.ok()) removed = s;
  } else {
    std::string listing;
    for (const std::string& dir : kept) {
      std::fprintf(stderr, "runtimetest suite: kept the bundle of a failed scenario: %s\n",
                   dir.c_str());
      listing += dir + "\n";
    }
    Status marked = WriteFile(*work_dir + "/" + kKeptMarker, listing, 0644);
    if (!marked.ok()) note("cleanup: " + marked.message());
  }
  if (!removed.ok()) note("cleanup: " + removed.message());

  // The cgroup parent of the run is expected (empty by now); anything else of this run still on
  // the host is a leak, removed and reported.
  const pid_t self = ::getpid();
  for (const std::string& dir : CgroupDirsFor(HostCgroupMounts(), SuiteCgroupParent(self))) {
    ::rmdir(dir.c_str());
  }
  std::vector<RuntimeAtRoot> roots = {
      {&runtime, RuntimeStateRoot(runtime.Basename(), runtime.global_args())}};
  SweepResult swept = Sweep([self](pid_t pid) { return pid == self; }, roots, {},
                            Deadline::In(std::chrono::seconds(30)));
  for (const std::string& what : swept.found) left.push_back(what);
  for (const std::string& what : swept.not_removed) left.push_back("NOT REMOVED " + what);
  if (!left.empty()) {
    // Not attributable to one scenario: reported as a test point of its own.
    static const Scenario kSweep = {
        .name = "suite/nothing-left-behind", .check_id = "all", .expect = Expect::kPass};
    ScenarioResult sweep;
    sweep.scenario = &kSweep;
    sweep.outcome = Outcome::kFail;
    sweep.message = "this run left behind (now removed unless said otherwise):";
    for (const std::string& what : left) sweep.message += " " + what + ";";
    add(sweep, nullptr);
  }
  run.duration_us = MicrosecondsSince(run_start);
  return "";
}

}  // namespace

int SuiteMain(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Result<SuiteOptions> parsed = ParseSuiteOptions(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "runtimetest suite: %s\n\n%s", parsed.status().message().c_str(),
                 SuiteUsage().c_str());
    return kCannotRun;
  }
  const SuiteOptions& opts = *parsed;
  if (opts.help) {
    std::fputs(SuiteUsage().c_str(), stdout);
    return 0;
  }
  if (opts.cleanup) return CleanupMain(opts);
  Result<std::vector<Entry>> selected = SelectScenarios(opts.filter);
  if (!selected.ok()) return CannotRun(selected.status().message());
  if (opts.blind_negatives) {
    std::erase_if(selected.value(), [](const Entry& e) {
      return e.config == nullptr || e.config->expect != Expect::kCheckFails;
    });
  }
  if (opts.list) {
    // Config scenarios: name, expectation. Operation scenarios: name, "ops" (or "ops-negative"),
    // spec section, level, what a pass proves.
    for (const Entry& e : *selected) {
      if (e.config != nullptr) {
        std::printf("%s\t%s\n", e.config->name, ExpectName(e.config->expect));
      } else {
        std::printf("%s\t%s\t%s\t%s\t%s\n", e.op->name,
                    e.op->fails_at >= 0 ? "ops-negative" : "ops", e.op->ref, e.op->level,
                    e.op->proves);
      }
    }
    return 0;
  }

  Result<std::vector<std::unique_ptr<RunReport>>> files = OpenReports(opts.reports);
  if (!files.ok()) return CannotRun(files.status().message());

  // Every runtime is resolved and answers --version before the report starts.
  std::vector<std::unique_ptr<RuntimeClient>> clients;
  std::vector<RuntimeInfo> infos;
  for (const RuntimeOption& option : opts.runtimes) {
    Result<std::string> path = ResolveRuntime(option.path);
    if (!path.ok()) return CannotRun("--runtime " + path.status().message());
    auto client = std::make_unique<RuntimeClient>(*path, option.args);
    CommandRecord version = client->Version(Deadline::In(std::chrono::seconds(10)));
    if (!version.Succeeded()) {
      return CannotRun(client->path() + " --version: " + version.Describe() + ": " +
                       FirstLine(version.err));
    }
    infos.push_back({.path = client->path(),
                     .basename = client->Basename(),
                     .version = ParseVersion(version.out),
                     .mode = opts.mode});
    clients.push_back(std::move(client));
  }
  NameRuntimes(infos);

  std::vector<ExpectedFailure> expected;
  if (!opts.expected_failures.empty()) {
    Result<std::string> text = ReadFile(opts.expected_failures);
    if (!text.ok()) return CannotRun("--expected-failures: " + text.status().message());
    Result<std::vector<ExpectedFailure>> entries =
        ParseExpectedFailures(*text, opts.expected_failures);
    if (!entries.ok()) return CannotRun(entries.status().message());
    expected = std::move(entries.value());
  }

  ::signal(SIGPIPE, SIG_IGN);  // a closed stdout must not stop the cleanup
  Result<std::unique_ptr<InterruptWatch>> watch = InterruptWatch::Install();
  if (!watch.ok()) return CannotRun(watch.status().message());
  const InterruptWatch& interrupt = *watch.value();

  TapReport tap(stdout);
  std::vector<RunReport*> reports = {&tap};
  for (const std::unique_ptr<RunReport>& file : *files) reports.push_back(file.get());
  RunContext context{.opts = opts,
                     .selected = *selected,
                     .expected = expected,
                     .interrupt = interrupt,
                     .reports = reports,
                     .host = ObserveHost()};
  // Reserved: the reports hold on to the records of the runs before.
  std::vector<RunRecord> runs;
  runs.reserve(infos.size());
  std::string cannot_run;
  // The first runtime always begins (a signal already there ends it at once, reported).
  for (size_t i = 0; i < infos.size() && cannot_run.empty() && (i == 0 || !interrupt.signal());
       ++i) {
    cannot_run = RunRuntime(context, *clients[i], infos[i], i * selected->size(),
                            selected->size() * infos.size(), runs.emplace_back());
  }
  if (!cannot_run.empty()) {
    runs.pop_back();
    if (runs.empty()) return CannotRun(cannot_run);
    runs.back().interrupted = "stopped: " + infos[runs.size()].basename + " cannot run: " +
                              cannot_run;
  }
  int signal = interrupt.signal();
  if (signal != 0 && runs.back().interrupted.empty()) {
    // Between two runtimes: the last one ran to its end.
    const char* name = sigabbrev_np(signal);
    runs.back().interrupted = std::string("interrupted by SIG") + (name ? name : "?");
  }
  int status = !cannot_run.empty() ? kCannotRun
               : signal != 0       ? 128 + signal
               : tap.tally().failed > 0 ? 1
                                        : 0;
  for (RunReport* r : reports) {
    if (Status written = r->Finish(runs); !written.ok()) {
      std::fprintf(stderr, "runtimetest suite: report: %s\n", written.message().c_str());
      if (status == 0) status = kCannotRun;
    }
  }
  return status;
}

}  // namespace rt::suite
