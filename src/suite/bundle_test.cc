#include "suite/bundle.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suite/config_template.h"
#include "suite/files.h"

namespace rt::suite {
namespace {

class TempDir {
 public:
  TempDir() : path_(*MakeTempDir(TempRoot(), "bundle-test-")) {}
  ~TempDir() { RemoveTree(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(RootfsDirectoriesTest, MountPointsCwdAndBin) {
  nlohmann::json config = DefaultConfig();
  config["process"]["cwd"] = "/work/dir/";
  config["mounts"].push_back({{"destination", "relative/ignored"}});
  config["mounts"].push_back({{"destination", "/proc"}});  // twice: listed once
  EXPECT_EQ(RootfsDirectories(config),
            (std::vector<std::string>{"proc", "dev", "dev/pts", "dev/shm", "dev/mqueue", "sys",
                                      "sys/fs/cgroup", "work/dir", "bin"}));
  EXPECT_EQ(RootfsDirectories(nlohmann::json::object()), (std::vector<std::string>{"bin"}));
}

TEST(BundleTest, BuildsEverythingTheRuntimeAndRuntimetestNeed) {
  TempDir tmp;
  ASSERT_EQ(WriteFile(tmp.path() + "/exe", "#!/bin/true\n", 0755).message(), "ok");
  Result<BinaryStore> binary = BinaryStore::Prepare(tmp.path() + "/exe", tmp.path());
  ASSERT_TRUE(binary.ok()) << binary.status().message();
  EXPECT_FALSE(binary->copied());  // same filesystem, world-executable: a hard link

  nlohmann::json config = DefaultConfig();
  config["process"]["cwd"] = "/work";
  nlohmann::json spec = config;
  spec["hostname"] = "told";
  std::string dir = tmp.path() + "/b1";
  Result<Bundle> bundle = BuildBundle(dir, config, spec, *binary);
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ(bundle->dir, dir);
  EXPECT_EQ(bundle->rootfs, dir + "/rootfs");

  for (const char* d : {"/proc", "/dev/pts", "/sys/fs/cgroup", "/work", "/bin"}) {
    EXPECT_EQ(ModeOf(bundle->rootfs + d), 0755u) << d;
  }
  EXPECT_EQ(ModeOf(bundle->rootfs + "/bin/runtimetest"), 0755u);
  EXPECT_EQ(ModeOf(bundle->rootfs + "/spec.json"), 0644u);
  EXPECT_EQ(*ReadFile(bundle->rootfs + "/bin/runtimetest"), "#!/bin/true\n");
  EXPECT_EQ(nlohmann::json::parse(*ReadFile(dir + "/config.json")), config);
  EXPECT_EQ(nlohmann::json::parse(*ReadFile(bundle->rootfs + "/spec.json")), spec);

  // An existing directory is not reused.
  EXPECT_FALSE(BuildBundle(dir, config, spec, *binary).ok());
  EXPECT_EQ(RemoveTree(dir).message(), "ok");
  EXPECT_NE(::access(dir.c_str(), F_OK), 0);
}

TEST(BundleTest, CopiesAnExecutableOthersCannotRun) {
  TempDir tmp;
  ASSERT_EQ(WriteFile(tmp.path() + "/exe", "bits", 0700).message(), "ok");
  Result<BinaryStore> binary = BinaryStore::Prepare(tmp.path() + "/exe", tmp.path());
  ASSERT_TRUE(binary.ok()) << binary.status().message();
  EXPECT_TRUE(binary->copied());
  EXPECT_EQ(ModeOf(binary->path()), 0755u);
  EXPECT_EQ(*ReadFile(binary->path()), "bits");
}

TEST(BundleTest, ErrorsNameThePath) {
  TempDir tmp;
  Result<BinaryStore> missing = BinaryStore::Prepare(tmp.path() + "/nope", tmp.path());
  EXPECT_EQ(missing.status().message(), "stat " + tmp.path() + "/nope: No such file or directory");
}

TEST(FilesTest, MakeDirsAndRemoveTree) {
  TempDir tmp;
  std::string deep = tmp.path() + "/a/b/c";
  ASSERT_EQ(MakeDirs(deep, 0700).message(), "ok");
  EXPECT_EQ(ModeOf(tmp.path() + "/a"), 0700u);
  ASSERT_EQ(MakeDirs(deep, 0700).message(), "ok");  // existing: fine
  ASSERT_EQ(WriteFile(deep + "/f", "x", 0600).message(), "ok");
  ASSERT_EQ(::symlink("/", (deep + "/root-link").c_str()), 0);
  EXPECT_EQ(MakeDirs(deep + "/f/g", 0700).message(), "mkdir " + deep + "/f/g: Not a directory");
  EXPECT_EQ(MakeDirs(deep + "/f", 0700).message(), "mkdir " + deep + "/f: exists, not a directory");
  EXPECT_EQ(RemoveTree(tmp.path() + "/a").message(), "ok");  // the symlink is not followed
  EXPECT_NE(::access((tmp.path() + "/a").c_str(), F_OK), 0);
  EXPECT_EQ(RemoveTree(tmp.path() + "/a").message(), "ok");  // missing: fine
}

}  // namespace
}  // namespace rt::suite
