#include "hooks/judge.h"

#include <optional>

#include "util/json_text.h"
#include "util/text.h"

namespace rt::hooks {
namespace {

using json = nlohmann::json;

constexpr const char* kHooksRef = "config.md#posix-platform-hooks";
constexpr const char* kLifecycleRef = "runtime.md#lifecycle";
constexpr const char* kStateRef = "runtime.md#state";

const std::vector<spec::Hook>& HooksOf(const spec::Hooks& hooks, Kind kind) {
  static const std::vector<spec::Hook> kNone;
  switch (kind) {
    case Kind::kPrestart:
      return hooks.prestart;
    case Kind::kCreateRuntime:
      return hooks.create_runtime;
    case Kind::kCreateContainer:
      return hooks.create_container;
    case Kind::kStartContainer:
      return hooks.start_container;
    case Kind::kPoststart:
      return hooks.poststart;
    case Kind::kPoststop:
      return hooks.poststop;
    case Kind::kProcess:
      break;
  }
  return kNone;
}

// A hook's argv, env or stdin may hold any bytes: DumpJson writes what is not UTF-8 as U+FFFD.
std::string List(const std::vector<std::string>& items) { return DumpJson(items); }

// The first `max` bytes of `text`, cut back to a character boundary, as a JSON string.
std::string QuotedStart(const std::string& text, size_t max) {
  return DumpJson(text.substr(0, Utf8PrefixLength(text, max)));
}

std::string Labels(const std::vector<std::string>& labels) {
  if (labels.empty()) return "none";
  std::string out;
  for (const std::string& l : labels) out += (out.empty() ? "" : ", ") + l;
  return out;
}

// Whether a record is the run of `hook`: its argv and env as the config lists them (absent lists
// are not compared).
bool IsRunOf(const Record& r, const spec::Hook& hook) {
  return (!hook.args || r.argv == *hook.args) && (!hook.env || r.env == *hook.env);
}

// The index of the first hook of the record's kind it is a run of, not yet taken.
std::optional<size_t> Identify(const Record& r, const spec::Hooks& hooks,
                               std::vector<bool>& taken) {
  const std::vector<spec::Hook>& list = HooksOf(hooks, r.kind);
  taken.resize(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    if (!taken[i] && IsRunOf(r, list[i])) {
      taken[i] = true;
      return i;
    }
  }
  return std::nullopt;
}

// Order, argv and env: the hook records against the expected runs, position by position. A
// record of the expected kind that is the run of no hook of its kind is compared with the hook
// expected there (args, env findings); any other difference is one order finding with both
// sequences.
void JudgeRuns(const std::vector<const Record*>& runs, const spec::Hooks& hooks,
               const std::vector<HookRun>& expected, std::vector<Finding>& out) {
  std::vector<std::vector<bool>> taken(static_cast<size_t>(Kind::kProcess) + 1);
  std::vector<std::string> found_labels, expected_labels;
  std::vector<Finding> field_findings;
  bool order_ok = runs.size() == expected.size();
  for (size_t p = 0; p < runs.size(); ++p) {
    const Record& r = *runs[p];
    std::optional<size_t> index = Identify(r, hooks, taken[static_cast<size_t>(r.kind)]);
    found_labels.push_back(index ? Label({r.kind, *index}) : std::string(KindName(r.kind)) + "[?]");
    if (p >= expected.size() || expected[p].kind != r.kind) {
      order_ok = false;
      continue;
    }
    if (index) {
      if (*index != expected[p].index) order_ok = false;
      continue;
    }
    const spec::Hook& want = HooksOf(hooks, r.kind).at(expected[p].index);
    const std::string subject = Label(expected[p]);
    if (want.args && r.argv != *want.args) {
      field_findings.push_back({"hooks.args", subject,
                                "expected " + List(*want.args) + ", found " + List(r.argv),
                                kHooksRef, "MUST"});
    }
    if (want.env && r.env != *want.env) {
      field_findings.push_back({"hooks.env", subject,
                                "expected " + List(*want.env) + ", found " + List(r.env), kHooksRef,
                                "MUST"});
    }
  }
  for (const HookRun& run : expected) expected_labels.push_back(Label(run));
  if (!order_ok) {
    out.push_back({"hooks.order", "",
                   "expected " + Labels(expected_labels) + ", found " + Labels(found_labels),
                   kLifecycleRef, "MUST"});
  }
  out.insert(out.end(), field_findings.begin(), field_findings.end());
}

std::string NsName(const std::string& type) { return type + " namespace"; }

// Each namespace type both sides know: `want` is what the hook's must be.
void CompareNamespaces(const std::string& subject, const NamespaceIds& got,
                       const NamespaceIds& want, const std::string& whose,
                       std::vector<Finding>& out) {
  for (const auto& [type, ino] : want) {
    auto it = got.find(type);
    if (it == got.end() || it->second == ino) continue;
    out.push_back({"hooks.namespaces", subject,
                   NsName(type) + ": expected " + whose + " (" + std::to_string(ino) + "), found " +
                       std::to_string(it->second),
                   kHooksRef, "MUST"});
  }
}

}  // namespace

std::string Label(const HookRun& run) {
  return std::string(KindName(run.kind)) + "[" + std::to_string(run.index) + "]";
}

bool FailsOnPurpose(const spec::Hook& hook) {
  return hook.args && hook.args->size() >= 3 && (*hook.args)[1] == "hook" &&
         ((*hook.args)[2] == "fail" || (*hook.args)[2] == "hang");
}

std::vector<HookRun> ExpectedRuns(const spec::Hooks& hooks, const Plan& plan) {
  std::vector<HookRun> runs;
  bool failed = false;
  // Runs the hooks of `kind` until one fails; returns whether one did.
  auto phase = [&](Kind kind, bool failure_stops) {
    const std::vector<spec::Hook>& list = HooksOf(hooks, kind);
    for (size_t i = 0; i < list.size(); ++i) {
      runs.push_back({kind, i});
      if (FailsOnPurpose(list[i]) && failure_stops) {
        failed = true;
        return;
      }
    }
  };
  for (Kind kind : {Kind::kPrestart, Kind::kCreateRuntime, Kind::kCreateContainer}) {
    if (!failed) phase(kind, true);
  }
  if (!failed && plan.started) phase(Kind::kStartContainer, true);
  if (!failed && plan.started) phase(Kind::kPoststart, plan.poststart_failure_is_error);
  if (failed || plan.deleted) phase(Kind::kPoststop, false);
  return runs;
}

std::string Finding::Line() const {
  return id + ": " + (subject.empty() ? "" : subject + ": ") + what + " (" + reference + ", " +
         level + ")";
}

std::vector<Finding> JudgeHookLog(const std::vector<Record>& log, const spec::Config& told,
                                  const Plan& plan, const HostFacts& host) {
  std::vector<Finding> out;
  const spec::Hooks hooks = told.hooks.value_or(spec::Hooks{});
  const std::vector<HookRun> expected = ExpectedRuns(hooks, plan);

  std::vector<const Record*> runs;
  const Record* process = nullptr;
  size_t process_at = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    if (log[i].kind == Kind::kProcess) {
      if (!process) process = &log[i], process_at = i;
    } else {
      runs.push_back(&log[i]);
    }
  }
  JudgeRuns(runs, hooks, expected, out);

