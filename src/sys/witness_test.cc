#include "sys/witness.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "sys/fake_system.h"

namespace rt::sys {
namespace {

TEST(ObserveCwd, GetcwdFirstThenProcSelfCwd) {
  FakeSystem fake;
  fake.cwd = "/work";
  fake.links["/proc/self/cwd"] = "/elsewhere";
  Result<Observed<std::string>> cwd = ObserveCwd(fake);
  ASSERT_TRUE(cwd.ok());
  EXPECT_EQ(cwd->value, "/work");
  EXPECT_EQ(cwd->witness, "getcwd(2)");

  fake.cwd_errno = EPERM;  // a seccomp profile that refuses getcwd
  cwd = ObserveCwd(fake);
  ASSERT_TRUE(cwd.ok());
  EXPECT_EQ(cwd->value, "/elsewhere");
  EXPECT_EQ(cwd->witness, "/proc/self/cwd");

  fake.links.clear();
  cwd = ObserveCwd(fake);
  ASSERT_FALSE(cwd.ok());
  EXPECT_EQ(cwd.status().message(),
            "getcwd: Operation not permitted; readlink /proc/self/cwd: No such file or directory");
}

TEST(ObserveNoNewPrivs, PrctlFirstThenStatus) {
  FakeSystem fake;
  fake.no_new_privs = true;
  fake.files["/proc/self/status"] = "NoNewPrivs:\t0\n";
  Result<Observed<bool>> nnp = ObserveNoNewPrivs(fake);
  ASSERT_TRUE(nnp.ok());
  EXPECT_TRUE(nnp->value);
  EXPECT_EQ(nnp->witness, "prctl(PR_GET_NO_NEW_PRIVS)");

  fake.no_new_privs = Status::Errno("prctl(PR_GET_NO_NEW_PRIVS)", ENOSYS);
  fake.files["/proc/self/status"] = "Name:\tx\nNoNewPrivs:\t1\n";
  fake.DropSnapshots();
  nnp = ObserveNoNewPrivs(fake);
  ASSERT_TRUE(nnp.ok());
  EXPECT_TRUE(nnp->value);
  EXPECT_EQ(nnp->witness, "NoNewPrivs in /proc/self/status");

  fake.files["/proc/self/status"] = "Name:\tx\n";  // a kernel before 4.10
  fake.DropSnapshots();
  nnp = ObserveNoNewPrivs(fake);
  ASSERT_FALSE(nnp.ok());
  EXPECT_EQ(nnp.status().message(),
            "prctl(PR_GET_NO_NEW_PRIVS): Function not implemented; /proc/self/status has no "
            "NoNewPrivs field");
}

TEST(ObserveLastCap, ProcFirstThenBoundingSetProbe) {
  FakeSystem fake;
  fake.files["/proc/sys/kernel/cap_last_cap"] = "40\n";
  fake.last_cap = 37;
  Result<Observed<int>> last = ObserveLastCap(fake);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->value, 40);

  fake.files.clear();  // /proc/sys not mounted
  last = ObserveLastCap(fake);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->value, 37);
  EXPECT_EQ(last->witness, "prctl(PR_CAPBSET_READ) up to EINVAL");

  fake.capbset_errno = EPERM;
  last = ObserveLastCap(fake);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.status().message(),
            "open /proc/sys/kernel/cap_last_cap: No such file or directory; "
            "prctl(PR_CAPBSET_READ, 0): Operation not permitted");
}

TEST(ObserveUmask, StatusFirstThenUmaskProbe) {
  FakeSystem fake;
  fake.files["/proc/self/status"] = "Umask:\t0027\n";
  fake.umask = mode_t{0077};
  Result<Observed<mode_t>> mask = ObserveUmask(fake);
  ASSERT_TRUE(mask.ok());
  EXPECT_EQ(mask->value, 0027u);

  fake.files["/proc/self/status"] = "Name:\tx\n";  // before Linux 4.7: no Umask field
  fake.DropSnapshots();
  mask = ObserveUmask(fake);
  ASSERT_TRUE(mask.ok());
  EXPECT_EQ(mask->value, 0077u);
  EXPECT_EQ(mask->witness, "umask(2), set and restored");

  fake.umask = Status::Errno("umask", ENOSYS);
  EXPECT_FALSE(ObserveUmask(fake).ok());
}

