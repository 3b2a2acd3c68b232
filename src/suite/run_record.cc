#include "suite/run_record.h"

#include <chrono>
#include <cstdio>

#include "util/json.h"
#include "util/json_text.h"

namespace rt::suite {
namespace {

using nlohmann::json;

constexpr const char* kReportedNames[] = {"pass", "fail", "skip", "expected-failure",
                                          "unexpected-pass"};

json StringArray(const std::vector<std::string>& values) {
  json a = json::array();
  for (const std::string& v : values) a.push_back(v);
  return a;
}

json OptionalBool(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }

json FeaturesJson(const std::optional<FeaturesSummary>& f) {
  if (!f) return nullptr;
  return {{"oci_version_min", f->oci_version_min},    {"oci_version_max", f->oci_version_max},
          {"namespaces", StringArray(f->namespaces)}, {"cgroup", StringArray(f->cgroup)},
          {"seccomp", OptionalBool(f->seccomp)},      {"apparmor", OptionalBool(f->apparmor)},
          {"selinux", OptionalBool(f->selinux)}};
}

json CommandJson(const CommandRun& c) {
  return {{"argv", StringArray(c.argv)},
          {"command", c.command},
          {"result", c.result},
          {"exit_code", c.exit_code ? json(*c.exit_code) : json(nullptr)},
          {"signal", c.signal},
          {"failure_expected", c.failure_expected},
          {"stdout", c.out},
          {"stderr", c.err}};
}

json ScenarioJson(const ScenarioRecord& s) {
  json details = json::array();
  for (const auto& [field, value] : s.details)
    details.push_back({{"field", field}, {"value", value}});
  json commands = json::array();
  for (const CommandRun& c : s.commands) commands.push_back(CommandJson(c));
  json j = {{"name", s.name},
            {"kind", s.kind},
            {"check_id", s.check_id},
            {"spec_ref", s.spec_ref},
            {"level", s.level},
            {"expect", s.expect},
            {"verdict", ReportedName(s.verdict)},
            {"message", s.message},
            {"details", std::move(details)},
            {"duration_us", s.duration_us},
            {"container_id", s.container_id},
            {"bundle_kept", s.bundle_kept},
            {"rerun", s.rerun},
            {"commands", std::move(commands)},
            {"outputs",
             {{"container_stdout", s.outputs.container_stdout},
              {"container_stderr", s.outputs.container_stderr},
              {"runtime_stderr", s.outputs.runtime_stderr},
              {"host_check_stderr", s.outputs.host_check_stderr}}}};
  if (s.verdict == Reported::kExpectedFailure || s.verdict == Reported::kUnexpectedPass) {
    j["expected_failure"] = {{"reason", s.known_reason}, {"line", s.known_line}};
  } else {
    j["expected_failure"] = nullptr;
  }
  return j;
}

// Reads fields of one JSON object, naming the path of the first that is missing or of the wrong
// type. Later reads after an error do nothing, so a caller checks status() once at the end.
class Reader {
 public:
  Reader(const json& object, std::string path, Status* status)
      : j_(object), path_(std::move(path)), status_(status) {
    if (status_->ok() && !j_.is_object()) {
      *status_ =
          Status::Error(path_.empty() ? "expected an object" : path_ + ": expected an object");
    }
  }

