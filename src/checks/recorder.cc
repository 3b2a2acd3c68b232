#include <string>

#include "checks/check.h"
#include "sys/mountinfo.h"
#include "util/text.h"

namespace rt::checks {

void Recorder::Add(Id id, std::string subject, report::Outcome outcome, std::string expected,
                   std::string found, std::string reason) {
  report::Assertion& a = out_.emplace_back();
  a.id = id.view().empty() ? check_id_ : id.view();
  a.subject = std::move(subject);
  a.level = level_;
  a.reference = reference_;
  a.outcome = outcome;
  a.expected = std::move(expected);
  a.found = std::move(found);
  a.reason = std::move(reason);
}

bool Recorder::Expect(Id id, std::string subject, std::string expected, std::string found) {
  if (expected == found) {
    Pass(id, std::move(subject));
    return true;
  }
  Fail(id, std::move(subject), std::move(expected), std::move(found));
  return false;
}

void Recorder::Pass(Id id, std::string subject) {
  Add(id, std::move(subject), report::Outcome::kPass, "", "", "");
}

void Recorder::Fail(Id id, std::string subject, std::string expected, std::string found) {
  Add(id, std::move(subject), report::Outcome::kFail, std::move(expected), std::move(found), "");
}

void Recorder::CannotObserve(Id id, std::string subject, const Status& status) {
  Add(id, std::move(subject), report::Outcome::kSkip, "", "",
      "cannot observe: " + status.message());
}

void Recorder::FailMandatedObservation(Id id, std::string subject, std::string must_hold,
                                       const Status& status) {
  Add(id, std::move(subject), report::Outcome::kFail, std::move(must_hold), status.message(), "");
}

void Recorder::Skip(Id id, std::string subject, std::string reason) {
  Add(id, std::move(subject), report::Outcome::kSkip, "", "", std::move(reason));
}

bool ConfigMountsProc(const spec::Config& config) {
  for (const spec::Mount& m : config.mounts) {
    if (m.type && *m.type == "proc" && sys::CleanPath(m.destination) == "/proc") return true;
  }
  return false;
}

std::string Quote(std::string_view s) { return QuoteC(s, /*escape_del=*/true); }

}  // namespace rt::checks
