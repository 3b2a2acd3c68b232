#include "suite/features.h"

#include <gtest/gtest.h>

#include "util/json_test_util.h"

namespace rt::suite {
namespace {

// Trimmed from `runc features` (runc 1.1.5) on this machine.
const nlohmann::json kRunc = nlohmann::json::parse(R"({
  "ociVersionMin": "1.0.0",
  "ociVersionMax": "1.0.2-dev",
  "linux": {
    "namespaces": ["cgroup", "ipc", "mount", "network", "pid", "user", "uts"],
    "seccomp": {"enabled": true, "actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO"]},
    "apparmor": {"enabled": true},
    "selinux": {"enabled": false}
  }
})");

TEST(Features, ListedValueIsThere) {
  EXPECT_EQ(MissingFeature(&kRunc, "linux.namespaces=uts"), std::nullopt);
  EXPECT_EQ(MissingFeature(&kRunc, "linux.seccomp.actions=SCMP_ACT_ERRNO"), std::nullopt);
}

TEST(Features, UnlistedValueSaysSo) {
  EXPECT_EQ(MissingFeature(&kRunc, "linux.namespaces=time"),
            "`features`: linux.namespaces does not list \"time\"");
}

TEST(Features, BooleanMustBeTrue) {
  EXPECT_EQ(MissingFeature(&kRunc, "linux.apparmor.enabled"), std::nullopt);
  EXPECT_EQ(MissingFeature(&kRunc, "linux.selinux.enabled"),
            "`features` declares linux.selinux.enabled = false");
}

TEST(Features, AbsentPathIsLacking) {
  EXPECT_EQ(MissingFeature(&kRunc, "linux.intelRdt.enabled"),
            "`features` does not declare linux.intelRdt.enabled");
  EXPECT_NE(MissingFeature(&kRunc, "linux.namespaces.time"), std::nullopt);
}

TEST(Features, SpecVersionRequirement) {
  EXPECT_EQ(MissingFeature(&kRunc, "ociVersionMax>=1.0.0"), std::nullopt);
  EXPECT_EQ(MissingFeature(&kRunc, "ociVersionMax>=1.0.2-dev"), std::nullopt);
  EXPECT_EQ(MissingFeature(&kRunc, "ociVersionMax>=1.2.0"),
            "`features` declares ociVersionMax 1.0.2-dev: it does not recognize runtime-spec "
            "1.2.0 fields, and MUST ignore unknown ones (config.md#extensibility)");
  EXPECT_NE(MissingFeature(&kRunc, "ociVersionMax>=1.0.2"), std::nullopt);  // -dev comes first
  const nlohmann::json newer = {{"ociVersionMin", "1.0.0"}, {"ociVersionMax", "1.2.1"}};
  EXPECT_EQ(MissingFeature(&newer, "ociVersionMax>=1.2.0"), std::nullopt);
  EXPECT_NE(MissingFeature(&newer, "ociVersionMax>=1.10.0"), std::nullopt);
  const nlohmann::json none = nlohmann::json::object();
  EXPECT_EQ(MissingFeature(&none, "ociVersionMax>=1.2.0"),
            "`features` does not declare ociVersionMax");
}

TEST(Features, NoFeaturesCommandLacksNothing) {
  EXPECT_EQ(MissingFeature(nullptr, "linux.namespaces=time"), std::nullopt);
}

TEST(DeclaredSpecVersion, FeaturesFirstThenTheVersionOutput) {
  const nlohmann::json features = {{"ociVersionMax", "1.0.2-dev"}};
  EXPECT_EQ(DeclaredSpecVersion(&features, "spec: 1.0.0\n"), "1.0.2-dev");
  EXPECT_EQ(DeclaredSpecVersion(nullptr,
                                "crun version 1.8.1\ncommit: f8a0\nrundir: /run/crun\n"
                                "spec: 1.0.0\n+SYSTEMD +SELINUX\n"),
            "1.0.0");
  EXPECT_EQ(DeclaredSpecVersion(nullptr, "youki version 0.3.0\n"), std::nullopt);
  const nlohmann::json no_max = nlohmann::json::object();
  EXPECT_EQ(DeclaredSpecVersion(&no_max, "spec:  1.3.0 \r\n"), "1.3.0");
}

TEST(SpecVersionAtLeast, PreReleasesComeFirst) {
  EXPECT_TRUE(SpecVersionAtLeast("1.3.0", "1.3.0"));
  EXPECT_TRUE(SpecVersionAtLeast("1.10.0", "1.3"));
  EXPECT_FALSE(SpecVersionAtLeast("1.0.2-dev", "1.0.2"));
  EXPECT_FALSE(SpecVersionAtLeast("1.2.1", "1.3.0"));
  EXPECT_FALSE(SpecVersionAtLeast("dev", "1.0.0"));
}

// `features` output is the runtime's: every one-node change of runc's (each JSON type in each
// place, each member removed) is summarized and asked every kind of requirement the scenarios
// make, never aborted over.
TEST(Features, NoChangeOfOneNodeMakesReadingAbort) {
  size_t variants = 0;
  ForEachVariant(kRunc, [&](const std::string& text, const std::string& /*what*/) {
    ++variants;
    const nlohmann::json features = nlohmann::json::parse(text);
    {  // no exceptions: a conversion that refused would abort
      (void)SummarizeFeatures(features);
      (void)DeclaredSpecVersion(&features, "spec: 1.0.2-dev\n");
      for (const char* requirement :
           {"ociVersionMax>=1.2.0", "linux.namespaces=uts", "linux.seccomp.actions=SCMP_ACT_LOG",
            "linux.apparmor.enabled", "linux.intelRdt.enabled", "mountOptions=rro"}) {
        (void)MissingFeature(&features, requirement);
      }
    }
  });
  EXPECT_GT(variants, 250u);
}

}  // namespace
}  // namespace rt::suite
