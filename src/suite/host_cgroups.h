// config-linux.md#control-groups from the host: the suite compares linux.resources and
// linux.cgroupsPath of a created (not yet started) container with the files of the cgroups its
// process is in (/proc/<pid>/cgroup, the host's hierarchies), through the comparison the
// in-container check uses (checks/cgroup_resources.h). Its failure lines have runtimetest's
// format, so the judge reads them as it reads runtimetest's stderr.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "report/result.h"
#include "spec/spec.h"
#include "sys/cgroup.h"
#include "sys/system.h"

namespace rt::suite {

// The assertions of the host check ("linux.resources.<field>", "linux.resources.cgroupsPath")
// for the container process `pid`, against `told` (the config as /spec.json has it). A config
// that blinds linux.resources (annotation org.runtimetest.blind) turns its failures into SKIPs.
std::vector<report::Assertion> CheckCgroupsFromHost(const spec::Config& told, pid_t pid,
                                                    const std::vector<sys::CgroupMount>& mounts,
                                                    sys::System& sys);

// The failure lines (runtimetest's stderr format) of the MUST failures among `assertions`,
// each ending in '\n'; "" when none.
std::string HostFailureLines(const std::vector<report::Assertion>& assertions);

}  // namespace rt::suite
