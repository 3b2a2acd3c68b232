// `runtimetest report merge`: the JSON reports of several calls or machines (each one run, or the
// several runs of a call that drove several runtimes) as one set of report files, e.g. the
// matrix whose columns are runtime × host.
#pragma once

#include <string>
#include <vector>

namespace rt::suite {

// The arguments after "report". Returns the exit status: 0 written, 2 cannot (usage, a report
// that cannot be read, a file that cannot be written).
int ReportMain(const std::vector<std::string>& args);

std::string ReportUsage();

}  // namespace rt::suite
