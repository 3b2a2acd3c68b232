// The product's global operator new and delete, linked into runtimetest only (not the core
// library, not the tests, not the sanitizer build, whose allocator must see every allocation):
// they route every C++ allocation of the program to util/small_alloc.h. The other forms (arrays,
// nothrow, sized) are the library's, which call these; the aligned forms stay the library's
// entirely (aligned_alloc and free, paired among themselves).
#include <cstdlib>
#include <new>

#include "util/fatal.h"
#include "util/small_alloc.h"

namespace {

constinit thread_local rt::alloc::SmallAllocator allocator;

}  // namespace

void* operator new(std::size_t n) {
  for (;;) {
    if (void* p = allocator.Allocate(n)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) rt::Fatal("out of memory");
    handler();
  }
}

void operator delete(void* p) noexcept { allocator.Free(p); }

void operator delete(void* p, std::size_t /*size*/) noexcept { allocator.Free(p); }
