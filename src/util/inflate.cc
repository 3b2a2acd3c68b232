#include "util/inflate.h"

#include <array>

namespace rt {
namespace {

// Bits are read least significant first (RFC 1951, 3.1.1).
class BitReader {
 public:
  explicit BitReader(std::span<const uint8_t> data) : data_(data) {}

  // The next `count` bits (count <= 16); past the end, sets overrun() and returns 0.
  unsigned Bits(int count) {
    while (held_ < count) {
      if (next_ == data_.size()) {
        overrun_ = true;
        return 0;
      }
      buffer_ |= static_cast<uint32_t>(data_[next_++]) << held_;
      held_ += 8;
    }
    const unsigned value = buffer_ & ((1u << count) - 1);
    buffer_ >>= count;
    held_ -= count;
    return value;
  }
  void SkipToByte() {
    buffer_ = 0;
    held_ = 0;
  }
  // Whole bytes after the bits read (after SkipToByte).
  size_t position() const { return next_; }
  void Advance(size_t bytes) { next_ += bytes; }
  bool overrun() const { return overrun_; }
  std::span<const uint8_t> data() const { return data_; }

 private:
  std::span<const uint8_t> data_;
  size_t next_ = 0;
  uint32_t buffer_ = 0;
  int held_ = 0;
  bool overrun_ = false;
};

constexpr int kMaxBits = 15;

// A canonical Huffman code: how many codes each length has, and the symbols in code order.
struct Code {
  std::array<uint16_t, kMaxBits + 1> per_length{};
  std::array<uint16_t, 288> symbols{};
};

// From the code length of each symbol (0: unused). False when the lengths over-subscribe the code
// space; an incomplete code is allowed (a single distance code is one).
bool Build(Code& code, const uint8_t* lengths, int count) {
  code.per_length.fill(0);
  for (int s = 0; s < count; ++s) ++code.per_length[lengths[s]];
  int left = 1;
  for (int len = 1; len <= kMaxBits; ++len) {
    left = left * 2 - code.per_length[len];
    if (left < 0) return false;
  }
  std::array<uint16_t, kMaxBits + 2> first{};
  for (int len = 1; len <= kMaxBits; ++len) first[len + 1] = first[len] + code.per_length[len];
  for (int s = 0; s < count; ++s) {
    if (lengths[s] != 0) code.symbols[first[lengths[s]]++] = static_cast<uint16_t>(s);
  }
  return true;
}

// The next symbol, one bit at a time: codes of one length are consecutive numbers. -1: no code.
int Decode(BitReader& in, const Code& code) {
  int value = 0, first = 0, index = 0;
  for (int len = 1; len <= kMaxBits; ++len) {
    value |= static_cast<int>(in.Bits(1));
    const int count = code.per_length[len];
    if (value - first < count) return code.symbols[index + value - first];
    index += count;
    first = (first + count) << 1;
    value <<= 1;
    if (in.overrun()) return -1;
  }
  return -1;
}

constexpr uint16_t kLengthBase[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                    2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistanceBase[] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                      33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145,  8193,  12289, 16385, 24577};
constexpr uint8_t kDistanceExtra[] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                      6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

// Literals and matches of one compressed block, up to its end-of-block symbol.
Status Symbols(BitReader& in, const Code& lengths, const Code& distances, std::string& out) {
  for (;;) {
    int symbol = Decode(in, lengths);
    if (symbol < 0) return Status::Error("deflate: an invalid literal/length code");
    if (symbol < 256) {
      out.push_back(static_cast<char>(symbol));
      continue;
    }
    if (symbol == 256) return Status::Ok();
    symbol -= 257;
    if (symbol >= 29) return Status::Error("deflate: an invalid length symbol");
    const size_t length = kLengthBase[symbol] + in.Bits(kLengthExtra[symbol]);
    const int d = Decode(in, distances);
    if (d < 0 || d >= 30) return Status::Error("deflate: an invalid distance code");
    const size_t distance = kDistanceBase[d] + in.Bits(kDistanceExtra[d]);
    if (in.overrun()) break;
    if (distance > out.size()) return Status::Error("deflate: a distance before the start");
    for (size_t k = 0; k < length; ++k) out.push_back(out[out.size() - distance]);
  }
  return Status::Error("deflate: the data ends inside a block");
}

Status Stored(BitReader& in, std::string& out) {
  in.SkipToByte();
  std::span<const uint8_t> rest = in.data().subspan(in.position());
  if (rest.size() < 4) return Status::Error("deflate: the data ends inside a stored block");
  const unsigned length = rest[0] | rest[1] << 8, complement = rest[2] | rest[3] << 8;
  if ((length ^ 0xffff) != complement) return Status::Error("deflate: a stored block's length does not match");
  if (rest.size() < 4 + length) return Status::Error("deflate: the data ends inside a stored block");
  out.append(reinterpret_cast<const char*>(rest.data()) + 4, length);
  in.Advance(4 + length);
  return Status::Ok();
}

Status Fixed(BitReader& in, std::string& out) {
  uint8_t lengths[288];
  for (int s = 0; s < 288; ++s) lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
  Code literal, distance;
  Build(literal, lengths, 288);
  for (uint8_t& l : lengths) l = 5;
  Build(distance, lengths, 30);
  return Symbols(in, literal, distance, out);
}

Status Dynamic(BitReader& in, std::string& out) {
  const int literals = static_cast<int>(in.Bits(5)) + 257;
  const int distances = static_cast<int>(in.Bits(5)) + 1;
  const int code_lengths = static_cast<int>(in.Bits(4)) + 4;
  if (literals > 286 || distances > 30) return Status::Error("deflate: too many codes in a block header");
  constexpr uint8_t kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  uint8_t lengths[286 + 30] = {};
  for (int k = 0; k < code_lengths; ++k) lengths[kOrder[k]] = static_cast<uint8_t>(in.Bits(3));
  Code lengths_code;
  if (!Build(lengths_code, lengths, 19)) return Status::Error("deflate: an invalid code length code");
  for (int k = 0; k < literals + distances;) {
    const int symbol = Decode(in, lengths_code);
    if (symbol < 0) return Status::Error("deflate: an invalid code length");
    if (symbol < 16) {
      lengths[k++] = static_cast<uint8_t>(symbol);
      continue;
    }
    uint8_t repeated = 0;
    int times = 0;
    if (symbol == 16) {
      if (k == 0) return Status::Error("deflate: a repeat of no previous length");
      repeated = lengths[k - 1];
      times = 3 + static_cast<int>(in.Bits(2));
    } else {
      times = symbol == 17 ? 3 + static_cast<int>(in.Bits(3)) : 11 + static_cast<int>(in.Bits(7));
    }
    if (k + times > literals + distances) return Status::Error("deflate: code lengths past the codes");
    while (times-- > 0) lengths[k++] = repeated;
  }
  if (in.overrun()) return Status::Error("deflate: the data ends inside a block header");
  if (lengths[256] == 0) return Status::Error("deflate: a block without an end-of-block code");
  Code literal, distance;
  if (!Build(literal, lengths, literals) || !Build(distance, lengths + literals, distances)) {
    return Status::Error("deflate: an invalid literal/length or distance code");
  }
  return Symbols(in, literal, distance, out);
}

uint32_t Crc32(const std::string& data) {
  uint32_t crc = 0xffffffff;
  for (char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
  }
  return ~crc;
}

uint32_t Le32(std::span<const uint8_t> b) { return b[0] | b[1] << 8 | b[2] << 16 | static_cast<uint32_t>(b[3]) << 24; }

}  // namespace

Result<std::string> Gunzip(std::span<const uint8_t> gzip) {
  if (gzip.size() < 18 || gzip[0] != 0x1f || gzip[1] != 0x8b || gzip[2] != 8) {
    return Status::Error("gzip: not a gzip member using deflate");
  }
  const uint8_t flags = gzip[3];
  size_t start = 10;
  if (flags & 4) start += 2 + (gzip[10] | gzip[11] << 8);  // FEXTRA
  for (uint8_t field : {8, 16}) {                           // FNAME, FCOMMENT: zero-terminated
    if (!(flags & field)) continue;
    while (start < gzip.size() && gzip[start] != 0) ++start;
    ++start;
  }
  if (flags & 2) start += 2;  // FHCRC
  if (start + 8 > gzip.size()) return Status::Error("gzip: the header runs past the data");
  BitReader in(gzip.subspan(start, gzip.size() - start - 8));
  std::string out;
  for (bool last = false; !last;) {
    last = in.Bits(1) == 1;
    const unsigned type = in.Bits(2);
    Status block = type == 0   ? Stored(in, out)
                   : type == 1 ? Fixed(in, out)
                   : type == 2 ? Dynamic(in, out)
                               : Status::Error("deflate: a block of the reserved type 3");
    if (!block.ok()) return block;
    if (in.overrun()) return Status::Error("deflate: the data ends inside a block");
  }
  std::span<const uint8_t> trailer = gzip.last(8);
  if (Le32(trailer) != Crc32(out)) return Status::Error("gzip: the CRC-32 does not match");
  if (Le32(trailer.subspan(4)) != static_cast<uint32_t>(out.size())) {
    return Status::Error("gzip: the length does not match");
  }
  return out;
}

}  // namespace rt
