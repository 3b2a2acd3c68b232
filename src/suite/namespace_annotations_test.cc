#include "suite/namespace_annotations.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/fake_system.h"
#include "sys/namespaces.h"

namespace rt::suite {
namespace {

sys::FakeSystem Host() {
  sys::FakeSystem host;
  host.links["/proc/self/ns/uts"] = "uts:[4026531838]";
  host.links["/proc/self/ns/ipc"] = "ipc:[4026531839]";
  host.stats["/proc/4242/ns/uts"] = sys::FileInfo{.inode = 4026532304};
  return host;
}

TEST(NamespaceAnnotations, RecordsTheSuitesNamespacesAndWhatPathsName) {
  sys::FakeSystem host = Host();
  nlohmann::json config = {{"linux",
                            {{"namespaces",
                              {{{"type", "uts"}, {"path", "/proc/4242/ns/uts"}},
                               {{"type", "ipc"}, {"path", "/nonexistent"}},
                               {{"type", "pid"}}}}}}};
  AddNamespaceAnnotations(config, host);
  EXPECT_EQ(config["annotations"], (nlohmann::json{{"org.runtimetest.host-ns.uts", "4026531838"},
                                                   {"org.runtimetest.host-ns.ipc", "4026531839"},
                                                   {"org.runtimetest.ns-path.uts", "4026532304"}}));
}

TEST(NamespaceAnnotations, RecordsTheSuitesOomScoreAdj) {
  sys::FakeSystem host = Host();
  host.files["/proc/self/oom_score_adj"] = "-17\n";
  nlohmann::json config = nlohmann::json::object();
  AddNamespaceAnnotations(config, host);
  EXPECT_EQ(config["annotations"]["org.runtimetest.runtime-oom-score-adj"], "-17");
  nlohmann::json told = {{"annotations", {{"org.runtimetest.runtime-oom-score-adj", "3"}}}};
  AddNamespaceAnnotations(told, host);
  EXPECT_EQ(told["annotations"]["org.runtimetest.runtime-oom-score-adj"], "3");
}

TEST(NamespaceAnnotations, KeepsWhatTheConfigAlreadySays) {
  sys::FakeSystem host = Host();
  nlohmann::json config = {{"annotations", {{"org.runtimetest.host-ns.uts", "1"}, {"a", "b"}}}};
  AddNamespaceAnnotations(config, host);
  EXPECT_EQ(config["annotations"]["org.runtimetest.host-ns.uts"], "1");
  EXPECT_EQ(config["annotations"]["a"], "b");
  EXPECT_EQ(config["annotations"]["org.runtimetest.host-ns.ipc"], "4026531839");
}

TEST(NamespaceAnnotations, OnThisHostMatchTheProcessesOwnNamespaces) {
  nlohmann::json config = nlohmann::json::object();
  AddNamespaceAnnotations(config, sys::Linux());
  struct stat st;
  ASSERT_EQ(stat("/proc/self/ns/net", &st), 0);
  EXPECT_EQ(config["annotations"]["org.runtimetest.host-ns.network"], std::to_string(st.st_ino));
  ASSERT_EQ(stat("/proc/self/ns/mnt", &st), 0);
  EXPECT_EQ(config["annotations"]["org.runtimetest.host-ns.mount"], std::to_string(st.st_ino));
}

}  // namespace
}  // namespace rt::suite
