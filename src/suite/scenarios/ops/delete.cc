// runtime.md#delete: only a stopped container may be deleted (delete of a running or created
// one, or of an id no container has, is an error with no effect); a deleted container is gone
// (`state` errors); the resources create made are removed (the container's cgroup dirs, found on
// the host from /proc/<pid>/cgroup of its process), and those it did not make are kept (a cgroup
// that existed before create).
//
// Delete of a *created* container: runc and crun delete it, runtime-tools' validation treats
// that as allowed, youki's contest as well. runtime.md#delete says: deleting a container that is
// not `stopped` MUST have no effect and MUST generate an error, and `created` is not `stopped`
// (runtime.md#state: the process has neither exited nor run the program). Nothing in the spec
// carves out `created`, so the scenario is judged at the level the text gives, MUST, and the
// runtimes that delete a created container are listed as expected failures with this reason.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "suite/files.h"
#include "suite/op_runner.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

void Sleeper(json& c, const OpContainer&) { SetHelperArgs(c, {"sleep"}); }
void Mark(json& c, const OpContainer&) { SetHelperArgs(c, {"mark", "/out/marker"}); }
void MarkAndHold(json& c, const OpContainer&) {
  SetHelperArgs(c, {"mark", "/out/marker", "--hold"});
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// "a, b and 9 more": a cgroup path per hierarchy makes long lists.
std::string Some(const std::vector<std::string>& dirs) {
  std::string text;
  for (size_t i = 0; i < dirs.size() && i < 2; ++i) text += (i ? ", " : "") + dirs[i];
  if (dirs.size() > 2) text += " and " + std::to_string(dirs.size() - 2) + " more";
  return text;
}

// The container's own cgroup dirs (named after its id), as /proc/<pid>/cgroup showed them after
// create, must be gone.
std::string CgroupsGone(OpRunner& run, const Step& step) {
  const OpContainer& c = run.container(step.container);
  std::vector<std::string> own;
  for (const std::string& dir : c.cgroup_dirs) {
    if (dir.find("/" + c.id) != std::string::npos) own.push_back(dir);
  }
  if (own.empty()) {
    return "cannot observe: no cgroup dir named after " + c.id + " in /proc/" +
           std::to_string(c.pid) + "/cgroup after create";
  }
  std::vector<std::string> left;
  for (const std::string& dir : own) {
    if (Exists(dir)) left.push_back(dir);
  }
  if (left.empty()) return "";
  return "delete left the cgroup dirs the runtime created: " + Some(left);
}

// Makes the container's cgroupsPath exist in every hierarchy before create (cpuset needs its
// cpus and mems before a process may join, copied from the parent as the kernel does not).
std::string MakeCgroupFirst(OpRunner& run, const Step& step) {
  const std::string path = run.CgroupsPath(step.container);
  for (const std::string& dir : run.HostCgroupDirs(path)) {
    std::string parent = dir.substr(0, dir.rfind('/'));
    for (const std::string& d : {parent, dir}) {
      if (::mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) {
        return "mkdir " + d + ": " + std::strerror(errno);
      }
      for (const char* file : {"cpuset.cpus", "cpuset.mems"}) {
        std::string from = d.substr(0, d.rfind('/')) + "/" + file, to = d + "/" + file;
        if (!Exists(to) || !Exists(from)) continue;
        Result<std::string> value = ReadFile(from);
        Result<std::string> current = ReadFile(to);
        if (value.ok() && current.ok() && current->find_first_not_of(" \n") == std::string::npos) {
          WriteFile(to, *value, 0644);
        }
      }
    }
  }
  return "";
}

// The cgroup made before create is still there after delete; then the suite removes it.
std::string CgroupKept(OpRunner& run, const Step& step) {
  std::vector<std::string> dirs = run.HostCgroupDirs(run.CgroupsPath(step.container));
  std::vector<std::string> gone;
  for (const std::string& dir : dirs) {
    if (!Exists(dir)) gone.push_back(dir);
  }
  for (const std::string& dir : dirs) ::rmdir(dir.c_str());
  if (gone.empty()) return "";
  return "delete removed cgroup dirs it did not create (they existed before create): " + Some(gone);
}

// A whole life, `first` before it and `then` after the delete: the cgroup scenarios' steps.
// The TERM is sent once the process said it handles it (a namespace's init ignores a signal it
// has no handler for: sent right after `start`, it could be lost and the wait time out).
std::vector<Step> LiveAndDelete(std::vector<Step> first, Step then) {
  std::vector<Step> steps = std::move(first);
  steps.insert(steps.end(), {{.op = Op::kCreate},
                             {.op = Op::kStart},
                             {.op = Op::kWaitFile, .file = "marker", .line = "ran"},
                             {.op = Op::kKill, .signal = "TERM"},
                             {.op = Op::kWaitExit},
                             {.op = Op::kDelete},
                             then});
  return steps;
}

const Step kGone{.op = Op::kCustom, .custom = CgroupsGone, .what = "cgroup dirs of create gone"};
const Step kKept{.op = Op::kCustom, .custom = CgroupKept, .what = "the earlier cgroup kept"};
const Step kMakeFirst{
    .op = Op::kCustom, .custom = MakeCgroupFirst, .what = "make the cgroup first"};

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/delete/stopped",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "a stopped container is deleted, and state of its id is then an error",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kDelete},
                 {.op = Op::kState, .want = Want::kError}}},
      {.name = "ops/delete/running-is-error",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete of a running container is an error; it stays running",
       .configure = Sleeper,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kState, .status = "running"},
                 {.op = Op::kDelete, .want = Want::kError},
                 {.op = Op::kState, .status = "running"}}},
      {.name = "ops/delete/created-is-error",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete of a created (not stopped) container is an error; it stays created",
       .configure = Mark,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kDelete, .want = Want::kError},
                 {.op = Op::kState, .status = "created"}}},
      {.name = "ops/delete/unknown-id",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete of an id no container has is an error",
       .steps = {{.op = Op::kDelete, .want = Want::kError}}},
      {.name = "ops/delete/empty-id",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete with an empty id (no container id given) is an error",
       .steps = {{.op = Op::kDelete, .want = Want::kError, .id_of = kNoId}}},
      {.name = "ops/delete/cgroup-removed",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete removes the cgroup dirs create made (as /proc/<pid>/cgroup named them)",
       .configure = MarkAndHold,
       .steps = LiveAndDelete({}, kGone)},
      {.name = "ops/delete/existing-cgroup-kept",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "delete keeps a cgroup that existed before create",
       .configure = MarkAndHold,
       .steps = LiveAndDelete({kMakeFirst}, kKept)},
      // The cgroup judge catches a cgroup the runtime made, told to have existed before.
      {.name = "ops/delete/told-cgroup-existed",
       .ref = "runtime.md#delete",
       .level = "MUST",
       .proves = "negative: a cgroup create made, told to be kept, fails the kept judge",
       .configure = MarkAndHold,
       .steps = LiveAndDelete({}, kKept),
       .fails_at = 6,
       .told = "delete removed cgroup dirs it did not create"},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpDeleteScenarios() { return Table(); }

}  // namespace rt::suite
