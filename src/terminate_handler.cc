// The product's std::terminate handler, linked into runtimetest only (not the core library, not
// the tests). libstdc++'s default, the "verbose" handler, demangles the exception's type name and
// so links the whole demangler (~47 KB, 3% of the static binary) into a program that never needs
// it: main catches every exception, so terminate means a noexcept function threw, and one line
// and an abort say enough. Defining the handler variable here keeps libstdc++'s definition (and
// with it the demangler) out of the link.
#include <unistd.h>

#include <cstdlib>
#include <exception>

namespace {

[[noreturn]] void TerminateQuietly() {
  static const char kLine[] = "runtimetest: internal error: terminate called\n";
  (void)!::write(STDERR_FILENO, kLine, sizeof kLine - 1);
  std::abort();
}

}  // namespace

namespace __cxxabiv1 {
// NOLINTNEXTLINE(bugprone-reserved-identifier): the name libstdc++ gives its handler variable.
std::terminate_handler __terminate_handler = TerminateQuietly;
}  // namespace __cxxabiv1
