// `runtimetest hook ...`: runtimetest as the program a hook runs (config.md#posix-platform-hooks).
//
//   runtimetest hook record --log FILE --name KIND [--wait] [--ready FILE2]
//       reads the container state from stdin (not for KIND "process"), validates it, and appends
//       one line to FILE (hook_log.h). KIND "process" is the container's own process recording
//       itself; with --wait it then stays until SIGTERM or SIGINT (then exits 0) or 60 s pass,
//       so that poststart hooks find it running. --ready appends the line "ready" to FILE2 once
//       the record is written (something to wait for with inotify).
//   runtimetest hook fail [--log FILE --name KIND]   records (with --log), then exits 1
//   runtimetest hook hang [--log FILE --name KIND]   records (with --log), then waits 60 s (or
//                                                    until SIGTERM or SIGINT)
//
// Every mode ignores argv[0], so a hook's args may name it anything, and whatever follows "--"
// (recorded with the rest of argv).
#pragma once

#include <string>
#include <vector>

namespace rt::hooks {

// `argv`: the whole argument vector, argv[0] included (it is recorded). Returns the exit status:
// 0, 1 for `fail`, 2 when it cannot run (bad arguments, the log cannot be written).
int HookMain(const std::vector<std::string>& argv);

}  // namespace rt::hooks
