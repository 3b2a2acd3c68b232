// Unit tests only: the text of a captured fixture under testdata/ (RT_SOURCE_DIR is defined for
// the unit_tests target). A missing or empty fixture fails the calling test.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace rt {

inline std::string Testdata(const std::string& relative_path) {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/testdata/" + relative_path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << "testdata/" << relative_path << " is missing or empty";
  return ss.str();
}

}  // namespace rt
