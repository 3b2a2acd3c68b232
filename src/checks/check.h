// A check is one entry in the table the runner walks: an id, the spec section it verifies, its
// RFC 2119 level, and the function that compares what the config asks with what the kernel shows.
// Check functions only record assertions; reporters format them.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/result.h"
#include "spec/spec.h"
#include "sys/system.h"

namespace rt::checks {

struct MountContext;  // mounts_context.h

// One invocation's config and system. The Context lives as long as the checks run, so what the
// checks derive from both is kept here and shared: the mount checks' MountContext (destinations
// resolved, mountinfo entries matched), made by the first of them that needs it.
struct Context {
  const spec::Config& config;
  sys::System& sys;
  mutable std::shared_ptr<const Result<MountContext>> mount_context = nullptr;
};

// Collects the assertions of one check. Ids default to the check's id; a check with several
// assertions may give each its own id below it (e.g. "process.capabilities.bounding").
// Ids and references are kept as views (report::Assertion), so they must outlive the run: an Id
// is made at compile time from a literal or constant (its constructor is consteval), or from a
// check table's entry with Id::OfTable; text built at run time does not compile.
class Id {
 public:
  consteval Id(const char* text) : text_(text) {}       // NOLINT(google-explicit-constructor)
  consteval Id(std::string_view text) : text_(text) {}  // NOLINT(google-explicit-constructor)
  // An entry of a static table (check ids, capability sets): text with static storage.
  static Id OfTable(std::string_view text) { return Id(text, 0); }
  std::string_view view() const { return text_; }

 private:
  Id(std::string_view text, int /*unused*/) : text_(text) {}
  std::string_view text_;
};

class Recorder {
 public:
  Recorder(std::string_view check_id, std::string_view reference, report::Level level,
           std::vector<report::Assertion>& out)
      : check_id_(check_id), reference_(reference), level_(level), out_(out) {}

  // Pass when expected == found, else a failure showing both.
  bool Expect(Id id, std::string subject, std::string expected, std::string found);
  void Pass(Id id, std::string subject);
  void Fail(Id id, std::string subject, std::string expected, std::string found);
  // The measurement rule (README): no witness could answer, so nothing is known. A SKIP with
  // the reason "cannot observe: <what was tried, with errno text>", never a failure.
  void CannotObserve(Id id, std::string subject, const Status& status);
  // The few measurements the spec itself makes mandatory (e.g. the config mounts proc at /proc,
  // so /proc/self/... must exist): a failure "expected <must_hold>, found <error>". Every call is
  // on the allowlist in measurement_rule_test.cc and in README's "The measurement rule".
  void FailMandatedObservation(Id id, std::string subject, std::string must_hold,
                               const Status& status);
  void Skip(Id id, std::string subject, std::string reason);

  // Assertions recorded after this call carry another level / reference (e.g. a SHOULD inside a
  // MUST check); the returned object restores the previous one when it goes out of scope.
  class Scoped {
   public:
    Scoped(Recorder& r, report::Level level, std::string_view reference)
        : r_(r), level_(r.level_), reference_(r.reference_) {
      r.level_ = level;
      r.reference_ = reference;
    }
    ~Scoped() {
      r_.level_ = level_;
      r_.reference_ = reference_;
    }
    Scoped(const Scoped&) = delete;
    Scoped& operator=(const Scoped&) = delete;

   private:
    Recorder& r_;
    report::Level level_;
    std::string_view reference_;
  };

  std::string_view check_id() const { return check_id_; }

 private:
  void Add(Id id, std::string subject, report::Outcome outcome, std::string expected,
           std::string found, std::string reason);

  std::string_view check_id_;
  std::string_view reference_;
  report::Level level_;
  std::vector<report::Assertion>& out_;
};

using CheckFn = void (*)(const Context&, Recorder&);

struct CheckDef {
  std::string_view id;         // "process.user"
  std::string_view reference;  // anchor in the runtime-spec text: "config.md#user"
  report::Level level;
  std::string_view summary;  // what is compared, one line (for --list and the README)
  CheckFn run;
};

// Every spec-area file exposes its entries through one function declared here; registry.cc
// concatenates them in this order.
std::span<const CheckDef> RootChecks();
std::span<const CheckDef> UtsChecks();
std::span<const CheckDef> ProcessChecks();
std::span<const CheckDef> UserChecks();
std::span<const CheckDef> RlimitChecks();
std::span<const CheckDef> CapabilityChecks();
std::span<const CheckDef> SysctlChecks();
std::span<const CheckDef> NamespaceChecks();
std::span<const CheckDef> IdMapChecks();
std::span<const CheckDef> TimeOffsetChecks();
std::span<const CheckDef> SeccompChecks();
std::span<const CheckDef> LsmChecks();
std::span<const CheckDef> FdControlChecks();
std::span<const CheckDef> SchedulerChecks();
std::span<const CheckDef> IoPriorityChecks();
std::span<const CheckDef> CpuAffinityChecks();
std::span<const CheckDef> PersonalityChecks();
std::span<const CheckDef> MemoryPolicyChecks();
std::span<const CheckDef> NetDeviceChecks();
std::span<const CheckDef> ResourceChecks();
std::span<const CheckDef> IntelRdtChecks();
std::span<const CheckDef> MountChecks();
std::span<const CheckDef> PropagationChecks();
std::span<const CheckDef> DeviceChecks();
std::span<const CheckDef> PathChecks();

// The whole table, in run order.
const std::vector<CheckDef>& AllChecks();

// Whether the config mounts proc at /proc. Then the /proc/self files every kernel has must be
// there, and their absence (ENOENT) is a finding rather than a blind spot (README, "The
// measurement rule"); see Recorder::FailMandatedObservation.
bool ConfigMountsProc(const spec::Config& config);

// Quotes a string for a failure line: "web-1" with \" and \\ and control bytes (DEL too)
// escaped; rt::QuoteC with escape_del.
std::string Quote(std::string_view s);

}  // namespace rt::checks
