#include "suite/runtime_client.h"

#include "util/json_text.h"

namespace rt::suite {
namespace {

constexpr std::chrono::seconds kKillGrace(5);

}  // namespace

std::string CommandRecord::Describe() const {
  if (!spawn_error.ok()) return "could not start: " + spawn_error.message();
  if (end == WaitEnd::kTimedOut) return "timed out (killed)";
  if (end == WaitEnd::kInterrupted) return "interrupted (killed)";
  return exit.Describe();
}

Result<ContainerState> ParseState(std::string_view json_text, std::string_view expected_id,
                                  std::string_view expected_bundle) {
  Result<nlohmann::json> parsed = ParseJsonText(json_text);
  if (!parsed.ok()) return Status::Error("state output is " + parsed.status().message());
  const nlohmann::json& j = *parsed;
  if (!j.is_object()) return Status::Error("state output is not a JSON object");
  ContainerState s;
  auto string_field = [&](const char* key, std::string& out) -> Status {
    auto it = j.find(key);
    if (it == j.end()) return Status::Error(std::string("state: ") + key + " missing");
    if (!it->is_string()) return Status::Error(std::string("state: ") + key + " is not a string");
    out = it->get<std::string>();
    return Status::Ok();
  };
  for (auto [key, out] : {std::pair{"ociVersion", &s.oci_version}, std::pair{"id", &s.id},
                          std::pair{"status", &s.status}, std::pair{"bundle", &s.bundle}}) {
    Status st = string_field(key, *out);
    if (!st.ok()) return st;
  }
  if (s.oci_version.empty()) return Status::Error("state: ociVersion is empty");
  if (s.id != expected_id) {
    return Status::Error("state: id is \"" + s.id + "\", expected \"" + std::string(expected_id) +
                         "\"");
  }
  if (s.status != "creating" && s.status != "created" && s.status != "running" &&
      s.status != "stopped") {
    return Status::Error("state: status \"" + s.status +
                         "\" is none of creating, created, running, stopped");
  }
  auto pid = j.find("pid");
  if (pid != j.end()) {
    if (!pid->is_number_integer()) return Status::Error("state: pid is not an integer");
    if (pid->is_number_integer() && !pid->is_number_unsigned() && pid->get<int64_t>() < 0) {
      return Status::Error("state: pid is " + pid->dump() + ", the schema's minimum is 0");
    }
    if (pid->is_number_unsigned() && pid->get<uint64_t>() > uint64_t{INT32_MAX}) {
      return Status::Error("state: pid is " + pid->dump() + ", beyond any pid (" +
                           std::to_string(INT32_MAX) + ")");
    }
    s.pid = static_cast<int>(pid->get<int64_t>());
  }
  if (auto annotations = j.find("annotations"); annotations != j.end()) {
    if (!annotations->is_object()) return Status::Error("state: annotations is not an object");
    for (const auto& [key, value] : annotations->items()) {
      if (!value.is_string()) {
        return Status::Error("state: annotation \"" + key + "\" is not a string");
      }
      s.annotations[key] = value.get<std::string>();
    }
  }
  if ((s.status == "created" || s.status == "running") && s.pid <= 0) {
    return Status::Error("state: status " + s.status + " but pid " + std::to_string(s.pid) +
                         ", expected a pid > 0");
  }
  if (s.bundle != expected_bundle) {
    return Status::Error("state: bundle is \"" + s.bundle + "\", expected \"" +
                         std::string(expected_bundle) + "\"");
  }
  return s;
}

std::vector<std::string> ParseListQuiet(std::string_view text) {
  std::vector<std::string> ids;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) ids.emplace_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return ids;
}

