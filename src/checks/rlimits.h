#pragma once

#include <optional>
#include <string_view>

namespace rt::checks {

// RLIMIT_NOFILE -> 7; an unknown name -> nullopt.
std::optional<int> RlimitResource(std::string_view name);

}  // namespace rt::checks
