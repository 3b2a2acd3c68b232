#include "sys/mountinfo.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "util/hash.h"

namespace rt::sys {
namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// "\040" -> " " and friends; anything else is kept as written.
std::string Unescape(std::string_view s) {
  if (s.empty() || std::memchr(s.data(), '\\', s.size()) == nullptr) {
    return std::string(s.data(), s.size());  // nearly every field
  }
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

// What std::from_chars accepts of the whole of `s` (decimal digits, a '-' first for a signed T,
// a value in T's range), without its out-of-line call: ids and device numbers are on every line.
template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  bool negative = false;
  if constexpr (std::is_signed_v<T>) {
    if (p != end && *p == '-') {
      negative = true;
      ++p;
    }
  }
  if (p == end) return false;
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<T>::max()) + (negative ? 1 : 0);
  uint64_t v = 0;
  for (; p != end; ++p) {
    if (*p < '0' || *p > '9') return false;
    v = v * 10 + static_cast<uint64_t>(*p - '0');
    if (v > limit) return false;
  }
  out = negative ? static_cast<T>(-static_cast<int64_t>(v)) : static_cast<T>(v);
  return true;
}

bool ParseDevice(std::string_view s, uint32_t& major, uint32_t& minor) {
  if (s.empty()) return false;
  const char* colon = static_cast<const char*>(std::memchr(s.data(), ':', s.size()));
  if (colon == nullptr) return false;
  const size_t at = static_cast<size_t>(colon - s.data());
  return ParseNumber(std::string_view(s.data(), at), major) &&
         ParseNumber(std::string_view(colon + 1, s.size() - at - 1), minor);
}

// How many times `c` occurs in [p, end), by memchr (a vectorised scan, where std::count at -Os is
// a byte loop).
size_t CountByte(const char* p, const char* end, char c) {
  size_t n = 0;
  if (p == end) return 0;  // an empty view may have no data: memchr's pointer must not be null
  while ((p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)))) !=
         nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace

std::vector<std::string> SplitMountOptions(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  std::vector<std::string> out;
  if (text.empty()) return out;
  out.reserve(CountByte(p, end, ',') + 1);
  if (std::memchr(p, '"', text.size()) == nullptr) {  // nearly always: every comma splits
    while (p != end) {
      const char* comma =
          static_cast<const char*>(std::memchr(p, ',', static_cast<size_t>(end - p)));
      if (comma == nullptr) comma = end;
      if (comma > p) out.emplace_back(p, static_cast<size_t>(comma - p));
      p = comma == end ? end : comma + 1;
    }
    return out;
  }
  bool quoted = false;
  const char* begin = p;
  for (;; ++p) {
    if (p != end) {
      if (*p == '"') quoted = !quoted;
      if (*p != ',' || quoted) continue;
    }
    if (p > begin) out.emplace_back(begin, static_cast<size_t>(p - begin));
    if (p == end) break;
    begin = p + 1;
  }
  return out;
}

