// runtimetest: inside a container, validates it against its config (the default face);
// on the host, `runtimetest suite` drives OCI runtimes through scenarios; `runtimetest hook`
// is the program a hook runs; `runtimetest coverage` prints the spec coverage map; `runtimetest
// report merge` combines the JSON reports of several suite runs.

#include <string>
#include <vector>

#include "cli.h"
#include "coverage/statements.h"
#include "helper/helper.h"
#include "hooks/hook_main.h"
#include "suite/report_merge.h"
#include "suite/suite_main.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "suite") return rt::suite::SuiteMain(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "helper")
    return rt::helper::HelperMain(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "coverage")
    return rt::coverage::CoverageMain(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "report")
    return rt::suite::ReportMain(std::vector<std::string>(argv + 2, argv + argc));
  if (argc > 1 && std::string(argv[1]) == "hook")
    return rt::hooks::HookMain(std::vector<std::string>(argv, argv + argc));
  return rt::ValidateMain(std::vector<std::string>(argv + 1, argv + argc));
}
