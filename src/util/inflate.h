// Decompression of gzip data (RFC 1952 around RFC 1951's deflate), for text compiled into the
// binary compressed (the spec coverage index): a small decoder instead of a library.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "util/status.h"

namespace rt {

// The content of one gzip member. An error says what is wrong (a bad header, an invalid code, data
// that ends early, a CRC-32 or length that does not match the trailer).
Result<std::string> Gunzip(std::span<const uint8_t> gzip);

}  // namespace rt
