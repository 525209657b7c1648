#pragma once

namespace greenlane::identify::spectral {

/// Asks for the cache line holding `address` to be brought into L2 (x86 prefetcht1), for data read
/// too late to be worth a place in L1.
///
/// Not __builtin_prefetch: GCC deems that builtin free of side effects, so a function that only
/// prefetches is inferred `const` and every call to it is deleted; a prefetch loop in a lambda
/// vanished the same way. A volatile asm statement is never removed.
inline void PrefetchToL2(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht1 %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address, 0, 2);
#endif
}

}  // namespace greenlane::identify::spectral