  const json* Field(const char* key, bool (json::*is)() const noexcept, const char* what) {
    if (!status_->ok()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end()) {
      Fail(Path(key), "missing");
      return nullptr;
    }
    if (!((*it).*is)()) {
      Fail(Path(key), std::string("expected ") + what + ", found " + it->dump());
      return nullptr;
    }
    return &*it;
  }
  void String(const char* key, std::string& out) {
    if (const json* v = Field(key, &json::is_string, "a string")) out = v->get<std::string>();
  }
  void Bool(const char* key, bool& out) {
    if (const json* v = Field(key, &json::is_boolean, "true or false")) out = v->get<bool>();
  }
  void Int(const char* key, int64_t& out) {
    const json* v = Field(key, &json::is_number_integer, "an integer");
    if (v == nullptr) return;
    // nlohmann keeps integers beyond INT64_MAX unsigned: as int64_t they would wrap.
    if (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t{INT64_MAX}) {
      return Fail(Path(key), "out of range");
    }
    out = v->get<int64_t>();
  }
  // An integer the schema bounds below by 0 (durations, counts).
  template <typename T>
  void NonNegative(const char* key, T& out) {
    Int(key, out);
    if (out < 0) Fail(Path(key), "expected an integer >= 0, found " + std::to_string(out));
  }
  void Int(const char* key, int& out) {
    int64_t wide = 0;
    Int(key, wide);
    if (wide < INT32_MIN || wide > INT32_MAX) Fail(Path(key), "out of range");
    out = static_cast<int>(wide);
  }
  void Strings(const char* key, std::vector<std::string>& out) {
    const json* a = Field(key, &json::is_array, "an array");
    if (a == nullptr) return;
    for (size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) {
        Fail(Path(key) + "[" + std::to_string(i) + "]", "expected a string");
        return;
      }
      out.push_back((*a)[i].get<std::string>());
    }
  }
  void OptionalBool(const char* key, std::optional<bool>& out) {
    if (!status_->ok()) return;
    auto it = j_.find(key);
    if (it != j_.end() && it->is_null()) return;
    bool b = false;
    Bool(key, b);
    out = b;
  }
  // Present and null: false; an object: true (then `Object` reads it).
  bool NullOr(const char* key) {
    if (!status_->ok()) return false;
    auto it = j_.find(key);
    if (it != j_.end() && it->is_null()) return false;
    return Field(key, &json::is_object, "an object or null") != nullptr;
  }
  Reader Object(const char* key) {
    const json* v = Field(key, &json::is_object, "an object");
    static const json kEmpty = json::object();
    return Reader(v ? *v : kEmpty, Path(key), status_);
  }
  // Element `index` of the array `array` (field `key` of this object).
  Reader Element(const json& array, const char* key, size_t index) {
    return Reader(array[index], Path(key) + "[" + std::to_string(index) + "]", status_);
  }
  const json& json_value() const { return j_; }
  std::string Path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  void Fail(const std::string& path, const std::string& why) {
    if (status_->ok()) *status_ = Status::Error(path + ": " + why);
  }
  bool ok() const { return status_->ok(); }

