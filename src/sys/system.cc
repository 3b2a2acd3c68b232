#include "sys/system.h"

namespace rt::sys {

const Result<MountTable>& System::Mounts() {
  if (!mounts_) {
    Result<std::string> text = ReadFile("/proc/self/mountinfo");
    if (!text.ok()) {
      mounts_.emplace(text.status());
    } else {
      Result<std::vector<MountInfo>> parsed = ParseMountInfo(*text);
      if (parsed.ok()) {
        mounts_.emplace(MountTable(std::move(parsed).value()));
      } else {
        mounts_.emplace(parsed.status());
      }
    }
  }
  return *mounts_;
}

const Result<std::string>& System::SelfStatus() {
  if (!self_status_) self_status_.emplace(ReadFile("/proc/self/status"));
  return *self_status_;
}

}  // namespace rt::sys
