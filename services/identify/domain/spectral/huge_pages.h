#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace greenlane::identify::spectral {

/// Allocates large arrays on 2 MiB pages where the kernel allows it (transparent huge pages in
/// "madvise" mode). A search reads a few hundred short runs scattered over the whole peak index;
/// on 4 KiB pages nearly every run is a TLB miss, on 2 MiB pages the index needs a few hundred
/// TLB entries. Only a hint: without huge pages it behaves like std::allocator.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>{}.allocate(count);
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* memory = std::aligned_alloc(kHugePage, rounded);
    if (memory == nullptr) throw std::bad_alloc();
#ifdef __linux__
    madvise(memory, rounded, MADV_HUGEPAGE);  // advisory: failure leaves ordinary pages
#endif
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, std::size_t count) {
    if (count * sizeof(T) < kHugePage) return std::allocator<T>{}.deallocate(memory, count);
    std::free(memory);
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace greenlane::identify::spectral
