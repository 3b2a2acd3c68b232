#include "util/small_alloc.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace rt::alloc {
namespace {

bool Aligned16(const void* p) { return reinterpret_cast<uintptr_t>(p) % 16 == 0; }

// An allocator whose chunks go back to malloc at the end of the test (LeakSanitizer).
struct Released : SmallAllocator {
  ~Released() { ReleaseAll(); }
};

TEST(SmallAllocator, SlotsAreAlignedSizedByClassAndReusedAfterFree) {
  Released a;
  EXPECT_EQ(SmallAllocator::SlotBytes(0), 32u);
  EXPECT_EQ(SmallAllocator::SlotBytes(1), 32u);
  EXPECT_EQ(SmallAllocator::SlotBytes(16), 32u);
  EXPECT_EQ(SmallAllocator::SlotBytes(17), 48u);
  EXPECT_EQ(SmallAllocator::SlotBytes(512), 528u);
  EXPECT_EQ(SmallAllocator::SlotBytes(513), 0u);  // large: malloc's

  void* p = a.Allocate(20);
  void* q = a.Allocate(20);
  ASSERT_NE(p, nullptr);
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(Aligned16(p));
  EXPECT_TRUE(Aligned16(q));
  // Consecutive slots of one chunk, one 48-byte slot apart.
  EXPECT_EQ(static_cast<char*>(q) - static_cast<char*>(p), 48);
  a.Free(p);
  EXPECT_EQ(a.Allocate(30), p);  // same class (17..32 bytes): the freed slot comes back first
  void* other = a.Allocate(40);  // another class: a new slot
  EXPECT_NE(other, p);
  a.Free(q);
  a.Free(other);
  a.Free(nullptr);  // no-op, as delete of null
}

TEST(SmallAllocator, LargeRequestsGoToMallocAndBack) {
  Released a;
  for (size_t n : {513ul, 4096ul, 1ul << 20}) {
    auto* p = static_cast<unsigned char*>(a.Allocate(n));
    ASSERT_NE(p, nullptr) << n;
    EXPECT_TRUE(Aligned16(p));
    std::memset(p, 0xab, n);  // the whole payload is usable
    a.Free(p);
  }
  EXPECT_EQ(a.Allocate(SIZE_MAX - 8), nullptr);  // would overflow with the header: refused
}

// Many allocations of random sizes, freed in random order and reallocated: every payload keeps
// its own bytes (no two live allocations overlap), across chunk boundaries.
TEST(SmallAllocator, LiveAllocationsNeverOverlap) {
  Released a;
  std::mt19937 rng(7);
  struct Live {
    unsigned char* p;
    size_t n;
    unsigned char fill;
  };
  std::vector<Live> live;
  auto check = [](const Live& l) {
    for (size_t i = 0; i < l.n; ++i) {
      if (l.p[i] != l.fill) return false;
    }
    return true;
  };
  for (int round = 0; round < 20000; ++round) {
    if (!live.empty() && rng() % 3 == 0) {
      const size_t i = rng() % live.size();
      ASSERT_TRUE(check(live[i])) << "round " << round;
      a.Free(live[i].p);
      live[i] = live.back();
      live.pop_back();
      continue;
    }
    const size_t n = rng() % 8 == 0 ? 513 + rng() % 3000 : rng() % 513;
    auto* p = static_cast<unsigned char*>(a.Allocate(n));
    ASSERT_NE(p, nullptr);
    ASSERT_TRUE(Aligned16(p));
    const auto fill = static_cast<unsigned char>(round);
    std::memset(p, fill, n);
    live.push_back({p, n, fill});
  }
  for (const Live& l : live) {
    ASSERT_TRUE(check(l));
    a.Free(l.p);
  }
}

// Released chunks are gone and a released allocator starts afresh.
TEST(SmallAllocator, ReleaseAllReturnsEveryChunk) {
  Released a;
  for (int i = 0; i < 5000; ++i) ASSERT_NE(a.Allocate(100), nullptr);  // several chunks
  a.ReleaseAll();
  void* p = a.Allocate(100);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(Aligned16(p));
  a.Free(p);
}

}  // namespace
}  // namespace rt::alloc