 private:
  const json& j_;
  std::string path_;
  Status* status_;
};

void ReadCommand(Reader r, CommandRun& c) {
  r.Strings("argv", c.argv);
  r.String("command", c.command);
  r.String("result", c.result);
  if (r.ok()) {
    auto it = r.json_value().find("exit_code");
    if (it != r.json_value().end() && !it->is_null()) {
      int code = 0;
      r.Int("exit_code", code);
      c.exit_code = code;
    } else if (it == r.json_value().end()) {
      r.Fail(r.Path("exit_code"), "missing");
    }
  }
  r.Int("signal", c.signal);
  r.Bool("failure_expected", c.failure_expected);
  r.String("stdout", c.out);
  r.String("stderr", c.err);
}

void ReadScenario(Reader r, ScenarioRecord& s) {
  r.String("name", s.name);
  r.String("kind", s.kind);
  if (r.ok() && s.kind != "config" && s.kind != "op") {
    r.Fail(r.Path("kind"), "expected config or op, found \"" + s.kind + "\"");
  }
  r.String("check_id", s.check_id);
  r.String("spec_ref", s.spec_ref);
  r.String("level", s.level);
  r.String("expect", s.expect);
  std::string verdict;
  r.String("verdict", verdict);
  if (r.ok()) {
    bool found = false;
    for (int i = 0; i < 5; ++i) {
      if (verdict == kReportedNames[i]) {
        s.verdict = static_cast<Reported>(i);
        found = true;
      }
    }
    if (!found) {
      r.Fail(r.Path("verdict"),
             "expected one of pass, fail, skip, expected-failure, unexpected-pass, found \"" +
                 verdict + "\"");
    }
  }
  r.String("message", s.message);
  if (r.NullOr("expected_failure")) {
    Reader known = r.Object("expected_failure");
    known.String("reason", s.known_reason);
    known.Int("line", s.known_line);
  }
  if (const json* details = r.Field("details", &json::is_array, "an array")) {
    for (size_t k = 0; k < details->size() && r.ok(); ++k) {
      Reader d = r.Element(*details, "details", k);
      std::string field, value;
      d.String("field", field);
      d.String("value", value);
      s.details.emplace_back(std::move(field), std::move(value));
    }
  }
  r.NonNegative("duration_us", s.duration_us);
  r.String("container_id", s.container_id);
  r.String("bundle_kept", s.bundle_kept);
  r.String("rerun", s.rerun);
  Reader outputs = r.Object("outputs");
  outputs.String("container_stdout", s.outputs.container_stdout);
  outputs.String("container_stderr", s.outputs.container_stderr);
  outputs.String("runtime_stderr", s.outputs.runtime_stderr);
  outputs.String("host_check_stderr", s.outputs.host_check_stderr);
  if (const json* commands = r.Field("commands", &json::is_array, "an array")) {
    for (size_t k = 0; k < commands->size() && r.ok(); ++k) {
      ReadCommand(r.Element(*commands, "commands", k), s.commands.emplace_back());
    }
  }
}

}  // namespace

const char* ReportedName(Reported reported) { return kReportedNames[static_cast<int>(reported)]; }

void Tally::Add(Reported reported) {
  switch (reported) {
    case Reported::kPass:
      ++passed;
      break;
    case Reported::kFail:
      ++failed;
      break;
    case Reported::kSkip:
      ++skipped;
      break;
    case Reported::kExpectedFailure:
      ++skipped;
      ++expected_failures;
      break;
    case Reported::kUnexpectedPass:
      ++passed;
      ++unexpected_passes;
      break;
  }
}

Tally RunRecord::tally() const {
  Tally t;
  for (const ScenarioRecord& s : scenarios) t.Add(s.verdict);
  return t;
}

std::string Rfc3339Utc(int64_t seconds_since_epoch) {
  // The calendar arithmetic of <chrono>, not gmtime_r and strftime: those bring glibc's time
  // zone code (about 40 KB) into the static binary for a UTC date.
  using namespace std::chrono;
  const sys_seconds t{seconds{seconds_since_epoch}};
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss clock{t - day};
  char text[40];
  const int n = std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()));
  return n > 0 ? std::string(text, static_cast<size_t>(n)) : std::string();
}

