// A System made of fixtures, for unit tests: files are strings in a map, everything else a field.
// What a test does not set fails with ENOENT, as a missing file would.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sys/system.h"

namespace rt::sys {

class FakeSystem final : public System {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::vector<std::string>> dirs;
  std::map<std::string, FileInfo> stats;  // by path, for Stat and Lstat
  std::map<std::string, std::string> links;
  std::map<std::string, int> write_errors;                  // path -> errno WriteFile fails with
  std::vector<std::pair<std::string, std::string>> writes;  // what WriteFile was given
  UtsNames uts;
  std::string cwd = "/";
  std::vector<std::string> env;
  Ids ids;
  std::map<int, RlimitValue> rlimits;
  std::set<std::string> readonly_mounts;    // paths whose filesystem is read-only
  std::map<std::string, int> probe_errors;  // dir -> errno ProbeCreate fails with

  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFile(const std::string& path, const std::string& data) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Result<FileInfo> Lstat(const std::string& path) override;
  Result<std::string> ReadLink(const std::string& path) override;
  Result<UtsNames> Uname() override { return uts; }
  Result<std::string> Cwd() override { return cwd; }
  std::vector<std::string> Environ() override { return env; }
  Result<Ids> GetIds() override { return ids; }
  Result<RlimitValue> GetRlimit(int resource) override;
  Result<bool> IsReadOnlyMount(const std::string& path) override {
    return readonly_mounts.count(path) > 0;
  }
  Status ProbeCreate(const std::string& dir) override;
};

}  // namespace rt::sys
