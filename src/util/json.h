// nlohmann/json as the program uses it. Include this, never <nlohmann/json.hpp>: the build defines
// JSON_THROW_USER to a name that does not compile, and this header replaces it, so the library's
// throw sites all end in rt::JsonFatal (util/fatal.h) in every file alike. The program has no
// exceptions, so reading untrusted JSON must check types first (is_string() before get, find()
// before a member, parse(..., nullptr, false), dump with error_handler_t::replace).
#pragma once

#include "util/fatal.h"

#undef JSON_THROW_USER
#define JSON_THROW_USER(exception) ::rt::JsonFatal(__FILE__, __LINE__)
#include <nlohmann/json.hpp>