  // The container's namespaces and root: from its own record, else as the runtime-side hooks saw
  // the process of state.pid.
  NamespaceIds container_ns;
  if (process) container_ns = process->ns;
  for (const Record& r : log) {
    if (InContainerNamespace(r.kind)) continue;
    for (const auto& [type, ino] : r.container.ns) container_ns.emplace(type, ino);
  }

  std::vector<size_t> seen(static_cast<size_t>(Kind::kProcess) + 1);
  for (size_t i = 0; i < log.size(); ++i) {
    const Record& r = log[i];
    if (r.kind == Kind::kProcess) continue;
    const std::string subject = Label({r.kind, seen[static_cast<size_t>(r.kind)]++});

    // The state on stdin.
    if (r.state) {
      for (const std::string& problem : StateProblems(r.kind, *r.state, host.state)) {
        out.push_back({"hooks.state", subject, problem, kStateRef, "MUST"});
      }
    } else if (r.state_text) {
      out.push_back({"hooks.state", subject,
                     r.state_text->empty() ? std::string("expected the state on stdin, found "
                                                         "nothing")
                                           : "expected the state as JSON on stdin, found " +
                                                 QuotedStart(*r.state_text, 64),
                     kHooksRef, "MUST"});
    }

    // Where it ran.
    if (InContainerNamespace(r.kind)) {
      CompareNamespaces(subject, r.ns, container_ns, "the container's", out);
    } else {
      CompareNamespaces(subject, r.ns, host.runtime_ns, "the runtime's", out);
    }

    // When it ran, from the container process it found.
    const ContainerView& c = r.container;
    if (r.kind == Kind::kPoststart) {
      if (c.exists == true && c.running_user_program == false) {
        out.push_back({"hooks.when", subject,
                       "expected the container process to run the user program, found it "
                       "still in the runtime's init",
                       kLifecycleRef, "MUST"});
      }
    } else if (r.kind != Kind::kPoststop) {
      if (c.running_user_program == true) {
        out.push_back({"hooks.when", subject,
                       "expected the user program not yet executed, found the container "
                       "process running it",
                       kLifecycleRef, "MUST"});
      }
      if (r.kind != Kind::kCreateContainer && c.exists == false) {
        out.push_back({"hooks.when", subject,
                       "expected the container process (pid " + std::to_string(c.pid.value_or(0)) +
                           ") to exist, found none",
                       kLifecycleRef, "MUST"});
      }
    }
    if (process && r.root && process->root) {
      if (r.kind == Kind::kCreateContainer && *r.root == *process->root) {
        out.push_back({"hooks.when", subject,
                       "expected to run before pivot_root, found the container's root as /",
                       kHooksRef, "MUST"});
      }
      if (r.kind == Kind::kStartContainer && !(*r.root == *process->root)) {
        out.push_back({"hooks.namespaces", subject,
                       "expected the container's root as /, found another directory", kHooksRef,
                       "MUST"});
      }
    }
    if (r.kind == Kind::kStartContainer && process && i > process_at) {
      out.push_back({"hooks.when", subject,
                     "expected to run before the user program, found it recorded after the "
                     "program had started",
                     kLifecycleRef, "MUST"});
    }
  }
  return out;
}

}  // namespace rt::hooks
