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

TEST(ProcessUser, AMillionGidsReportInOneShortLine) {
  std::string gids;
  for (int i = 1; i <= 1000000; ++i) gids += (i > 1 ? "," : "") + std::to_string(i);
  const std::string config = R"({"ociVersion":"1","process":{"user":{"uid":0,"gid":0,)"
                             R"("additionalGids":[)" + gids + "]}}}";
  sys::FakeSystem fake;
  fake.ids = {0, 0, 0, 0, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 5000000}};
  std::string failures = Failures(RunCheck("process.user", config, fake));
  EXPECT_LT(failures.size(), 400u) << failures;
  EXPECT_NE(failures.find("missing 999,990 of 1,000,000"), std::string::npos) << failures;
  EXPECT_NE(failures.find("1 unexpected: 5000000"), std::string::npos) << failures;
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
