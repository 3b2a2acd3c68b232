#include "suite/options.h"

#include <cmath>
#include <cstdlib>
#include <optional>

namespace rt::suite {

std::string SuiteUsage() {
  return "usage: runtimetest suite --runtime PATH [--runtime-arg ARG ...] ... [options]\n"
         "       runtimetest suite --cleanup [--runtime PATH] [--runtime-arg ARG ...]\n"
         "\n"
         "Drives an OCI runtime (runc, crun, youki, ...) through scenarios: each builds a bundle\n"
         "holding this executable, runs it as the container process, and judges the result.\n"
         "Report: TAP 13 on stdout, ending with \"N passed, N failed, N skipped\".\n"
         "\n"
         "  --runtime PATH            the runtime executable (required unless --list);\n"
         "                            repeatable: the runtimes run one after the other, in one\n"
         "                            TAP stream (one plan), each in a section of its own\n"
         "  --runtime-arg ARG         a global flag put before every subcommand of the\n"
         "                            --runtime before it (repeatable), e.g.\n"
         "                            --runtime crun --runtime-arg=--root=/tmp/state\n"
         "  --mode run|lifecycle      run: one `run` per scenario (default);\n"
         "                            lifecycle: create, state, start, wait, state, delete\n"
         "  --filter REGEX            only scenarios whose name matches (POSIX ERE: . [] ^ $\n"
         "                            ( | ) * + ? {m,n}, \\. a literal dot; searched)\n"
         "  --list                    print the scenarios and exit: config scenarios (name,\n"
         "                            expectation), then operation scenarios (ops/..., with\n"
         "                            their spec section, level and what they prove)\n"
         "  --timeout SECS            per scenario (default 10)\n"
         "  --keep-failed             keep the bundles of failed scenarios and say where\n"
         "  --expected-failures FILE  known failures: <runtime> <version-prefix> <scenario> "
         "<reason>\n"
         "  --runtimetest-binary PATH the static runtimetest put into each rootfs (default:\n"
         "                            this executable)\n"
         "  --verify-cleanup          check with `state` that even passing scenarios left no\n"
         "                            container (always done after failures)\n"
         "  --blind-negatives         a self-test of the judge: only the negative scenarios,\n"
         "                            each with its check blinded (annotation\n"
         "                            org.runtimetest.blind in /spec.json); ok when the judge\n"
         "                            refuses it, not ok when it would still pass\n"
         "  --report FORMAT:FILE      also write the report to FILE (repeatable), when the\n"
         "                            run ends or is interrupted: tap (what stdout shows),\n"
         "                            junit (JUnit XML, a testsuite per runtime), json\n"
         "                            (suite/report.schema.json; several runtimes: an array),\n"
         "                            matrix (FILE.md or FILE.html: scenarios x runtimes)\n"
         "  --cleanup                 remove what runs killed earlier (even by SIGKILL) left:\n"
         "                            their processes, containers, state dirs, cgroups, work\n"
         "                            dirs and network interfaces, found by name, only for\n"
         "                            runs whose suite process is gone; then exit (0: nothing\n"
         "                            is left)\n"
         "\n"
         "Exit status, the worst over all runtimes: 0 nothing failed (expected failures do not\n"
         "count), 1 a scenario failed, 2 cannot run, 130/143 interrupted by SIGINT/SIGTERM\n"
         "(after cleaning up; the runtimes after the interrupted one do not run).\n";
}

Result<ReportSpec> ParseReportSpec(std::string_view text) {
  size_t colon = text.find(':');
  std::string formats;
  for (const char* f : kReportFormats) formats += std::string(formats.empty() ? "" : ", ") + f;
  if (colon == std::string_view::npos) {
    return Status::Error("--report \"" + std::string(text) +
                         "\": expected FORMAT:FILE, FORMAT one of " + formats);
  }
  ReportSpec spec{.format = std::string(text.substr(0, colon)),
                  .path = std::string(text.substr(colon + 1))};
  bool known = false;
  for (const char* f : kReportFormats) known = known || spec.format == f;
  if (!known) {
    return Status::Error("--report \"" + std::string(text) + "\": unknown format \"" + spec.format +
                         "\", expected one of " + formats);
  }
  if (spec.path.empty()) return Status::Error("--report \"" + std::string(text) + "\": no file");
  return spec;
}

Result<SuiteOptions> ParseSuiteOptions(const std::vector<std::string>& args) {
  SuiteOptions opts;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string flag = arg;
    std::optional<std::string> inline_value;
    if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      flag = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    auto value = [&]() -> Result<std::string> {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) return Status::Error(flag + ": missing value");
      return args[++i];
    };
    auto no_value = [&]() -> Status {
      if (inline_value) return Status::Error(flag + ": takes no value");
      return Status::Ok();
    };
    Status s;
    if (flag == "--runtime" || flag == "--runtime-arg" || flag == "--filter" ||
        flag == "--timeout" || flag == "--expected-failures" || flag == "--mode" ||
        flag == "--runtimetest-binary" || flag == "--report") {
      Result<std::string> v = value();
      if (!v.ok()) return v.status();
      if (flag == "--runtime") {
        if (v->empty()) return Status::Error("--runtime: empty path");
        if (!opts.runtimes.empty() && opts.runtimes.back().path.empty()) {
          opts.runtimes.back().path = *v;  // it takes the --runtime-arg flags before it
        } else {
          opts.runtimes.push_back({.path = *v});
        }
      } else if (flag == "--runtime-arg") {
        if (opts.runtimes.empty()) opts.runtimes.emplace_back();  // for the first --runtime
        opts.runtimes.back().args.push_back(*v);
      } else if (flag == "--report") {
        Result<ReportSpec> spec = ParseReportSpec(*v);
        if (!spec.ok()) return spec.status();
        for (const ReportSpec& other : opts.reports) {
          if (other.path == spec->path) {
            return Status::Error("--report " + *v + ": " + spec->path + " is already a report");
          }
        }
        opts.reports.push_back(*spec);
      } else if (flag == "--filter") {
        opts.filter = *v;
      } else if (flag == "--runtimetest-binary") {
        if (v->empty()) return Status::Error("--runtimetest-binary: empty path");
        opts.runtimetest_binary = *v;
      } else if (flag == "--expected-failures") {
        opts.expected_failures = *v;
      } else if (flag == "--mode") {
        if (*v == "run") {
          opts.mode = Mode::kRun;
        } else if (*v == "lifecycle") {
          opts.mode = Mode::kLifecycle;
        } else {
          return Status::Error("--mode: expected run or lifecycle, found \"" + *v + "\"");
        }
      } else {  // --timeout
        char* end = nullptr;
        double secs = std::strtod(v->c_str(), &end);
        if (v->empty() || *end != '\0' || !std::isfinite(secs) || secs <= 0 || secs > 86400) {
          return Status::Error("--timeout: expected seconds > 0, found \"" + *v + "\"");
        }
        opts.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(secs * 1000)));
      }
    } else if (flag == "--list") {
      s = no_value();
      opts.list = true;
    } else if (flag == "--keep-failed") {
      s = no_value();
      opts.keep_failed = true;
    } else if (flag == "--verify-cleanup") {
      s = no_value();
      opts.verify_cleanup = true;
    } else if (flag == "--cleanup") {
      s = no_value();
      opts.cleanup = true;
    } else if (flag == "--blind-negatives") {
      s = no_value();
      opts.blind_negatives = true;
    } else if (flag == "--help" || flag == "-h") {
      s = no_value();
      opts.help = true;
    } else if (arg.starts_with("-")) {
      return Status::Error("unknown flag " + arg);
    } else {
      return Status::Error("unexpected argument \"" + arg + "\"");
    }
    if (!s.ok()) return s;
  }
  if (!opts.runtimes.empty() && opts.runtimes.front().path.empty()) {
    return Status::Error("--runtime-arg without a --runtime");
  }
  if (opts.runtimes.empty() && !opts.list && !opts.help && !opts.cleanup) {
    return Status::Error("--runtime PATH is required");
  }
  for (size_t i = 0; i < opts.runtimes.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (opts.runtimes[i] == opts.runtimes[j]) {
        return Status::Error("--runtime " + opts.runtimes[i].path + " given twice with the same "
                             "--runtime-arg flags");
      }
    }
  }
  return opts;
}

}  // namespace rt::suite
