// The directory of the running benchmark: runtimetest and bench_noop are built beside it.
#pragma once

#include <unistd.h>

#include <string>

namespace rt::bench {

inline std::string OwnDir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

}  // namespace rt::bench
