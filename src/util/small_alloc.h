// A size-class allocator for the product's C++ objects (src/new_delete.cc routes operator new and
// delete to it; the tests and sanitizer builds keep the library's).
//
// Why: the validator makes a couple of thousand small allocations (strings of paths and
// messages, tree nodes of the parsed config, vectors) and frees them soon after or at exit; glibc's
// malloc and free cost about 210 instructions per pair there, a fifth of a default run. Here a
// pair costs a few dozen: an allocation pops the free list of its size class or carves the next
// slot from a 64 KiB chunk; a free pushes the slot back onto its class's list.
//
// Layout: each chunk starts with a 16-byte link to the chunk before it (so that all of them stay
// reachable, for a leak checker, and can be released). Every allocation has a 16-byte header in
// front of it (which keeps the 16-byte alignment operator new promises) holding its class, so an
// unsized delete finds it. Payloads up to kMaxSmall bytes are served from classes of 16-byte steps;
// larger ones go to malloc with the same header, marked large, and back to free. Chunks are never
// returned: a freed slot is reused by the next allocation of its class, so memory in use stays
// bounded by the peak of each class.
//
// State is per thread (thread_local, constant-initialised): a slot freed by another thread joins
// that thread's list, which is correct, only not returned to its first owner.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rt::alloc {

class SmallAllocator {
 public:
  static constexpr size_t kHeader = 16;
  static constexpr size_t kStep = 16;
  static constexpr size_t kMaxSmall = 512;
  static constexpr size_t kChunk = 64 * 1024;

  constexpr SmallAllocator() = default;

  // nullptr when memory is exhausted (the caller decides: operator new throws bad_alloc).
  void* Allocate(size_t n);
  // `p` from Allocate of any SmallAllocator (or null).
  void Free(void* p);
  // Returns every chunk to malloc; only when none of this allocator's small allocations is in
  // use any more (tests). The product's allocator is never released: its last users are the
  // destructors that run at exit.
  void ReleaseAll();

  // For tests: the bytes a request of `n` occupies, header included (0 for a large one).
  static constexpr size_t SlotBytes(size_t n) {
    return n > kMaxSmall ? 0 : kHeader + ClassOf(n) * kStep;
  }

 private:
  static constexpr uint32_t kLarge = UINT32_MAX;
  static constexpr size_t kClasses = kMaxSmall / kStep + 1;  // index 1..32; 0 is unused
  static constexpr size_t ClassOf(size_t n) { return n == 0 ? 1 : (n + kStep - 1) / kStep; }

  struct FreeSlot {
    FreeSlot* next;
  };

  void* Carve(size_t cls);

  FreeSlot* free_[kClasses] = {};
  void* last_chunk_ = nullptr;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace rt::alloc
