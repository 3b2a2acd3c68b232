// Two functions of glibc, replaced in the product only (not the core library, not the tests,
// which compare against glibc's): in a static link the linker takes them from here and never
// pulls glibc's object that defines them, nor what that object drags in. README, "The
// validator's own cost", gives the sizes.
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "util/decimal.h"
#include "util/fatal.h"

extern "C" {

// glibc's reports a failed assert() of glibc's own code through gettext and the wide-character
// printf (29 KB of the binary): assertions of ours are compiled out (NDEBUG), so only glibc's
// could ever fail, and one line says which.
[[noreturn]] void __assert_fail(const char* assertion, const char* file, unsigned int line,
                                const char* function) noexcept {
  char what[384];
  std::snprintf(what, sizeof what, "glibc's assertion %s failed in %s (%s:%u)", assertion, function,
                file, line);
  rt::Fatal(what);
}

// nlohmann/json's lexer converts every fraction, exponent or too-large integer with strtod, and
// so does the suite's --timeout; glibc's pulls its locale code and tables (37 KB). Decimal
// syntax only (util/decimal.h): neither caller hands it "inf", "nan" or hexadecimal.
double strtod(const char* __restrict text, char** __restrict end) noexcept {
  const rt::ParsedDouble parsed = rt::ParseDouble(text);
  if (end != nullptr) *end = const_cast<char*>(parsed.end);
  if (parsed.out_of_range) errno = ERANGE;
  return parsed.value;
}

}  // extern "C"
