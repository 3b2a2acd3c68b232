// The built binary, end to end: linked statically, exit codes, the two report streams.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

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
#ifdef RT_SANITIZED
  GTEST_SKIP() << "RT_SANITIZE build: ASan and UBSan cannot link statically, so this runtimetest "
                  "is dynamic; the default and release builds enforce this test";
#endif
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

// The stripped product stays within 1.5 MB (10^6 bytes): it is copied into every container.
TEST(Binary, FitsItsSizeBudget) {
#ifndef RT_STRIPPED_SIZE_BUDGET
  GTEST_SKIP() << "only the MinSizeRel build (the default, stripped) is held to the size budget";
#else
  struct stat st {};
  ASSERT_EQ(stat(RT_BINARY, &st), 0) << RT_BINARY;
  EXPECT_LE(st.st_size, RT_STRIPPED_SIZE_BUDGET)
      << "runtimetest grew past its size budget; README, \"The validator's own cost\", says "
         "where its bytes go";
#endif
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

// The product parses numbers with its own strtod (src/libc_replacements.cc, util/decimal.h):
// its values, as nlohmann/json prints them back, and its overflow.
TEST(Binary, ReadsNumbersAsTheyAreWritten) {
  const std::pair<const char*, const char*> cases[] = {
      {"1.7976931348623157e308", "1.7976931348623157e+308 is out of range for a 32-bit integer"},
      {"9007199254740993e3", "9.007199254740993e+18 is out of range for a 32-bit integer"},
      {"0.1e11", "10000000000.0 is out of range for a 32-bit integer"},
      {"123456789012345678901234567890", "123456789012345678901234567890 is out of range"},
      {"1.7976931348623159e308", "number overflow parsing '1.7976931348623159e308'"},
      {"2.5", "process.oomScoreAdj: expected integer, found number"},
  };
  for (const auto& [number, message] : cases) {
    Bundle b(
        std::string(R"({"ociVersion":"1.0.2","process":{"args":["a"],"cwd":"/","oomScoreAdj":)") +
        number + "}}");
    Outcome r = Exec("--path=" + b.path());
    EXPECT_EQ(r.status, 2) << number;
    EXPECT_NE(r.err.find(message), std::string::npos) << number << ": " << r.err;
  }
}

// --report json:FILE: the same stdout and stderr, and the assertions in a file its schema
// accepts (scripts/check-reports.py), also when it cannot run.
TEST(Binary, JsonReportBesideUnchangedStreams) {
  Bundle b(R"({"ociVersion":"1.0.2","hostname":"not-this-host-x"})");
  const std::string file = b.path() + "/report.json";
  Outcome plain = Exec("--path " + b.path() + " hostname");
  Outcome with = Exec("--path " + b.path() + " --report json:" + file + " hostname");
  EXPECT_EQ(with.status, 1);
  EXPECT_EQ(with.out, plain.out);
  EXPECT_EQ(with.err, plain.err);
  std::string json = Slurp(file);
  EXPECT_NE(json.find("\"line\": \"hostname: expected \\\"not-this-host-x\\\", found"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"exit_status\": 1"), std::string::npos) << json;

  const std::string missing = b.path() + "/missing.json";
  Outcome cannot = Exec("--path=/nonexistent-dir-for-runtimetest --report=json:" + missing);
  EXPECT_EQ(cannot.status, 2);
  EXPECT_NE(Slurp(missing).find("\"error\": \"cannot read the config: open "
                                "/nonexistent-dir-for-runtimetest/config.json: No such file"),
            std::string::npos)
      << Slurp(missing);
  std::string check = "/usr/bin/python3 " + std::string(RT_SOURCE_DIR) +
                      "/scripts/check-reports.py " + file + " " + missing + " >/dev/null";
  EXPECT_EQ(std::system(check.c_str()), 0)
      << check << " (needs python3-jsonschema: scripts/install-deps.sh)";

  Outcome unwritable =
      Exec("--path " + b.path() + " --report json:/nonexistent-dir/r.json hostname");
  EXPECT_EQ(unwritable.status, 2);
  EXPECT_NE(unwritable.err.find("runtimetest: --report: create /nonexistent-dir/.r.json.tmp-"),
            std::string::npos)
      << unwritable.err;
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

// The bad-config corpus (testdata/bad-configs/cases.tsv): every case ends with its exit status
// and message, within a few seconds, and no report line is longer than the cap (4 KiB).
// ASan and UBSan make the binary a few times slower; the time limits grow with it.
#ifdef RT_SANITIZED
constexpr int kSlowdown = 4;
#else
constexpr int kSlowdown = 1;
#endif

namespace corpus {

struct Case {
  std::string name;
  int exit_status = 0;
  std::vector<std::string> checks;
  std::string message;  // a substring of stderr; "-": stderr must be empty
};

std::vector<Case> ReadCases() {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/testdata/bad-configs/cases.tsv");
  std::vector<Case> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() != 4) {
      ADD_FAILURE() << "cases.tsv: expected 4 tab-separated columns: " << line;
      continue;
    }
    Case c{cols[0], std::stoi(cols[1]), {}, cols[3]};
    std::stringstream names(cols[2]);
    for (std::string n; names >> n;) c.checks.push_back(n);
    cases.push_back(c);
  }
  return cases;
}

void WriteFile(const fs::path& p, const std::string& data) {
  std::ofstream(p, std::ios::binary) << data;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The cases too big or too binary to commit, or that are not files at all: each makes
// DIR/config.json (or leaves it out).
const std::map<std::string, std::function<void(const fs::path&)>>& Generators() {
  static const std::map<std::string, std::function<void(const fs::path&)>> gens = {
      {"empty-file", [](const fs::path& p) { WriteFile(p, ""); }},
      {"nul-after-document",
       [](const fs::path& p) {
         WriteFile(p, std::string("{\"ociVersion\":\"1.0.2\"}\0garbage", 30));
       }},
      {"nul-inside-document",
       [](const fs::path& p) {
         WriteFile(p, std::string(
                          "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"a\",\0\"b\"]}}", 53));
       }},
      {"non-utf8-string",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"hostname\":\"h\xff\"}");
       }},
      {"non-utf8-overlong",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"hostname\":\"\xc0\xaf\"}");
       }},
      {"utf16-text",
       [](const fs::path& p) {
         const std::string ascii = "{\"ociVersion\":\"1.0.2\"}";
         std::string utf16 = "\xff\xfe";
         for (char c : ascii) utf16 += std::string{c, '\0'};
         WriteFile(p, utf16);
       }},
      {"deep-arrays-unclosed", [](const fs::path& p) { WriteFile(p, std::string(100000, '[')); }},
      {"deep-arrays-closed",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"x\":" + std::string(100000, '[') +
                          std::string(100000, ']') + "}");
       }},
      {"deep-objects-unclosed",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"x\":" + Repeat("{\"a\":", 100000));
       }},
      {"huge-integer-literal",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"x\":1" + std::string(1000000, '0') + "}");
       }},
      {"huge-string-unclosed",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"hostname\":\"" + std::string(20 << 20, 'h'));
       }},
      {"million-additionalGids",
       [](const fs::path& p) {
         std::string gids;
         for (int i = 1; i <= 1000000; ++i) gids += (i > 1 ? "," : "") + std::to_string(i);
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"process\":{\"user\":{\"uid\":" +
                          std::to_string(getuid()) + ",\"gid\":" + std::to_string(getgid()) +
                          ",\"additionalGids\":[" + gids + "]}}}");
       }},
      {"million-args-last-bad",
       [](const fs::path& p) {
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[" +
                          Repeat("\"a\",", 1000000) + "1]}}");
       }},
      {"million-keys-annotations",
       [](const fs::path& p) {
         std::string members;
         for (int i = 0; i < 1000000; ++i) members += "\"k" + std::to_string(i) + "\":\"v\",";
         WriteFile(p, "{\"ociVersion\":\"1.0.2\",\"annotations\":{" + members + "\"k\":\"v\"}}");
       }},
      {"over-size-cap",
       [](const fs::path& p) {
         // Sparse: 64 MiB + 1 byte on disk costs nothing.
         WriteFile(p, "");
         fs::resize_file(p, (uintmax_t{64} << 20) + 1);
       }},
      {"directory", [](const fs::path& p) { fs::create_directory(p); }},
      {"fifo", [](const fs::path& p) { ASSERT_EQ(mkfifo(p.c_str(), 0600), 0); }},
      {"dev-null", [](const fs::path& p) { fs::create_symlink("/dev/null", p); }},
      {"symlink-loop", [](const fs::path& p) { fs::create_symlink(p, p); }},
      {"dangling-symlink",
       [](const fs::path& p) { fs::create_symlink(p.parent_path() / "nowhere", p); }},
      {"missing", [](const fs::path&) {}},
  };
  return gens;
}

