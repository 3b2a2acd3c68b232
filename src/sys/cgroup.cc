#include "sys/cgroup.h"

#include <algorithm>

namespace rt::sys {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s = s.substr(at + 1);
  }
  return parts;
}

// Whether `path` is `root` or below it; `rest` gets the part below ("" or "/ctr").
bool Below(std::string_view path, std::string_view root, std::string* rest) {
  if (root == "/") {
    *rest = path == "/" ? "" : std::string(path);
    return !path.empty() && path.front() == '/';
  }
  if (path.substr(0, root.size()) != root) return false;
  std::string_view tail = path.substr(root.size());
  if (!tail.empty() && tail.front() != '/') return false;
  *rest = std::string(tail);
  return true;
}

Result<CgroupDir> Locate(int version, std::string_view what, const std::string& path,
                         const std::vector<CgroupMount>& mounts,
                         const std::vector<std::string_view>& controllers) {
  const CgroupMount* best = nullptr;
  std::string best_rest;
  bool any = false;
  for (const CgroupMount& m : mounts) {
    if (m.version != version) continue;
    if (version == 1 && !std::all_of(controllers.begin(), controllers.end(), [&](auto c) {
          return std::find(m.controllers.begin(), m.controllers.end(), c) != m.controllers.end();
        })) {
      continue;
    }
    any = true;
    std::string rest;
    if (Below(path, m.root, &rest) && (best == nullptr || m.root.size() > best->root.size())) {
      best = &m;
      best_rest = rest;
    }
  }
  if (!any) {
    return Status::Error("no " + std::string(what) + " hierarchy is mounted in the container");
  }
  if (best == nullptr) {
    return Status::Error("the " + std::string(what) + " mounts in the container do not show " +
                         "this process's cgroup " + path);
  }
  std::string dir = best->mount_point;
  if (!best_rest.empty()) dir = (dir == "/" ? "" : dir) + best_rest;
  return CgroupDir{version, dir};
}

}  // namespace

std::vector<CgroupMembership> ParseProcCgroup(std::string_view text) {
  std::vector<CgroupMembership> out;
  for (std::string_view line : Split(text, '\n')) {
    size_t first = line.find(':');
    if (first == std::string_view::npos) continue;
    size_t second = line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    CgroupMembership m;
    m.hierarchy_id = std::string(line.substr(0, first));
    std::string_view list = line.substr(first + 1, second - first - 1);
    if (!list.empty()) {
      for (std::string_view c : Split(list, ',')) m.controllers.emplace_back(c);
    }
    m.path = std::string(line.substr(second + 1));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<CgroupMount> CgroupMounts(const std::vector<MountInfo>& mounts) {
  std::vector<CgroupMount> out;
  for (const MountInfo& info : mounts) {
    // Compared as views: the length first, no strlen (the table has every mount of the process).
    const std::string_view type = info.fs_type;
    const int version = type == std::string_view("cgroup")    ? 1
                        : type == std::string_view("cgroup2") ? 2
                                                              : 0;
    if (version == 0) continue;
    CgroupMount& m = out.emplace_back();
    m.version = version;
    if (version == 1) {
      for (const std::string& opt : info.super_options) {
        if (opt != "rw" && opt != "ro") m.controllers.push_back(opt);
      }
    }
    m.root = info.root;
    m.mount_point = info.mount_point;
  }
  return out;
}

CgroupLayout LayoutOf(const std::vector<CgroupMount>& mounts) {
  bool v1 = false;
  bool v2 = false;
  for (const CgroupMount& m : mounts) (m.version == 2 ? v2 : v1) = true;
  if (v1 && v2) return CgroupLayout::kHybrid;
  if (v2) return CgroupLayout::kV2;
  return v1 ? CgroupLayout::kV1 : CgroupLayout::kNone;
}

const char* LayoutName(CgroupLayout layout) {
  switch (layout) {
    case CgroupLayout::kV2: return "v2";
    case CgroupLayout::kHybrid: return "hybrid";
    case CgroupLayout::kV1: return "v1";
    case CgroupLayout::kNone: break;
  }
  return "none";
}

const char* DescribeLayout(CgroupLayout layout) {
  switch (layout) {
    case CgroupLayout::kV2: return "cgroup v2 only";
    case CgroupLayout::kHybrid: return "cgroup v1/v2 hybrid";
    case CgroupLayout::kV1: return "cgroup v1 only";
    case CgroupLayout::kNone: break;
  }
  return "no cgroup filesystem mounted";
}

Result<CgroupDir> FindCgroupDir(std::string_view controller,
                                const std::vector<CgroupMembership>& membership,
                                const std::vector<CgroupMount>& mounts) {
  const CgroupMembership* unified = nullptr;
  for (const CgroupMembership& m : membership) {
    if (m.hierarchy_id == "0" && m.controllers.empty()) {
      unified = &m;
      continue;
    }
    if (std::find(m.controllers.begin(), m.controllers.end(), controller) != m.controllers.end()) {
      std::vector<std::string_view> bound(m.controllers.begin(), m.controllers.end());
      return Locate(1, "cgroup v1 " + std::string(controller), m.path, mounts, bound);
    }
  }
  if (unified == nullptr) {
    return Status::Error("/proc/self/cgroup names no hierarchy with the " +
                         std::string(controller) + " controller");
  }
  return Locate(2, "cgroup2", unified->path, mounts, {});
}

Result<CgroupDir> FindUnifiedCgroupDir(const std::vector<CgroupMembership>& membership,
                                       const std::vector<CgroupMount>& mounts) {
  for (const CgroupMembership& m : membership) {
    if (m.hierarchy_id == "0" && m.controllers.empty()) {
      return Locate(2, "cgroup2", m.path, mounts, {});
    }
  }
  return Status::Error("/proc/self/cgroup names no cgroup v2 hierarchy");
}

}  // namespace rt::sys