TEST(ObserveReadOnly, ADecisiveProbeOutweighsTheFlag) {
  FakeSystem fake;
  fake.readonly_mounts.insert("/");  // the flag says read-only, but O_TMPFILE wrote
  Result<Observed<bool>> ro = ObserveReadOnly(fake, "/", WriteProbe::kDirectory);
  ASSERT_TRUE(ro.ok());
  EXPECT_FALSE(ro->value);
  EXPECT_EQ(ro->witness, "O_TMPFILE probe");
}

TEST(ObserveReadOnly, NamedCreateAnswersWhereOTmpfileIsUnsupported) {
  FakeSystem fake;  // statvfs shows no ST_RDONLY
  fake.probe_errors["/"] = EOPNOTSUPP;
  fake.create_errors["/"] = EROFS;
  Result<Observed<bool>> ro = ObserveReadOnly(fake, "/", WriteProbe::kDirectory);
  ASSERT_TRUE(ro.ok());
  EXPECT_TRUE(ro->value);
  EXPECT_EQ(ro->witness, "create probe");
}

TEST(ObserveReadOnly, TheFlagAnswersWhenNoProbeCanTell) {
  FakeSystem fake;
  fake.readonly_mounts.insert("/");
  fake.probe_errors["/"] = EACCES;
  fake.create_errors["/"] = EACCES;
  Result<Observed<bool>> ro = ObserveReadOnly(fake, "/", WriteProbe::kDirectory);
  ASSERT_TRUE(ro.ok());
  EXPECT_TRUE(ro->value);
  EXPECT_EQ(ro->witness, "statvfs ST_RDONLY");
}

TEST(ObserveReadOnly, AWriteProbeAnswersWhenStatvfsFails) {
  FakeSystem fake;
  fake.statvfs_errors["/etc/hosts"] = ENOSYS;
  fake.open_write_errors["/etc/hosts"] = EROFS;
  Result<Observed<bool>> ro = ObserveReadOnly(fake, "/etc/hosts", WriteProbe::kFile);
  ASSERT_TRUE(ro.ok());
  EXPECT_TRUE(ro->value);
  EXPECT_EQ(ro->witness, "open(O_WRONLY) probe");
}

TEST(ObserveReadOnly, NoWitnessListsEveryAttempt) {
  FakeSystem fake;
  fake.statvfs_errors["/d"] = ENOSYS;
  fake.probe_errors["/d"] = EOPNOTSUPP;
  fake.create_errors["/d"] = EACCES;
  Result<Observed<bool>> ro = ObserveReadOnly(fake, "/d", WriteProbe::kDirectory);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().message(),
            "open(O_TMPFILE) in /d: Operation not supported; create /d/.runtimetest-probe: "
            "Permission denied; statvfs /d: Function not implemented");
  fake.statvfs_errors["/dev/x"] = ENOSYS;
  EXPECT_FALSE(ObserveReadOnly(fake, "/dev/x", WriteProbe::kNone).ok());
}

TEST(LinuxWitnesses, AnswerOnThisMachine) {
  System& sys = Linux();
  EXPECT_TRUE(ObserveCwd(sys).ok());
  EXPECT_TRUE(ObserveNoNewPrivs(sys).ok());
  Result<Observed<int>> last = ObserveLastCap(sys);
  ASSERT_TRUE(last.ok());
  Result<int> probed = [&]() -> Result<int> {
    for (int cap = 0; cap < 64; ++cap) {
      if (!sys.CapabilityInBoundingSet(cap).ok()) return cap - 1;
    }
    return Status::Error("no EINVAL");
  }();
  ASSERT_TRUE(probed.ok());
  EXPECT_EQ(*probed, last->value);  // the probe agrees with cap_last_cap
  Result<mode_t> before = sys.ProbeUmask();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*sys.ProbeUmask(), *before);  // restored
}

}  // namespace
}  // namespace rt::sys
