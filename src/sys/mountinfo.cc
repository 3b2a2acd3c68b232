#include "sys/mountinfo.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "util/text.h"

namespace rt::sys {
namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// "\040" -> " " and friends; anything else is kept as written.
std::string Unescape(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);  // nearly every field
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && IsOctal(s[i + 1]) && IsOctal(s[i + 2]) &&
        IsOctal(s[i + 3])) {
      out +=
          static_cast<char>(((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

bool ParseDevice(std::string_view s, uint32_t& major, uint32_t& minor) {
  size_t colon = s.find(':');
  return colon != std::string_view::npos && ParseNumber(s.substr(0, colon), major) &&
         ParseNumber(s.substr(colon + 1), minor);
}

}  // namespace

std::vector<std::string> SplitMountOptions(std::string_view text) {
  std::vector<std::string> out;
  out.reserve(8);
  bool quoted = false;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size()) {
      if (text[i] == '"') quoted = !quoted;
      if (text[i] != ',' || quoted) continue;
    }
    if (i > begin) out.emplace_back(text.substr(begin, i - begin));
    begin = i + 1;
  }
  return out;
}

Result<std::vector<MountInfo>> ParseMountInfo(std::string_view text) {
  std::vector<std::string_view> lines = Lines(text);
  std::vector<MountInfo> mounts;
  mounts.reserve(lines.size());
  size_t number = 0;
  for (std::string_view line : lines) {
    ++number;
    if (line.empty()) continue;
    auto bad = [&](const std::string& why) {
      return Status::Error("/proc/self/mountinfo line " + std::to_string(number) + ": " + why +
                           ": \"" + std::string(line.substr(0, 200)) + "\"");
    };
    // Fields are split at spaces only: the kernel writes a space, tab or newline in one as \040,
    // \011, \012.
    std::vector<std::string_view> f = Words(line, " ");
    // id parent major:minor root mount-point options [optional...] - type source super-options
    size_t dash = 6;
    while (dash < f.size() && f[dash] != "-") ++dash;
    if (f.size() < 6 || dash + 2 >= f.size()) {
      return bad("expected at least 10 fields with a \"-\" separator");
    }
    MountInfo m;
    if (!ParseNumber(f[0], m.id) || !ParseNumber(f[1], m.parent_id)) {
      return bad("mount id and parent id must be numbers");
    }
    if (!ParseDevice(f[2], m.major, m.minor)) return bad("expected major:minor");
    m.root = Unescape(f[3]);
    m.mount_point = Unescape(f[4]);
    m.mount_options = SplitMountOptions(f[5]);
    for (size_t i = 6; i < dash; ++i) m.optional_fields.emplace_back(f[i]);
    m.fs_type = Unescape(f[dash + 1]);
    m.source = Unescape(f[dash + 2]);
    if (dash + 3 < f.size()) m.super_options = SplitMountOptions(Unescape(f[dash + 3]));
    m.line = mounts.size();
    mounts.push_back(std::move(m));
  }
  return mounts;
}

bool HasMountOption(const std::vector<std::string>& options, std::string_view name) {
  for (const std::string& o : options) {
    if (o == name) return true;
  }
  return false;
}

std::optional<std::string> MountOptionValue(const std::vector<std::string>& options,
                                            std::string_view key) {
  std::optional<std::string> value;
  for (const std::string& o : options) {
    if (o.size() > key.size() && o.compare(0, key.size(), key) == 0 && o[key.size()] == '=') {
      std::string v = o.substr(key.size() + 1);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      value = std::move(v);
    }
  }
  return value;
}

Propagation ParsePropagation(const std::vector<std::string>& optional_fields) {
  Propagation p;
  for (const std::string& f : optional_fields) {
    int n = 0;
    std::string_view v(f);
    if (v.rfind("shared:", 0) == 0 && ParseNumber(v.substr(7), n)) p.shared = n;
    if (v.rfind("master:", 0) == 0 && ParseNumber(v.substr(7), n)) p.master = n;
    if (v == "unbindable") p.unbindable = true;
  }
  return p;
}

std::string DescribePropagation(const Propagation& p) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  if (p.shared) add("shared:" + std::to_string(*p.shared));
  if (p.master) add("master:" + std::to_string(*p.master));
  if (p.unbindable) add("unbindable");
  return out.empty() ? "private" : out;
}