RuntimeVersion ParseVersion(std::string_view text) {
  RuntimeVersion v;
  v.line = std::string(text.substr(0, text.find('\n')));
  std::vector<std::string> words;
  size_t i = 0;
  while (i < v.line.size()) {
    size_t j = v.line.find_first_of(" \t", i);
    if (j == std::string::npos) j = v.line.size();
    if (j > i) words.push_back(v.line.substr(i, j - i));
    i = j + 1;
  }
  if (words.empty()) return v;
  v.name = words.front();
  v.version = words.back();
  for (size_t k = 0; k + 1 < words.size(); ++k) {
    if (words[k] == "version") {
      v.version = words[k + 1];
      break;
    }
  }
  return v;
}

RuntimeClient::RuntimeClient(std::string path, std::vector<std::string> global_args)
    : path_(std::move(path)), global_args_(std::move(global_args)) {}

std::string RuntimeClient::Basename() const {
  size_t slash = path_.rfind('/');
  return slash == std::string::npos ? path_ : path_.substr(slash + 1);
}

std::vector<std::string> RuntimeClient::Argv(
    std::initializer_list<std::string_view> subcommand) const {
  std::vector<std::string> argv{path_};
  argv.insert(argv.end(), global_args_.begin(), global_args_.end());
  for (std::string_view a : subcommand) argv.emplace_back(a);
  return argv;
}

Result<Child> RuntimeClient::SpawnCreate(const std::string& bundle, const std::string& id) const {
  return Spawn(Argv({"create", "--bundle", bundle, id}));
}

Result<Child> RuntimeClient::SpawnRun(const std::string& bundle, const std::string& id) const {
  return Spawn(Argv({"run", "--bundle", bundle, id}));
}

CommandRecord Finish(Child& child, const std::vector<std::string>& argv, const Deadline& deadline,
                     int interrupt_fd) {
  CommandRecord record;
  record.argv = argv;
  record.command = FormatCommand(argv);
  Capture* pipes[] = {&child.out, &child.err};
  WaitFor what{.process = &child.process, .pipes = pipes, .until_eof = true};
  record.end = Wait(what, deadline, interrupt_fd);
  if (record.end != WaitEnd::kDone) KillAndReap(child, Deadline::In(kKillGrace));
  if (child.process.status) record.exit = *child.process.status;
  record.out = std::move(child.out.data);
  record.err = std::move(child.err.data);
  return record;
}

CommandRecord RuntimeClient::RunToEnd(const std::vector<std::string>& argv,
                                      const Deadline& deadline, int interrupt_fd) {
  Result<Child> child = Spawn(argv);
  if (!child.ok()) {
    CommandRecord record;
    record.argv = argv;
    record.command = FormatCommand(argv);
    record.spawn_error = child.status();
    return record;
  }
  return Finish(child.value(), argv, deadline, interrupt_fd);
}

CommandRecord RuntimeClient::Start(const std::string& id, const Deadline& deadline,
                                   int interrupt_fd) const {
  return RunToEnd(Argv({"start", id}), deadline, interrupt_fd);
}

CommandRecord RuntimeClient::State(const std::string& id, const Deadline& deadline,
                                   int interrupt_fd) const {
  return RunToEnd(Argv({"state", id}), deadline, interrupt_fd);
}

CommandRecord RuntimeClient::Kill(const std::string& id, const std::string& signal,
                                  const Deadline& deadline, int interrupt_fd) const {
  return RunToEnd(Argv({"kill", id, signal}), deadline, interrupt_fd);
}

CommandRecord RuntimeClient::Delete(const std::string& id, bool force, const Deadline& deadline,
                                    int interrupt_fd) const {
  if (force) return RunToEnd(Argv({"delete", "--force", id}), deadline, interrupt_fd);
  return RunToEnd(Argv({"delete", id}), deadline, interrupt_fd);
}

CommandRecord RuntimeClient::ListQuiet(const Deadline& deadline, int interrupt_fd) const {
  return RunToEnd(Argv({"list", "--quiet"}), deadline, interrupt_fd);
}

CommandRecord RuntimeClient::Version(const Deadline& deadline) const {
  return RunToEnd({path_, "--version"}, deadline, -1);
}

}  // namespace rt::suite
