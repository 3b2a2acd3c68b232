#include "checks/mounts.h"

#include "checks/check_test_util.h"
#include "suite/config_template.h"
#include "util/testdata.h"

namespace rt::checks {
namespace {

using nlohmann::json;
using report::Outcome;

sys::MountTable Table(const std::string& text) {
  Result<std::vector<sys::MountInfo>> mounts = sys::ParseMountInfo(text);
  EXPECT_TRUE(mounts.ok()) << mounts.status().message();
  return sys::MountTable(mounts.ok() ? *mounts : std::vector<sys::MountInfo>{});
}

spec::Mount Mount(std::vector<std::string> options, std::string type = "tmpfs") {
  spec::Mount m;
  m.destination = "/mnt";
  m.type = std::move(type);
  m.options = std::move(options);
  return m;
}

// The default config (`runc spec`), edited.
std::string Config(void (*edit)(json&) = nullptr) {
  json c = suite::DefaultConfig();
  if (edit != nullptr) edit(c);
  return c.dump();
}

sys::FakeSystem FakeWith(const std::string& mountinfo) {
  sys::FakeSystem fake;
  fake.files["/proc/self/mountinfo"] = mountinfo;
  return fake;
}

json& MountAt(json& c, const std::string& destination) {
  for (json& m : c["mounts"]) {
    if (m["destination"] == destination) return m;
  }
  ADD_FAILURE() << "no mount at " << destination;
  return c["mounts"][0];
}

TEST(MountOptions, MemParseReadsNumbersAsTheKernelDoes) {
  EXPECT_EQ(MemParse("65536k"), 67108864u);
  EXPECT_EQ(MemParse("2M"), 2097152u);
  EXPECT_EQ(MemParse("1000"), 1000u);
  EXPECT_EQ(MemParse("0x10"), 16u);
  EXPECT_EQ(MemParse("010"), 8u);  // a leading 0 is octal, as in simple_strtoull(.., 0)
  EXPECT_EQ(MemParse("12q"), std::nullopt);
  EXPECT_EQ(MemParse(""), std::nullopt);
  EXPECT_EQ(MemParse("99999999999e"), std::nullopt);
}

TEST(MountOptions, PlanSortsOptionsByWhatJudgesThem) {
  MountOptionPlan dev =
      PlanMountOptions(Mount({"nosuid", "strictatime", "mode=755", "size=65536k"}));
  EXPECT_FALSE(dev.bind);
  EXPECT_EQ(dev.flags.nosuid, true);
  EXPECT_EQ(dev.flags.read_only, std::nullopt);
  EXPECT_EQ(dev.flags.atime, Atime::kStrictatime);
  EXPECT_EQ(dev.data, (std::vector<std::string>{"mode=755", "size=65536k"}));
  EXPECT_TRUE(dev.recursive.empty());

  MountOptionPlan later_wins = PlanMountOptions(Mount({"ro", "noatime", "rw", "strictatime"}));
  EXPECT_EQ(later_wins.flags.read_only, false);
  EXPECT_EQ(later_wins.flags.atime, Atime::kStrictatime);  // MS_STRICTATIME clears noatime

  // Only clearing atime options: a new mount gets the kernel's relatime, a bind keeps its own.
  EXPECT_EQ(PlanMountOptions(Mount({"atime"})).flags.atime, Atime::kRelatime);
  MountOptionPlan bind = PlanMountOptions(Mount({"rbind", "ro", "atime", "diratime"}, "none"));
  EXPECT_TRUE(bind.bind);
  EXPECT_EQ(bind.flags.atime, Atime::kUnset);
  EXPECT_EQ(bind.flags.nodiratime, std::nullopt);
  EXPECT_EQ(bind.flags.read_only, true);
  EXPECT_TRUE(PlanMountOptions(Mount({}, "bind")).bind);

  MountOptionPlan rec = PlanMountOptions(Mount({"rbind", "rro", "rnosuid", "rnoatime", "ratime"}));
  EXPECT_EQ(rec.recursive.read_only, true);
  EXPECT_EQ(rec.recursive.nosuid, true);
  EXPECT_EQ(rec.recursive.atime, Atime::kNotNoatime);
  EXPECT_TRUE(rec.flags.empty());

  MountOptionPlan other = PlanMountOptions(
      Mount({"rshared", "defaults", "tmpcopyup", "x-mount.mkdir", "idmap", "newinstance"}));
  EXPECT_EQ(other.propagation, "shared");
  EXPECT_TRUE(other.idmap);
  EXPECT_EQ(other.unverifiable,
            (std::vector<std::string>{"defaults", "tmpcopyup", "x-mount.mkdir"}));
  EXPECT_EQ(other.data, (std::vector<std::string>{"newinstance"}));
}

TEST(MountOptions, EveryWordOfTheTableGoesWhereItBelongs) {
  MountOptionPlan flags = PlanMountOptions(
      Mount({"rw", "suid", "dev", "exec", "diratime", "symfollow", "nostrictatime"}));
  EXPECT_EQ(flags.flags.read_only, false);
  EXPECT_EQ(flags.flags.nosuid, false);
  EXPECT_EQ(flags.flags.nodev, false);
  EXPECT_EQ(flags.flags.noexec, false);
  EXPECT_EQ(flags.flags.nodiratime, false);
  EXPECT_EQ(flags.flags.nosymfollow, false);
  EXPECT_EQ(flags.flags.atime, Atime::kRelatime);  // a new mount without MS_NOATIME
  EXPECT_TRUE(flags.recursive.empty());
  EXPECT_TRUE(flags.data.empty());

  MountOptionPlan rec = PlanMountOptions(
      Mount({"rrw", "rsuid", "rnodev", "rexec", "rnodiratime", "rnosymfollow", "rnostrictatime"}));
  EXPECT_EQ(rec.recursive.read_only, false);
  EXPECT_EQ(rec.recursive.nosuid, false);
  EXPECT_EQ(rec.recursive.nodev, true);
  EXPECT_EQ(rec.recursive.noexec, false);
  EXPECT_EQ(rec.recursive.nodiratime, true);
  EXPECT_EQ(rec.recursive.nosymfollow, true);
  EXPECT_EQ(rec.recursive.atime, Atime::kNotStrictatime);
  EXPECT_TRUE(rec.flags.empty());
  EXPECT_EQ(PlanMountOptions(Mount({"rrelatime"})).recursive.atime, Atime::kRelatime);
  EXPECT_EQ(PlanMountOptions(Mount({"rstrictatime"})).recursive.atime, Atime::kStrictatime);

  // The last propagation word wins, an "r" before it folded in.
  EXPECT_EQ(PlanMountOptions(Mount({"shared", "rslave"})).propagation, "slave");
  EXPECT_EQ(PlanMountOptions(Mount({"runbindable", "private"})).propagation, "private");
  EXPECT_TRUE(PlanMountOptions(Mount({"ridmap"})).idmap);

  // Near misses of known words are filesystem options; x- and X- are mount(8)'s.
  MountOptionPlan other = PlanMountOptions(
      Mount({"RO", "nosuid=1", "r", "rnorelatime", "X-foo", "x-", "x", "mode=1777", "_netdev"}));
  EXPECT_TRUE(other.flags.empty());
  EXPECT_EQ(other.data, (std::vector<std::string>{"RO", "nosuid=1", "r", "x", "mode=1777"}));
  EXPECT_EQ(other.unverifiable,
            (std::vector<std::string>{"rnorelatime", "X-foo", "x-", "_netdev"}));
}

TEST(MountOptions, CompareNamesOnlyWhatWasAsked) {
  MountOptionPlan plan = PlanMountOptions(Mount({"ro", "nosuid", "noatime"}));
  FlagComparison c =
      CompareFlags(plan.flags, ReadMountFlags({"rw", "nosuid", "nodev", "relatime"}));
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.expected, "ro,nosuid,noatime");
  EXPECT_EQ(c.found, "rw,nosuid,relatime");
  EXPECT_TRUE(CompareFlags(plan.flags, ReadMountFlags({"ro", "nosuid", "noatime"})).ok);
  // Neither relatime nor noatime shown: strictatime.
  EXPECT_EQ(ReadMountFlags({"rw", "nosuid"}).atime, Atime::kStrictatime);
  FlagWants not_strict;
  not_strict.atime = Atime::kNotStrictatime;
  EXPECT_TRUE(CompareFlags(not_strict, ReadMountFlags({"noatime"})).ok);
  EXPECT_FALSE(CompareFlags(not_strict, ReadMountFlags({"rw"})).ok);
  // Only the words that set a flag count; noatime wins over relatime whatever the order.
  MountFlags all = ReadMountFlags(
      {"ro", "nosuid", "nodev", "noexec", "nodiratime", "nosymfollow", "noatime", "relatime"});
  EXPECT_TRUE(all.read_only && all.nosuid && all.nodev && all.noexec && all.nodiratime &&
              all.nosymfollow);
  EXPECT_EQ(all.atime, Atime::kNoatime);
  MountFlags none = ReadMountFlags({"rw", "suid", "dev", "exec", "diratime", "rro", "bind"});
  EXPECT_FALSE(none.read_only || none.nosuid || none.nodev || none.noexec || none.nodiratime ||
               none.nosymfollow);
  EXPECT_EQ(ReadMountFlags({"relatime", "strictatime"}).atime, Atime::kRelatime);
}

TEST(MountOptions, FlagsHoldIsTheComparisonWithoutItsText) {
  const std::vector<std::vector<std::string>> shown = {{"rw"},
                                                       {"ro", "nosuid"},
                                                       {"rw", "nodev", "noexec", "relatime"},
                                                       {"ro", "noatime"},
                                                       {"nodiratime", "nosymfollow"}};
  const std::vector<std::vector<std::string>> asked = {
      {},           {"ro"},          {"rw", "nosuid"},     {"nodev", "exec"}, {"noatime"},
      {"relatime"}, {"strictatime"}, {"nodiratime", "ro"}, {"symfollow"},     {"atime"}};
  for (const auto& a : asked) {
    for (const auto& s : shown) {
      const FlagWants want = PlanMountOptions(Mount(a)).flags;
      const MountFlags got = ReadMountFlags(s);
      EXPECT_EQ(FlagsHold(want, got), CompareFlags(want, got).ok) << a.size() << " " << s.size();
    }
  }
  for (Atime a : {Atime::kNotNoatime, Atime::kNotStrictatime}) {
    FlagWants want;
    want.atime = a;
    for (const auto& s : shown) {
      EXPECT_EQ(FlagsHold(want, ReadMountFlags(s)), CompareFlags(want, ReadMountFlags(s)).ok);
    }
  }
}

TEST(MountOptions, TmpfsOptionsComparedByValueWithDefaults) {
  const std::vector<std::string> dev = {"rw", "size=65536k", "mode=755"};
  const std::vector<std::string> shm = {"rw", "size=65536k"};
  FsFacts facts;
  facts.mem_total_kb = 24684096;
  auto verdict = [&](std::string_view opt, const std::vector<std::string>& super) {
    return JudgeFsOption("tmpfs", opt, super, facts).verdict;
  };
  EXPECT_EQ(verdict("mode=755", dev), FsVerdict::kMatch);
  EXPECT_EQ(verdict("mode=0755", dev), FsVerdict::kMatch);
  EXPECT_EQ(verdict("mode=700", dev), FsVerdict::kMismatch);
  EXPECT_EQ(verdict("mode=1777", shm), FsVerdict::kMatch);  // the default is not printed
  EXPECT_EQ(JudgeFsOption("tmpfs", "mode=1777", shm, facts).found,
            "mode=1777 (not shown: the default)");
  EXPECT_EQ(verdict("size=65536k", shm), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=64m", shm), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=2m", shm), FsVerdict::kMismatch);
  EXPECT_EQ(verdict("size=1000", {"size=4k"}), FsVerdict::kMatch);  // rounded up to a page
  // No size= printed: the default, half of RAM.
  EXPECT_EQ(verdict("size=50%", {"rw"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=1m", {"rw"}), FsVerdict::kMismatch);
  EXPECT_EQ(verdict("size=25%", {"size=6171024k"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("uid=1", {"uid=1", "gid=2"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("gid=0", {"rw"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("nr_inodes=1k", {"nr_inodes=1024"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("nr_inodes=1k", {"rw"}), FsVerdict::kNotShown);
  facts.user_namespace = true;
  EXPECT_EQ(verdict("uid=0", {"uid=100000"}), FsVerdict::kNotShown);
  facts.mem_total_kb.reset();
  EXPECT_EQ(verdict("size=1m", {"rw"}), FsVerdict::kNotShown);
  EXPECT_EQ(verdict("size=10%", {"size=1024k"}), FsVerdict::kNotShown);  // RAM unknown
}

TEST(MountOptions, TmpfsSizeSuffixesAreNormalisedOnBothSides) {
  FsFacts facts;
  auto verdict = [&](std::string_view opt, const std::vector<std::string>& super) {
    return JudgeFsOption("tmpfs", opt, super, facts).verdict;
  };
  EXPECT_EQ(verdict("size=1m", {"size=1024k"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=1048576", {"size=1024k"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=1g", {"size=1048576k"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=1024k", {"size=1m"}), FsVerdict::kMatch);
  EXPECT_EQ(verdict("size=2m", {"size=1024k"}), FsVerdict::kMismatch);
}

TEST(MountOptions, DevptsProcAndOtherFilesystems) {
  const std::vector<std::string> pts = {"rw", "gid=5", "mode=620", "ptmxmode=666"};
  FsFacts facts;
  EXPECT_EQ(JudgeFsOption("devpts", "mode=0620", pts, facts).verdict, FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("devpts", "ptmxmode=0666", pts, facts).verdict, FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("devpts", "gid=5", pts, facts).verdict, FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("devpts", "gid=6", pts, facts).verdict, FsVerdict::kMismatch);
  EXPECT_EQ(JudgeFsOption("devpts", "gid=5", {"rw", "mode=600", "ptmxmode=000"}, facts).verdict,
            FsVerdict::kMismatch);
  EXPECT_EQ(JudgeFsOption("devpts", "newinstance", pts, facts).verdict, FsVerdict::kNotShown);
  EXPECT_EQ(JudgeFsOption("devpts", "max=1048576", pts, facts).verdict, FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("proc", "hidepid=2", {"rw", "hidepid=invisible"}, facts).verdict,
            FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("proc", "hidepid=0", {"rw"}, facts).verdict, FsVerdict::kMatch);
  EXPECT_EQ(JudgeFsOption("proc", "subset=pid", {"rw"}, facts).verdict, FsVerdict::kMismatch);
  // Elsewhere: printed as written matches; anything else is not guessed at.
  EXPECT_EQ(JudgeFsOption("ext4", "errors=remount-ro", {"rw", "errors=remount-ro"}, facts).verdict,
            FsVerdict::kMatch);
  FsJudgement other = JudgeFsOption("ext4", "resuid=0", {"rw", "resuid=65534"}, facts);
  EXPECT_EQ(other.verdict, FsVerdict::kNotShown);
  EXPECT_EQ(other.found, "resuid=65534");
  EXPECT_EQ(JudgeFsOption("mqueue", "foo", {"rw"}, facts).verdict, FsVerdict::kNotShown);
}

TEST(MountMatching, StackedEntriesTakeTheStackFromTheTop) {
  sys::MountTable t = Table(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "86 67 0:48 / /mnt/s rw,relatime - tmpfs first rw,size=1024k\n"
      "87 86 0:49 / /mnt/s rw - tmpfs second rw,size=2048k\n"
      "88 67 0:50 / /mnt/o/in rw,relatime - tmpfs inner rw\n"
      "89 67 0:51 / /mnt/o ro,relatime - tmpfs outer rw\n");
  auto m = MatchMounts({"/mnt/s", "/mnt/s", "/mnt/o/in", "/mnt/o", ""}, {}, t);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0]->id, 86);
  EXPECT_EQ(m[1]->id, 87);
  EXPECT_EQ(m[2]->id, 88);  // hidden by the later /mnt/o, as the listed order asks
  EXPECT_EQ(m[3]->id, 89);
  EXPECT_EQ(m[4], nullptr);
  // Only one mount for two entries: the later one gets it.
  auto one = MatchMounts({"/mnt/o", "/mnt/o"}, {}, t);
  EXPECT_EQ(one[0], nullptr);
  EXPECT_EQ(one[1]->id, 89);
}

TEST(MountMatching, AReadOnlyPathStackedOnADestinationIsNotTheEntry) {
  // crun 1.8.1 with readonlyPaths ["/dev/shm"]: a read-only bind on top of the shm mount.
  sys::MountTable t = Table(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "69 67 0:42 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755\n"
      "71 69 0:44 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k\n"
      "101 71 0:44 / /dev/shm ro,relatime - tmpfs shm rw,size=65536k\n");
  EXPECT_EQ(MatchMounts({"/dev", "/dev/shm"}, {"/dev/shm"}, t)[1]->id, 71);
  EXPECT_EQ(MatchMounts({"/dev", "/dev/shm"}, {}, t)[1]->id, 101);
}

TEST(MountMatching, BindRootAgainstSource) {
  EXPECT_TRUE(BindRootMatchesSource("/tmp/b/rootfs/bin", "rootfs/bin"));
  EXPECT_TRUE(BindRootMatchesSource("/rootfs/bin", "rootfs/bin"));  // bundle's fs below it
  EXPECT_FALSE(BindRootMatchesSource("/tmp/b/rootfs/bin", "rootfs/sbin"));
  EXPECT_TRUE(BindRootMatchesSource("/null", "/dev/null"));  // devtmpfs mounted at /dev
  EXPECT_TRUE(BindRootMatchesSource("/usr", "/usr"));
  EXPECT_TRUE(BindRootMatchesSource("/run/x", "/var/run/x"));  // /var/run -> /run
  EXPECT_TRUE(BindRootMatchesSource("/", "/sys/fs/cgroup"));   // the whole filesystem
  EXPECT_FALSE(BindRootMatchesSource("/a/b", "/b"));
  EXPECT_FALSE(BindRootMatchesSource("/srv/data", "/srv/other"));
  EXPECT_TRUE(BindRootMatchesSource("/srv/data//deleted", "/srv/data"));
}

TEST(MountMatching, CgroupV1TreeIsRecognised) {
  sys::MountTable t = Table(Testdata("mountinfo_runc_default.txt"));
  EXPECT_TRUE(IsCgroupV1Tree(*t.VisibleAt("/sys/fs/cgroup"), t));
  EXPECT_FALSE(IsCgroupV1Tree(*t.VisibleAt("/dev"), t));
}

// The default config against what runc 1.1.5 and crun 1.8.1 made of it on this hybrid host: no
// false alarm, the cgroup v1 tree included (runtime-tools' validator reports it as missing).
TEST(MountsCheck, DefaultConfigPassesOnRuncAndCrun) {
  for (const char* fixture : {"mountinfo_runc_default.txt", "mountinfo_crun_default.txt"}) {
    sys::FakeSystem fake = FakeWith(Testdata(fixture));
    auto r = RunCheck("mounts", Config(), fake);
    EXPECT_EQ(Failures(r), "") << fixture;
    EXPECT_GE(Count(r, Outcome::kPass), 7 * 3) << fixture;
    int skips = 0;  // devpts newinstance, besides the dummy sources of pseudo filesystems
    for (const auto& a : r) skips += a.outcome == Outcome::kSkip && !a.subject.ends_with("source");
    EXPECT_EQ(skips, 1) << fixture;
  }
}

TEST(MountsCheck, WrongOptionsAreNamedWithBothSides) {
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_runc_default.txt"));
  auto r =
      RunCheck("mounts", Config([](json& c) {
                 MountAt(c, "/dev/shm")["options"] = {"ro", "nosuid", "mode=1700", "size=65536k"};
               }),
               fake);
  EXPECT_EQ(Failures(r),
            "mounts: mounts[3] /dev/shm options: expected ro,nosuid,mode=1700,size=65536k, found "
            "rw,nosuid,mode=1777 (not shown: the default),size=65536k "
            "(config.md#linux-mount-options, MUST)\n");
}

TEST(MountsCheck, MissingMountTypeSourceAndOrder) {
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_runc_default.txt") +
                                  "88 67 0:50 / /mnt/o/in rw,relatime - tmpfs in rw\n"
                                  "89 88 0:51 / /mnt/o/in/deep rw,relatime - tmpfs deep rw\n");
  fake.realpaths["/mnt/gone"] = "";
  auto r = RunCheck("mounts", Config([](json& c) {
                      MountAt(c, "/proc")["type"] = "sysfs";
                      MountAt(c, "/dev/mqueue")["source"] = "other";
                      c["mounts"].push_back({{"destination", "/mnt/gone"}, {"type", "tmpfs"}});
                      c["mounts"].push_back({{"destination", "/mnt/empty"}, {"type", "tmpfs"}});
                      c["mounts"].push_back({{"destination", "/mnt/o/in/deep"}, {"type", "tmpfs"}});
                      c["mounts"].push_back({{"destination", "/mnt/o/in"}, {"type", "tmpfs"}});
                    }),
                    fake);
  EXPECT_EQ(Failures(r),
            "mounts: mounts[0] /proc type: expected sysfs, found proc (config.md#mounts, MUST)\n"
            "mounts: mounts[7] /mnt/gone: expected a mount there, found no such path in the "
            "container (config.md#mounts, MUST)\n"
            "mounts: mounts[8] /mnt/empty: expected a mount at /mnt/empty, found nothing mounted "
            "there (config.md#mounts, MUST)\n"
            "mounts: mounts[10] /mnt/o/in order: expected mounted after mounts[9] /mnt/o/in/deep "
            "(the listed order), found mounted before mounts[9] /mnt/o/in/deep "
            "(config.md#mounts, MUST)\n");
}

TEST(MountsCheck, OrderComparesEachEntryWithTheEarlierOnesAboveAndBelowIt) {
  // /w then /w/x on it: in order. /v/y is mounted on the root although listed after /v. /q/r/s
  // is mounted on /q/r although listed before it (so /q/r should hide it). / is listed last.
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_runc_default.txt") +
                                  "90 67 0:60 / /w rw - tmpfs w rw\n"
                                  "91 90 0:61 / /w/x rw - tmpfs x rw\n"
                                  "92 67 0:62 / /v/y rw - tmpfs y rw\n"
                                  "93 67 0:63 / /v rw - tmpfs v rw\n"
                                  "94 67 0:64 / /q/r rw - tmpfs r rw\n"
                                  "95 94 0:65 / /q/r/s rw - tmpfs s rw\n");
  auto r = RunCheck("mounts", Config([](json& c) {
                      for (const char* d : {"/w", "/w/x", "/v", "/v/y", "/q/r/s", "/q/r"}) {
                        c["mounts"].push_back({{"destination", d}, {"type", "tmpfs"}});
                      }
                      c["mounts"].push_back({{"destination", "/"}});
                    }),
                    fake);
  const std::string all_before =
      "mounts[0] /proc, mounts[1] /dev, mounts[2] /dev/pts, mounts[3] /dev/shm, mounts[4] "
      "/dev/mqueue, mounts[5] /sys, mounts[6] /sys/fs/cgroup, mounts[7] /w, mounts[8] /w/x, "
      "mounts[9] /v, mounts[10] /v/y, mounts[11] /q/r/s, mounts[12] /q/r";
  EXPECT_EQ(Failures(r),
            "mounts: mounts[10] /v/y order: expected mounted after mounts[9] /v (the listed "
            "order), found mounted before mounts[9] /v (config.md#mounts, MUST)\n"
            "mounts: mounts[12] /q/r order: expected mounted after mounts[11] /q/r/s (the listed "
            "order), found mounted before mounts[11] /q/r/s (config.md#mounts, MUST)\n"
            "mounts: mounts[13] / order: expected mounted after " +
                all_before + " (the listed order), found mounted before " + all_before +
                " (config.md#mounts, MUST)\n");
  EXPECT_EQ(Count(r, Outcome::kFail), 3);
}

TEST(MountsCheck, TheSourceOfAPseudoFilesystemIsADummy) {
  // config.md#mounts: a non-bind source "can be a dummy"; proc, tmpfs, mqueue... ignore it.
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_runc_default.txt"));
  auto r = RunCheck("mounts", Config([](json& c) {
                      MountAt(c, "/dev/mqueue")["source"] = "other";
                      MountAt(c, "/proc")["source"] = "none";
                    }),
                    fake);
  EXPECT_EQ(Failures(r), "");
  const std::string skips = SkipReasons(r);
  EXPECT_NE(skips.find("mounts mounts[4] /dev/mqueue source: the source of a mqueue mount is a "
                       "dummy (config.md#mounts)\n"),
            std::string::npos)
      << skips;
  EXPECT_NE(skips.find("mounts mounts[0] /proc source: the source of a proc mount is a dummy"),
            std::string::npos);
}

TEST(MountsCheck, BindSourceAndPropagation) {
  sys::FakeSystem fake =
      FakeWith(Testdata("mountinfo_runc_default.txt") +
               "90 67 254:0 /tmp/b/rootfs/bin /mnt/b ro,nosuid,relatime - ext4 /dev/vda rw\n"
               "85 67 0:47 / /mnt/a rw,relatime shared:1 - tmpfs tmpfs rw\n"
               "86 67 0:48 / /mnt/c rw,relatime - tmpfs tmpfs rw\n");
  auto r =
      RunCheck("mounts", Config([](json& c) {
                 c["mounts"].push_back({{"destination", "/mnt/b"},
                                        {"type", "bind"},
                                        {"source", "rootfs/sbin"},
                                        {"options", {"rbind", "ro", "nosuid"}}});
                 c["mounts"].push_back(
                     {{"destination", "/mnt/a"}, {"type", "tmpfs"}, {"options", {"rshared"}}});
                 c["mounts"].push_back(
                     {{"destination", "/mnt/c"}, {"type", "tmpfs"}, {"options", {"unbindable"}}});
               }),
               fake);
  EXPECT_EQ(Failures(r),
            "mounts: mounts[7] /mnt/b source: expected a bind of \"rootfs/sbin\" (mount root "
            "ending in that path), found mount root \"/tmp/b/rootfs/bin\" of \"/dev/vda\" "
            "(config.md#mounts, MUST)\n"
            "mounts: mounts[9] /mnt/c propagation: expected unbindable, found private "
            "(config.md#linux-mount-options, MUST)\n");
}

// A cgroup mount realised as a tmpfs that is not a cgroup tree is not waved through.
TEST(MountsCheck, CgroupMountMustBeCgroup) {
  std::string text = Testdata("mountinfo_runc_default.txt");
  std::string only_tmpfs;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" - cgroup ") == std::string::npos) only_tmpfs += line + "\n";
  }
  sys::FakeSystem fake = FakeWith(only_tmpfs);
  auto r = RunCheck("mounts", Config(), fake);
  EXPECT_EQ(Failures(r),
            "mounts: mounts[6] /sys/fs/cgroup type: expected cgroup, found tmpfs "
            "(config.md#mounts, MUST)\n"
            "mounts: mounts[6] /sys/fs/cgroup options: expected ro,nosuid,nodev,noexec,relatime, "
            "found rw,nosuid,nodev,noexec,relatime (config.md#linux-mount-options, MUST)\n");
}

TEST(MountsCheck, NoMountsIsASkipAndMissingMountinfoAFailureWhenProcIsMounted) {
  sys::FakeSystem fake;
  auto none = RunCheck("mounts", R"({"ociVersion":"1.0.2"})", fake);
  EXPECT_EQ(Count(none, Outcome::kSkip), 1);
  auto r = RunCheck("mounts", Config(), fake);  // mounts proc at /proc
  EXPECT_EQ(Failures(r),
            "mounts: expected /proc/self/mountinfo (the config mounts proc at /proc), found open "
            "/proc/self/mountinfo: No such file or directory (config.md#mounts, MUST)\n");
}

TEST(MountsCheck, UnreadableMountinfoWithoutProcInTheConfigIsASkip) {
  sys::FakeSystem fake;
  auto r = RunCheck("mounts", R"({"ociVersion":"1.0.2","mounts":[{"destination":"/tmp",
      "type":"tmpfs","source":"tmpfs"}]})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "mounts: cannot observe: open /proc/self/mountinfo: No such file or directory\n");
}

TEST(RecursiveCheck, CoversTheMountAndEverythingBelowIt) {
  // crun 1.8.1: /sys/fs/cgroup bound at /mnt/cg with rbind,rro,rnosuid.
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_crun_rro_idmap.txt"));
  auto edit = [](json& c) {
    c["mounts"].push_back({{"destination", "/mnt/cg"},
                           {"type", "bind"},
                           {"source", "/sys/fs/cgroup"},
                           {"options", {"rbind", "rro", "rnosuid"}}});
  };
  auto r = RunCheck("mounts.recursive", Config(edit), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 1);
  auto more = RunCheck("mounts.recursive", Config([](json& c) {
                         c["mounts"].push_back({{"destination", "/mnt/cg"},
                                                {"type", "bind"},
                                                {"source", "/sys/fs/cgroup"},
                                                {"options", {"rbind", "rro", "rnoexec"}}});
                       }),
                       fake);
  EXPECT_EQ(Failures(more),
            "mounts.recursive: mounts[7] /mnt/cg: expected ro,noexec on /mnt/cg and the 11 mounts "
            "below it, found /mnt/cg: ro,exec; /mnt/cg/cpu: ro,exec; /mnt/cg/cpuacct: ro,exec; "
            "/mnt/cg/cpuset: ro,exec (and 8 more) (config.md#linux-mount-options, SHOULD)\n");
  auto none = RunCheck("mounts.recursive", Config(), fake);
  EXPECT_EQ(Count(none, Outcome::kSkip), 1);
}

// The mount checks share one MountContext per invocation: each destination is resolved once,
// however many of them look; the next invocation resolves again.
TEST(RecursiveCheck, MountChecksShareOneContextPerInvocation) {
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_crun_rro_idmap.txt"));
  Result<spec::Config> config = spec::ParseConfig(Config([](json& c) {
    c["mounts"].push_back({{"destination", "/mnt/cg"},
                           {"type", "bind"},
                           {"source", "/sys/fs/cgroup"},
                           {"options", {"rbind", "rro", "rnosuid"}}});
  }));
  ASSERT_TRUE(config.ok());
  Result<std::vector<const CheckDef*>> both = SelectChecks({"mounts", "mounts.recursive"});
  ASSERT_TRUE(both.ok());
  const int n = static_cast<int>(config->mounts.size());
  auto r = RunChecks(*both, Context{*config, fake});
  EXPECT_EQ(Count(r, Outcome::kFail), 0) << Failures(r);
  EXPECT_EQ(fake.realpath_calls, n);
  RunChecks(*both, Context{*config, fake});
  EXPECT_EQ(fake.realpath_calls, 2 * n);
}

TEST(RecursiveCheck, LaterMountsBelowAreNotCovered) {
  sys::FakeSystem fake = FakeWith(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "85 67 0:28 / /mnt ro,nosuid,relatime - tmpfs tmpfs rw\n"
      "86 85 0:29 / /mnt/sub ro,nosuid,relatime - cgroup cgroup rw,cpu\n"
      "87 85 0:30 / /mnt/later rw,relatime - tmpfs tmpfs rw\n");
  auto r = RunCheck("mounts.recursive",
                    R"({"ociVersion":"1.1.0","mounts":[
                      {"destination":"/mnt","type":"bind","source":"/x","options":["rbind","rro"]},
                      {"destination":"/mnt/later","type":"tmpfs","source":"tmpfs"}]})",
                    fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(RecursiveCheck, WhatALaterEntryCoversIsLeftOutAtAnyDepth) {
  // /mnt rro: /mnt/a and what lies below it are a later entry's (mounted rw after), however
  // deep; /mnt/b/c and /mnt/dev/x are not, and /mnt/dev/null is a device the runtime binds after
  // the mounts.
  sys::FakeSystem fake = FakeWith(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "85 67 0:28 / /mnt ro,relatime - tmpfs tmpfs rw\n"
      "86 85 0:29 / /mnt/a rw,relatime - tmpfs a rw\n"
      "87 86 0:30 / /mnt/a/deep rw,relatime - tmpfs deep rw\n"
      "88 87 0:31 / /mnt/a/deep/er rw,relatime - tmpfs er rw\n"
      "89 85 0:32 / /mnt/b ro,relatime - tmpfs b rw\n"
      "90 89 0:33 / /mnt/b/c rw,relatime - tmpfs c rw\n"
      "91 85 0:34 / /mnt/dev/null rw,relatime - tmpfs null rw\n"
      "92 85 0:35 / /mnt/dev/x rw,relatime - tmpfs x rw\n");
  auto r = RunCheck("mounts.recursive",
                    R"({"ociVersion":"1.1.0","mounts":[
                      {"destination":"/mnt","type":"bind","source":"/x","options":["rbind","rro"]},
                      {"destination":"/mnt/a","type":"tmpfs","source":"tmpfs"}],
                      "linux":{"devices":[{"path":"/mnt/dev/null","type":"c","major":1,"minor":3}]}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "mounts.recursive: mounts[0] /mnt: expected ro on /mnt and the 3 mounts below it, "
            "found /mnt/b/c: rw; /mnt/dev/x: rw (config.md#linux-mount-options, SHOULD)\n");
}

TEST(IdmapCheck, MappedOwnerAndIdmappedFlag) {
  // crun 1.8.1: /usr (root-owned) at /mnt/id with containerID 0 -> hostID 1000 (uid), 2000 (gid).
  auto edit = [](json& c) {
    c["mounts"].push_back({{"destination", "/mnt/id"},
                           {"type", "bind"},
                           {"source", "/usr"},
                           {"options", {"rbind"}},
                           {"uidMappings", {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}}},
                           {"gidMappings", {{{"containerID", 0}, {"hostID", 2000}, {"size", 1}}}}});
  };
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_crun_rro_idmap.txt"));
  fake.stats["/mnt/id"] = {.mode = 040755, .uid = 1000, .gid = 2000};
  auto r = RunCheck("mounts.idmap", Config(edit), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 3);

  fake.stats["/mnt/id"] = {.mode = 040755, .uid = 0, .gid = 65534};
  r = RunCheck("mounts.idmap", Config(edit), fake);
  EXPECT_EQ(Failures(r),
            "mounts.idmap: mounts[7] /mnt/id owner uid: expected a uid the mapping gives (hostID "
            "1000-1000), found 0 (config.md#posix-platform-mounts, MUST)\n");
  EXPECT_EQ(Count(r, Outcome::kSkip), 1);  // gid: the overflow id, owner outside the mapping

  // runc 1.1.5 makes a plain bind.
  sys::FakeSystem plain = FakeWith(Testdata("mountinfo_runc_default.txt") +
                                   "85 67 254:0 /usr /mnt/id rw,relatime - ext4 /dev/vda rw\n");
  plain.stats["/mnt/id"] = {.mode = 040755, .uid = 0, .gid = 0};
  r = RunCheck("mounts.idmap", Config(edit), plain);
  EXPECT_EQ(Count(r, Outcome::kFail), 3);
  EXPECT_NE(Failures(r).find("mounts.idmap: mounts[7] /mnt/id idmapped: expected an idmapped "
                             "mount, found per-mount options rw,relatime"),
            std::string::npos);
}

TEST(DefaultFilesystems, PresentOnRuncAndMissingShmFails) {
  sys::FakeSystem fake = FakeWith(Testdata("mountinfo_runc_default.txt"));
  auto r = RunCheck("linux.defaultFilesystems", Config(), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 4);
  sys::FakeSystem no_shm = FakeWith(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "68 67 0:41 / /proc rw,relatime - proc proc rw\n"
      "69 67 0:42 / /dev rw,nosuid - tmpfs tmpfs rw\n"
      "70 69 0:43 / /dev/pts rw,nosuid,noexec,relatime - devpts devpts rw,mode=620\n"
      "73 67 0:45 / /sys ro,nosuid,nodev,noexec,relatime - tmpfs sysfs ro\n");
  r = RunCheck("linux.defaultFilesystems", Config(), no_shm);
  EXPECT_EQ(Failures(r),
            "linux.defaultFilesystems: /sys: expected sysfs, found tmpfs "
            "(config-linux.md#default-filesystems, SHOULD)\n"
            "linux.defaultFilesystems: /dev/shm: expected tmpfs, found nothing mounted there "
            "(config-linux.md#default-filesystems, SHOULD)\n");
}

TEST(MountLabel, SkipsWithoutSelinuxComparesContextWithIt) {
  auto edit = [](json& c) { c["linux"]["mountLabel"] = "system_u:object_r:x_t:s0:c1,c2"; };
  sys::FakeSystem off = FakeWith(Testdata("mountinfo_runc_default.txt"));
  off.files["/proc/filesystems"] = "nodev\tsysfs\nnodev\ttmpfs\n";
  auto r = RunCheck("linux.mountLabel", Config(edit), off);
  ASSERT_EQ(Count(r, Outcome::kSkip), 1);
  EXPECT_NE(r[0].reason.find("SELinux is not available"), std::string::npos);

  sys::FakeSystem on = FakeWith(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "69 67 0:42 / /dev rw,nosuid - tmpfs tmpfs rw,context=\"system_u:object_r:x_t:s0:c1,c2\"\n"
      "71 69 0:44 / /dev/shm rw,nosuid - tmpfs shm rw,size=65536k\n");
  on.files["/proc/filesystems"] = "nodev\tselinuxfs\n";
  on.files["/sys/fs/selinux/enforce"] = "1";
  r = RunCheck("linux.mountLabel", Config(edit), on);
  EXPECT_EQ(Failures(r),
            "linux.mountLabel: mounts[3] /dev/shm: expected \"system_u:object_r:x_t:s0:c1,c2\", "
            "found no context= option (config-linux.md#mount-label, MUST)\n");
  EXPECT_EQ(Count(r, Outcome::kPass), 1);
}

}  // namespace
}  // namespace rt::checks