Result<std::vector<MountInfo>> ParseMountInfo(std::string_view text) {
  std::vector<MountInfo> mounts;
  mounts.reserve(CountByte(text.data(), text.data() + text.size(), '\n') + 1);
  std::vector<std::string_view> f;  // the fields of one line, reused
  f.reserve(12);                    // a line has 10 or 11
  size_t number = 0;
  const char* p = text.data();
  const char* const text_end = p + text.size();
  while (p != text_end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', text_end - p));
    if (eol == nullptr) eol = text_end;
    const std::string_view line(p, static_cast<size_t>(eol - p));
    p = eol == text_end ? eol : eol + 1;
    ++number;
    if (line.empty()) continue;
    auto bad = [&](const std::string& why) {
      return Status::Error("/proc/self/mountinfo line " + std::to_string(number) + ": " + why +
                           ": \"" + std::string(line.substr(0, 200)) + "\"");
    };
    // Fields are split at spaces only: the kernel writes a space, tab or newline in one as \040,
    // \011, \012.
    f.clear();
    for (const char* c = line.data(); c != eol;) {
      if (*c == ' ') {
        ++c;
        continue;
      }
      const char* word = c;
      c = static_cast<const char*>(std::memchr(c, ' ', static_cast<size_t>(eol - c)));
      if (c == nullptr) c = eol;
      f.emplace_back(word, static_cast<size_t>(c - word));
    }
    // id parent major:minor root mount-point options [optional...] - type source super-options
    size_t dash = 6;
    while (dash < f.size() && f[dash] != "-") ++dash;
    if (f.size() < 6 || dash + 2 >= f.size()) {
      return bad("expected at least 10 fields with a \"-\" separator");
    }
    MountInfo& m = mounts.emplace_back();
    if (!ParseNumber(f[0], m.id) || !ParseNumber(f[1], m.parent_id)) {
      return bad("mount id and parent id must be numbers");
    }
    if (!ParseDevice(f[2], m.major, m.minor)) return bad("expected major:minor");
    m.root = Unescape(f[3]);
    m.mount_point = Unescape(f[4]);
    m.mount_options = SplitMountOptions(f[5]);
    m.optional_fields.reserve(dash - 6);
    for (size_t i = 6; i < dash; ++i) m.optional_fields.emplace_back(f[i]);
    m.fs_type = Unescape(f[dash + 1]);
    m.source = Unescape(f[dash + 2]);
    if (dash + 3 < f.size()) {
      const std::string_view super = f[dash + 3];
      m.super_options = super.find('\\') == std::string_view::npos
                            ? SplitMountOptions(super)
                            : SplitMountOptions(Unescape(super));
    }
    m.line = mounts.size() - 1;
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

namespace {

// Whether `path` is what CleanPath makes of it: absolute, no empty, "." or ".." component, no
// trailing slash (but "/").
bool IsCleanPath(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  // Each component starts after a '/' and must be neither empty, "." nor "..".
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    const size_t rest = path.size() - i - 1;
    const char* c = path.data() + i + 1;
    if (rest == 0 || c[0] == '/') return false;
    if (c[0] == '.' && (rest == 1 || c[1] == '/')) return false;
    if (c[0] == '.' && c[1] == '.' && (rest == 2 || c[2] == '/')) return false;
  }
  return true;
}

// The key of a parent id and a mount point's hash.
uint64_t ParentAndPoint(int parent_id, uint64_t point_hash) {
  return point_hash ^
         (static_cast<uint64_t>(static_cast<uint32_t>(parent_id)) * 0x9e3779b97f4a7c15ull);
}

// Spreads a key over the buckets (the low bits of an id alone are poor).
size_t Bucket(uint64_t key, size_t mask) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return static_cast<size_t>(key) & mask;
}

}  // namespace

std::string CleanPath(std::string_view path) {
  if (IsCleanPath(path)) return std::string(path);  // nearly always
  std::string out;
  out.reserve(path.size() + 1);
  size_t i = 0;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    if (part == "..") {
      out.resize(out.rfind('/') == std::string::npos ? 0 : out.rfind('/'));
    } else if (!part.empty() && part != ".") {
      out += '/';
      out += part;
    }
    i = end + 1;
  }
  return out.empty() ? "/" : out;
}

