// Lists of CPUs or NUMA nodes in the kernel's list format, as config.json writes them
// (process.execCPUAffinity, linux.resources.cpu.cpus, linux.memoryPolicy.nodes) and as cgroup
// files print them (cpuset.cpus): "0-3,7". Kept as sorted, merged ranges, so that "0,1,2" and
// "0-2" compare equal and a range as wide as "0-4294967295" costs no memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace rt::sys {

class CpuList {
 public:
  CpuList() = default;

  // "0-3,7", " 0-1\n", "" (the empty list). Errors name the offending item.
  static Result<CpuList> Parse(std::string_view text);
  // The members of a bit mask, bit i of word i/64 being id i (sched_getaffinity, get_mempolicy).
  static CpuList FromMask(const std::vector<uint64_t>& words);

  bool empty() const { return ranges_.empty(); }
  bool Contains(uint32_t id) const;
  uint64_t Count() const;
  std::string ToString() const;  // canonical: "0-3,7"; "" when empty
  bool operator==(const CpuList& other) const { return ranges_ == other.ranges_; }

 private:
  void Add(uint32_t first, uint32_t last);             // keeps ranges_ sorted and merged
  std::vector<std::pair<uint32_t, uint32_t>> ranges_;  // inclusive [first, last]
};

}  // namespace rt::sys
