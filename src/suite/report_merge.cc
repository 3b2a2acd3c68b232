#include "suite/report_merge.h"

#include <cstdio>

#include "suite/files.h"
#include "suite/matrix_report.h"
#include "suite/options.h"
#include "suite/report_files.h"
#include "suite/run_record.h"
#include "util/file.h"

namespace rt::suite {
namespace {

constexpr int kCannot = 2;

int Cannot(const std::string& message) {
  std::fprintf(stderr, "runtimetest report: %s\n", message.c_str());
  return kCannot;
}

}  // namespace

std::string ReportUsage() {
  return "usage: runtimetest report merge --report FORMAT:FILE ... REPORT.json ...\n"
         "\n"
         "Reads JSON reports (runtimetest suite --report json:FILE; each holds one run, or the\n"
         "runs of a call that drove several runtimes) and writes them as one set of reports:\n"
         "\n"
         "  --report matrix:FILE.md|FILE.html  one row per scenario grouped by spec section, one\n"
         "                            column per run (runtime and host: kernel, cgroup layout)\n"
         "  --report junit:FILE       one testsuite per run\n"
         "  --report json:FILE        every run in one document\n"
         "\n"
         "The runs keep the order of the files given. Exit status: 0 written, 2 cannot.\n";
}

int ReportMain(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(ReportUsage().c_str(), args.empty() ? stderr : stdout);
    return args.empty() ? kCannot : 0;
  }
  if (args[0] != "merge") return Cannot("unknown subcommand \"" + args[0] + "\"\n\n" + ReportUsage());
  std::vector<ReportSpec> outputs;
  std::vector<std::string> inputs;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(ReportUsage().c_str(), stdout);
      return 0;
    }
    if (arg == "--report" || arg.starts_with("--report=")) {
      std::string value;
      if (arg == "--report") {
        if (i + 1 >= args.size()) return Cannot("--report: missing value");
        value = args[++i];
      } else {
        value = arg.substr(std::string_view("--report=").size());
      }
      Result<ReportSpec> spec = ParseReportSpec(value);
      if (!spec.ok()) return Cannot(spec.status().message());
      if (spec->format == "tap") return Cannot("--report tap: not made by merge (a TAP stream is the suite's)");
      if (spec->format == "matrix") {
        if (Result<std::string> kind = MatrixKind(spec->path); !kind.ok()) {
          return Cannot("--report " + kind.status().message());
        }
      }
      outputs.push_back(*spec);
    } else if (arg.starts_with("-") && arg != "-") {
      return Cannot("unknown flag " + arg);
    } else {
      inputs.push_back(arg);
    }
  }
  if (outputs.empty()) return Cannot("nothing to write: give --report FORMAT:FILE");
  if (inputs.empty()) return Cannot("no report to read: give REPORT.json files");
  std::vector<RunRecord> runs;
  for (const std::string& path : inputs) {
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return Cannot(text.status().message());
    Result<std::vector<RunRecord>> read = ParseRunRecords(*text);
    if (!read.ok()) return Cannot(path + ": " + read.status().message());
    for (RunRecord& run : read.value()) runs.push_back(std::move(run));
  }
  int status = 0;
  for (const ReportSpec& out : outputs) {
    Status written = out.format == "matrix" ? WriteMatrix(out.path, runs)
                     : out.format == "junit"
                         ? WriteFileAtomically(out.path, JunitText(runs), 0644)
                         : WriteFileAtomically(out.path, RunsToJson(runs), 0644);
    if (!written.ok()) {
      std::fprintf(stderr, "runtimetest report: %s:%s: %s\n", out.format.c_str(),
                   out.path.c_str(), written.message().c_str());
      status = kCannot;
    }
  }
  return status;
}

}  // namespace rt::suite
