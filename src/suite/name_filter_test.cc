#include "suite/name_filter.h"

#include <gtest/gtest.h>
#include <regex.h>

#include "suite/op_scenario.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

bool Matches(std::string_view pattern, std::string_view name) {
  Result<NameFilter> filter = NameFilter::Compile(pattern);
  EXPECT_TRUE(filter.ok()) << pattern << ": " << filter.status().message();
  return filter.ok() && filter->Matches(name);
}

std::string ErrorOf(std::string_view pattern) {
  Result<NameFilter> filter = NameFilter::Compile(pattern);
  return filter.ok() ? "compiled" : filter.status().message();
}

TEST(NameFilterTest, SearchesAnywhereUnlessAnchored) {
  EXPECT_TRUE(Matches("", "hostname/set"));
  EXPECT_TRUE(Matches("name/s", "hostname/set"));
  EXPECT_FALSE(Matches("^name", "hostname/set"));
  EXPECT_TRUE(Matches("^host", "hostname/set"));
  EXPECT_TRUE(Matches("set$", "hostname/set"));
  EXPECT_FALSE(Matches("se$", "hostname/set"));
  EXPECT_TRUE(Matches("^hostname/set$", "hostname/set"));
  EXPECT_FALSE(Matches("^hostname/se$", "hostname/set"));
}

TEST(NameFilterTest, GroupsAlternativesAndRepeats) {
  EXPECT_TRUE(Matches("^(hostname/|ops/delete/created-is-error|mounts/bind$)", "mounts/bind"));
  EXPECT_FALSE(Matches("^(hostname/|ops/delete/created-is-error|mounts/bind$)", "mounts/bind-ro"));
  EXPECT_TRUE(Matches("^(hostname/|ops/delete/created-is-error|mounts/bind$)", "hostname/x"));
  EXPECT_TRUE(Matches("^a(b|c)*d$", "abcbcd"));
  EXPECT_FALSE(Matches("^a(b|c)+d$", "ad"));
  EXPECT_TRUE(Matches("^ab?c$", "ac"));
  EXPECT_TRUE(Matches("^a{2,3}$", "aaa"));
  EXPECT_FALSE(Matches("^a{2,3}$", "aaaa"));
  EXPECT_TRUE(Matches("^a{2,}$", "aaaaa"));
  EXPECT_TRUE(Matches("^(a*)*$", "aaa"));  // a loop that can match nothing ends
  EXPECT_TRUE(Matches("^(|x)y", "y"));
}

TEST(NameFilterTest, BracketsDotsAndEscapes) {
  EXPECT_TRUE(Matches("^linux\\.resources", "linux.resources/pids-limit"));
  EXPECT_FALSE(Matches("^linux\\.resources", "linuxXresources/pids-limit"));
  EXPECT_TRUE(Matches("^linux.resources", "linuxXresources/pids-limit"));
  EXPECT_TRUE(Matches("^[a-z]+/[0-9]$", "abc/7"));
  EXPECT_FALSE(Matches("^[^/]*$", "a/b"));
  EXPECT_TRUE(Matches("^[]a]+$", "]a]"));
  EXPECT_TRUE(Matches("^[a-]+$", "a-a"));
  EXPECT_TRUE(Matches("^[[:digit:][:upper:]]+$", "7A"));
  EXPECT_FALSE(Matches("^[[:digit:]]+$", "7a"));
}

TEST(NameFilterTest, RefusesWhatItDoesNotMeanAsRegcompDid) {
  EXPECT_EQ(ErrorOf("(["), "at offset 2: '[' without its ']'");
  EXPECT_EQ(ErrorOf("(ab"), "at offset 3: '(' without its ')'");
  EXPECT_EQ(ErrorOf("ab)"), "at offset 2: ')' without its '('");
  EXPECT_EQ(ErrorOf("*a"), "at offset 0: '*' repeats nothing");
  EXPECT_EQ(ErrorOf("a{3,1}"), "at offset 6: {m,n} with n below m");
  EXPECT_EQ(ErrorOf("a{x}"), "at offset 2: a number expected in {}");
  EXPECT_EQ(ErrorOf("\\w+"), "at offset 1: '\\w' is not supported (a backslash makes punctuation literal)");
  EXPECT_EQ(ErrorOf("a\\"), "at offset 2: a '\\' at the end");
  EXPECT_EQ(ErrorOf("[[:word:]]"), "at offset 1: unknown class [:word:]");
  EXPECT_EQ(ErrorOf("[z-a]"), "at offset 4: a range that ends before it starts");
  EXPECT_EQ(ErrorOf(std::string(101, '(')), "at offset 101: groups nested deeper than 100");
  EXPECT_EQ(ErrorOf("(a{255}){255}"), "the pattern's repeats make it too large");
  EXPECT_EQ(ErrorOf("[[.a.]]"), "at offset 1: collating elements ([. .], [= =]) are not supported");
}

// Every pattern the README, scripts/ and the tests use, and some harder ones, select exactly the
// scenarios libc's POSIX ERE (what --filter used before) selects.
TEST(NameFilterTest, SelectsWhatRegcompSelects) {
  std::vector<std::string> names = {"", "a", "x.y", "aaa", "abab", "mounts/bind-ro"};
  for (const Scenario* s : AllScenarios()) names.push_back(s->name);
  for (const OpScenario* s : AllOpScenarios()) names.push_back(s->name);
  const char* patterns[] = {
      "^mounts",
      "^(hostname/|ops/delete/created-is-error|mounts/bind$)",
      "^ops/",
      "^linux.resources",
      "^(linux\\.resources/|ops/delete/|mounts\\.idmap/|hooks/fail/|linux\\.namespaces/cgroup)",
      "^(hostname/set|process\\.cwd/subdir|process\\.rlimits/reject-unknown-type|linux\\.resources/"
      "(pids-limit|memory-limit)|process\\.execCPUAffinity/exec-final|linux\\.netDevices/rename|"
      "mounts/bind|linux\\.namespaces/ipc-path|ops/start/running-is-error)$",
      "^(hostname|process|mounts/|ops/(state|kill|console|exec)/)",
      "hostname",
      "^hostname/",
      "^ops/state/",
      "^ops/(start|state)/",
      "^hooks/(args-env|order/array|state/poststop)",
      "^ops/state/lifecycle$",
      "^(default|ops/start/unknown-id)$",
      "^(hostname/(set|mismatch)|ops/delete/created-is-error)$",
      "^hostname/(set|mismatch)$",
      "mismatch$",
      "[0-9]",
      "^[a-z]+\\.[a-z]+/",
      "(a|ab)(c|bcd)?$",
      "^(a*)*$",
      "b{2}|^x",
      "^[^/]*/[^-]*-[a-z]+$",
      "e.?-",
      "(^|/)bind",
      "(set|$)",
  };
  for (const char* pattern : patterns) {
    regex_t posix;
    ASSERT_EQ(::regcomp(&posix, pattern, REG_EXTENDED | REG_NOSUB), 0) << pattern;
    Result<NameFilter> ours = NameFilter::Compile(pattern);
    ASSERT_TRUE(ours.ok()) << pattern << ": " << ours.status().message();
    for (const std::string& name : names) {
      EXPECT_EQ(ours->Matches(name), ::regexec(&posix, name.c_str(), 0, nullptr, 0) == 0)
          << pattern << " on " << name;
    }
    ::regfree(&posix);
  }
}

}  // namespace
}  // namespace rt::suite
