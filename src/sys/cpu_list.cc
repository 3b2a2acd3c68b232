#include "sys/cpu_list.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "util/text.h"

namespace rt::sys {
namespace {

Result<uint32_t> ParseId(std::string_view text, std::string_view item) {
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Status::Error("not a CPU or node list item: \"" + std::string(item) + "\"");
  }
  return v;
}

}  // namespace

Result<CpuList> CpuList::Parse(std::string_view text) {
  CpuList list;
  std::string_view rest = Trim(text);
  if (rest.empty()) return list;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    size_t dash = item.find('-');
    Result<uint32_t> first = ParseId(item.substr(0, dash), item);
    if (!first.ok()) return first.status();
    uint32_t last = *first;
    if (dash != std::string_view::npos) {
      Result<uint32_t> end = ParseId(item.substr(dash + 1), item);
      if (!end.ok()) return end.status();
      if (*end < *first) {
        return Status::Error("range runs backwards: \"" + std::string(item) + "\"");
      }
      last = *end;
    }
    list.Add(*first, last);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return list;
}

CpuList CpuList::FromMask(const std::vector<uint64_t>& words) {
  CpuList list;
  for (size_t w = 0; w < words.size(); ++w) {
    for (uint32_t bit = 0; bit < 64; ++bit) {
      if (words[w] & (uint64_t{1} << bit)) {
        uint32_t id = static_cast<uint32_t>(w * 64 + bit);
        list.Add(id, id);
      }
    }
  }
  return list;
}

void CpuList::Add(uint32_t first, uint32_t last) {
  // Insert, then merge every range that overlaps or touches [first, last].
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), std::make_pair(first, last));
  it = ranges_.insert(it, {first, last});
  if (it != ranges_.begin()) --it;
  while (it + 1 != ranges_.end()) {
    auto next = it + 1;
    if (it->second != UINT32_MAX && next->first > it->second + 1) {
      it = next;
      continue;
    }
    it->second = std::max(it->second, next->second);
    ranges_.erase(next);
  }
}

bool CpuList::Contains(uint32_t id) const {
  for (const auto& [first, last] : ranges_) {
    if (id >= first && id <= last) return true;
  }
  return false;
}

uint64_t CpuList::Count() const {
  uint64_t n = 0;
  for (const auto& [first, last] : ranges_) n += uint64_t{last} - first + 1;
  return n;
}

std::string CpuList::ToString() const {
  std::string out;
  for (const auto& [first, last] : ranges_) {
    if (!out.empty()) out += ',';
    out += std::to_string(first);
    if (last != first) out += "-" + std::to_string(last);
  }
  return out;
}

}  // namespace rt::sys
