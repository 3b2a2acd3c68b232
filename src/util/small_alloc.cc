#include "util/small_alloc.h"

#include <cstdlib>
#include <cstring>

namespace rt::alloc {
namespace {

// The header's first four bytes hold the class (or kLarge); the rest is padding for alignment.
uint32_t* HeaderOf(void* payload) {
  return reinterpret_cast<uint32_t*>(static_cast<char*>(payload) - SmallAllocator::kHeader);
}

}  // namespace

void* SmallAllocator::Allocate(size_t n) {
  if (n > kMaxSmall) {
    if (n > SIZE_MAX - kHeader) return nullptr;
    char* block = static_cast<char*>(std::malloc(n + kHeader));
    if (block == nullptr) return nullptr;
    std::memcpy(block, &kLarge, sizeof kLarge);
    return block + kHeader;
  }
  const size_t cls = ClassOf(n);
  if (FreeSlot* slot = free_[cls]) {
    free_[cls] = slot->next;
    return slot;
  }
  return Carve(cls);
}

void* SmallAllocator::Carve(size_t cls) {
  const size_t bytes = kHeader + cls * kStep;
  if (static_cast<size_t>(end_ - cursor_) < bytes) {
    // The rest of the old chunk (less than one slot of this class) is left unused.
    char* chunk = static_cast<char*>(std::malloc(kChunk));
    if (chunk == nullptr) return nullptr;
    std::memcpy(chunk, &last_chunk_, sizeof last_chunk_);
    last_chunk_ = chunk;
    cursor_ = chunk + kHeader;  // after the link, keeping slots 16-byte aligned
    end_ = chunk + kChunk;
  }
  char* slot = cursor_;
  cursor_ += bytes;
  const auto cls32 = static_cast<uint32_t>(cls);
  std::memcpy(slot, &cls32, sizeof cls32);
  return slot + kHeader;
}

void SmallAllocator::ReleaseAll() {
  while (last_chunk_ != nullptr) {
    void* before;
    std::memcpy(&before, last_chunk_, sizeof before);
    std::free(last_chunk_);
    last_chunk_ = before;
  }
  for (FreeSlot*& list : free_) list = nullptr;
  cursor_ = end_ = nullptr;
}

void SmallAllocator::Free(void* p) {
  if (p == nullptr) return;
  uint32_t cls;
  std::memcpy(&cls, HeaderOf(p), sizeof cls);
  if (cls == kLarge) {
    std::free(HeaderOf(p));
    return;
  }
  auto* slot = static_cast<FreeSlot*>(p);
  slot->next = free_[cls];
  free_[cls] = slot;
}

}  // namespace rt::alloc
