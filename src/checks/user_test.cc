#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr char kUser[] =
    R"({"ociVersion":"1","process":{"user":{"uid":1000,"gid":1000,"additionalGids":[5,10,5],"umask":18}}})";

TEST(ProcessUser, AllFieldsAgree) {
  sys::FakeSystem fake;
  fake.ids = {1000, 1000, 1000, 1000, {10, 5}};
  fake.files["/proc/self/status"] = "Umask:\t0022\n";
  auto r = RunCheck("process.user", kUser, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 6);
}

TEST(ProcessUser, EachFieldFailsOnItsOwnLine) {
  sys::FakeSystem fake;
  fake.ids = {0, 0, 1000, 1000, {5}};
  fake.files["/proc/self/status"] = "Umask:\t0077\n";
  EXPECT_EQ(Failures(RunCheck("process.user", kUser, fake)),
            "process.user.uid: real: expected 1000, found 0 (config.md#user, MUST)\n"
            "process.user.uid: effective: expected 1000, found 0 (config.md#user, MUST)\n"
            "process.user.additionalGids: expected {5, 10}, found {5} (config.md#user, MUST)\n"
            "process.user.umask: expected 0022, found 0077 (config.md#user, MUST)\n");
}

TEST(ProcessUser, UmaskProbeAnswersWithoutAStatusField) {
  sys::FakeSystem fake;
  fake.ids = {1000, 1000, 1000, 1000, {5, 10}};
  fake.files["/proc/self/status"] = "Name:\truntimetest\n";  // before Linux 4.7
  fake.umask = mode_t{0077};
  EXPECT_EQ(Failures(RunCheck("process.user", kUser, fake)),
            "process.user.umask: expected 0022, found 0077 (config.md#user, MUST)\n");
  fake.umask = mode_t{0022};
  EXPECT_EQ(Failures(RunCheck("process.user", kUser, fake)), "");
  fake.umask = Status::Errno("umask", ENOSYS);
  auto r = RunCheck("process.user", kUser, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "process.user.umask: cannot observe: /proc/self/status has no Umask field; umask: "
            "Function not implemented\n");
}

TEST(ProcessUser, UnsetOptionalFieldsAreSkips) {
  sys::FakeSystem fake;
  auto r =
      RunCheck("process.user", R"({"ociVersion":"1","process":{"user":{"uid":0,"gid":0}}})", fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);
}

}  // namespace
}  // namespace rt::checks
