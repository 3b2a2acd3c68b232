#include "util/fatal.h"

#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace rt {

void Fatal(const char* what) noexcept {
  static constexpr char kHead[] = "runtimetest: internal error: ";
  char line[512];
  const size_t head = sizeof kHead - 1;
  size_t n = what != nullptr ? std::strlen(what) : 0;
  if (n > sizeof line - head - 1) n = sizeof line - head - 1;
  std::memcpy(line, kHead, head);
  if (n != 0) std::memcpy(line + head, what, n);
  line[head + n] = '\n';
  (void)!::write(STDERR_FILENO, line, head + n + 1);
  std::abort();
}

void JsonFatal(const char* file, int line) noexcept {
  char what[384];
  std::snprintf(what, sizeof what, "nlohmann/json refused an operation (%s:%d)", file, line);
  Fatal(what);
}

}  // namespace rt

// libstdc++'s hooks for a program built with -fno-exceptions (bits/functexcept.h): its inline
// code calls these where it would throw (a substr past the end, a vector past max_size()). The
// library's own versions throw, which needs the unwinder, the exception classes and, through the
// default terminate handler, the demangler; these say what went wrong and abort. They cover every
// function the library's functexcept.o defines, so that object is never linked beside them, and
// __throw_bad_function_call (an empty std::function called).
namespace std {

void __throw_bad_exception() { rt::Fatal("std::bad_exception"); }
void __throw_bad_alloc() { rt::Fatal("out of memory"); }
void __throw_bad_array_new_length() { rt::Fatal("std::bad_array_new_length"); }
void __throw_bad_cast() { rt::Fatal("std::bad_cast"); }
void __throw_bad_typeid() { rt::Fatal("std::bad_typeid"); }
void __throw_bad_function_call() { rt::Fatal("an empty std::function was called"); }
void __throw_logic_error(const char* what) { rt::Fatal(what); }
void __throw_domain_error(const char* what) { rt::Fatal(what); }
void __throw_invalid_argument(const char* what) { rt::Fatal(what); }
void __throw_length_error(const char* what) { rt::Fatal(what); }
void __throw_out_of_range(const char* what) { rt::Fatal(what); }
void __throw_runtime_error(const char* what) { rt::Fatal(what); }
void __throw_range_error(const char* what) { rt::Fatal(what); }
void __throw_overflow_error(const char* what) { rt::Fatal(what); }
void __throw_underflow_error(const char* what) { rt::Fatal(what); }

// The format holds %zu and %s conversions ("basic_string::substr: __pos (which is %zu) > ...").
void __throw_out_of_range_fmt(const char* format, ...) {
  char what[384];
  va_list args;
  va_start(args, format);
  std::vsnprintf(what, sizeof what, format, args);
  va_end(args);
  rt::Fatal(what);
}

}  // namespace std

// libstdc++'s default terminate handler, replaced: its own prints the type of the exception in
// flight, demangled, which links the whole demangler (44 KB) into a program that throws nothing.
// Reached only if libstdc++ itself calls std::terminate.
namespace __gnu_cxx {

void __verbose_terminate_handler() { rt::Fatal("std::terminate called"); }

}  // namespace __gnu_cxx
