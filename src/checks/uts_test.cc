#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

TEST(Hostname, PassesWhenUnameAgrees) {
  sys::FakeSystem fake;
  fake.uts.nodename = "web-1";
  auto r = RunCheck("hostname", R"({"ociVersion":"1.0.2","hostname":"web-1"})", fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(Hostname, FailureLineNamesBothValues) {
  sys::FakeSystem fake;
  fake.uts.nodename = "runc";
  auto r = RunCheck("hostname", R"({"ociVersion":"1.0.2","hostname":"web-1"})", fake);
  EXPECT_EQ(Failures(r),
            "hostname: expected \"web-1\", found \"runc\" (config.md#hostname, MUST)\n");
}

TEST(Hostname, AbsentIsASkipNotAPass) {
  sys::FakeSystem fake;
  auto r = RunCheck("hostname", R"({"ociVersion":"1.0.2"})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Domainname, ComparesTheDomainName) {
  sys::FakeSystem fake;
  fake.uts.domainname = "(none)";
  auto r = RunCheck("domainname", R"({"ociVersion":"1.0.2","domainname":"example.org"})", fake);
  EXPECT_EQ(Failures(r),
            "domainname: expected \"example.org\", found \"(none)\" "
            "(config.md#domainname, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
