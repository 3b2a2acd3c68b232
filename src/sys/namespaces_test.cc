#include "sys/namespaces.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>

namespace rt::sys {
namespace {

TEST(NamespaceLink, ParsesTheInodeTheKernelShows) {
  EXPECT_EQ(*ParseNamespaceLink("uts:[4026531838]", "uts"), 4026531838u);
  EXPECT_EQ(*ParseNamespaceLink("net:[4026531833]", "net"), 4026531833u);
}

TEST(NamespaceLink, RejectsAnotherTypeOrAMalformedLink) {
  EXPECT_FALSE(ParseNamespaceLink("ipc:[4026531839]", "uts").ok());
  EXPECT_FALSE(ParseNamespaceLink("uts:4026531838", "uts").ok());
  EXPECT_FALSE(ParseNamespaceLink("uts:[]", "uts").ok());
  EXPECT_FALSE(ParseNamespaceLink("uts:[-1]", "uts").ok());
  EXPECT_FALSE(ParseNamespaceLink("uts:[12x]", "uts").ok());
  EXPECT_FALSE(ParseNamespaceLink("", "uts").ok());
}

TEST(NamespaceLink, FormatIsTheInverseOfParse) {
  EXPECT_EQ(FormatNamespace("mnt", 4026531832u), "mnt:[4026531832]");
  EXPECT_EQ(*ParseNamespaceLink(FormatNamespace("time", 7), "time"), 7u);
}

TEST(NamespaceTypes, MapSpecNamesToProcNames) {
  EXPECT_EQ(NamespaceTypes().size(), 8u);
  EXPECT_EQ(ProcNamespaceName("network"), "net");
  EXPECT_EQ(ProcNamespaceName("mount"), "mnt");
  EXPECT_EQ(ProcNamespaceName("time"), "time");
  EXPECT_EQ(ProcNamespaceName("net"), std::nullopt);
}

TEST(NamespaceTypes, EveryProcNameExistsOnThisKernel) {
  for (const NamespaceType& t : NamespaceTypes()) {
    char buf[PATH_MAX];
    std::string path = "/proc/self/ns/" + std::string(t.proc_name);
    ssize_t n = readlink(path.c_str(), buf, sizeof buf);
    if (n < 0) continue;  // an older kernel without this type (time: before 5.6)
    EXPECT_TRUE(ParseNamespaceLink(std::string_view(buf, static_cast<size_t>(n)), t.proc_name).ok())
        << path;
  }
}

}  // namespace
}  // namespace rt::sys
