// `runtimetest helper MODE ...`: small container processes for the suite's operation scenarios
// (src/suite/op_scenario.h). They need no shell in the rootfs and are not checks: each does one
// observable thing (writes a line to a file, records the signals it gets, waits) so that the
// suite, on the host, can see what the runtime did to the container.
//
//   signals --record FILE [--exit-on SIG] [--expect SIG]...
//       installs handlers for HUP INT QUIT USR1 USR2 TERM, appends "ready" to FILE, then one
//       line per signal received (its name without SIG, e.g. "USR1"); on the --exit-on signal
//       (default TERM) it exits: 0, or 1 when --expect was given and the signals received before
//       were not exactly those (stderr says what came instead).
//   mark FILE [--hold]
//       appends "ran" to FILE and exits 0; with --hold it then waits for TERM or INT (exit 0).
//   sleep
//       waits for TERM or INT, then exits 0.
//
// Exit status 2 and a line on stderr when the arguments or a write fail.
#pragma once

#include <string>
#include <vector>

#include "util/status.h"

namespace rt::helper {

enum class Mode { kSignals, kMark, kSleep };

struct HelperOptions {
  Mode mode = Mode::kSleep;
  std::string file;           // signals: --record; mark: FILE
  int exit_on = 0;            // signals: the signal that ends it (0: SIGTERM)
  bool expect_given = false;  // signals: --expect was given (possibly to expect nothing)
  std::vector<int> expected;  // signals: what must arrive before exit_on
  bool hold = false;          // mark
};

// The signals `helper signals` handles, and their names without "SIG".
int SignalNumber(const std::string& name);  // "USR1", "SIGUSR1" or "10" -> 10; 0 if unknown
std::string SignalName(int signal);         // 10 -> "USR1"

Result<HelperOptions> ParseHelperOptions(const std::vector<std::string>& args);

// Why the signals received before the exit signal are not the expected ones ("" when they are).
std::string CompareSignals(const std::vector<int>& expected, const std::vector<int>& received);

std::string HelperUsage();

// `args` follow "helper". Returns the exit status.
int HelperMain(const std::vector<std::string>& args);

}  // namespace rt::helper
