// The built binary, end to end: linked statically, exit codes, the two report streams.
#include <gtest/gtest.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Outcome Exec(const std::string& args) {
  static int n = 0;
  fs::path base = fs::temp_directory_path() /
                  ("rt_main_test_" + std::to_string(getpid()) + "_" + std::to_string(n++));
  std::string cmd = std::string(RT_BINARY) + " " + args + " >" + base.string() + ".out 2>" +
                    base.string() + ".err";
  Outcome r;
  int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = Slurp(base.string() + ".out");
  r.err = Slurp(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return r;
}

class Bundle {
 public:
  explicit Bundle(const std::string& config) {
    dir_ = fs::temp_directory_path() /
           ("rt_main_test_dir_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "config.json") << config;
  }
  ~Bundle() { fs::remove_all(dir_); }
  std::string path() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

std::string Hostname() {
  struct utsname u {};
  uname(&u);
  return u.nodename;
}

TEST(Binary, IsFullyStatic) {
  FILE* p = popen(("readelf -l " + std::string(RT_BINARY) + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) text.append(buf.data(), n);
  ASSERT_EQ(pclose(p), 0) << text;
  EXPECT_NE(text.find("Program Headers"), std::string::npos) << text;
  EXPECT_EQ(text.find("program interpreter"), std::string::npos) << text;
  EXPECT_EQ(text.find("INTERP"), std::string::npos) << text;
  EXPECT_EQ(text.find("DYNAMIC"), std::string::npos) << text;
}

TEST(Binary, PassLeavesStderrEmpty) {
  Bundle b(R"({"ociVersion":"1.0.2","hostname":")" + Hostname() + R"("})");
  Outcome r = Exec("--path=" + b.path() + " hostname");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "TAP version 13\nok 1 - hostname\n1..1\n");
}

TEST(Binary, FailurePrintsTheLineAndExitsOne) {
  Bundle b(R"({"ociVersion":"1.0.2","hostname":"not-this-host-x"})");
  Outcome r = Exec("--path " + b.path() + " set_host_name");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "hostname: expected \"not-this-host-x\", found \"" + Hostname() +
                       "\" (config.md#hostname, MUST)\n");
  EXPECT_NE(r.out.find("not ok 1 - hostname\n  ---\n"), std::string::npos) << r.out;
}

TEST(Binary, CannotRunExitsTwoWithTheReason) {
  Outcome missing = Exec("--path=/nonexistent-dir-for-runtimetest");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("/nonexistent-dir-for-runtimetest/config.json: No such file"),
            std::string::npos)
      << missing.err;
  Bundle bad(
      R"({"ociVersion":"1.0.2","process":{"rlimits":[{"type":"RLIMIT_NOFILE","soft":1,"hard":"x"}]}})");
  Outcome invalid = Exec("--path=" + bad.path());
  EXPECT_EQ(invalid.status, 2);
  EXPECT_NE(invalid.err.find("process.rlimits[0].hard"), std::string::npos) << invalid.err;
  Outcome unknown = Exec("--path=" + bad.path() + " no_such_test");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("no_such_test"), std::string::npos);
}

// Whatever it is fed, it ends with 0, 1 or 2: never a signal, never a hang.
TEST(Binary, NeverCrashesOnGarbage) {
  std::mt19937 rng(42);
  // Touches every spec area, so that mutations reach every parser and check.
  const std::string seed =
      R"({"ociVersion":"1.0.2","hostname":"h","domainname":"d","root":{"path":"r","readonly":true},
      "process":{"user":{"uid":0,"gid":0,"umask":18,"additionalGids":[1]},"args":["a"],"cwd":"/",
      "env":["A=1"],"oomScoreAdj":0,"noNewPrivileges":true,"apparmorProfile":"p",
      "selinuxLabel":"l","scheduler":{"policy":"SCHED_OTHER","nice":1},
      "ioPriority":{"class":"IOPRIO_CLASS_BE","priority":4},"execCPUAffinity":{"final":"0-1"},
      "rlimits":[{"type":"RLIMIT_NOFILE","soft":1,"hard":2}],
      "capabilities":{"bounding":["CAP_KILL"],"ambient":["CAP_KILL"]}},
      "mounts":[{"destination":"/x","type":"tmpfs","source":"t","options":["ro","mode=755","rro"]},
        {"destination":"/b","type":"bind","source":"/tmp","options":["rbind"],
         "uidMappings":[{"containerID":0,"hostID":1000,"size":1}]}],
      "linux":{"sysctl":{"a.b":"1"},"namespaces":[{"type":"uts"},{"type":"pid","path":"/p"}],
        "uidMappings":[{"containerID":0,"hostID":1000,"size":10}],
        "timeOffsets":{"monotonic":{"secs":1,"nanosecs":2}},
        "devices":[{"path":"/dev/x","type":"c","major":1,"minor":3,"fileMode":438}],
        "resources":{"memory":{"limit":1000000},"pids":{"limit":5},"cpu":{"cpus":"0"}},
        "rootfsPropagation":"slave","maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/sys"],
        "seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["getpriority"],
          "action":"SCMP_ACT_ERRNO","errnoRet":1}]},"personality":{"domain":"LINUX"},
        "memoryPolicy":{"mode":"MPOL_BIND","nodes":"0"},"netDevices":{"eth9":{"name":"e"}},
        "intelRdt":{"closID":"c"},"mountLabel":"m"}})";
  for (int i = 0; i < 80; ++i) {
    std::string text = seed;
    for (int k = 0; k < 1 + i % 5; ++k) {
      size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(pos, 1 + rng() % 8);
          break;
        case 1:
          text.insert(pos, 1, "{}[]\",:0-9e"[rng() % 12]);
          break;
        default:
          text[pos] = static_cast<char>(rng() % 256);
          break;
      }
    }
    Bundle b(text);
    Outcome r = Exec("--path=" + b.path());
    EXPECT_TRUE(r.status == 0 || r.status == 1 || r.status == 2)
        << "status " << r.status << " on: " << text;
  }
}

}  // namespace
