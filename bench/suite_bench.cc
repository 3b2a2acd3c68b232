// How much a scenario costs next to the cheapest thing a runtime can do. In one call, for one
// runtime: N bare `run`s of a no-op in a bundle built from the same default config, then each
// scenario M times through the suite's runner (bundle build, run, judge, cleanup), printing each
// scenario's median, its ratio to the median of the N bare runs, and its paired ratio: each
// scenario run is followed by one bare run, and the median of (scenario / that bare run) is less
// sensitive to a machine whose load changes during the bench. Then each operation scenario M
// times, each run paired with a bare run of its steps (the runtime's own commands for them).
// Nothing is asserted.
//
//   suite_bench --runtime PATH [--runtimetest PATH] [--noop PATH] [--bare N] [--repeat M]
//               [--filter REGEX] [--mode run|lifecycle] [--runtime-arg ARG]...
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "own_dir.h"
#include "suite/bundle.h"
#include "suite/config_template.h"
#include "suite/files.h"
#include "suite/op_scenario.h"
#include "suite/runner.h"
#include "suite/runtime_client.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

struct BenchOptions {
  std::string runtime;
  std::vector<std::string> runtime_args;
  std::string runtimetest;
  std::string noop;
  int bare = 20;
  int repeat = 5;
  std::string filter;
  Mode mode = Mode::kRun;
};

