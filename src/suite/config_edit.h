// Small edits of a config (as JSON) that scenario tables share.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "util/json.h"

namespace rt::suite {

// Sets all five capability sets (bounding, effective, inheritable, permitted, ambient) to `caps`:
// a set the kernel keeps across execve(2) for any uid.
void SetAllCapabilities(nlohmann::json& config, std::initializer_list<const char*> caps);

// Replaces the rlimit of `type` (every entry of it) or appends one.
void SetRlimit(nlohmann::json& config, std::string_view type, uint64_t soft, uint64_t hard);

// Replaces the variable named by `entry` ("NAME=value") in process.env, or appends it.
void SetEnv(nlohmann::json& config, std::string_view entry);

// process.user.uid and .gid.
void SetUser(nlohmann::json& config, uint32_t uid, uint32_t gid);

// Replaces the linux.namespaces entry of `type` (every entry of it) or appends one; an empty
// `path` means none.
void SetNamespace(nlohmann::json& config, std::string_view type, std::string_view path = "");

// Drops every linux.namespaces entry of `type`.
void RemoveNamespace(nlohmann::json& config, std::string_view type);

}  // namespace rt::suite
