#include "suite/config_template.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "suite/files.h"
#include "suite/process.h"

namespace rt::suite {
namespace {

TEST(ConfigTemplateTest, RunsRuntimetestWithoutATerminal) {
  nlohmann::json c = DefaultConfig();
  EXPECT_EQ(c["process"]["terminal"], false);
  EXPECT_EQ(c["process"]["args"], nlohmann::json::array({kBinaryInRootfs}));
  EXPECT_EQ(c["root"]["path"], "rootfs");
  EXPECT_EQ(c["hostname"], "runc");
  // Ambient without inheritable, as runc writes it: runtimetest skips that contradiction.
  EXPECT_FALSE(c["process"]["capabilities"].contains("inheritable"));
  EXPECT_EQ(c["process"]["capabilities"]["ambient"].size(), 3u);
}

TEST(ConfigTemplateTest, EachCallIsAFreshCopy) {
  nlohmann::json a = DefaultConfig();
  a["hostname"] = "changed";
  EXPECT_EQ(DefaultConfig()["hostname"], "runc");
}

// The template is what `runc spec` writes, but for terminal and args.
TEST(ConfigTemplateTest, EqualsRuncSpec) {
  const char* runc = "/usr/sbin/runc";
  if (::access(runc, X_OK) != 0) GTEST_SKIP() << "no " << runc;
  Result<std::string> dir = MakeTempDir(TempRoot(), "runc-spec-");
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  Result<Child> child =
      Spawn({"/bin/sh", "-c", "cd \"$1\" && exec /usr/sbin/runc spec", "sh", *dir});
  ASSERT_TRUE(child.ok()) << child.status().message();
  Child& c = child.value();
  Capture* pipes[] = {&c.out, &c.err};
  Wait(WaitFor{.process = &c.process, .pipes = pipes, .until_eof = true}, Deadline::Never(), -1);
  ASSERT_TRUE(c.process.status && c.process.status->Success()) << c.err.data;
  Result<std::string> text = ReadFile(*dir + "/config.json");
  RemoveTree(*dir);
  ASSERT_TRUE(text.ok()) << text.status().message();
  nlohmann::json spec = nlohmann::json::parse(*text);
  spec["process"]["terminal"] = false;
  spec["process"]["args"] = {kBinaryInRootfs};
  EXPECT_EQ(DefaultConfig(), spec) << nlohmann::json::diff(spec, DefaultConfig()).dump(2);
}

}  // namespace
}  // namespace rt::suite