namespace {

json RunJson(const RunRecord& run) {
  json scenarios = json::array();
  for (const ScenarioRecord& s : run.scenarios) scenarios.push_back(ScenarioJson(s));
  const Tally t = run.tally();
  json j = {
      {"format", run.format},
      {"tool_version", run.tool_version},
      {"runtime",
       {{"path", run.runtime.path},
        {"name", run.runtime.name},
        {"version_line", run.runtime.version_line},
        {"version", run.runtime.version},
        {"args", StringArray(run.runtime.args)},
        {"features", FeaturesJson(run.runtime.features)}}},
      {"host",
       {{"kernel", run.host.kernel},
        {"arch", run.host.arch},
        {"cgroup_layout", run.host.cgroup_layout},
        {"lsms", StringArray(run.host.lsms)},
        {"lsms_source", run.host.lsms_source}}},
      {"mode", run.mode},
      {"blind_negatives", run.blind_negatives},
      {"filter", run.filter},
      {"started", run.started},
      {"duration_us", run.duration_us},
      {"planned", run.planned},
      {"interrupted", run.interrupted},
      {"notes", StringArray(run.notes)},
      {"summary",
       {{"passed", t.passed},
        {"failed", t.failed},
        {"skipped", t.skipped},
        {"expected_failures", t.expected_failures},
        {"unexpected_passes", t.unexpected_passes},
        {"total", t.total()}}},
      {"scenarios", std::move(scenarios)},
  };
  return j;
}

std::string Dump(const json& j) {
  return DumpJson(j, 2) + "\n";
}

Result<RunRecord> ReadRun(const json& j) {
  Status status;
  RunRecord run;
  Reader top(j, "", &status);
  top.String("format", run.format);
  if (status.ok() && run.format != kRunRecordFormat) {
    return Status::Error("format: expected \"" + std::string(kRunRecordFormat) + "\", found \"" +
                         run.format + "\"");
  }
  top.String("tool_version", run.tool_version);
  Reader runtime = top.Object("runtime");
  runtime.String("path", run.runtime.path);
  runtime.String("name", run.runtime.name);
  runtime.String("version_line", run.runtime.version_line);
  runtime.String("version", run.runtime.version);
  runtime.Strings("args", run.runtime.args);
  if (runtime.NullOr("features")) {
    Reader f = runtime.Object("features");
    FeaturesSummary& summary = run.runtime.features.emplace();
    f.String("oci_version_min", summary.oci_version_min);
    f.String("oci_version_max", summary.oci_version_max);
    f.Strings("namespaces", summary.namespaces);
    f.Strings("cgroup", summary.cgroup);
    f.OptionalBool("seccomp", summary.seccomp);
    f.OptionalBool("apparmor", summary.apparmor);
    f.OptionalBool("selinux", summary.selinux);
  }
  Reader host = top.Object("host");
  host.String("kernel", run.host.kernel);
  host.String("arch", run.host.arch);
  host.String("cgroup_layout", run.host.cgroup_layout);
  host.Strings("lsms", run.host.lsms);
  host.String("lsms_source", run.host.lsms_source);
  top.String("mode", run.mode);
  top.Bool("blind_negatives", run.blind_negatives);
  top.String("filter", run.filter);
  top.String("started", run.started);
  top.NonNegative("duration_us", run.duration_us);
  top.NonNegative("planned", run.planned);
  top.String("interrupted", run.interrupted);
  top.Strings("notes", run.notes);
  if (const json* scenarios = top.Field("scenarios", &json::is_array, "an array")) {
    for (size_t i = 0; i < scenarios->size() && status.ok(); ++i) {
      const std::string path = "scenarios[" + std::to_string(i) + "]";
      Reader r((*scenarios)[i], path, &status);
      ReadScenario(r, run.scenarios.emplace_back());
    }
  }
  if (!status.ok()) return status;
  return run;
}

}  // namespace

std::string ToJson(const RunRecord& run) { return Dump(RunJson(run)); }

std::string RunsToJson(std::span<const RunRecord> runs) {
  if (runs.size() == 1) return ToJson(runs.front());
  json all = json::array();
  for (const RunRecord& run : runs) all.push_back(RunJson(run));
  return Dump(all);
}

Result<RunRecord> ParseRunRecord(std::string_view json_text) {
  Result<json> j = ParseJsonText(json_text);
  if (!j.ok()) return j.status();
  return ReadRun(*j);
}

Result<std::vector<RunRecord>> ParseRunRecords(std::string_view json_text) {
  Result<json> parsed = ParseJsonText(json_text);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  std::vector<RunRecord> runs;
  if (!j.is_array()) {
    Result<RunRecord> run = ReadRun(j);
    if (!run.ok()) return run.status();
    runs.push_back(std::move(run.value()));
    return runs;
  }
  if (j.empty()) return Status::Error("an empty array: no run");
  for (size_t i = 0; i < j.size(); ++i) {
    Result<RunRecord> run = ReadRun(j[i]);
    if (!run.ok()) return Status::Error("[" + std::to_string(i) + "]: " + run.status().message());
    runs.push_back(std::move(run.value()));
  }
  return runs;
}

}  // namespace rt::suite
