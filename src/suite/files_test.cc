#include "suite/files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace rt::suite {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

TEST(RemoveTree, RemovesFilesDirectoriesAndSymlinksWithoutFollowingThem) {
  Result<std::string> outside = MakeTempDir(TempRoot(), "files-test-");
  Result<std::string> dir = MakeTempDir(TempRoot(), "files-test-");
  ASSERT_TRUE(outside.ok() && dir.ok());
  ASSERT_TRUE(WriteFile(*outside + "/keep", "x", 0644).ok());
  ASSERT_TRUE(MakeDirs(*dir + "/a/b/c", 0755).ok());
  ASSERT_TRUE(WriteFile(*dir + "/a/b/c/file", "y", 0600).ok());
  ASSERT_EQ(::symlink(outside->c_str(), (*dir + "/a/link").c_str()), 0);

  EXPECT_TRUE(RemoveTree(*dir).ok());
  EXPECT_FALSE(Exists(*dir));
  EXPECT_TRUE(Exists(*outside + "/keep"));
  EXPECT_TRUE(RemoveTree(*outside).ok());
  EXPECT_TRUE(RemoveTree(*outside).ok()) << "a missing path is fine";
}

// Runs `body` in a child with a private mount namespace on a fresh tmpfs (so that a bind mount of
// the same filesystem, same device number, can be made); its exit code is the test's verdict.
// 77: the host cannot do it.
int InPrivateMountNamespace(int (*body)(const std::string& tmpfs)) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0) ::_exit(77);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(77);
    Result<std::string> dir = MakeTempDir(TempRoot(), "files-test-ns-");
    if (!dir.ok()) ::_exit(77);
    if (::mount("tmpfs", dir->c_str(), "tmpfs", 0, "size=1m") != 0) ::_exit(77);
    int code = body(*dir);
    ::umount2(dir->c_str(), MNT_DETACH);
    ::rmdir(dir->c_str());
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

// A bundle-like dir whose rootfs/usr is a bind mount of `<tmpfs>/source`, on the same tmpfs.
int MakeBindMountedBundle(const std::string& tmpfs) {
  if (!MakeDirs(tmpfs + "/source/lib", 0755).ok()) return 10;
  if (!WriteFile(tmpfs + "/source/lib/precious", "keep me", 0644).ok()) return 11;
  if (!MakeDirs(tmpfs + "/bundle/rootfs/usr", 0755).ok()) return 12;
  if (!WriteFile(tmpfs + "/bundle/config.json", "{}", 0644).ok()) return 13;
  if (::mount((tmpfs + "/source").c_str(), (tmpfs + "/bundle/rootfs/usr").c_str(), nullptr,
              MS_BIND, nullptr) != 0) {
    return 77;
  }
  return 0;
}

TEST(RemoveTree, RefusesABindMountOfTheSameFilesystemAndKeepsItsSource) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a private mount namespace";
  int code = InPrivateMountNamespace([](const std::string& tmpfs) {
    if (int made = MakeBindMountedBundle(tmpfs); made != 0) return made;
    Status removed = RemoveTree(tmpfs + "/bundle");
    if (removed.ok()) return 1;  // must report the mount
    if (removed.message().find("rootfs/usr") == std::string::npos) return 2;
    if (!Exists(tmpfs + "/source/lib/precious")) return 3;
    if (Exists(tmpfs + "/bundle/config.json")) return 4;  // the rest is gone all the same
    return 0;
  });
  if (code == 77) GTEST_SKIP() << "cannot make a private mount namespace with a tmpfs here";
  EXPECT_EQ(code, 0) << "1: removal did not fail; 2: message names no path; 3: the bind "
                        "mount's source lost a file; 4: the rest was not removed";
}

TEST(RemoveTree, DetachesMountsWhenAskedAndStillKeepsTheSource) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a private mount namespace";
  int code = InPrivateMountNamespace([](const std::string& tmpfs) {
    if (int made = MakeBindMountedBundle(tmpfs); made != 0) return made;
    // A file bind mount too, as a runtime makes of its own binary in its state dir.
    if (!WriteFile(tmpfs + "/bundle/binary", "", 0644).ok()) return 20;
    if (::mount((tmpfs + "/source/lib/precious").c_str(), (tmpfs + "/bundle/binary").c_str(),
                nullptr, MS_BIND, nullptr) != 0) {
      return 21;
    }
    if (!RemoveTree(tmpfs + "/bundle", /*detach_mounts=*/true).ok()) return 1;
    if (Exists(tmpfs + "/bundle")) return 2;
    if (!Exists(tmpfs + "/source/lib/precious")) return 3;
    return 0;
  });
  if (code == 77) GTEST_SKIP() << "cannot make a private mount namespace with a tmpfs here";
  EXPECT_EQ(code, 0) << "1: removal failed; 2: the dir is still there; 3: the source lost a file";
}

}  // namespace
}  // namespace rt::suite
