#include "suite/host_cgroups.h"

#include <unistd.h>

#include "checks/cgroup_resources.h"
#include "checks/check.h"
#include "report/report.h"

namespace rt::suite {
namespace {

constexpr std::string_view kCheckId = "linux.resources";

bool Blinded(const spec::Config& config) {
  auto it = config.annotations.find("org.runtimetest.blind");
  if (it == config.annotations.end()) return false;
  std::string_view list = it->second;
  while (!list.empty()) {
    size_t comma = list.find(',');
    if (list.substr(0, comma) == kCheckId) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::vector<report::Assertion> CheckCgroupsFromHost(const spec::Config& told, pid_t pid,
                                                    const std::vector<sys::CgroupMount>& mounts,
                                                    sys::System& sys) {
  std::vector<report::Assertion> out;
  checks::Recorder rec(kCheckId, "config-linux.md#control-groups", report::Level::kMust, out);
  if (!told.linux_) {
    rec.Skip("", "", "the config has no linux object");
    return out;
  }
  const std::string cgroup_file = "/proc/" + std::to_string(pid) + "/cgroup";
  Result<std::string> text = sys.ReadFile(cgroup_file);
  if (!text.ok()) {
    rec.CannotObserve("", cgroup_file, text.status());
    return out;
  }
  checks::CgroupPlace place;
  place.membership = sys::ParseProcCgroup(*text);
  place.mounts = mounts;
  if (Result<std::string> release = sys.ReadFile("/proc/sys/kernel/osrelease"); release.ok()) {
    place.kernel_release = *release;
  }
  const long page = sysconf(_SC_PAGESIZE);
  place.page_size = page > 0 ? static_cast<uint64_t>(page) : 4096;
  const spec::Resources none;
  const spec::Resources& resources = told.linux_->resources ? *told.linux_->resources : none;
  checks::CompareCgroupsPath(told.linux_->cgroups_path, place.membership,
                             checks::ControllersUsed(resources), rec);
  checks::CompareCgroupResources(resources, place, sys, rec);
  if (Blinded(told)) {
    for (report::Assertion& a : out) {
      if (a.outcome != report::Outcome::kFail) continue;
      a.outcome = report::Outcome::kSkip;
      a.reason = "cannot observe (blinded by org.runtimetest.blind)";
    }
  }
  return out;
}

std::string HostFailureLines(const std::vector<report::Assertion>& assertions) {
  std::string lines;
  for (const report::Assertion& a : assertions) {
    if (a.outcome == report::Outcome::kFail && a.level == report::Level::kMust) {
      lines += report::FailureLine(a) + "\n";
    }
  }
  return lines;
}

}  // namespace rt::suite
