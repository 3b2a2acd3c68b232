// What runtimetest itself costs inside a container, counted in instructions (callgrind: exact
// and repeatable on a shared, noisy machine), and how that cost grows with the size of the
// config. In one call, for one runtime:
//   - the default config (`runc spec`, as the suite uses it): the baseline;
//   - for each input (mounts, env entries, sysctls, rlimits) and each N: the default config with
//     N more items, and the instructions per item above the baseline and the growth from one N
//     to the next (10× more items should cost about 10× more: linear);
//   - the stripped size of the binary and the max RSS of runtimetest on the default config, run on
//     the host (traced: its VmHWM as it exits, and what that was made of).
// Nothing is asserted; the README's Speed section shows a run.
//
// The container runs valgrind (the host's /usr, bind-mounted read-only) on /bin/runtimetest.
// The runtime gets those plumbing mounts; /spec.json, what runtimetest checks, is the config
// without them. Mounts and env entries go to the runtime as well (N tmpfs mounts, N variables);
// sysctls and rlimits exist in a handful of kinds only, so /spec.json alone carries N of them:
// names the kernel lacks (each a SKIP) and rlimit entries repeating the runtime's own (each
// compared). Two things valgrind itself changes are left out of the verdict (root.readonly is
// false, fd_control and process.rlimits are blinded), so every run should exit 0.
//
//   validator_bench [--runtime PATH] [--runtimetest PATH] [--valgrind PATH] [--sizes 10,100,...]
//                   [--inputs mounts,env,sysctls,rlimits] [--keep DIR]
#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "own_dir.h"
#include "suite/bundle.h"
#include "suite/config_template.h"
#include "suite/files.h"
#include "util/file.h"
#include "util/json.h"
#include "util/text.h"

namespace rt::suite {
namespace {

using nlohmann::json;

struct BenchOptions {
  std::string runtime = "runc";
  std::string runtimetest;
  std::string valgrind = "/usr/bin/valgrind.bin";  // Debian: the ELF behind the sh wrapper
  std::vector<size_t> sizes = {10, 100, 1000, 10000};
  std::vector<std::string> inputs = {"mounts", "env", "sysctls", "rlimits"};
  std::string keep;  // a directory to keep each run's callgrind file in, for callgrind_annotate
};

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool ParseArgs(int argc, char** argv, BenchOptions& o) {
  o.runtimetest = bench::OwnDir() + "/runtimetest";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--runtime") {
      o.runtime = v;
    } else if (a == "--runtimetest") {
      o.runtimetest = v;
    } else if (a == "--valgrind") {
      o.valgrind = v;
    } else if (a == "--sizes") {
      o.sizes.clear();
      for (const std::string& n : SplitComma(v))
        o.sizes.push_back(std::strtoull(n.c_str(), nullptr, 10));
    } else if (a == "--inputs") {
      o.inputs = SplitComma(v);
    } else if (a == "--keep") {
      o.keep = v;
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

// Adds N items of one input. `config` goes to the runtime, `spec` to /spec.json.
void AddItems(const std::string& input, size_t n, json& config, json& spec) {
  if (input == "mounts") {
    for (size_t i = 0; i < n; ++i) {
      json m = {{"destination", "/bench/m" + std::to_string(i)},
                {"type", "tmpfs"},
                {"source", "tmpfs"},
                {"options", {"nosuid", "nodev", "size=64k"}}};
      config["mounts"].push_back(m);
      spec["mounts"].push_back(m);
    }
  } else if (input == "env") {
    for (size_t i = 0; i < n; ++i) {
      const std::string e = "BENCH_" + std::to_string(i) + "=value-" + std::to_string(i);
      config["process"]["env"].push_back(e);
      spec["process"]["env"].push_back(e);
    }
  } else if (input == "sysctls") {
    for (size_t i = 0; i < n; ++i)
      spec["linux"]["sysctl"]["kernel.bench_" + std::to_string(i)] = "1";
  } else if (input == "rlimits") {
    const json own = config["process"]["rlimits"];
    for (size_t i = 0; i < n; ++i) spec["process"]["rlimits"].push_back(own[i % own.size()]);
  }
}

struct Measure {
  uint64_t instructions = 0;
  int exit_code = -1;
  std::string error;
};

Result<int> RunAndWait(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return Status::Errno("fork", errno);
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    if (!std::getenv("BENCH_VERBOSE")) ::dup2(null, 2);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) < 0) return Status::Errno("waitpid", errno);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// What a process's memory came to, from /proc/PID/status as it exits (KiB).
struct PeakMemory {
  long hwm_kb = -1;   // VmHWM: the peak resident set of this executable's image alone
  long anon_kb = -1;  // RssAnon: heap, stack, .data/.bss at exit
  long file_kb = -1;  // RssFile: pages of the binary mapped (fault-around maps 64 KB windows)
};

// Runs argv traced and reads its status at the exit stop (PTRACE_O_TRACEEXIT). rusage's
// ru_maxrss cannot tell: across execve(2) the kernel keeps the larger of the forked parent's
// peak and the new image's, so it reports this bench's own size whenever that is the larger.
PeakMemory RunForPeakMemory(const std::vector<std::string>& argv) {
  PeakMemory peak;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return peak;
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
    ::raise(SIGSTOP);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) return peak;
  ::ptrace(PTRACE_SETOPTIONS, pid, nullptr,
           reinterpret_cast<void*>(PTRACE_O_TRACEEXIT | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL));
  ::ptrace(PTRACE_CONT, pid, nullptr, nullptr);
  while (::waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
    int signal = WSTOPSIG(status);
    if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
      Result<std::string> text = ReadWholeFile("/proc/" + std::to_string(pid) + "/status");
      for (std::string_view line : text.ok() ? Lines(*text) : std::vector<std::string_view>{}) {
        for (auto [key, field] :
             {std::pair{"VmHWM:", &peak.hwm_kb}, std::pair{"RssAnon:", &peak.anon_kb},
              std::pair{"RssFile:", &peak.file_kb}}) {
          if (line.starts_with(key))
            *field = std::strtol(std::string(line.substr(std::strlen(key))).c_str(), nullptr, 10);
        }
      }
      signal = 0;
    } else if (signal == SIGTRAP || status >> 16 != 0) {
      signal = 0;  // the exec event
    }
    ::ptrace(PTRACE_CONT, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(signal)));
  }
  return peak;
}