bool PathWithin(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path[0] == '/';
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

void MountTable::LineIndex::Build(std::vector<uint64_t> keys) {
  keys_ = std::move(keys);
  size_t buckets = 16;
  while (buckets < keys_.size() * 2) buckets *= 2;
  head_.assign(buckets, kNone);
  next_.assign(keys_.size(), kNone);
  // From the last position back, each pushed at the front of its bucket: chains in file order.
  for (size_t i = keys_.size(); i-- > 0;) {
    const size_t b = Bucket(keys_[i], buckets - 1);
    next_[i] = head_[b];
    head_[b] = static_cast<uint32_t>(i);
  }
}

template <typename Visit>
void MountTable::LineIndex::ForEach(uint64_t key, Visit visit) const {
  if (head_.empty()) return;
  for (uint32_t i = head_[Bucket(key, head_.size() - 1)]; i != kNone; i = next_[i]) {
    if (keys_[i] == key && !visit(i)) return;
  }
}

MountTable::MountTable(std::vector<MountInfo> mounts) : mounts_(std::move(mounts)) {
  BuildIndexes();
}

void MountTable::BuildIndexes() {
  const size_t n = mounts_.size();
  std::vector<uint64_t> ids(n), parents(n), points(n), parent_and_points(n);
  for (size_t i = 0; i < n; ++i) {
    const MountInfo& m = mounts_[i];
    ids[i] = static_cast<uint32_t>(m.id);
    parents[i] = static_cast<uint32_t>(m.parent_id);
    points[i] = Fnv(m.mount_point);
    parent_and_points[i] = ParentAndPoint(m.parent_id, points[i]);
  }
  by_id_.Build(std::move(ids));
  by_parent_.Build(std::move(parents));
  by_point_.Build(std::move(points));
  by_parent_and_point_.Build(std::move(parent_and_points));
  for (const MountInfo* m : AtMountPoint("/")) {
    if (Parent(*m) == nullptr) {
      const MountInfo* top = TopOfStack(m);
      if (top != nullptr) root_ = static_cast<uint32_t>(top - mounts_.data());
      break;
    }
  }
}

const MountInfo* MountTable::ById(int id) const {
  // Ids are unique; the last wins if a file says otherwise.
  const MountInfo* found = nullptr;
  by_id_.ForEach(static_cast<uint32_t>(id), [&](uint32_t i) {
    if (mounts_[i].id == id) found = &mounts_[i];
    return true;
  });
  return found;
}

const MountInfo* MountTable::Parent(const MountInfo& m) const {
  if (m.parent_id == m.id) return nullptr;
  return ById(m.parent_id);
}

std::vector<const MountInfo*> MountTable::Children(const MountInfo& m) const {
  std::vector<const MountInfo*> out;
  by_parent_.ForEach(static_cast<uint32_t>(m.id), [&](uint32_t i) {
    if (mounts_[i].parent_id == m.id && mounts_[i].id != m.id) out.push_back(&mounts_[i]);
    return true;
  });
  return out;
}

std::vector<const MountInfo*> MountTable::AtMountPoint(std::string_view path) const {
  std::vector<const MountInfo*> out;
  by_point_.ForEach(Fnv(path), [&](uint32_t i) {
    if (mounts_[i].mount_point == path) out.push_back(&mounts_[i]);
    return true;
  });
  return out;
}

const MountInfo* MountTable::ChildAt(int parent_id, std::string_view path, uint64_t path_hash,
                                     int self_id) const {
  const MountInfo* last = nullptr;
  by_parent_and_point_.ForEach(ParentAndPoint(parent_id, path_hash), [&](uint32_t i) {
    const MountInfo& m = mounts_[i];
    if (m.parent_id == parent_id && m.id != self_id && m.mount_point == path) last = &m;
    return true;
  });
  return last;
}

const MountInfo* MountTable::TopOfStack(const MountInfo* m) const {
  // Bounded by the table size: a malformed file with a cycle cannot loop forever.
  for (size_t guard = 0; m != nullptr && guard < mounts_.size(); ++guard) {
    const MountInfo* above = ChildAt(m->id, m->mount_point, Fnv(m->mount_point), m->id);
    if (above == nullptr) break;
    m = above;
  }
  return m;
}

const MountInfo* MountTable::ContainingClean(std::string_view path) const {
  const MountInfo* cur = Root();
  if (cur == nullptr || path.size() <= 1) return cur;
  // Down from the root, one component at a time; the hash of each prefix extends the last one's.
  uint64_t hash = kFnvStart;
  size_t done = 0;
  while (done < path.size()) {
    size_t end = path.find('/', done + 1);
    if (end == std::string_view::npos) end = path.size();
    hash = FnvMore(hash, path.substr(done, end - done));
    const std::string_view prefix = path.substr(0, end);
    const MountInfo* next = ChildAt(cur->id, prefix, hash, cur->id);
    if (next != nullptr) cur = TopOfStack(next);
    done = end;
  }
  return cur;
}

const MountInfo* MountTable::Containing(std::string_view path) const {
  if (IsCleanPath(path)) return ContainingClean(path);
  return ContainingClean(CleanPath(path));
}

const MountInfo* MountTable::VisibleAt(std::string_view path) const {
  std::string cleaned;
  if (!IsCleanPath(path)) {
    cleaned = CleanPath(path);
    path = cleaned;
  }
  const MountInfo* m = ContainingClean(path);
  return m != nullptr && m->mount_point == path ? m : nullptr;
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
    by_parent_.ForEach(static_cast<uint32_t>(id), [&](uint32_t i) {
      if (mounts_[i].parent_id != id || taken[i] || mounts_[i].id == m.id) return true;
      taken[i] = true;
      found.push_back(i);
      pending.push_back(mounts_[i].id);
      return true;
    });
  }
  std::sort(found.begin(), found.end());
  std::vector<const MountInfo*> out;
  out.reserve(found.size());
  for (size_t i : found) out.push_back(&mounts_[i]);
  return out;
}

}  // namespace rt::sys
