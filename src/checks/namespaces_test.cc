#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

// A process in new pid, net, ipc, uts and mnt namespaces; user, cgroup and time the runtime's.
sys::FakeSystem ContainerFake() {
  sys::FakeSystem fake;
  fake.dirs["/proc/self/ns"] = {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"};
  fake.links["/proc/self/ns/pid"] = "pid:[4026532300]";
  fake.links["/proc/self/ns/net"] = "net:[4026532301]";
  fake.links["/proc/self/ns/mnt"] = "mnt:[4026532302]";
  fake.links["/proc/self/ns/ipc"] = "ipc:[4026532303]";
  fake.links["/proc/self/ns/uts"] = "uts:[4026532304]";
  fake.links["/proc/self/ns/user"] = "user:[4026531837]";
  fake.links["/proc/self/ns/cgroup"] = "cgroup:[4026531835]";
  fake.links["/proc/self/ns/time"] = "time:[4026531834]";
  return fake;
}

// The runtime's namespaces (captured on this machine), as the suite writes them.
constexpr const char* kHostAnnotations = R"(
    "org.runtimetest.host-ns.pid": "4026531836",
    "org.runtimetest.host-ns.network": "4026531833",
    "org.runtimetest.host-ns.mount": "4026531832",
    "org.runtimetest.host-ns.ipc": "4026531839",
    "org.runtimetest.host-ns.uts": "4026531838",
    "org.runtimetest.host-ns.user": "4026531837",
    "org.runtimetest.host-ns.cgroup": "4026531835",
    "org.runtimetest.host-ns.time": "4026531834")";

std::string Config(const std::string& namespaces, const std::string& annotations) {
  return R"({"ociVersion":"1.0.2","annotations":{)" + annotations + R"(},"linux":{"namespaces":[)" +
         namespaces + "]}}";
}

constexpr const char* kDefaultNamespaces =
    R"({"type":"pid"},{"type":"network"},{"type":"ipc"},{"type":"uts"},{"type":"mount"})";

TEST(Namespaces, NewAndSharedAsAskedPass) {
  sys::FakeSystem fake = ContainerFake();
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, kHostAnnotations), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 8);
}

TEST(Namespaces, ListedButSharedFails) {
  sys::FakeSystem fake = ContainerFake();
  fake.links["/proc/self/ns/ipc"] = "ipc:[4026531839]";
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, kHostAnnotations), fake);
  EXPECT_EQ(Failures(r),
            "linux.namespaces: ipc: expected a new namespace, not the runtime's ipc:[4026531839], "
            "found ipc:[4026531839], the runtime's (config-linux.md#namespaces, MUST)\n");
}

TEST(Namespaces, NotListedButNewFails) {
  sys::FakeSystem fake = ContainerFake();
  fake.links["/proc/self/ns/cgroup"] = "cgroup:[4026532400]";
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, kHostAnnotations), fake);
  EXPECT_EQ(Failures(r),
            "linux.namespaces: cgroup: expected the runtime's cgroup:[4026531835] (cgroup is not "
            "in linux.namespaces), found cgroup:[4026532400] (config-linux.md#namespaces, MUST)\n");
}

TEST(Namespaces, WithoutTheRuntimesNamespacesEverythingIsASkip) {
  sys::FakeSystem fake = ContainerFake();
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, ""), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 0);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 8);
  EXPECT_NE(r[0].reason.find("org.runtimetest.host-ns.pid"), std::string::npos) << r[0].reason;
}

TEST(Namespaces, PathIsComparedWithTheNamespaceItNames) {
  sys::FakeSystem fake = ContainerFake();
  const std::string ns = R"({"type":"uts","path":"/proc/4242/ns/uts"})";
  const std::string annotations =
      std::string(kHostAnnotations) + R"(, "org.runtimetest.ns-path.uts": "4026532304")";
  auto r = RunCheck("linux.namespaces", Config(ns, annotations), fake);
  EXPECT_EQ(Count(r, report::Outcome::kFail), 4);  // pid, net, ipc, mnt are new but not listed
  EXPECT_EQ(Failures(r).find("uts"), std::string::npos) << Failures(r);

  const std::string other =
      std::string(kHostAnnotations) + R"(, "org.runtimetest.ns-path.uts": "4026532999")";
  r = RunCheck("linux.namespaces", Config(ns, other), fake);
  EXPECT_NE(Failures(r).find("linux.namespaces: uts: expected uts:[4026532999] (the namespace at "
                             "\"/proc/4242/ns/uts\"), found uts:[4026532304]"),
            std::string::npos)
      << Failures(r);
}

TEST(Namespaces, PathWithoutItsAnnotationIsASkip) {
  sys::FakeSystem fake = ContainerFake();
  auto r = RunCheck("linux.namespaces",
                    Config(R"({"type":"uts","path":"/var/run/netns/x"})", kHostAnnotations), fake);
  bool skipped = false;
  for (const auto& a : r) {
    if (a.subject == "uts") {
      skipped = a.outcome == report::Outcome::kSkip &&
                a.reason.find("org.runtimetest.ns-path.uts") != std::string::npos;
    }
  }
  EXPECT_TRUE(skipped);
}

TEST(Namespaces, UnknownAndDuplicateTypesFail) {
  sys::FakeSystem fake = ContainerFake();
  auto r = RunCheck("linux.namespaces",
                    Config(std::string(kDefaultNamespaces) + R"(,{"type":"uts"},{"type":"bogus"})",
                           kHostAnnotations),
                    fake);
  EXPECT_EQ(
      Failures(r),
      "linux.namespaces: uts: expected one entry per type (the runtime MUST generate an error "
      "for duplicates, yet the container runs), found several entries "
      "(config-linux.md#namespaces, MUST)\n"
      "linux.namespaces: bogus: expected a namespace type runtime-spec defines (pid, network, "
      "mount, ipc, uts, user, cgroup, time), found \"bogus\" (config-linux.md#namespaces, "
      "MUST)\n");
}

TEST(Namespaces, AMissingNsLinkCannotBeObservedEvenWhenListed) {
  // No /proc/self/ns/time says nothing about the kernel: an old one, or a proc that hides it.
  sys::FakeSystem fake = ContainerFake();
  fake.links.erase("/proc/self/ns/time");
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, kHostAnnotations), fake);
  EXPECT_EQ(Failures(r), "");
  r = RunCheck("linux.namespaces",
               Config(std::string(kDefaultNamespaces) + R"(,{"type":"time"})", kHostAnnotations),
               fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_NE(SkipReasons(r).find("linux.namespaces time: cannot observe: readlink "
                                "/proc/self/ns/time: No such file or directory\n"),
            std::string::npos)
      << SkipReasons(r);
}

TEST(Namespaces, NoProcIsASkipNotAFailure) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.namespaces", Config(kDefaultNamespaces, kHostAnnotations), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Namespaces, MalformedAnnotationIsASkip) {
  sys::FakeSystem fake = ContainerFake();
  auto r =
      RunCheck("linux.namespaces",
               Config(R"({"type":"uts"})", R"("org.runtimetest.host-ns.uts": "uts:[1]")"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 8);
}

}  // namespace
}  // namespace rt::checks
