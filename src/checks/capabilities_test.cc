#include "checks/capabilities.h"

#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

uint64_t Mask(std::initializer_list<int> caps) {
  uint64_t m = 0;
  for (int c : caps) m |= uint64_t{1} << c;
  return m;
}

constexpr int kKill = 5, kNetBind = 10, kAuditWrite = 29, kSysAdmin = 21;

std::vector<report::Assertion> Judge(const std::string& caps_json, bool uid0,
                                     const CapabilitySets& found) {
  Result<spec::Config> config =
      spec::ParseConfig(R"({"ociVersion":"1","process":{"capabilities":)" + caps_json + "}}");
  EXPECT_TRUE(config.ok()) << config.status().message();
  std::vector<report::Assertion> out;
  Recorder rec("process.capabilities", "config.md#linux-process", report::Level::kMust, out);
  JudgeCapabilities(*config->process->capabilities, uid0, 40, found, rec);
  return out;
}

TEST(CapabilityNames, RoundTrip) {
  EXPECT_EQ(CapabilityNumber("CAP_KILL"), 5);
  EXPECT_EQ(CapabilityNumber("CAP_CHECKPOINT_RESTORE"), 40);
  EXPECT_EQ(CapabilityNumber("CAP_NOPE"), std::nullopt);
  EXPECT_EQ(CapabilityName(21), "CAP_SYS_ADMIN");
  EXPECT_EQ(CapabilityName(55), "CAP_55");
}

// `runc spec` lists ambient capabilities but no inheritable set: the kernel cannot raise them, so
// they are SKIPs naming the contradiction, and what runc really delivers passes clean.
TEST(Capabilities, RuncDefaultConfigPassesWithAmbientContradictionSkipped) {
  const std::string caps = R"({
    "bounding":["CAP_AUDIT_WRITE","CAP_KILL","CAP_NET_BIND_SERVICE"],
    "effective":["CAP_AUDIT_WRITE","CAP_KILL","CAP_NET_BIND_SERVICE"],
    "permitted":["CAP_AUDIT_WRITE","CAP_KILL","CAP_NET_BIND_SERVICE"],
    "ambient":["CAP_AUDIT_WRITE","CAP_KILL","CAP_NET_BIND_SERVICE"]})";
  CapabilitySets found;
  found.bounding = found.effective = found.permitted = Mask({kKill, kNetBind, kAuditWrite});
  auto r = Judge(caps, true, found);
  EXPECT_EQ(Failures(r), "");
  int ambient_skips = 0;
  for (const auto& a : r) {
    if (a.outcome == report::Outcome::kSkip && a.id == "process.capabilities.ambient") {
      ++ambient_skips;
      EXPECT_NE(a.reason.find("inheritable"), std::string::npos);
    }
  }
  EXPECT_EQ(ambient_skips, 3);
}

TEST(Capabilities, ExtraAndMissingCapabilitiesFailOneLineEach) {
  const std::string caps = R"({"bounding":["CAP_KILL"],"effective":["CAP_KILL"],
                              "permitted":["CAP_KILL"]})";
  CapabilitySets found;
  found.bounding = Mask({kSysAdmin});
  found.effective = found.permitted = Mask({kKill});
  EXPECT_EQ(Failures(Judge(caps, true, found)),
            "process.capabilities.bounding: CAP_KILL: expected set, found unset "
            "(config.md#linux-process, MUST)\n"
            "process.capabilities.bounding: CAP_SYS_ADMIN: expected unset, found set "
            "(config.md#linux-process, MUST)\n");
}

TEST(Capabilities, NonRootKeepsOnlyAmbientAcrossExecve) {
  // Effective without ambient cannot survive execve as uid 1000: a SKIP, not a failure.
  const std::string caps = R"({"bounding":["CAP_KILL"],"effective":["CAP_KILL"],
                              "permitted":["CAP_KILL"]})";
  CapabilitySets found;
  found.bounding = Mask({kKill});
  auto r = Judge(caps, false, found);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);
}

TEST(Capabilities, NonRootWithAmbientKeepsThem) {
  const std::string caps = R"({"bounding":["CAP_KILL"],"effective":["CAP_KILL"],
      "permitted":["CAP_KILL"],"inheritable":["CAP_KILL"],"ambient":["CAP_KILL"]})";
  CapabilitySets found;
  found.bounding = found.effective = found.permitted = found.inheritable = found.ambient =
      Mask({kKill});
  auto r = Judge(caps, false, found);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 0);
  found.ambient = 0;
  EXPECT_EQ(Failures(Judge(caps, false, found)),
            "process.capabilities.ambient: CAP_KILL: expected set, found unset "
            "(config.md#linux-process, MUST)\n");
}

TEST(Capabilities, UnknownNameIsASkip) {
  CapabilitySets found;
  auto r = Judge(R"({"bounding":["CAP_NOT_A_THING"]})", true, found);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(r.front().outcome, report::Outcome::kSkip);
  EXPECT_EQ(r.front().subject, "CAP_NOT_A_THING");
}

TEST(Capabilities, ReadsProcSelfStatus) {
  sys::FakeSystem fake;
  fake.files["/proc/sys/kernel/cap_last_cap"] = "40\n";
  fake.files["/proc/self/status"] =
      "CapInh:\t0000000000000000\nCapPrm:\t0000000000000020\nCapEff:\t0000000000000020\n"
      "CapBnd:\t0000000000000020\nCapAmb:\t0000000000000000\n";
  auto r = RunCheck("process.capabilities", R"({"ociVersion":"1","process":{"capabilities":{
      "bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]}}})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 5);
}

TEST(Capabilities, BoundingSetProbeAnswersWithoutCapLastCap) {
  sys::FakeSystem fake;  // no /proc/sys/kernel/cap_last_cap
  fake.last_cap = 40;
  fake.files["/proc/self/status"] =
      "CapInh:\t0000000000000000\nCapPrm:\t0000000000000020\nCapEff:\t0000000000000020\n"
      "CapBnd:\t0000010000000020\nCapAmb:\t0000000000000000\n";
  const char* cfg = R"({"ociVersion":"1","process":{"capabilities":{
      "bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]}}})";
  EXPECT_EQ(Failures(RunCheck("process.capabilities", cfg, fake)),
            "process.capabilities.bounding: CAP_CHECKPOINT_RESTORE: expected unset, found set "
            "(config.md#linux-process, MUST)\n");
  fake.capbset_errno = EPERM;
  auto r = RunCheck("process.capabilities", cfg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "process.capabilities cap_last_cap: cannot observe: open "
            "/proc/sys/kernel/cap_last_cap: No such file or directory; prctl(PR_CAPBSET_READ, 0): "
            "Operation not permitted\n");
}

}  // namespace
}  // namespace rt::checks
