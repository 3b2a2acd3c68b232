// The suite's --filter: a scenario is selected when the pattern matches somewhere in its name.
//
// The pattern language is the part of POSIX extended regular expressions that names need, with
// the same meaning: literal characters, `.`, bracket expressions (`[a-z0-9]`, `[^/]`, the classes
// `[:alpha:]` `[:digit:]` `[:alnum:]` `[:upper:]` `[:lower:]` `[:space:]` `[:punct:]`), `^` and `$`,
// groups `( )`, alternation `|`, and the repeats `*` `+` `?` `{m}` `{m,}` `{m,n}`. A backslash
// makes the next punctuation character literal (`\.`); a backslash before a letter or digit (GNU's
// `\w`, `\b`, back-references) and collating elements (`[.x.]`, `[=x=]`) are refused with an error,
// so no pattern silently means something else than it did with regcomp(3).
//
// Our own matcher instead of libc's regcomp/regexec, which cost the static binary about 70 KB. It
// compiles to a small automaton and matches in time linear in the name (no backtracking).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rt::suite {

class NameFilter {
 public:
  // The error names the offset in the pattern and what is wrong there.
  static Result<NameFilter> Compile(std::string_view pattern);

  // True when the pattern matches a part of `name` (searched, as egrep does).
  bool Matches(std::string_view name) const;

  // One instruction of the automaton (public for the compiler in name_filter.cc only).
  struct Inst {
    enum class Op : uint8_t { kByte, kAny, kSet, kBegin, kEnd, kSplit, kJump, kMatch };
    Op op;
    unsigned char byte = 0;  // kByte
    int x = 0;               // kSet: the set; kSplit, kJump: a target
    int y = 0;               // kSplit: the other target
  };

 private:
  std::vector<Inst> program_;
  std::vector<std::string> sets_;  // 256 bytes each: '\1' where the byte is in the set
};

}  // namespace rt::suite
