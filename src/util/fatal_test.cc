// What ends the program instead of an exception: one line on stderr, then SIGABRT.
#include "util/fatal.h"

#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <vector>

#include "util/json.h"

namespace rt {
namespace {

TEST(FatalDeathTest, OneLineThenAbort) {
  EXPECT_EXIT(Fatal("the reason"), testing::KilledBySignal(SIGABRT),
              "^runtimetest: internal error: the reason\n$");
}

TEST(FatalDeathTest, ALongReasonIsCutNotOverrun) {
  const std::string reason(5000, 'x');
  EXPECT_EXIT(Fatal(reason.c_str()), testing::KilledBySignal(SIGABRT),
              "^runtimetest: internal error: x+\n$");
}

// libstdc++'s checks (here a substr past the end) come through util/fatal.cc's hooks, with
// libstdc++'s own message, its numbers filled in.
TEST(FatalDeathTest, LibstdcxxCheckNamesItself) {
  std::string s = "ab";
  volatile size_t at = 5;
  EXPECT_EXIT((void)s.substr(at), testing::KilledBySignal(SIGABRT),
              "runtimetest: internal error: basic_string::substr: __pos \\(which is 5\\) > "
              "this->size\\(\\) \\(which is 2\\)");
  std::vector<int> v;
  EXPECT_EXIT((void)v.at(at), testing::KilledBySignal(SIGABRT),
              "runtimetest: internal error: vector::_M_range_check");
}

// nlohmann/json's would-be exceptions name the library's line.
TEST(FatalDeathTest, JsonMisuseNamesTheLibrarySite) {
  const nlohmann::json number = 1;
  EXPECT_EXIT((void)number.get<std::string>(), testing::KilledBySignal(SIGABRT),
              "runtimetest: internal error: nlohmann/json refused an operation "
              "\\(.*nlohmann/.*:[0-9]+\\)");
}

}  // namespace
}  // namespace rt
