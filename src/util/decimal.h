// Decimal text to the nearest double, rounded as IEEE 754 says (to nearest, ties to even), for any
// number of digits. It is the product's strtod (src/libc_replacements.cc): nlohmann/json's lexer
// converts every number with a fraction or an exponent, or too large for 64 bits, with strtod,
// and glibc's pulls in its locale machinery (37 KB of the static binary).
#pragma once

namespace rt {

struct ParsedDouble {
  double value = 0;
  const char* end = nullptr;  // past the number; `text` itself when there is none
  bool out_of_range = false;  // overflowed to infinity, or a nonzero number underflowed to zero
};

// Reads, after optional white space, [+|-] digits [. digits] [(e|E) [+|-] digits] (digits on
// at least one side of the point), the syntax of C's decimal floating constants and a superset
// of JSON's numbers. "inf", "nan" and hexadecimal are not numbers here.
ParsedDouble ParseDouble(const char* text);

}  // namespace rt
