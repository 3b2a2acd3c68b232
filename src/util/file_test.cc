#include "util/file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
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

TEST_F(ReadWholeFileTest, ReadRegularFileReadsAllUpToTheCap) {
  Result<std::string> data = ReadRegularFile(path_, content_.size());
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(*data, content_);
}

TEST_F(ReadWholeFileTest, ReadRegularFileRefusesAFileOverTheCapWhole) {
  ASSERT_EQ(::truncate(path_.c_str(), (3 << 20) + 1), 0);
  Result<std::string> data = ReadRegularFile(path_, 3 << 20);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), path_ + ": larger than 3 MiB (3145729 bytes)");
}

TEST(ReadRegularFile, RefusesWhatIsNotARegularFileWithoutBlocking) {
  char dir[] = "/tmp/read_regular_file_XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string fifo = std::string(dir) + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<std::string> from_fifo = ReadRegularFile(fifo, 100);  // no writer: must not wait
  ASSERT_FALSE(from_fifo.ok());
  EXPECT_EQ(from_fifo.status().message(), fifo + ": not a regular file (a FIFO)");
  EXPECT_EQ(ReadRegularFile(dir, 100).status().message(),
            std::string(dir) + ": not a regular file (a directory)");
  EXPECT_EQ(ReadRegularFile("/dev/null", 100).status().message(),
            "/dev/null: not a regular file (a character device)");
  ::unlink(fifo.c_str());
  ::rmdir(dir);
}

}  // namespace
}  // namespace rt
