// System calls that are safe to make from inside any container to see what a seccomp filter does
// with them: each only reads something about the calling process or the system, with arguments
// that cannot change any state. None of them is one that runc, crun or runtimetest itself needs
// between loading the filter and the checks, so a config that blocks one still starts.
#pragma once

#include <span>
#include <string_view>

namespace rt::sys {

// The names (as in seccomp profiles and syscalls(2)) of the system calls this platform can probe.
std::span<const std::string_view> ProbeSyscallNames();

bool IsProbeSyscall(std::string_view name);

// Makes the call: its raw return value, or -1 with errno set (as syscall(2)). `name` must be one
// of ProbeSyscallNames(); any other name returns -1 with errno ENOENT and calls nothing.
long CallProbeSyscall(std::string_view name);

}  // namespace rt::sys
