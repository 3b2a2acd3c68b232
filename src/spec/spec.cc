// Parsing config.json into the typed model of spec.h.
//
// nlohmann/json does the syntax; everything after that is a walk over the tree with a Reader that
// knows where it stands, so a value of the wrong type, out of range or missing is reported with its
// JSON path. Paths join object members with '.', array elements as [i], and keys of map-like
// objects (annotations, sysctl, unified, rdma, timeOffsets, netDevices) with '.' when the key is a
// plain identifier and JSON-quoted in brackets otherwise:
//   process.rlimits[2].hard    linux.netDevices.eth0.name    linux.sysctl["net.ipv4.ip_forward"]
// nlohmann's SAX parser reads the text into a tree while a PathBuilder keeps the JSON path of
// where it stands, so a syntax error names its byte and its JSON path too. The first error ends
// the parse; nlohmann's exceptions never leave this file.
#include "spec/spec.h"

#include <cctype>
#include <cmath>
#include <concepts>
#include <limits>
#include <type_traits>

#include "util/json.h"
#include "util/text.h"

namespace rt::spec {
namespace {

using json = nlohmann::json;

enum Need { kOptional, kRequired };

// The kind of a JSON value, as error messages name it.
std::string KindOf(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::string:
      return "string";
    case json::value_t::array:
      return "array";
    case json::value_t::object:
      return "object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "number";
    default:
      return "value";
  }
}

bool IsIdentifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (unsigned char c : key) {
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

// The JSON path of a member of the node at `path`: ".key" for a plain identifier, ["key"]
// (JSON-quoted) otherwise, and no dot at the top level.
std::string MemberPath(const std::string& path, const std::string& key) {
  if (IsIdentifier(key)) return path.empty() ? key : path + "." + key;
  return path + "[" + json(key).dump() + "]";
}

// The text of numbers that nlohmann reads as a double although they are written as integers
// (beyond the 64-bit range), by JSON path, so that errors echo them exactly. Capped: a config of a
// million such numbers falls back to the double's text beyond the first kMaxRawNumbers.
constexpr size_t kMaxRawNumbers = 10000;
using RawNumbers = std::map<std::string, std::string>;

// A JSON node, where it stands, and the first error of the whole parse (shared by all readers).
// The JSON path is spelled out only for a message: a reader knows its parent and the step from
// it (readers live on the stack of the walk, each inside its parent's call), so reading a valid
// config builds no path strings.
struct Reader {
  enum class Step { kRoot, kMember, kMapEntry, kElement };

  json& node;  // not const: strings are moved out of the tree, which is dropped after the walk
  const Reader* parent = nullptr;
  Step step = Step::kRoot;
  std::string_view key;  // kMember: a literal of this file; kMapEntry: a key of the tree
  size_t index = 0;      // kElement
  std::string* error = nullptr;
  const RawNumbers* raw_numbers = nullptr;

  std::string Path() const {
    if (step == Step::kRoot) return "";
    std::string path = parent->Path();
    switch (step) {
      case Step::kMember:
        if (!path.empty()) path += '.';
        path += key;
        return path;
      case Step::kMapEntry:
        return MemberPath(path, std::string(key));
      default:
        return path + "[" + std::to_string(index) + "]";
    }
  }
  bool failed() const { return !error->empty(); }
  void Fail(const std::string& what) const {
    if (failed()) return;
    const std::string path = Path();
    *error = (path.empty() ? "config root" : path) + ": " + what;
  }
  Reader Member(std::string_view k, json& child) const {
    return {child, this, Step::kMember, k, 0, error, raw_numbers};
  }
  Reader MapEntry(std::string_view k, json& child) const {
    return {child, this, Step::kMapEntry, k, 0, error, raw_numbers};
  }
  Reader Element(size_t i, json& child) const {
    return {child, this, Step::kElement, {}, i, error, raw_numbers};
  }
  // The number as the config writes it, when it was an integer literal beyond 64 bits.
  std::string NumberText() const {
    auto it = raw_numbers->find(Path());
    return it != raw_numbers->end() ? it->second : node.dump();
  }
  bool Expect(json::value_t type, const char* kind) const {
    if (node.type() == type) return true;
    Fail(std::string("expected ") + kind + ", found " + KindOf(node));
    return false;
  }

  // Reads member `key` of this object into `out`. Absent or null leaves `out` as it is, which is
  // an error only for a field the spec calls REQUIRED.
  template <typename T>
  void Field(std::string_view key, T* out, Need need = kOptional) const;

  // Member `key` if it is present and an object (for a level the model flattens, like blockIO).
  // The returned reader's parent is this one: it must not outlive it.
  std::optional<Reader> Object(std::string_view key) const {
    auto it = node.find(key);
    if (failed() || it == node.end() || it->is_null()) return std::nullopt;
    Reader child = Member(key, *it);
    if (!child.Expect(json::value_t::object, "object")) return std::nullopt;
    return child;
  }
};

// Decode(r, out) turns the node of `r` into `out`; one overload per C++ type of the model.

void Decode(const Reader& r, std::string* out) {
  // Moved, not copied: each node is decoded once, and the tree is dropped after the walk.
  if (r.Expect(json::value_t::string, "string")) *out = std::move(r.node.get_ref<std::string&>());
}

void Decode(const Reader& r, bool* out) {
  if (r.Expect(json::value_t::boolean, "boolean")) *out = r.node.get<bool>();
}

// Integers must be JSON integers within the range of T. nlohmann stores integers beyond the 64-bit
// range as floats, so a float with an integral value outside the range is reported as such (and
// -2^63 as a float can only come from below INT64_MIN: the literal itself would be an integer).
template <std::integral T>
void Decode(const Reader& r, T* out) {
  using Limits = std::numeric_limits<T>;
  const std::string expected = Limits::is_signed ? "integer" : "unsigned integer";
  const auto out_of_range = [&](const std::string& value) {
    r.Fail(value + " is out of range for a " + std::to_string(Limits::digits + Limits::is_signed) +
           "-bit " + expected);
  };
  switch (r.node.type()) {
    case json::value_t::number_unsigned: {
      const uint64_t v = r.node.get<uint64_t>();
      if (v > static_cast<uint64_t>(Limits::max())) return out_of_range(std::to_string(v));
      *out = static_cast<T>(v);
      return;
    }
    case json::value_t::number_integer: {  // negative values, and -0
      const int64_t v = r.node.get<int64_t>();
      if (!Limits::is_signed && v < 0) {
        return r.Fail("expected unsigned integer, found negative integer " + std::to_string(v));
      }
      if (v < static_cast<int64_t>(Limits::min())) return out_of_range(std::to_string(v));
      *out = static_cast<T>(v);
      return;
    }
    case json::value_t::number_float: {
      const double v = r.node.get<double>();
      const double limit = std::ldexp(1.0, Limits::digits);  // max() + 1, exact in a double
      if (std::isfinite(v) && std::trunc(v) == v &&
          (v >= limit || (Limits::is_signed ? v <= -limit : v < 0))) {
        return out_of_range(r.NumberText());
      }
      return r.Fail("expected " + expected + ", found number");
    }
    default:
      return r.Fail("expected " + expected + ", found " + KindOf(r.node));
  }
}

template <typename T>
void Decode(const Reader& r, std::optional<T>* out) {
  Decode(r, &out->emplace());
}

template <typename T>
void Decode(const Reader& r, std::vector<T>* out) {
  if (!r.Expect(json::value_t::array, "array")) return;
  for (size_t i = 0; i < r.node.size() && !r.failed(); ++i) {
    Decode(r.Element(i, r.node[i]), &out->emplace_back());
  }
}

template <typename T>
void Decode(const Reader& r, std::map<std::string, T>* out) {
  if (!r.Expect(json::value_t::object, "object")) return;
  for (auto it = r.node.begin(); it != r.node.end(); ++it) {
    if (r.failed()) return;
    Decode(r.MapEntry(it.key(), it.value()), &(*out)[it.key()]);
  }
}

// A struct of the model: an object whose members Members(r, out) reads.
template <typename T>
requires requires(const Reader& r, T* v) { Members(r, v); }
void Decode(const Reader& r, T* out) {
  if (r.Expect(json::value_t::object, "object")) Members(r, out);
}

template <typename T>
void Reader::Field(std::string_view key, T* out, Need need) const {
  if (failed()) return;
  auto it = node.find(key);
  if (it == node.end() || it->is_null()) {
    if (need == kRequired) Member(key, node).Fail("required field is missing");
    return;
  }
  Decode(Member(key, *it), out);
}

// One function per struct, leaves first; member names are those of the runtime-spec.

void Members(const Reader& r, Root* v) {
  r.Field("path", &v->path, kRequired);
  r.Field("readonly", &v->readonly);
}

void Members(const Reader& r, IdMapping* v) {
  r.Field("containerID", &v->container_id, kRequired);
  r.Field("hostID", &v->host_id, kRequired);
  r.Field("size", &v->size, kRequired);
}

void Members(const Reader& r, Mount* v) {
  r.Field("destination", &v->destination, kRequired);
  r.Field("type", &v->type);
  r.Field("source", &v->source);
  r.Field("options", &v->options);
  r.Field("uidMappings", &v->uid_mappings);
  r.Field("gidMappings", &v->gid_mappings);
}

void Members(const Reader& r, User* v) {
  r.Field("uid", &v->uid, kRequired);
  r.Field("gid", &v->gid, kRequired);
  r.Field("umask", &v->umask);
  r.Field("additionalGids", &v->additional_gids);
  r.Field("username", &v->username);
}

void Members(const Reader& r, Capabilities* v) {
  r.Field("bounding", &v->bounding);
  r.Field("effective", &v->effective);
  r.Field("inheritable", &v->inheritable);
  r.Field("permitted", &v->permitted);
  r.Field("ambient", &v->ambient);
}

void Members(const Reader& r, Rlimit* v) {
  r.Field("type", &v->type, kRequired);
  r.Field("soft", &v->soft, kRequired);
  r.Field("hard", &v->hard, kRequired);
}

void Members(const Reader& r, ConsoleSize* v) {
  r.Field("height", &v->height, kRequired);
  r.Field("width", &v->width, kRequired);
}

void Members(const Reader& r, Scheduler* v) {
  r.Field("policy", &v->policy, kRequired);
  r.Field("nice", &v->nice);
  r.Field("priority", &v->priority);
  r.Field("flags", &v->flags);
  r.Field("runtime", &v->runtime);
  r.Field("deadline", &v->deadline);
  r.Field("period", &v->period);
}

void Members(const Reader& r, IoPriority* v) {
  r.Field("class", &v->io_class, kRequired);
  r.Field("priority", &v->priority, kRequired);
}

void Members(const Reader& r, ExecCpuAffinity* v) {
  r.Field("initial", &v->initial);
  r.Field("final", &v->final_);
}

void Members(const Reader& r, Process* v) {
  r.Field("terminal", &v->terminal);
  r.Field("consoleSize", &v->console_size);
  r.Field("cwd", &v->cwd);
  r.Field("env", &v->env);
  r.Field("args", &v->args);
  r.Field("commandLine", &v->command_line);
  r.Field("user", &v->user);
  r.Field("capabilities", &v->capabilities);
  r.Field("rlimits", &v->rlimits);
  r.Field("noNewPrivileges", &v->no_new_privileges);
  r.Field("apparmorProfile", &v->apparmor_profile);
  r.Field("oomScoreAdj", &v->oom_score_adj);
  r.Field("selinuxLabel", &v->selinux_label);
  r.Field("scheduler", &v->scheduler);
  r.Field("ioPriority", &v->io_priority);
  r.Field("execCPUAffinity", &v->exec_cpu_affinity);
}

void Members(const Reader& r, Namespace* v) {
  r.Field("type", &v->type, kRequired);
  r.Field("path", &v->path);
}

void Members(const Reader& r, TimeOffset* v) {
  r.Field("secs", &v->secs);
  r.Field("nanosecs", &v->nanosecs);
}

void Members(const Reader& r, Device* v) {
  r.Field("type", &v->type, kRequired);
  r.Field("path", &v->path, kRequired);
  r.Field("major", &v->major);  // REQUIRED unless type is "p": left to the checks
  r.Field("minor", &v->minor);
  r.Field("fileMode", &v->file_mode);
  r.Field("uid", &v->uid);
  r.Field("gid", &v->gid);
}

void Members(const Reader& r, DeviceCgroup* v) {
  r.Field("allow", &v->allow, kRequired);
  r.Field("type", &v->type);
  r.Field("major", &v->major);
  r.Field("minor", &v->minor);
  r.Field("access", &v->access);
}

void Members(const Reader& r, MemoryResources* v) {
  r.Field("limit", &v->limit);
  r.Field("reservation", &v->reservation);
  r.Field("swap", &v->swap);
  r.Field("kernel", &v->kernel);
  r.Field("kernelTCP", &v->kernel_tcp);
  r.Field("swappiness", &v->swappiness);
  r.Field("disableOOMKiller", &v->disable_oom_killer);
  r.Field("useHierarchy", &v->use_hierarchy);
  r.Field("checkBeforeUpdate", &v->check_before_update);
}

void Members(const Reader& r, CpuResources* v) {
  r.Field("shares", &v->shares);
  r.Field("quota", &v->quota);
  r.Field("burst", &v->burst);
  r.Field("period", &v->period);
  r.Field("realtimeRuntime", &v->realtime_runtime);
  r.Field("realtimePeriod", &v->realtime_period);
  r.Field("cpus", &v->cpus);
  r.Field("mems", &v->mems);
  r.Field("idle", &v->idle);
}

void Members(const Reader& r, PidsResources* v) { r.Field("limit", &v->limit); }

void Members(const Reader& r, HugepageLimit* v) {
  r.Field("pageSize", &v->page_size, kRequired);
  r.Field("limit", &v->limit, kRequired);
}

void Members(const Reader& r, InterfacePriority* v) {
  r.Field("name", &v->name, kRequired);
  r.Field("priority", &v->priority, kRequired);
}

void Members(const Reader& r, NetworkResources* v) {
  r.Field("classID", &v->class_id);
  r.Field("priorities", &v->priorities);
}

void Members(const Reader& r, RdmaLimit* v) {
  r.Field("hcaHandles", &v->hca_handles);
  r.Field("hcaObjects", &v->hca_objects);
}

void Members(const Reader& r, WeightDevice* v) {
  r.Field("major", &v->major, kRequired);
  r.Field("minor", &v->minor, kRequired);
  r.Field("weight", &v->weight);
  r.Field("leafWeight", &v->leaf_weight);
}

void Members(const Reader& r, ThrottleDevice* v) {
  r.Field("major", &v->major, kRequired);
  r.Field("minor", &v->minor, kRequired);
  r.Field("rate", &v->rate, kRequired);
}

void Members(const Reader& r, BlockIo* v) {
  r.Field("weight", &v->weight);
  r.Field("leafWeight", &v->leaf_weight);
  r.Field("weightDevice", &v->weight_device);
  r.Field("throttleReadBpsDevice", &v->throttle_read_bps);
  r.Field("throttleWriteBpsDevice", &v->throttle_write_bps);
  r.Field("throttleReadIOPSDevice", &v->throttle_read_iops);
  r.Field("throttleWriteIOPSDevice", &v->throttle_write_iops);
}

void Members(const Reader& r, Resources* v) {
  r.Field("devices", &v->devices);
  r.Field("memory", &v->memory);
  r.Field("cpu", &v->cpu);
  r.Field("pids", &v->pids);
  r.Field("blockIO", &v->block_io);
  if (v->block_io) v->blkio_weight = v->block_io->weight;
  r.Field("hugepageLimits", &v->hugepage_limits);
  r.Field("unified", &v->unified);
  r.Field("network", &v->network);
  r.Field("rdma", &v->rdma);
}

void Members(const Reader& r, SeccompArg* v) {
  r.Field("index", &v->index, kRequired);
  r.Field("value", &v->value, kRequired);
  r.Field("valueTwo", &v->value_two);
  r.Field("op", &v->op, kRequired);
}

void Members(const Reader& r, SeccompSyscall* v) {
  r.Field("names", &v->names, kRequired);
  r.Field("action", &v->action, kRequired);
  r.Field("errnoRet", &v->errno_ret);
  r.Field("args", &v->args);
}

void Members(const Reader& r, Seccomp* v) {
  r.Field("defaultAction", &v->default_action, kRequired);
  r.Field("defaultErrnoRet", &v->default_errno_ret);
  r.Field("architectures", &v->architectures);
  r.Field("flags", &v->flags);
  r.Field("listenerPath", &v->listener_path);
  r.Field("listenerMetadata", &v->listener_metadata);
  r.Field("syscalls", &v->syscalls);
}

void Members(const Reader& r, IntelRdt* v) {
  r.Field("closID", &v->clos_id);
  r.Field("l3CacheSchema", &v->l3_cache_schema);
  r.Field("memBwSchema", &v->mem_bw_schema);
  r.Field("enableCMT", &v->enable_cmt);
  r.Field("enableMBM", &v->enable_mbm);
}

void Members(const Reader& r, Personality* v) {
  r.Field("domain", &v->domain, kRequired);
  r.Field("flags", &v->flags);
}

void Members(const Reader& r, MemoryPolicy* v) {
  r.Field("mode", &v->mode, kRequired);
  r.Field("nodes", &v->nodes);
  r.Field("flags", &v->flags);
}

void Members(const Reader& r, NetDevice* v) { r.Field("name", &v->name); }

void Members(const Reader& r, Linux* v) {
  r.Field("namespaces", &v->namespaces);
  r.Field("uidMappings", &v->uid_mappings);
  r.Field("gidMappings", &v->gid_mappings);
  r.Field("timeOffsets", &v->time_offsets);
  r.Field("devices", &v->devices);
  r.Field("cgroupsPath", &v->cgroups_path);
  r.Field("resources", &v->resources);
  r.Field("rootfsPropagation", &v->rootfs_propagation);
  r.Field("seccomp", &v->seccomp);
  r.Field("sysctl", &v->sysctl);
  r.Field("maskedPaths", &v->masked_paths);
  r.Field("readonlyPaths", &v->readonly_paths);
  r.Field("mountLabel", &v->mount_label);
  r.Field("intelRdt", &v->intel_rdt);
  r.Field("personality", &v->personality);
  r.Field("memoryPolicy", &v->memory_policy);
  r.Field("netDevices", &v->net_devices);
}

void Members(const Reader& r, Hook* v) {
  r.Field("path", &v->path, kRequired);
  r.Field("args", &v->args);
  r.Field("env", &v->env);
  r.Field("timeout", &v->timeout);
}

void Members(const Reader& r, Hooks* v) {
  r.Field("prestart", &v->prestart);
  r.Field("createRuntime", &v->create_runtime);
  r.Field("createContainer", &v->create_container);
  r.Field("startContainer", &v->start_container);
  r.Field("poststart", &v->poststart);
  r.Field("poststop", &v->poststop);
}

// The windows, solaris, vm and zos sections are not read.
void Members(const Reader& r, Config* v) {
  r.Field("ociVersion", &v->oci_version, kRequired);
  r.Field("root", &v->root);
  r.Field("mounts", &v->mounts);
  r.Field("process", &v->process);
  r.Field("hostname", &v->hostname);
  r.Field("domainname", &v->domainname);
  r.Field("annotations", &v->annotations);
  r.Field("hooks", &v->hooks);
  r.Field("linux", &v->linux_);
}

// Bytes from 0x80 up as \xNN, so that a message quoting broken UTF-8 is valid text.
std::string EscapeHigh(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += {'\\', 'x', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return out;
}

// nlohmann's message without its prefix, "[json.exception.parse_error.101] parse error at line 1,
// column 7: " (the byte offset is reported on its own). The message quotes the bytes last read,
// `last_token`, which may be broken UTF-8 or a whole 60 MiB string: they are escaped and cut.
std::string Reason(const json::exception& e, const std::string& last_token) {
  std::string what = e.what();
  if (size_t id_end = what.find("] "); id_end != std::string::npos) what.erase(0, id_end + 2);
  if (what.starts_with("parse error")) {
    if (size_t colon = what.find(": "); colon != std::string::npos) what.erase(0, colon + 2);
  }
  constexpr size_t kMaxQuoted = 64;
  const size_t at = last_token.empty() ? std::string::npos : what.find(last_token);
  if (at == std::string::npos) return Abbreviate(EscapeHigh(what), 1024);
  return EscapeHigh(what.substr(0, at)) + Abbreviate(EscapeHigh(last_token), kMaxQuoted) +
         Abbreviate(EscapeHigh(what.substr(at + last_token.size())), 512);
}

// The SAX handler: builds the tree as nlohmann's own DOM parser does, and knows at every step the
// JSON path of the value being read (for syntax errors) and the text of integer literals too big
// for 64 bits.
class PathBuilder {
 public:
  PathBuilder(json* root, RawNumbers* raw_numbers) : root_(root), raw_numbers_(raw_numbers) {}

  bool null() { return Put(nullptr); }
  bool boolean(bool v) { return Put(v); }
  bool number_integer(json::number_integer_t v) { return Put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return Put(v); }
  bool number_float(json::number_float_t v, const std::string& text) {
    const bool integer_literal = text.find_first_of(".eE") == std::string::npos;
    if (integer_literal && raw_numbers_->size() < kMaxRawNumbers) {
      (*raw_numbers_)[Path()] = text;
    }
    return Put(v);
  }
  bool string(std::string& v) { return Put(std::move(v)); }
  bool binary(json::binary_t& /*unused*/) { return false; }  // JSON text has none
  bool start_object(size_t /*unknown*/) { return Open(json::object()); }
  bool key(std::string& k) {
    frames_.back().key = std::move(k);
    frames_.back().pending = true;
    return true;
  }
  bool end_object() { return Close(); }
  bool start_array(size_t /*unknown*/) { return Open(json::array()); }
  bool end_array() { return Close(); }
  bool parse_error(size_t byte, const std::string& last_token, const json::exception& e) {
    error_byte_ = byte;
    error_ = Reason(e, last_token);
    return false;
  }

  // Where the reader stands: the value being read, or the container when between values.
  std::string Path() const {
    std::string path;
    for (const Frame& f : frames_) {
      if (f.container->is_array()) {
        const size_t index = f.container->size() - (f.pending ? 1 : 0);
        path += "[" + std::to_string(index) + "]";
      } else if (f.pending) {
        // Appended in place: a copy per level made a 100,000-deep document quadratic.
        if (!IsIdentifier(f.key)) {
          path += "[" + json(f.key).dump() + "]";
        } else {
          if (!path.empty()) path += '.';
          path += f.key;
        }
      }
    }
    return path;
  }
  size_t error_byte() const { return error_byte_; }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    json* container;
    std::string key;  // objects: the last key read
    // Objects: the value of `key` is being read. Arrays: the last element is a container being
    // read (else the reader stands at the next element).
    bool pending = false;
  };

  // Places `v` where the reader stands; containers stay put while their children are read, so
  // the pointers in frames_ stay valid.
  json* Place(json&& v) {
    if (frames_.empty()) {
      *root_ = std::move(v);
      return root_;
    }
    Frame& f = frames_.back();
    if (f.container->is_array()) {
      f.container->push_back(std::move(v));
      return &f.container->back();
    }
    f.pending = false;
    json& slot = (*f.container)[f.key];  // a repeated key: the last value wins
    slot = std::move(v);
    return &slot;
  }
  bool Put(json&& v) {
    Place(std::move(v));
    return true;
  }
  bool Open(json&& container) {
    // The parent stays pending while the container is read, for the paths inside it.
    json* placed = Place(std::move(container));
    if (!frames_.empty()) frames_.back().pending = true;
    frames_.push_back({placed});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    if (!frames_.empty()) frames_.back().pending = false;
    return true;
  }

  json* root_;
  RawNumbers* raw_numbers_;
  std::vector<Frame> frames_;
  size_t error_byte_ = 0;
  std::string error_;
};

std::string Where(size_t byte, const std::string& path) {
  return "at byte " + std::to_string(byte) + " (" + (path.empty() ? "config root" : path) + ")";
}

}  // namespace

Result<Config> ParseConfig(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::Error("config is empty");
  }
  json root;
  RawNumbers raw_numbers;
  PathBuilder builder(&root, &raw_numbers);
  // nlohmann's lexer takes a NUL byte outside a string for the end of the input: the parse
  // stops there, either at a complete document or with "unexpected end of input" at the NUL.
  const size_t nul = text.find('\0');
  const bool parsed = json::sax_parse(text, &builder);
  if (nul != std::string::npos && (parsed || builder.error_byte() > nul)) {
    return Status::Error("not valid JSON: " + Where(nul + 1, builder.Path()) +
                         (parsed ? ": a NUL byte after the end of the document"
                                 : ": a NUL byte (JSON text has none outside escapes)"));
  }
  if (!parsed) {
    return Status::Error("not valid JSON: " + Where(builder.error_byte(), builder.Path()) + ": " +
                         builder.error());
  }
  std::string error;
  Config config;
  Decode(Reader{.node = root, .error = &error, .raw_numbers = &raw_numbers}, &config);
  if (!error.empty()) return Status::Error(error);
  return config;
}

}  // namespace rt::spec