struct Run {
  Outcome outcome;     // status -1: killed at the deadline
  double cpu_seconds;  // user + system time of the process
};

// Runs the binary with a wall-clock deadline (a hang is killed); its CPU time is what the test
// limits, as the wall clock of a shared CI machine says little.
Run RunWithDeadline(const std::vector<std::string>& args, std::chrono::seconds deadline,
                    const fs::path& base) {
  const std::string out_path = base.string() + ".out", err_path = base.string() + ".err";
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Run run{};
  const auto start = std::chrono::steady_clock::now();
  int raw = 0;
  struct rusage usage {};
  bool killed = false;
  while (wait4(pid, &raw, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() - start > deadline) {
      kill(pid, SIGKILL);
      wait4(pid, &raw, 0, &usage);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.outcome.status = killed ? -1 : WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.outcome.out = Slurp(out_path);
  run.outcome.err = Slurp(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return run;
}

size_t LongestLine(const std::string& text) {
  size_t longest = 0;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) longest = std::max(longest, line.size());
  return longest;
}

}  // namespace corpus

TEST(BadConfigs, Corpus) {
  const fs::path corpus_dir = fs::path(RT_SOURCE_DIR) / "testdata/bad-configs";
  const std::vector<corpus::Case> cases = corpus::ReadCases();
  EXPECT_GE(cases.size(), 60u);
  for (const corpus::Case& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path dir =
        fs::temp_directory_path() / ("rt_bad_config_" + std::to_string(getpid()) + "_" + c.name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path config = dir / "config.json";
    const fs::path committed = corpus_dir / (c.name + ".json");
    if (fs::exists(committed)) {
      fs::copy_file(committed, config);
    } else if (auto gen = corpus::Generators().find(c.name); gen != corpus::Generators().end()) {
      gen->second(config);
    } else {
      ADD_FAILURE() << "no file " << committed << " and no generator for case " << c.name;
      continue;
    }
    std::vector<std::string> args = {RT_BINARY, "--path", dir.string()};
    args.insert(args.end(), c.checks.begin(), c.checks.end());
    const corpus::Run run =
        corpus::RunWithDeadline(args, std::chrono::seconds(60 * kSlowdown), dir.string() + "_run");
    const Outcome& r = run.outcome;
    fs::remove_all(dir);
    EXPECT_EQ(r.status, c.exit_status) << "stderr: " << r.err.substr(0, 2000);
    if (c.message == "-") {
      EXPECT_EQ(r.err, "");
    } else {
      EXPECT_NE(r.err.find(c.message), std::string::npos)
          << "expected \"" << c.message << "\" in stderr: " << r.err.substr(0, 2000);
    }
    EXPECT_LE(corpus::LongestLine(r.err), 4096u + 16u);
    EXPECT_LE(corpus::LongestLine(r.out), 4096u);
    // A bound on CPU time, not wall time, and wide: it catches a blow-up (quadratic work on a
    // million keys takes minutes), not a slow machine; 3 s once failed at a load of 12.
    EXPECT_LT(run.cpu_seconds, 10.0 * kSlowdown) << "took " << run.cpu_seconds << " s of CPU";
  }
}

}  // namespace
