// The host face: `runtimetest suite --runtime PATH [options]` (see SuiteUsage in options.h).
#pragma once

namespace rt::suite {

// argv[0] is "suite", the rest its flags. Returns the exit status: 0 nothing failed, 1 a scenario
// failed, 2 cannot run, 128 + signal when interrupted.
int SuiteMain(int argc, char** argv);

}  // namespace rt::suite
