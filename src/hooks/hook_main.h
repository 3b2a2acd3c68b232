// `runtimetest hook ...`: runtimetest as the program a hook runs (config.md#posix-platform-hooks).
//
//   runtimetest hook record --log FILE --name KIND [--wait]
//       reads the container state from stdin (not for KIND "process"), validates it, and appends
//       one line to FILE (hook_log.h). KIND "process" is the container's own process recording
//       itself; with --wait it then stays until it is killed (at most 60 s), so that poststart
//       hooks find it running.
//   runtimetest hook fail [--log FILE --name KIND]   records (with --log), then exits 1
//   runtimetest hook hang [--log FILE --name KIND]   records (with --log), then waits 60 s
//
// Every mode ignores argv[0], so a hook's args may name it anything.
#pragma once

#include <string>
#include <vector>

namespace rt::hooks {

// `argv`: the whole argument vector, argv[0] included (it is recorded). Returns the exit status:
// 0, 1 for `fail`, 2 when it cannot run (bad arguments, the log cannot be written).
int HookMain(const std::vector<std::string>& argv);

}  // namespace rt::hooks
