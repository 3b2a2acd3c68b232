#include "util/file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

namespace rt {
namespace {

class ReadWholeFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/read_whole_file_XXXXXX";
    int fd = ::mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    path_ = tmpl;
    content_.assign(20000, 'x');
    content_ += "end\n";
    ASSERT_EQ(::write(fd, content_.data(), content_.size()), static_cast<ssize_t>(content_.size()));
    ::close(fd);
  }
  void TearDown() override { ::unlink(path_.c_str()); }

  std::string path_;
  std::string content_;
};

TEST_F(ReadWholeFileTest, ReadsEverything) {
  Result<std::string> data = ReadWholeFile(path_);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(*data, content_);
  Result<std::string> nonblock = ReadWholeFile(path_, SIZE_MAX, O_NONBLOCK | O_NOCTTY);
  ASSERT_TRUE(nonblock.ok()) << nonblock.status().message();
  EXPECT_EQ(*nonblock, content_);
}

TEST_F(ReadWholeFileTest, StopsOnceMaxBytesAreIn) {
  Result<std::string> data = ReadWholeFile(path_, 100);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_GE(data->size(), 100u);
  EXPECT_LT(data->size(), content_.size());
  EXPECT_EQ(*data, content_.substr(0, data->size()));
}

TEST(ReadWholeFile, SaysWhichFileCannotBeOpened) {
  Result<std::string> data = ReadWholeFile("/nonexistent/read_whole_file");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().err(), ENOENT);
  EXPECT_EQ(data.status().message().rfind("open /nonexistent/read_whole_file: ", 0), 0u);
}

TEST(ReadWholeFile, SaysWhichFileCannotBeRead) {
  Result<std::string> data = ReadWholeFile("/tmp");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().err(), EISDIR);
  EXPECT_EQ(data.status().message().rfind("read /tmp: ", 0), 0u);
}

}  // namespace
}  // namespace rt
