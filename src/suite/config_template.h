// The config every scenario starts from: the content `runc spec` (runc 1.1.5) writes, with
// process.terminal false and process.args ["/bin/runtimetest"], so that the suite needs no image.
#pragma once

#include "util/json.h"

namespace rt::suite {

// Where every bundle carries the runtimetest executable, and where the config runs it from.
inline constexpr const char* kBinaryInRootfs = "/bin/runtimetest";

// A fresh copy of the default config.
nlohmann::json DefaultConfig();

}  // namespace rt::suite
