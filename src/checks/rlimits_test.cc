#include "checks/rlimits.h"

#include <sys/resource.h>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

TEST(Rlimits, KnowsEveryLinuxType) {
  EXPECT_EQ(RlimitResource("RLIMIT_NOFILE"), RLIMIT_NOFILE);
  EXPECT_EQ(RlimitResource("RLIMIT_RTTIME"), RLIMIT_RTTIME);
  EXPECT_EQ(RlimitResource("RLIMIT_BOGUS"), std::nullopt);
  EXPECT_EQ(RlimitResource("rlimit_nofile"), std::nullopt);
}

TEST(Rlimits, SoftAndHardAreComparedApart) {
  sys::FakeSystem fake;
  fake.rlimits[RLIMIT_NOFILE] = {1024, 4096};
  fake.rlimits[RLIMIT_CORE] = {UINT64_MAX, UINT64_MAX};
  auto r = RunCheck("process.rlimits", R"({"ociVersion":"1","process":{"rlimits":[
      {"type":"RLIMIT_NOFILE","soft":1024,"hard":1024},
      {"type":"RLIMIT_CORE","soft":18446744073709551615,"hard":18446744073709551615}]}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "process.rlimits: RLIMIT_NOFILE hard: expected 1024, found 4096 "
            "(config.md#posix-process, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 3);
}

TEST(Rlimits, UnknownTypeIsAFailureLineNotACrash) {
  sys::FakeSystem fake;
  auto r = RunCheck("process.rlimits", R"({"ociVersion":"1","process":{"rlimits":[
      {"type":"RLIMIT_BOGUS","soft":1,"hard":1}]}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "process.rlimits: RLIMIT_BOGUS: expected an rlimit type this platform knows "
            "(RLIMIT_CPU ... RLIMIT_RTTIME), found \"RLIMIT_BOGUS\" (config.md#posix-process, "
            "MUST)\n");
}

}  // namespace
}  // namespace rt::checks
