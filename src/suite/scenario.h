// A scenario is one entry in a table: a name, the check it exercises, a change to the default
// config (what the runtime is asked), an optional further change to the rootfs /spec.json only
// (what runtimetest is told was asked), and what must come of it. The runner walks the tables.
//
// Adding a spec area: write scenarios/config/<area>.cc defining `std::span<const Scenario>
// <Area>Scenarios()`, declare it below, and list it in AllScenarios() (scenarios.cc).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "util/status.h"

namespace rt::suite {

enum class Expect {
  kPass,            // runtimetest exits 0 with empty stderr
  kCheckFails,      // runtimetest exits 1 with a definite failure line of check_id naming `told`
  kRuntimeRejects,  // the runtime refuses the config at create/run and leaves nothing behind
};

// Where the container's cgroup goes (linux.cgroupsPath), unless `configure` sets one.
enum class CgroupsPath {
  kSuite,     // absolute "/runtimetest-<suite pid>/<id>": a sweep finds it by name
  kRelative,  // relative "<id>": below a place the runtime chooses (config-linux.md#cgroups-path)
  kUnset,     // no cgroupsPath: the runtime's default
};

struct Scenario {
  const char* name;      // unique: "<check-id>/<case>"; --filter and expected failures match it
  const char* check_id;  // the runtimetest check exercised ("hostname", "process.capabilities")
  Expect expect;
  // Negative scenarios: the value `tell` puts into /spec.json, as runtimetest prints it in the
  // expected part of its failure line (e.g. "\"web-2\"", "NoNewPrivs 1"); config.json does not
  // hold it. A negative passes only on a definite failure line of check_id that names it, which a
  // run of config.json alone cannot print.
  const char* told = nullptr;
  // Turns the default config into the one the runtime gets; null keeps the default.
  void (*configure)(nlohmann::json& config) = nullptr;
  // Applied after `configure` to the copy written to rootfs /spec.json only; null: /spec.json
  // is config.json.
  void (*tell)(nlohmann::json& spec) = nullptr;
  // Null, or says why this host cannot run the scenario (nullptr when it can): a SKIP.
  const char* (*unsupported)() = nullptr;
  // Null, or a feature the runtime must declare in its `features` output (features.h:
  // "linux.namespaces=time", "linux.seccomp.enabled"); a runtime that declares it lacks it SKIPs,
  // one without a `features` subcommand runs the scenario.
  const char* requires_feature = nullptr;
  // Descriptors 3 .. 3+N-1 (each open on /dev/null) handed to the runtime with
  // `--preserve-fds N`, for the container process.
  int preserve_fds = 0;
  // Null, or a flag of the `run`/`create` subcommand itself, e.g. "--no-pivot".
  const char* launch_flag = nullptr;
  // Non-null: runtimetest runs as an additional process (`exec --process FILE` into the created,
  // not yet started container, whose init stays blocked) instead of as the init process. This
  // turns a copy of the config's process into the one exec gets; rootfs /spec.json carries that
  // process (then `tell` applies). For settings that concern exec'd processes only, such as
  // process.execCPUAffinity. Any --mode.
  void (*exec)(nlohmann::json& process) = nullptr;
  // Null, or prepares the host just before the runtime runs (e.g. creates the network interface
  // the config moves into the container); an error says why this host cannot, and the scenario
  // SKIPs with it. `teardown` (null, or undoes `setup`) then runs after the scenario, whatever
  // came of it.
  Status (*setup)() = nullptr;
  void (*teardown)() = nullptr;
  // Also compare linux.resources and linux.cgroupsPath of /spec.json from the host
  // (suite/host_cgroups.h) between `create` and `start` (any --mode: the runner uses the
  // lifecycle). Its failure lines count as runtimetest's do; check_id is "linux.resources".
  bool host_cgroups = false;
  CgroupsPath cgroups_path = CgroupsPath::kSuite;
  // Null, or turns a copy of config.json's linux.resources into the file of
  // `update --resources FILE` (host_cgroups only), run after the host check of the created
  // container against config.json; /spec.json carries the updated resources (`tell` applies
  // after), and the host check runs again against it before `start`.
  void (*update)(nlohmann::json& resources) = nullptr;
};

// "pass", "check-fails", "runtime-rejects": as --list and the reports name it.
const char* ExpectName(Expect expect);

// The tables, one per spec area (scenarios/config/<area>.cc).
std::span<const Scenario> BaselineScenarios();
std::span<const Scenario> RootScenarios();
std::span<const Scenario> UtsScenarios();
std::span<const Scenario> ProcessScenarios();
std::span<const Scenario> UserScenarios();
std::span<const Scenario> RlimitScenarios();
std::span<const Scenario> CapabilityScenarios();
std::span<const Scenario> SysctlScenarios();
std::span<const Scenario> NamespaceScenarios();
std::span<const Scenario> IdMapScenarios();
std::span<const Scenario> TimeScenarios();
std::span<const Scenario> SeccompScenarios();
std::span<const Scenario> LsmScenarios();
std::span<const Scenario> FdControlScenarios();
std::span<const Scenario> MountScenarios();
std::span<const Scenario> DeviceScenarios();
std::span<const Scenario> PathScenarios();
std::span<const Scenario> SchedulerScenarios();
std::span<const Scenario> IoPriorityScenarios();
std::span<const Scenario> CpuAffinityScenarios();
std::span<const Scenario> PersonalityScenarios();
std::span<const Scenario> MemoryPolicyScenarios();
std::span<const Scenario> NetDeviceScenarios();
std::span<const Scenario> ResourceScenarios();
std::span<const Scenario> IntelRdtScenarios();

// Every scenario, in run order.
const std::vector<const Scenario*>& AllScenarios();

}  // namespace rt::suite
