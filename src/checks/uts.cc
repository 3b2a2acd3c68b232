// config.md#hostname and #domainname: the UTS names the process sees.
#include "checks/check.h"

namespace rt::checks {
namespace {

void CheckUtsName(const std::optional<std::string>& want, bool hostname, const Context& ctx,
                  Recorder& rec) {
  const char* field = hostname ? "hostname" : "domainname";
  if (!want) {
    rec.Skip("", "", std::string(field) + " is not set in the config");
    return;
  }
  Result<sys::UtsNames> uts = ctx.sys.Uname();
  if (!uts.ok()) {
    rec.CannotObserve("", "", uts.status());
    return;
  }
  rec.Expect("", "", Quote(*want), Quote(hostname ? uts->nodename : uts->domainname));
}

void CheckHostname(const Context& ctx, Recorder& rec) {
  CheckUtsName(ctx.config.hostname, true, ctx, rec);
}

void CheckDomainname(const Context& ctx, Recorder& rec) {
  CheckUtsName(ctx.config.domainname, false, ctx, rec);
}

constexpr CheckDef kChecks[] = {
    {"hostname", "config.md#hostname", report::Level::kMust, "hostname equals uname(2) nodename",
     CheckHostname},
    {"domainname", "config.md#domainname", report::Level::kMust,
     "domainname equals uname(2) domainname", CheckDomainname},
};

}  // namespace

std::span<const CheckDef> UtsChecks() { return kChecks; }

}  // namespace rt::checks
