// Bundles built from scratch, without an image: a rootfs holding only the directories the config
// mounts onto (with their parents), the process cwd, and the runtimetest executable at
// /bin/runtimetest; config.json for the runtime and rootfs/spec.json for runtimetest.
#pragma once

#include <string>
#include <vector>

#include "util/json.h"
#include "util/status.h"

namespace rt::suite {

// The runtimetest executable, ready to be hard-linked into any number of bundles. Prepare puts
// one name for it into the work dir: a hard link to the real executable when the work dir is on
// the same filesystem (and the file is world-readable and -executable, as a container user other
// than root needs), else a copy (copy_file_range). Every bundle then links that name, so the
// executable is copied at most once per suite run.
class BinaryStore {
 public:
  // `exe`: a path that opens the executable (e.g. /proc/self/exe); `work_dir`: the directory
  // the bundles will be built in.
  static Result<BinaryStore> Prepare(const std::string& exe, const std::string& work_dir);

  const std::string& path() const { return path_; }  // the name in the work dir
  bool copied() const { return copied_; }
  Status PlaceAt(const std::string& dest) const;  // hard-links path() to dest

 private:
  std::string path_;
  bool copied_ = false;
};

struct Bundle {
  std::string dir;     // absolute: what `--bundle` gets and `state` must report
  std::string rootfs;  // absolute
};

// The rootfs directories a config needs, relative to the rootfs ("proc", "dev/pts", "bin", ...):
// each mount destination, process.cwd, and the directory of /bin/runtimetest. Parents are made
// by the builder. Relative or malformed entries are left out.
std::vector<std::string> RootfsDirectories(const nlohmann::json& config);

// Creates the bundle in `dir` (which must not exist yet): `config` as config.json, `spec` as
// rootfs/spec.json (0644), the executable at rootfs/bin/runtimetest.
Result<Bundle> BuildBundle(const std::string& dir, const nlohmann::json& config,
                           const nlohmann::json& spec, const BinaryStore& binary);

}  // namespace rt::suite
