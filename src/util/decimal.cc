#include "util/decimal.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>

namespace rt {
namespace {

// A decimal fraction 0.d1d2d3... × 10^point held digit by digit, halved or doubled exactly by
// shifts of up to 60 bits. The conversion scales it into [1/2, 1), counting the shifts, then
// reads off 53 bits. 800 digits are enough: deciding a tie between two doubles takes at most
// 767 significant digits, and `truncated` stands for whatever lies beyond.
class Decimal {
 public:
  static constexpr int kMaxDigits = 800;
  static constexpr int kMaxShift = 60;  // 9 << 60 still fits 64 bits

  void Push(uint8_t d) {
    if (count_ < kMaxDigits) {
      digits_[count_++] = d;
    } else if (d != 0) {
      truncated_ = true;
    }
  }
  void MovePoint(int by) { point_ += by; }
  int point() const { return point_; }
  bool zero() const { return count_ == 0; }
  uint8_t first() const { return digits_[0]; }

  void TrimTrailingZeros() {
    while (count_ > 0 && digits_[count_ - 1] == 0) --count_;
    if (count_ == 0) point_ = 0;
  }

  // Divides by 2^k.
  void ShiftRight(int k) {
    const uint64_t mask = (uint64_t{1} << k) - 1;
    int read = 0;
    uint64_t n = 0;
    while ((n >> k) == 0) {  // enough leading digits for a first quotient digit
      if (read < count_) {
        n = n * 10 + digits_[read++];
      } else {
        n *= 10;
        ++read;
      }
    }
    point_ -= read - 1;
    int written = 0;
    while (read < count_) {  // the quotient never overtakes what is left to read
      digits_[written++] = static_cast<uint8_t>(n >> k);
      n = (n & mask) * 10 + digits_[read++];
    }
    while (n != 0) {
      const auto d = static_cast<uint8_t>(n >> k);
      if (written < kMaxDigits) {
        digits_[written++] = d;
      } else if (d != 0) {
        truncated_ = true;
      }
      n = (n & mask) * 10;
    }
    count_ = written;
    TrimTrailingZeros();
  }

  // Multiplies by 2^k.
  void ShiftLeft(int k) {
    constexpr int kRoom = kMaxDigits + 20;  // 2^60 has 19 digits
    uint8_t out[kRoom];
    int at = kRoom;
    uint64_t carry = 0;
    for (int i = count_ - 1; i >= 0; --i) {
      const uint64_t v = (uint64_t{digits_[i]} << k) + carry;
      out[--at] = static_cast<uint8_t>(v % 10);
      carry = v / 10;
    }
    for (; carry != 0; carry /= 10) out[--at] = static_cast<uint8_t>(carry % 10);
    const int produced = kRoom - at;
    point_ += produced - count_;
    const int kept = produced < kMaxDigits ? produced : kMaxDigits;
    for (int i = kept; i < produced; ++i) truncated_ |= out[at + i] != 0;
    std::memcpy(digits_, out + at, kept);
    count_ = kept;
    TrimTrailingZeros();
  }

  // The nearest integer, ties to even; the value must be below 10^19.
  uint64_t Rounded() const {
    uint64_t n = 0;
    int i = 0;
    for (; i < point_ && i < count_; ++i) n = n * 10 + digits_[i];
    for (; i < point_; ++i) n *= 10;
    if (point_ < 0 || point_ >= count_) return n;  // below 0.1, or an integer
    const uint8_t next = digits_[point_];
    const bool tie = next == 5 && point_ + 1 == count_ && !truncated_;
    return n + ((tie ? (n & 1) != 0 : next >= 5) ? 1 : 0);
  }

 private:
  uint8_t digits_[kMaxDigits];  // most significant first, no leading zero
  int count_ = 0;
  int point_ = 0;
  bool truncated_ = false;  // nonzero digits past the last held were dropped
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The bits of the double nearest to `d`, a positive value; `d` is spent.
uint64_t ToBits(Decimal& d, bool* out_of_range) {
  constexpr uint64_t kInfinity = uint64_t{0x7ff} << 52;
  if (d.point() > 310) {  // 10^309 > DBL_MAX
    *out_of_range = true;
    return kInfinity;
  }
  if (d.point() < -330) {  // below half the least denormal
    *out_of_range = true;
    return 0;
  }
  // Scale into [1/2, 1): the value is d × 2^exp2 throughout. Three bits per decimal digit never
  // overshoot (8 < 10), so the point ends at 0 with a first digit of 5 or more.
  int exp2 = 0;
  while (d.point() > 0) {
    const int k = d.point() * 3 < Decimal::kMaxShift ? d.point() * 3 : Decimal::kMaxShift;
    d.ShiftRight(k);
    exp2 += k;
  }
  while (d.point() < 0 || d.first() < 5) {
    const int k = d.point() == 0                        ? 1
                  : -d.point() * 3 < Decimal::kMaxShift ? -d.point() * 3
                                                        : Decimal::kMaxShift;
    d.ShiftLeft(k);
    exp2 -= k;
  }
  // value = m × 2^e with m in [1, 2); a double's normal exponents run from -1022 to 1023, and
  // below that the mantissa loses bits (denormals).
  int e = exp2 - 1;
  if (e < -1022) {
    int k = -1022 - e;
    for (; k > Decimal::kMaxShift; k -= Decimal::kMaxShift) d.ShiftRight(Decimal::kMaxShift);
    d.ShiftRight(k);
    e = -1022;
  }
  if (e > 1023) {
    *out_of_range = true;
    return kInfinity;
  }
  d.ShiftLeft(53);  // [1/2, 1) × 2^53: the 53 bits of the mantissa, the leading one included
  uint64_t mantissa = d.Rounded();
  if (mantissa == uint64_t{1} << 53) {  // rounded up to the next power of two
    mantissa >>= 1;
    if (++e > 1023) {
      *out_of_range = true;
      return kInfinity;
    }
  }
  if (mantissa == 0) *out_of_range = true;
  const uint64_t biased = (mantissa >> 52) != 0 ? static_cast<uint64_t>(e + 1023) : 0;
  return (biased << 52) | (mantissa & ((uint64_t{1} << 52) - 1));
}

}  // namespace

ParsedDouble ParseDouble(const char* text) {
  ParsedDouble out{.end = text};
  const char* p = text;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  Decimal d;
  bool any_digit = false;
  for (; IsDigit(*p); ++p) {
    any_digit = true;
    if (d.zero() && *p == '0') continue;  // a leading zero
    d.Push(static_cast<uint8_t>(*p - '0'));
    d.MovePoint(1);
  }
  if (*p == '.') {
    for (++p; IsDigit(*p); ++p) {
      any_digit = true;
      if (d.zero() && *p == '0') {
        d.MovePoint(-1);
      } else {
        d.Push(static_cast<uint8_t>(*p - '0'));
      }
    }
  }
  if (!any_digit) return out;
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    const bool negative_exponent = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (IsDigit(*q)) {
      int exponent = 0;
      for (; IsDigit(*q); ++q) {
        if (exponent < 100000) exponent = exponent * 10 + (*q - '0');  // far past any double
      }
      d.MovePoint(negative_exponent ? -exponent : exponent);
      p = q;
    }
  }
  out.end = p;
  d.TrimTrailingZeros();
  const uint64_t bits = d.zero() ? 0 : ToBits(d, &out.out_of_range);
  out.value = std::bit_cast<double>(bits | (negative ? uint64_t{1} << 63 : 0));
  return out;
}

}  // namespace rt
