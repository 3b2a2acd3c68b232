// config.md#hostname and #domainname; the default config has a uts namespace.
#include "suite/scenario.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

const Scenario kScenarios[] = {
    {.name = "hostname/set",
     .check_id = "hostname",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["hostname"] = "web-1"; }},
    {.name = "hostname/longest",
     .check_id = "hostname",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["hostname"] = std::string(64, 'h'); }},
    {.name = "hostname/mismatch",
     .check_id = "hostname",
     .expect = Expect::kCheckFails,
     .told = "\"web-2\"",
     .configure = [](json& c) { c["hostname"] = "web-1"; },
     .tell = [](json& c) { c["hostname"] = "web-2"; }},
    {.name = "domainname/set",
     .check_id = "domainname",
     .expect = Expect::kPass,
     .configure = [](json& c) { c["domainname"] = "example.org"; }},
    {.name = "domainname/mismatch",
     .check_id = "domainname",
     .expect = Expect::kCheckFails,
     .told = "\"example.net\"",
     .configure = [](json& c) { c["domainname"] = "example.org"; },
     .tell = [](json& c) { c["domainname"] = "example.net"; }},
};

}  // namespace

std::span<const Scenario> UtsScenarios() { return kScenarios; }

}  // namespace rt::suite
