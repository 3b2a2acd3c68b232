#include "cli.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "checks/registry.h"
#include "checks/runner.h"
#include "report/json_report.h"
#include "report/report.h"
#include "spec/spec.h"
#include "sys/system.h"
#include "util/file.h"
#include "util/text.h"

namespace rt {
namespace {

Result<report::Level> ParseLevel(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (text == "must") return report::Level::kMust;
  if (text == "should") return report::Level::kShould;
  if (text == "may") return report::Level::kMay;
  return Status::Error("--compliance-level: expected must, should or may, found \"" + text + "\"");
}

// The config's path: --path DIR means DIR/config.json; else /spec.json, or /config.json.
std::string ResolveSpecPath(const Options& opts, sys::System& sys) {
  if (!opts.spec_path.empty()) {
    std::string dir = opts.spec_path;
    if (dir.back() != '/') dir += '/';
    return dir + "config.json";
  }
  if (sys.Lstat("/spec.json").ok()) return "/spec.json";
  return "/config.json";
}

int CannotRun(const std::string& reason) {
  // One line each, whatever the reason quotes (a config's bytes, a long path).
  std::string line = reason;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line = Abbreviate(line, kMaxReportLine - 16);
  (void)WriteAll(STDOUT_FILENO, "TAP version 13\nBail out! " + line + "\n", "stdout");
  (void)WriteAll(STDERR_FILENO, "runtimetest: " + line + "\n", "stderr");
  return 2;
}

void PrintList() {
  std::string out;
  for (const checks::CheckDef& c : checks::AllChecks()) {
    out.append(c.id).append("\t").append(c.reference).append("\t");
    out.append(report::LevelName(c.level)).append("\t").append(c.summary).append("\n");
  }
  out += "\nyouki test names:\n";
  for (const checks::Alias& a : checks::Aliases()) {
    out.append(a.name).append("\t");
    for (size_t i = 0; i < a.checks.size(); ++i) out.append(i ? "," : "").append(a.checks[i]);
    out += "\n";
  }
  (void)WriteAll(STDOUT_FILENO, out, "stdout");
}

}  // namespace

std::string UsageText() {
  return "usage: runtimetest [--path DIR] [--compliance-level must|should|may]\n"
         "                   [--report json:FILE] [NAME...]\n"
         "       runtimetest --list | --help | --version\n"
         "       runtimetest suite --runtime PATH [options]   (on the host; suite --help)\n"
         "       runtimetest helper signals|mark|sleep ...    (the suite's container processes;\n"
         "                                                     helper --help)\n"
         "       runtimetest hook record|fail|hang --log FILE --name KIND   (as a hook; README)\n"
         "       runtimetest coverage [--uncovered] [--totals] [--format text|tsv]\n"
         "                                 (which checks and scenarios test each spec statement)\n"
         "       runtimetest report merge --report FORMAT:FILE ... REPORT.json ...\n"
         "                                 (one matrix/JUnit/JSON from the suite's JSON reports)\n"
         "\n"
         "Run as the process of an OCI container, checks from inside that the container is what\n"
         "its config asks for. The config is /spec.json, else /config.json, or DIR/config.json\n"
         "with --path. NAMEs are check ids or youki test names (--list shows both); none runs\n"
         "every check. stdout: TAP 13. stderr: one line per failure, empty on a pass.\n"
         "--report json:FILE also writes the assertions as JSON (suite/assertions.schema.json).\n"
         "Exit status: 0 all passed, 1 a check failed, 2 could not run.\n";
}

Result<Options> ParseOptions(const std::vector<std::string>& args) {
  Options opts;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // --flag VALUE and --flag=VALUE alike; Go's flag package also accepts one dash.
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      for (std::string_view prefix : {std::string_view("--"), std::string_view("-")}) {
        std::string full = std::string(prefix) + std::string(flag);
        if (a == full && i + 1 < args.size()) return args[++i];
        if (a.rfind(full + "=", 0) == 0) return a.substr(full.size() + 1);
      }
      return std::nullopt;
    };
    if (a == "--help" || a == "-h" || a == "-help") {
      opts.help = true;
    } else if (a == "--version" || a == "-version") {
      opts.version = true;
    } else if (a == "--list" || a == "-list") {
      opts.list = true;
    } else if (auto v = value("path")) {
      if (v->empty()) return Status::Error("--path: expected a directory, found \"\"");
      opts.spec_path = *v;
    } else if (auto v = value("compliance-level")) {
      Result<report::Level> level = ParseLevel(*v);
      if (!level.ok()) return level.status();
      opts.compliance = *level;
    } else if (auto v = value("report")) {
      if (!v->starts_with("json:") || v->size() == 5) {
        return Status::Error("--report: expected json:FILE, found \"" + *v + "\"");
      }
      opts.json_report = v->substr(5);
    } else if (auto v = value("log-level")) {
      // runtime-tools' flag; this validator logs nothing beyond its reports.
    } else if (!a.empty() && a[0] == '-') {
      return Status::Error("unknown option " + a + " (runtimetest --help)");
    } else {
      opts.names.push_back(a);
    }
  }
  return opts;
}