std::string CleanPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = end + 1;
  }
  std::string out;
  for (std::string_view p : parts) {
    out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

bool PathWithin(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path[0] == '/';
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

MountTable::MountTable(std::vector<MountInfo> mounts) : mounts_(std::move(mounts)) {
  BuildIndexes();
}

MountTable& MountTable::operator=(const MountTable& other) {
  if (this != &other) *this = MountTable(other.mounts_);
  return *this;
}

void MountTable::BuildIndexes() {
  for (size_t i = 0; i < mounts_.size(); ++i) {
    const MountInfo& m = mounts_[i];
    by_id_[m.id] = i;  // ids are unique; the last wins if a file says otherwise
    by_parent_[m.parent_id].push_back(i);
    by_parent_and_point_[{m.parent_id, m.mount_point}].push_back(i);
    by_point_[m.mount_point].push_back(i);
  }
}

const MountInfo* MountTable::ById(int id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &mounts_[it->second];
}

const MountInfo* MountTable::Parent(const MountInfo& m) const {
  if (m.parent_id == m.id) return nullptr;
  return ById(m.parent_id);
}

std::vector<const MountInfo*> MountTable::Children(const MountInfo& m) const {
  std::vector<const MountInfo*> out;
  auto it = by_parent_.find(m.id);
  if (it == by_parent_.end()) return out;
  for (size_t i : it->second) {
    if (mounts_[i].id != m.id) out.push_back(&mounts_[i]);
  }
  return out;
}

std::vector<const MountInfo*> MountTable::AtMountPoint(std::string_view path) const {
  std::vector<const MountInfo*> out;
  auto it = by_point_.find(path);
  if (it == by_point_.end()) return out;
  for (size_t i : it->second) out.push_back(&mounts_[i]);
  return out;
}

const MountInfo* MountTable::ChildAt(int parent_id, std::string_view path, int self_id) const {
  auto it = by_parent_and_point_.find({parent_id, path});
  if (it == by_parent_and_point_.end()) return nullptr;
  for (auto i = it->second.rbegin(); i != it->second.rend(); ++i) {
    if (mounts_[*i].id != self_id) return &mounts_[*i];
  }
  return nullptr;
}

const MountInfo* MountTable::TopOfStack(const MountInfo* m) const {
  // Bounded by the table size: a malformed file with a cycle cannot loop forever.
  for (size_t guard = 0; m != nullptr && guard < mounts_.size(); ++guard) {
    const MountInfo* above = ChildAt(m->id, m->mount_point, m->id);
    if (above == nullptr) break;
    m = above;
  }
  return m;
}

const MountInfo* MountTable::Root() const {
  for (const MountInfo* m : AtMountPoint("/")) {
    if (Parent(*m) == nullptr) return TopOfStack(m);
  }
  return nullptr;
}

const MountInfo* MountTable::Containing(std::string_view path) const {
  const MountInfo* cur = Root();
  if (cur == nullptr) return nullptr;
  std::string clean = CleanPath(path);
  size_t i = 1;
  while (i <= clean.size() && clean != "/") {
    size_t end = clean.find('/', i);
    if (end == std::string::npos) end = clean.size();
    std::string_view prefix(clean.data(), end);
    const MountInfo* next = ChildAt(cur->id, prefix, cur->id);
    if (next != nullptr) cur = TopOfStack(next);
    i = end + 1;
  }
  return cur;
}

const MountInfo* MountTable::VisibleAt(std::string_view path) const {
  const MountInfo* m = Containing(path);
  return m != nullptr && m->mount_point == CleanPath(path) ? m : nullptr;
}

bool MountTable::IsWithin(const MountInfo& m, const MountInfo& ancestor) const {
  const MountInfo* cur = &m;
  for (size_t guard = 0; cur != nullptr && guard <= mounts_.size(); ++guard) {
    if (cur->id == ancestor.id) return true;
    cur = Parent(*cur);
  }
  return false;
}

std::vector<const MountInfo*> MountTable::Descendants(const MountInfo& m) const {
  // Down the parent index from m's id; each line is taken once, whatever cycles a malformed file
  // has. Then file order.
  std::vector<bool> taken(mounts_.size(), false);
  std::vector<size_t> found;
  std::vector<int> pending = {m.id};
  while (!pending.empty()) {
    const int id = pending.back();
    pending.pop_back();
    auto it = by_parent_.find(id);
    if (it == by_parent_.end()) continue;
    for (size_t i : it->second) {
      if (taken[i] || mounts_[i].id == m.id) continue;
      taken[i] = true;
      found.push_back(i);
      pending.push_back(mounts_[i].id);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<const MountInfo*> out;
  out.reserve(found.size());
  for (size_t i : found) out.push_back(&mounts_[i]);
  return out;
}

}  // namespace rt::sys