// The "summary:" or "totals:" line of a callgrind output file.
uint64_t CallgrindTotal(const std::string& text) {
  for (std::string_view line : Lines(text)) {
    for (std::string_view key : {std::string_view("summary: "), std::string_view("totals: ")}) {
      if (line.starts_with(key))
        return std::strtoull(std::string(line.substr(key.size())).c_str(), nullptr, 10);
    }
  }
  return 0;
}

Measure RunOnce(const BenchOptions& o, const BinaryStore& binary, const std::string& work,
                const std::string& name, json config, json spec) {
  Measure m;
  const std::string dir = work + "/" + name;
  const std::string out_dir = work + "/" + name + "-out";
  (void)::mkdir(out_dir.c_str(), 0755);
  // Plumbing for valgrind, in config.json only.
  config["process"]["args"] = {o.valgrind, "--tool=callgrind", "--vgdb=no",
                               "--callgrind-out-file=/bench-out/cg", "/bin/runtimetest"};
  config["mounts"].push_back({{"destination", "/usr"},
                              {"type", "bind"},
                              {"source", "/usr"},
                              {"options", {"rbind", "ro"}}});
  config["mounts"].push_back({{"destination", "/tmp"}, {"type", "tmpfs"}, {"source", "tmpfs"}});
  config["mounts"].push_back({{"destination", "/bench-out"},
                              {"type", "bind"},
                              {"source", out_dir},
                              {"options", {"bind"}}});
  // valgrind needs a writable root and keeps descriptors of its own (above the NOFILE limit, which
  // it lowers): those two checks still run, blinded, so their findings are SKIPs.
  config["root"]["readonly"] = false;
  spec["root"]["readonly"] = false;
  spec["annotations"]["org.runtimetest.blind"] = "fd_control,process.rlimits";
  Result<Bundle> bundle = BuildBundle(dir, config, spec, binary);
  if (!bundle.ok()) {
    m.error = bundle.status().message();
    return m;
  }
  for (const char* link : {"lib", "lib64", "sbin"}) {
    (void)::symlink((std::string("usr/") + link).c_str(), (bundle->rootfs + "/" + link).c_str());
  }
  Result<int> code = RunAndWait({o.runtime, "run", "--bundle", dir, "rt-bench-" + name});
  if (!code.ok()) {
    m.error = code.status().message();
    return m;
  }
  m.exit_code = *code;
  Result<std::string> cg = ReadWholeFile(out_dir + "/cg");
  if (!cg.ok()) {
    m.error = "no callgrind output (exit " + std::to_string(*code) + "): " + cg.status().message();
    return m;
  }
  m.instructions = CallgrindTotal(*cg);
  if (!o.keep.empty()) (void)WriteFile(o.keep + "/callgrind.out." + name, *cg, 0644);
  (void)RemoveTree(dir);
  (void)RemoveTree(out_dir);
  return m;
}

