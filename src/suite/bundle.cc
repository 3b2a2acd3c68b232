#include "suite/bundle.h"

#include <sys/stat.h>
#include <unistd.h>

#include "suite/config_template.h"
#include "suite/files.h"
#include "util/json_text.h"

namespace rt::suite {
namespace {

// "/dev/pts/" -> "dev/pts"; "" when the path is not absolute or names the root itself.
std::string RelativeToRoot(const std::string& path) {
  if (path.empty() || path[0] != '/') return "";
  size_t begin = path.find_first_not_of('/');
  if (begin == std::string::npos) return "";
  size_t end = path.find_last_not_of('/');
  return path.substr(begin, end - begin + 1);
}

std::string Dump(const nlohmann::json& j) {
  return DumpJson(j, 2) + "\n";
}

}  // namespace

Result<BinaryStore> BinaryStore::Prepare(const std::string& exe, const std::string& work_dir) {
  BinaryStore store;
  store.path_ = work_dir + "/runtimetest";
  struct stat exe_st, dir_st;
  if (::stat(exe.c_str(), &exe_st) != 0) return Status::Errno("stat " + exe, errno);
  if (::stat(work_dir.c_str(), &dir_st) != 0) return Status::Errno("stat " + work_dir, errno);

  // /proc/self/exe opens the executable, but linking needs its real name.
  std::string real = exe;
  char buf[4096];
  ssize_t n = ::readlink(exe.c_str(), buf, sizeof buf - 1);
  if (n > 0) real.assign(buf, static_cast<size_t>(n));
  bool deleted = real.ends_with(" (deleted)");
  bool usable_mode = (exe_st.st_mode & 0555) == 0555;
  if (!deleted && usable_mode && exe_st.st_dev == dir_st.st_dev &&
      ::link(real.c_str(), store.path_.c_str()) == 0) {
    return store;
  }
  Status s = CopyFile(exe, store.path_, 0755);
  if (!s.ok()) return s;
  store.copied_ = true;
  return store;
}

Status BinaryStore::PlaceAt(const std::string& dest) const {
  if (::link(path_.c_str(), dest.c_str()) != 0) {
    return Status::Errno("link " + path_ + " to " + dest, errno);
  }
  return Status::Ok();
}

std::vector<std::string> RootfsDirectories(const nlohmann::json& config) {
  std::vector<std::string> dirs;
  auto add = [&dirs](const std::string& path) {
    std::string rel = RelativeToRoot(path);
    if (rel.empty()) return;
    for (const std::string& d : dirs) {
      if (d == rel) return;
    }
    dirs.push_back(rel);
  };
  auto mounts = config.find("mounts");
  if (mounts != config.end() && mounts->is_array()) {
    for (const auto& m : *mounts) {
      auto dest = m.find("destination");
      if (m.is_object() && dest != m.end() && dest->is_string()) add(dest->get<std::string>());
    }
  }
  auto process = config.find("process");
  if (process != config.end() && process->is_object()) {
    auto cwd = process->find("cwd");
    if (cwd != process->end() && cwd->is_string()) add(cwd->get<std::string>());
  }
  std::string binary = kBinaryInRootfs;
  add(binary.substr(0, binary.rfind('/')));
  return dirs;
}

Result<Bundle> BuildBundle(const std::string& dir, const nlohmann::json& config,
                           const nlohmann::json& spec, const BinaryStore& binary) {
  Bundle bundle;
  bundle.dir = dir;
  std::string root_path = "rootfs";
  auto root = config.find("root");
  if (root != config.end() && root->is_object()) {
    auto path = root->find("path");
    if (path != root->end() && path->is_string()) root_path = path->get<std::string>();
  }
  bundle.rootfs = root_path.starts_with("/") ? root_path : dir + "/" + root_path;

  if (::mkdir(dir.c_str(), 0755) != 0) return Status::Errno("mkdir " + dir, errno);
  Status s = MakeDirs(bundle.rootfs, 0755);
  for (const std::string& rel : RootfsDirectories(config)) {
    if (s.ok()) s = MakeDirs(bundle.rootfs + "/" + rel, 0755);
  }
  if (s.ok()) s = binary.PlaceAt(bundle.rootfs + kBinaryInRootfs);
  if (s.ok()) s = WriteFile(dir + "/config.json", Dump(config), 0644);
  if (s.ok()) s = WriteFile(bundle.rootfs + "/spec.json", Dump(spec), 0644);
  if (!s.ok()) return s;
  return bundle;
}

}  // namespace rt::suite