bool ParseArgs(int argc, char** argv, BenchOptions& o) {
  o.runtimetest = bench::OwnDir() + "/runtimetest";
  o.noop = bench::OwnDir() + "/bench_noop";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (a == "--runtime") {
      o.runtime = v;
    } else if (a == "--runtime-arg") {
      o.runtime_args.push_back(v);
    } else if (a == "--runtimetest") {
      o.runtimetest = v;
    } else if (a == "--noop") {
      o.noop = v;
    } else if (a == "--bare") {
      o.bare = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--repeat") {
      o.repeat = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--filter") {
      o.filter = v;
    } else if (a == "--mode") {
      if (v != "run" && v != "lifecycle") return false;
      o.mode = v == "run" ? Mode::kRun : Mode::kLifecycle;
    } else {
      return false;
    }
  }
  return !o.runtime.empty();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double Ms(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

int Bench(const BenchOptions& o) {
  RuntimeClient runtime(o.runtime, o.runtime_args);
  CommandRecord version = runtime.Version(Deadline::In(std::chrono::seconds(10)));
  if (!version.Succeeded()) {
    std::fprintf(stderr, "suite_bench: %s --version: %s\n", o.runtime.c_str(),
                 version.Describe().c_str());
    return 2;
  }
  Result<std::string> work = MakeTempDir(BundleRoot(), "suite-bench-");
  if (!work.ok()) {
    std::fprintf(stderr, "suite_bench: %s\n", work.status().message().c_str());
    return 2;
  }
  Status s = MakeDirs(*work + "/bare", 0755);
  if (s.ok()) s = MakeDirs(*work + "/scenarios", 0755);
  Result<BinaryStore> noop = BinaryStore::Prepare(o.noop, *work + "/bare");
  Result<BinaryStore> runtimetest = BinaryStore::Prepare(o.runtimetest, *work + "/scenarios");
  if (!s.ok() || !noop.ok() || !runtimetest.ok()) {
    std::fprintf(stderr, "suite_bench: %s\n",
                 (!s.ok()      ? s
                  : !noop.ok() ? noop.status()
                               : runtimetest.status())
                     .message()
                     .c_str());
    RemoveTree(*work);
    return 2;
  }

  // The baseline: the default config, the no-op as its process.
  nlohmann::json config = DefaultConfig();
  Result<Bundle> bare = BuildBundle(*work + "/bare/bundle", config, config, *noop);
  if (!bare.ok()) {
    std::fprintf(stderr, "suite_bench: %s\n", bare.status().message().c_str());
    RemoveTree(*work);
    return 2;
  }
  std::vector<double> bare_ms;
  int bare_count = 0;
  // One bare run; false when it failed (then the bench stops).
  auto bare_run = [&]() -> bool {
    std::string id =
        "suite-bench-" + std::to_string(::getpid()) + "-" + std::to_string(++bare_count);
    std::vector<std::string> argv = runtime.Argv({"run", "--bundle", bare->dir, id});
    auto start = std::chrono::steady_clock::now();
    CommandRecord run = RuntimeClient::RunToEnd(argv, Deadline::In(std::chrono::seconds(10)), -1);
    bare_ms.push_back(Ms(std::chrono::steady_clock::now() - start));
    if (run.Succeeded()) return true;
    std::fprintf(stderr, "suite_bench: bare run failed: %s: %s\n", run.Describe().c_str(),
                 run.err.c_str());
    runtime.Delete(id, true, Deadline::In(std::chrono::seconds(10)), -1);
    return false;
  };
  for (int i = 0; i < o.bare; ++i) {
    if (!bare_run()) {
      RemoveTree(*work);
      return 1;
    }
  }
  double baseline = Median(bare_ms);
  std::printf("runtime: %s (%s), mode %s\n", o.runtime.c_str(),
              ParseVersion(version.out).line.c_str(), o.mode == Mode::kRun ? "run" : "lifecycle");
  std::printf("bare run of a no-op: median %.1f ms over %d runs (min %.1f, max %.1f)\n\n", baseline,
              o.bare, *std::min_element(bare_ms.begin(), bare_ms.end()),
              *std::max_element(bare_ms.begin(), bare_ms.end()));

  std::regex filter;
  try {
    if (!o.filter.empty()) filter = std::regex(o.filter);
  } catch (const std::regex_error& e) {
    std::fprintf(stderr, "suite_bench: --filter: %s\n", e.what());
    RemoveTree(*work);
    return 2;
  }
  RunnerConfig runner_config;
  runner_config.mode = o.mode;
  Runner runner(runtime, *runtimetest, *work + "/scenarios", runner_config, -1);
  if (Status init = runner.Init(); !init.ok()) {
    std::fprintf(stderr, "suite_bench: %s\n", init.message().c_str());
    RemoveTree(*work);
    return 2;
  }
  std::printf("%-48s %9s %7s %7s  %s\n", "scenario", "median ms", "ratio", "paired", "outcome");
  std::vector<double> ratios;
  for (const Scenario* scenario : AllScenarios()) {
    if (!o.filter.empty() && !std::regex_search(scenario->name, filter)) continue;
    std::vector<double> ms, paired;
    const char* outcome = "pass";
    for (int i = 0; i < o.repeat; ++i) {
      ScenarioResult r = runner.Run(*scenario);
      if (r.outcome == Outcome::kSkip) {
        outcome = "skip";
        break;
      }
      if (r.outcome == Outcome::kFail) outcome = "FAIL";
      ms.push_back(Ms(r.elapsed));
      // A bare run right after, under the same load: the paired ratio.
      if (!bare_run()) break;
      paired.push_back(ms.back() / bare_ms.back());
    }
    if (ms.empty() || paired.empty()) {
      std::printf("%-48s %9s %7s %7s  %s\n", scenario->name, "-", "-", "-", outcome);
      continue;
    }
    double median = Median(ms);
    ratios.push_back(Median(paired));
    std::printf("%-48s %9.1f %7.2f %7.2f  %s\n", scenario->name, median, median / baseline,
                Median(paired), outcome);
  }
  if (!ratios.empty()) {
    std::printf(
        "\npaired ratio to a bare run: median %.2f, max %.2f over %zu scenarios; bare runs "
        "now: median %.1f ms over %zu\n",
        Median(ratios), *std::max_element(ratios.begin(), ratios.end()), ratios.size(),
        Median(bare_ms), bare_ms.size());
  }

  // Operation scenarios: each run through the runner, then right after the same steps bare
  // (RunnerConfig::ops_bare: the runtime's commands the steps name, the waits they need, the
  // cheapest cleanup; no bundle building, no `state` before and after error steps, no host
  // checks). The paired ratio is the suite's cost over the runtime's own for those steps.
  std::vector<double> op_ratios;
  bool header = false;
  for (const OpScenario* scenario : AllOpScenarios()) {
    if (!o.filter.empty() && !std::regex_search(scenario->name, filter)) continue;
    if (!header) {
      std::printf("\n%-48s %9s %9s %7s  %s\n", "operation scenario", "median ms", "bare ms",
                  "paired", "outcome");
      header = true;
    }
    std::vector<double> ms, bare, paired;
    const char* outcome = "pass";
    for (int i = 0; i < o.repeat; ++i) {
      ScenarioResult r = runner.Run(*scenario);
      if (r.outcome == Outcome::kSkip) {
        outcome = "skip";
        break;
      }
      if (r.outcome == Outcome::kFail) outcome = "FAIL";
      runner.set_ops_bare(true);
      ScenarioResult b = runner.Run(*scenario);
      runner.set_ops_bare(false);
      ms.push_back(Ms(r.elapsed));
      bare.push_back(Ms(b.elapsed));
      paired.push_back(ms.back() / bare.back());
    }
    if (paired.empty()) {
      std::printf("%-48s %9s %9s %7s  %s\n", scenario->name, "-", "-", "-", outcome);
      continue;
    }
    op_ratios.push_back(Median(paired));
    std::printf("%-48s %9.1f %9.1f %7.2f  %s\n", scenario->name, Median(ms), Median(bare),
                Median(paired), outcome);
  }
  if (!op_ratios.empty()) {
    std::printf(
        "\noperation scenarios, paired ratio to their bare steps: median %.2f, max %.2f "
        "over %zu scenarios\n",
        Median(op_ratios), *std::max_element(op_ratios.begin(), op_ratios.end()), op_ratios.size());
  }
  Status removed = RemoveTree(*work);
  if (!removed.ok()) std::fprintf(stderr, "suite_bench: cleanup: %s\n", removed.message().c_str());
  return 0;
}

}  // namespace
}  // namespace rt::suite

int main(int argc, char** argv) {
  rt::suite::BenchOptions options;
  if (!rt::suite::ParseArgs(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: suite_bench --runtime PATH [--runtimetest PATH] [--noop PATH] [--bare N]\n"
                 "                   [--repeat M] [--filter REGEX] [--mode run|lifecycle]\n"
                 "                   [--runtime-arg ARG]...\n");
    return 2;
  }
  return rt::suite::Bench(options);
}
