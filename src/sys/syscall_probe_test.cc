#include "sys/syscall_probe.h"

#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sys/system.h"

namespace rt::sys {
namespace {

TEST(SyscallProbe, EveryProbeSucceedsWithoutAFilter) {
  for (std::string_view name : ProbeSyscallNames()) {
    errno = 0;
    EXPECT_GE(CallProbeSyscall(name), 0) << name << ": " << std::strerror(errno);
    Result<long> r = Linux().ProbeSyscall(std::string(name));
    EXPECT_TRUE(r.ok()) << r.status().message();
  }
}

TEST(SyscallProbe, UnknownNameCallsNothing) {
  EXPECT_FALSE(IsProbeSyscall("reboot"));
  errno = 0;
  EXPECT_EQ(CallProbeSyscall("reboot"), -1);
  EXPECT_EQ(errno, ENOENT);
  EXPECT_FALSE(Linux().ProbeSyscall("reboot").ok());
}

#if defined(__x86_64__)
// In a child: a filter that fails getpriority with EACCES and allows the rest; the probes must
// show exactly that through the System layer. Exit 0 when they do.
int ProbeUnderFilter() {
  struct sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpriority, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {static_cast<unsigned short>(std::size(filter)), filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return 10;
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) return 11;
  Result<long> blocked = Linux().ProbeSyscall("getpriority");
  if (blocked.ok() || blocked.status().err() != EACCES) return 1;
  Result<long> allowed = Linux().ProbeSyscall("getpgid");
  if (!allowed.ok()) return 2;
  return 0;
}

TEST(SyscallProbe, SeesWhatAFilterDoes) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(ProbeUnderFilter());
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: getpriority not EACCES, 2: getpgid failed, 1x: setup";
}
#endif

}  // namespace
}  // namespace rt::sys
