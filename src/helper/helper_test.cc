#include "helper/helper.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace rt::helper {
namespace {

TEST(Helper, SignalNamesBothWays) {
  EXPECT_EQ(SignalNumber("USR1"), SIGUSR1);
  EXPECT_EQ(SignalNumber("SIGTERM"), SIGTERM);
  EXPECT_EQ(SignalNumber("10"), 10);
  EXPECT_EQ(SignalNumber("NOPE"), 0);
  EXPECT_EQ(SignalName(SIGUSR2), "USR2");
}

TEST(Helper, ParsesSignalsMode) {
  Result<HelperOptions> o = ParseHelperOptions({"signals", "--record", "/out/s", "--exit-on",
                                                "USR2", "--expect", "USR1", "--expect", "HUP"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->mode, Mode::kSignals);
  EXPECT_EQ(o->file, "/out/s");
  EXPECT_EQ(o->exit_on, SIGUSR2);
  EXPECT_TRUE(o->expect_given);
  EXPECT_EQ(o->expected, (std::vector<int>{SIGUSR1, SIGHUP}));
}

TEST(Helper, RefusesWhatItCannotDo) {
  EXPECT_FALSE(ParseHelperOptions({}).ok());
  EXPECT_FALSE(ParseHelperOptions({"signals"}).ok());  // no --record
  EXPECT_FALSE(ParseHelperOptions({"signals", "--record", "f", "--exit-on", "KILL"}).ok());
  EXPECT_FALSE(ParseHelperOptions({"mark"}).ok());
  EXPECT_FALSE(ParseHelperOptions({"sleep", "5"}).ok());
  EXPECT_FALSE(ParseHelperOptions({"dance"}).ok());
  Result<HelperOptions> mark = ParseHelperOptions({"mark", "/out/m", "--hold"});
  ASSERT_TRUE(mark.ok());
  EXPECT_TRUE(mark->hold);
}

TEST(Helper, ComparesTheSignalsReceived) {
  EXPECT_EQ(CompareSignals({SIGUSR1}, {SIGUSR1}), "");
  EXPECT_EQ(CompareSignals({SIGUSR2}, {SIGUSR1}), "expected USR2, received USR1");
  EXPECT_EQ(CompareSignals({SIGUSR2}, {}), "expected USR2, received no signal");
  EXPECT_EQ(CompareSignals({}, {SIGHUP, SIGUSR1}), "expected no signal, received HUP, USR1");
}

}  // namespace
}  // namespace rt::helper
