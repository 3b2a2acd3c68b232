#include "suite/run_record.h"

#include <gtest/gtest.h>

#include "suite/matrix_report.h"
#include "suite/report_files.h"
#include "util/json.h"
#include "util/json_test_util.h"

namespace rt::suite {
namespace {

RunRecord Sample() {
  RunRecord run;
  run.tool_version = "0.1.0";
  run.runtime = {.path = "/usr/sbin/runc",
                 .name = "runc",
                 .version_line = "runc version 1.1.5+ds1",
                 .version = "1.1.5+ds1",
                 .args = {"--root=/run/x"},
                 .features = FeaturesSummary{.oci_version_min = "1.0.0",
                                             .oci_version_max = "1.0.2-dev",
                                             .namespaces = {"pid", "uts"},
                                             .cgroup = {"v1", "v2"},
                                             .seccomp = true,
                                             .apparmor = false}};
  run.host = {.kernel = "6.1.0-57-amd64",
              .arch = "x86_64",
              .cgroup_layout = "v2",
              .lsms = {"lockdown", "apparmor"},
              .lsms_source = "/sys/kernel/security/lsm"};
  run.mode = "lifecycle";
  run.blind_negatives = true;
  run.filter = "^hostname/";
  run.started = "2026-12-03T03:29:33Z";
  run.duration_us = 1234567;
  run.planned = 3;
  run.interrupted = "interrupted by SIGINT";
  run.notes = {"cleanup: x"};
  ScenarioRecord failed{.name = "hostname/mismatch",
                        .kind = "config",
                        .check_id = "hostname",
                        .spec_ref = "config.md#hostname",
                        .level = "MUST",
                        .expect = "check-fails",
                        .verdict = Reported::kExpectedFailure,
                        .message = "hostname: expected \"a\", found \"b\"",
                        .known_reason = "known",
                        .known_line = 12,
                        .details = {{"message", "m"}, {"commands", "runc run x\n"}},
                        .duration_us = 42000,
                        .container_id = "runtimetest-1-1",
                        .bundle_kept = "/tmp/b",
                        .rerun = "runc run --bundle /tmp/b x"};
  failed.commands.push_back(CommandRun{.argv = {"runc", "run", "x"},
                                       .command = "runc run x",
                                       .result = "exit 1",
                                       .exit_code = 1,
                                       .out = "o\n",
                                       .err = "e\n"});
  failed.commands.push_back(CommandRun{.argv = {"runc", "delete", "x"},
                                       .command = "runc delete x",
                                       .result = "killed by SIGKILL",
                                       .signal = 9,
                                       .failure_expected = true});
  failed.outputs = {.container_stdout = "TAP version 13\n",
                    .container_stderr = "hostname: ...\n",
                    .runtime_stderr = "r",
                    .host_check_stderr = "h"};
  run.scenarios.push_back(failed);
  run.scenarios.push_back(ScenarioRecord{.name = "ops/state/lifecycle",
                                         .kind = "op",
                                         .check_id = "ops/state",
                                         .spec_ref = "runtime.md#state",
                                         .level = "MUST",
                                         .expect = "ops",
                                         .verdict = Reported::kSkip,
                                         .message = "why"});
  return run;
}

TEST(RunRecordTest, RoundTripKeepsEveryField) {
  RunRecord run = Sample();
  std::string text = ToJson(run);
  Result<RunRecord> back = ParseRunRecord(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ToJson(*back), text);
  EXPECT_EQ(back->runtime.features->seccomp, std::optional<bool>(true));
  EXPECT_EQ(back->runtime.features->selinux, std::nullopt);
  EXPECT_EQ(back->scenarios[0].commands[1].exit_code, std::nullopt);
  EXPECT_EQ(back->scenarios[0].commands[1].signal, 9);
  EXPECT_EQ(back->scenarios[0].details[1].second, "runc run x\n");
  EXPECT_EQ(back->scenarios[0].known_line, 12);
  EXPECT_EQ(back->scenarios[1].verdict, Reported::kSkip);
}

TEST(RunRecordTest, ARuntimeWithoutFeaturesIsNull) {
  RunRecord run = Sample();
  run.runtime.features.reset();
  std::string text = ToJson(run);
  EXPECT_TRUE(nlohmann::json::parse(text)["runtime"]["features"].is_null());
  Result<RunRecord> back = ParseRunRecord(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_FALSE(back->runtime.features.has_value());
}

TEST(RunRecordTest, TheSummaryCountsExpectedFailuresAsSkipped) {
  nlohmann::json j = nlohmann::json::parse(ToJson(Sample()));
  EXPECT_EQ(j["summary"],
            nlohmann::json::parse(R"({"passed":0,"failed":0,"skipped":2,"expected_failures":1,
                                      "unexpected_passes":0,"total":2})"));
}

TEST(RunRecordTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  RunRecord run = Sample();
  run.scenarios[0].outputs.container_stderr = std::string(
      "a\xff\xfe"
      "b\0c",
      6);
  std::string text = ToJson(run);
  Result<RunRecord> back = ParseRunRecord(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->scenarios[0].outputs.container_stderr, std::string("a\xef\xbf\xbd\xef\xbf\xbd"
                                                                     "b\0c",
                                                                     10));
}

// A field changed in the document, and the error the reader must give.
struct Broken {
  const char* pointer;
  nlohmann::json value;
  const char* error;
};

TEST(RunRecordTest, ABadDocumentNamesTheField) {
  const Broken cases[] = {
      {"/format", "runtimetest-run/0",
       "format: expected \"runtimetest-run/1\", found \"runtimetest-run/0\""},
      {"/runtime/name", 3, "runtime.name: expected a string, found 3"},
      {"/runtime/features/namespaces/1", false,
       "runtime.features.namespaces[1]: expected a string"},
      {"/host", nullptr, "host: expected an object, found null"},
      {"/scenarios/1/verdict", "ok",
       "scenarios[1].verdict: expected one of pass, fail, skip, expected-failure, "
       "unexpected-pass, found \"ok\""},
      {"/scenarios/0/commands/0/exit_code", "1",
       "scenarios[0].commands[0].exit_code: expected an integer, found \"1\""},
      {"/scenarios/0/details/1/value", 1,
       "scenarios[0].details[1].value: expected a string, found 1"},
      {"/scenarios/0/kind", "both", "scenarios[0].kind: expected config or op, found \"both\""},
      {"/planned", 1.5, "planned: expected an integer, found 1.5"},
      // Beyond INT64_MAX (nlohmann's unsigned integers): not wrapped into -1.
      {"/duration_us", UINT64_MAX, "duration_us: out of range"},
      {"/duration_us", -1, "duration_us: expected an integer >= 0, found -1"},
      {"/planned", -3, "planned: expected an integer >= 0, found -3"},
      {"/scenarios/1/duration_us", INT64_MIN,
       "scenarios[1].duration_us: expected an integer >= 0, found -9223372036854775808"},
      {"/scenarios/0/commands/0/exit_code", UINT64_MAX,
       "scenarios[0].commands[0].exit_code: out of range"},
  };
  for (const Broken& c : cases) {
    nlohmann::json j = nlohmann::json::parse(ToJson(Sample()));
    j[nlohmann::json::json_pointer(c.pointer)] = c.value;
    Result<RunRecord> parsed = ParseRunRecord(j.dump());
    ASSERT_FALSE(parsed.ok()) << c.pointer;
    EXPECT_EQ(parsed.status().message(), c.error);
  }
  nlohmann::json j = nlohmann::json::parse(ToJson(Sample()));
  j["scenarios"][0].erase("outputs");
  EXPECT_EQ(ParseRunRecord(j.dump()).status().message(), "scenarios[0].outputs: missing");
  EXPECT_EQ(ParseRunRecord("{").status().message(), "not valid JSON");
  EXPECT_EQ(
      ParseRunRecords(std::string(1 << 19, '[') + std::string(1 << 19, ']')).status().message(),
      "nested deeper than 100 levels");
  EXPECT_EQ(ParseRunRecord("[]").status().message(), "expected an object");
}

// A report read back comes from anywhere (`runtimetest report merge`): every node of a document
// changed to each JSON type, or removed, is read or refused, never aborted over, and what is read
// is written again as every report file.
TEST(RunRecordTest, NoChangeOfOneNodeMakesReadingOrRewritingAbort) {
  size_t variants = 0, read = 0;
  ForEachVariant(nlohmann::json::parse(ToJson(Sample())), [&](const std::string& text,
                                                              const std::string& /*what*/) {
    ++variants;
    {  // no exceptions: a conversion that refused would abort
      Result<std::vector<RunRecord>> runs = ParseRunRecords("[" + text + "," + text + "]");
      if (runs.ok()) {
        ++read;
        (void)RunsToJson(*runs);
        (void)JunitText(*runs);
        (void)MatrixMarkdownOf(*runs);
        (void)MatrixHtmlOf(*runs);
      }
    }
  });
  EXPECT_GT(variants, 1000u);
  EXPECT_GT(read, 0u);  // optional members changed or removed, strings emptied
}

// Two runs of INT64_MAX microseconds each: the JUnit total saturates instead of overflowing.
TEST(RunRecordTest, TheJunitTotalOfHugeDurationsSaturates) {
  std::vector<RunRecord> runs = {Sample(), Sample()};
  for (RunRecord& run : runs) run.duration_us = INT64_MAX;
  const std::string junit = JunitText(runs);
  EXPECT_NE(junit.find("time=\"9223372036854.775\""), std::string::npos) << junit.substr(0, 400);
}

TEST(RunRecordTest, Rfc3339) {
  EXPECT_EQ(Rfc3339Utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339Utc(1796268573), "2026-12-03T03:29:33Z");
  EXPECT_EQ(Rfc3339Utc(951868799), "2000-02-29T23:59:59Z");   // a leap day, a day's last second
  EXPECT_EQ(Rfc3339Utc(4102444800), "2100-01-01T00:00:00Z");  // after 2038
}

TEST(RunRecordTest, TheRunsOfACallAreOneDocumentOrAnArray) {
  RunRecord one = Sample();
  std::vector<RunRecord> runs = {one};
  EXPECT_EQ(RunsToJson(runs), ToJson(one));  // one runtime: the document of one run, as before
  Result<std::vector<RunRecord>> back = ParseRunRecords(RunsToJson(runs));
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(ToJson(back->front()), ToJson(one));

  runs.push_back(Sample());
  runs[1].runtime.name = "crun";
  std::string text = RunsToJson(runs);
  EXPECT_TRUE(text.starts_with("[\n")) << text.substr(0, 40);
  back = ParseRunRecords(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].runtime.name, "runc");
  EXPECT_EQ((*back)[1].runtime.name, "crun");
  EXPECT_EQ(ToJson((*back)[1]), ToJson(runs[1]));

  nlohmann::json j = nlohmann::json::parse(text);
  j[1].erase("host");
  EXPECT_EQ(ParseRunRecords(j.dump()).status().message(), "[1]: host: missing");
  EXPECT_EQ(ParseRunRecords("[]").status().message(), "an empty array: no run");
  EXPECT_EQ(ParseRunRecords("[").status().message(), "not valid JSON");
}

}  // namespace
}  // namespace rt::suite