// The stripped size of the binary: `strip -o` into the work dir.
long StrippedSize(const std::string& binary, const std::string& work) {
  const std::string out = work + "/stripped";
  Result<int> code = RunAndWait({"strip", "-o", out, binary});
  struct stat st {};
  if (!code.ok() || *code != 0 || ::stat(out.c_str(), &st) != 0) return -1;
  return st.st_size;
}

int BenchMain(int argc, char** argv) {
  BenchOptions o;
  if (!ParseArgs(argc, argv, o)) {
    std::fprintf(
        stderr,
        "usage: validator_bench [--runtime PATH] [--runtimetest PATH] [--valgrind PATH]\n"
        "                       [--sizes 10,100,1000,10000] [--inputs mounts,env,sysctls,rlimits]\n"
        "                       [--keep DIR]\n");
    return 2;
  }
  char tmpl[] = "/tmp/runtimetest-bench-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::string work = tmpl;
  Result<BinaryStore> binary = BinaryStore::Prepare(o.runtimetest, work);
  if (!binary.ok()) {
    std::fprintf(stderr, "validator_bench: %s\n", binary.status().message().c_str());
    return 1;
  }
  const json base = DefaultConfig();
  const Measure baseline = RunOnce(o, *binary, work, "baseline", base, base);
  if (!baseline.error.empty() || baseline.instructions == 0) {
    std::fprintf(stderr, "validator_bench: baseline: %s\n", baseline.error.c_str());
    (void)RemoveTree(work);
    return 1;
  }
  std::printf("runtimetest %s, runtime %s\n", o.runtimetest.c_str(), o.runtime.c_str());
  std::printf("stripped size: %ld bytes\n", StrippedSize(o.runtimetest, work));
  // Max RSS without valgrind: runtimetest on the host, --path to the baseline's config (its
  // verdicts there do not matter, its memory does).
  const std::string config_dir = work + "/rss";
  (void)::mkdir(config_dir.c_str(), 0755);
  PeakMemory peak;
  if (WriteFile(config_dir + "/config.json", base.dump(), 0644).ok()) {
    peak = RunForPeakMemory({o.runtimetest, "--path", config_dir});
  }
  std::printf(
      "baseline (default config): %llu instructions, exit %d; max RSS %ld KiB "
      "(at exit: %ld KiB anonymous, %ld KiB of the binary's pages)\n",
      static_cast<unsigned long long>(baseline.instructions), baseline.exit_code, peak.hwm_kb,
      peak.anon_kb, peak.file_kb);
  std::printf("\n%-8s %7s %15s %12s %10s %5s\n", "input", "N", "instructions", "per item", "growth",
              "exit");
  for (const std::string& input : o.inputs) {
    uint64_t previous = 0;
    size_t previous_n = 0;
    for (size_t n : o.sizes) {
      json config = base, spec = base;
      AddItems(input, n, config, spec);
      const Measure m = RunOnce(o, *binary, work, input + "-" + std::to_string(n), config, spec);
      if (!m.error.empty()) {
        std::printf("%-8s %7zu  error: %s\n", input.c_str(), n, m.error.c_str());
        continue;
      }
      const double extra =
          static_cast<double>(m.instructions) - static_cast<double>(baseline.instructions);
      const double per_item = extra / static_cast<double>(n);
      // Growth of the cost above the baseline, per 10× more items (linear: 10).
      char growth[32] = "-";
      if (previous > baseline.instructions && previous_n > 0) {
        const double prev_extra = static_cast<double>(previous - baseline.instructions);
        std::snprintf(growth, sizeof growth, "%.2fx/%zux", extra / prev_extra, n / previous_n);
      }
      std::printf("%-8s %7zu %15llu %12.0f %10s %5d\n", input.c_str(), n,
                  static_cast<unsigned long long>(m.instructions), per_item, growth, m.exit_code);
      previous = m.instructions;
      previous_n = n;
    }
  }
  (void)RemoveTree(work);
  return 0;
}

}  // namespace
}  // namespace rt::suite

int main(int argc, char** argv) { return rt::suite::BenchMain(argc, argv); }
