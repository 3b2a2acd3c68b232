// Small pure helpers of the process checks, shared with other spec areas.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rt::checks {

// Lexical normalisation of an absolute path: repeated and trailing slashes and "." removed.
std::string NormalizePath(std::string_view path);

// ["a", "b"] with each item quoted.
std::string FormatList(const std::vector<std::string>& items);

}  // namespace rt::checks
