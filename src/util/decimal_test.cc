// ParseDouble against glibc's strtod (the tests link glibc's; only the product takes ours), on
// the cases that are hard to round and on a few hundred thousand random ones.
#include "util/decimal.h"

#include <gtest/gtest.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

namespace rt {
namespace {

// Both agree on the bits, on where the number ends, and on ERANGE when glibc's result is
// infinite or zero (glibc also says ERANGE for an inexact denormal; ours does not).
void ExpectAsGlibc(const std::string& text) {
  errno = 0;
  char* glibc_end = nullptr;
  const double expected = std::strtod(text.c_str(), &glibc_end);
  const bool glibc_range = errno == ERANGE;
  const ParsedDouble got = ParseDouble(text.c_str());
  ASSERT_EQ(std::bit_cast<uint64_t>(got.value), std::bit_cast<uint64_t>(expected))
      << text << ": " << got.value << " != " << expected;
  ASSERT_EQ(got.end, glibc_end) << text;
  if (std::isinf(expected) || expected == 0) {
    ASSERT_EQ(got.out_of_range, glibc_range) << text;
  } else {
    ASSERT_FALSE(got.out_of_range) << text;
  }
}

TEST(ParseDouble, Plain) {
  for (const char* t : {"0",
                        "-0",
                        "+0",
                        "1",
                        "-1",
                        "1.5",
                        ".5",
                        "5.",
                        "0.1",
                        "0.3",
                        "3.14159",
                        "1e10",
                        "1E-10",
                        "2.5e+3",
                        "  42",
                        "\t-7.25",
                        "123456789012345678901234567890",
                        "0.000000000000000000000000000001",
                        "00012.50000",
                        "1e0",
                        "0e999999"}) {
    ExpectAsGlibc(t);
  }
}

TEST(ParseDouble, StopsWhereTheNumberEnds) {
  for (const char* t : {"1.5x", "1e", "1e+", "1e-x", "1.2.3", "12abc", "-", "+", ".", "", "x1",
                        "-.e5", ".e5", "1 2", "7,5"}) {
    ExpectAsGlibc(t);
  }
  for (const char* t : {"inf", "nan", "0x1p3"}) {  // glibc's reads these; not numbers here
    EXPECT_EQ(ParseDouble(t).end, t[0] == '0' ? t + 1 : t) << t;
  }
}

TEST(ParseDouble, Limits) {
  for (const char* t : {"1.7976931348623157e308",
                        "1.7976931348623158e308",
                        "1.7976931348623159e308",
                        "1e308",
                        "1e309",
                        "-1e400",
                        "2.2250738585072014e-308",
                        "2.2250738585072011e-308",
                        "4.9406564584124654e-324",
                        "2.4703282292062327e-324",
                        "2.4703282292062328e-324",
                        "5e-324",
                        "3e-324",
                        "1e-330",
                        "1e-400",
                        "0.0000001e-317",
                        "1e-999999999",
                        "1e999999999",
                        "9007199254740993",
                        "9007199254740992.5",
                        "9007199254740993.0000000001",
                        "18446744073709551615",
                        "18446744073709551616",
                        "1e23",
                        "8.98846567431158e307"}) {
    ExpectAsGlibc(t);
  }
}

// Exactly halfway between two doubles: ties go to even, and one more digit far away decides.
TEST(ParseDouble, Ties) {
  // 2^53 + 1 and 2^53 + 3 are halfway cases; the smallest denormal's half.
  ExpectAsGlibc("9007199254740993");
  ExpectAsGlibc("9007199254740995");
  ExpectAsGlibc("2.470328229206232720882538e-324");
  std::string long_tie =
      "2.4703282292062327208828439643411068618252990130716238221279284125033775"
      "3635104375932649918180817996189898282347722858865463328355177969898199"
      "3873";
  ExpectAsGlibc(long_tie);
  ExpectAsGlibc(long_tie + "0000000000000000000000000000000000000000000000000000000000000001");
  // 1 + 2^-53 written out in full, with and without a last nonzero digit 900 places later.
  const std::string half_ulp = "1.00000000000000011102230246251565404236316680908203125";
  ExpectAsGlibc(half_ulp);
  ExpectAsGlibc(half_ulp + std::string(900, '0') + "1");
  ExpectAsGlibc(half_ulp + std::string(900, '0'));
}

TEST(ParseDouble, RandomDoublesPrintedShortAndLong) {
  std::mt19937_64 rng(7);
  char text[64];
  for (int i = 0; i < 25000; ++i) {
    const double d = std::bit_cast<double>(rng());
    if (!std::isfinite(d)) continue;
    for (int digits : {17, 16, 15, 25}) {
      std::snprintf(text, sizeof text, "%.*e", digits, d);
      ExpectAsGlibc(text);
    }
  }
}

TEST(ParseDouble, RandomDigitStrings) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 25000; ++i) {
    std::string t;
    const int digits = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < digits; ++k) t += static_cast<char>('0' + rng() % 10);
    if (rng() % 2) t.insert(rng() % t.size(), ".");
    t += "e" + std::to_string(static_cast<int>(rng() % 700) - 350);
    ExpectAsGlibc(t);
  }
}

}  // namespace
}  // namespace rt