// Writes the --report file (when asked for); a file that cannot be written makes the run one that
// could not run (exit 2), said on stderr.
int WithReport(const Options& opts, const std::vector<report::Assertion>& results,
               report::RunFacts facts) {
  if (opts.json_report.empty()) return facts.exit_status;
  Status written = WriteFileAtomically(
      opts.json_report, report::AssertionsJson(results, opts.compliance, facts), 0644);
  if (written.ok()) return facts.exit_status;
  (void)WriteAll(STDERR_FILENO, "runtimetest: --report: " + written.message() + "\n", "stderr");
  return 2;
}

int ValidateMain(const std::vector<std::string>& args) {
  Result<Options> parsed = ParseOptions(args);
  if (!parsed.ok()) return CannotRun(parsed.status().message());
  const Options& opts = *parsed;
  // Could not run: the reason on stdout and stderr, and in the report file.
  auto cannot_run = [&opts](const std::string& reason, const std::string& config_path) {
    int status = CannotRun(reason);
    return WithReport(opts, {},
                      {.config_path = config_path, .error = reason, .exit_status = status});
  };
  if (opts.help) {
    (void)WriteAll(STDOUT_FILENO, UsageText(), "stdout");
    return 0;
  }
  if (opts.version) {
    (void)WriteAll(STDOUT_FILENO, "runtimetest " RUNTIMETEST_VERSION " (runtime-spec 1.0 to 1.2)\n",
                   "stdout");
    return 0;
  }
  if (opts.list) {
    PrintList();
    return 0;
  }
  Result<std::vector<const checks::CheckDef*>> chosen = checks::SelectChecks(opts.names);
  if (!chosen.ok()) return cannot_run(chosen.status().message(), "");

  sys::System& sys = sys::Linux();
  const std::string path = ResolveSpecPath(opts, sys);
  // Read here rather than through sys.ReadFile, which is for kernel files: a config must be a
  // regular file, read whole up to a cap far above any real one, never cut silently.
  Result<std::string> text = ReadRegularFile(path, spec::kMaxConfigBytes);
  if (!text.ok()) return cannot_run("cannot read the config: " + text.status().message(), path);
  Result<spec::Config> config = spec::ParseConfig(*text);
  if (!config.ok()) return cannot_run(path + ": " + config.status().message(), path);

  const checks::Context ctx{*config, sys};
  const std::vector<report::Assertion> results = checks::RunChecks(*chosen, ctx);
  // A reader of stdout that went away (EPIPE) must not change the verdict: errors are ignored.
  (void)WriteAll(STDOUT_FILENO, report::TapText(results, opts.compliance), "stdout");
  (void)WriteAll(STDERR_FILENO, report::FailuresText(results, opts.compliance), "stderr");
  return WithReport(opts, results,
                    {.config_path = path,
                     .exit_status = report::AnyCountedFailure(results, opts.compliance) ? 1 : 0});
}

}  // namespace rt
