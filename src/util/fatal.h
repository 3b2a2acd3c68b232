// The program is built without C++ exceptions (README, "The validator's own cost": the unwind
// tables and landing pads were a fifth of the binary). What would have been thrown is a broken
// invariant of ours that libstdc++ or nlohmann/json caught: the program ends here, with one line
// on stderr, "runtimetest: internal error: <what>", and SIGABRT. Errors that input can cause are
// values (util/status.h), never this.
#pragma once

namespace rt {

// Writes "runtimetest: internal error: <what>\n" to stderr with one write(2) and aborts.
[[noreturn]] void Fatal(const char* what) noexcept;

// What nlohmann/json does instead of throwing (util/json.h): `file` and `line` are those of the
// library's throw site, which name the error exactly (its message would cost a string per site).
[[noreturn]] void JsonFatal(const char* file, int line) noexcept;

}  // namespace rt
