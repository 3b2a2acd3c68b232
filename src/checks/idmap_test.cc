#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kConfig = R"({"ociVersion":"1.0.2","linux":{
    "namespaces":[{"type":"user"}],
    "uidMappings":[{"containerID":65536,"hostID":1000,"size":1},
                   {"containerID":0,"hostID":100000,"size":65536}],
    "gidMappings":[{"containerID":0,"hostID":100000,"size":65536}]}})";

TEST(IdMappings, MapsAsConfiguredPassInAnyOrder) {
  sys::FakeSystem fake;
  fake.files["/proc/self/uid_map"] =
      "         0     100000      65536\n     65536       1000          1\n";
  fake.files["/proc/self/gid_map"] = "         0     100000      65536\n";
  auto r = RunCheck("linux.uidMappings", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
  r = RunCheck("linux.gidMappings", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(IdMappings, IdentityMapOfTheHostFails) {
  sys::FakeSystem fake;
  fake.files["/proc/self/uid_map"] = "         0          0 4294967295\n";
  auto r = RunCheck("linux.uidMappings", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "linux.uidMappings: /proc/self/uid_map: expected 0 100000 65536, 65536 1000 1, found "
            "0 0 4294967295 (config-linux.md#user-namespace-mappings, MUST)\n");
}

TEST(IdMappings, AnotherHostIdFails) {
  sys::FakeSystem fake;
  fake.files["/proc/self/gid_map"] = "         0     200000      65536\n";
  auto r = RunCheck("linux.gidMappings", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "linux.gidMappings: /proc/self/gid_map: expected 0 100000 65536, found 0 200000 65536 "
            "(config-linux.md#user-namespace-mappings, MUST)\n");
}

TEST(IdMappings, UnsetAndUnreadableAreSkips) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.uidMappings", R"({"ociVersion":"1.0.2"})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
  r = RunCheck("linux.uidMappings", kConfig, fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_NE(r[0].reason.find("cannot observe: open /proc/self/uid_map"), std::string::npos);
}

TEST(IdMappings, UidMappingsAliasSelectsTheCheck) {
  auto r = SelectChecks({"uid_mappings"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0]->id, "linux.uidMappings");
}

}  // namespace
}  // namespace rt::checks
