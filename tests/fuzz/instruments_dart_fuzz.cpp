// Arbitrary bytes through ParseDartPeaks; seed with tests/data/instruments/dart/.
#include "instruments_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return greenlane::instruments::fuzz::ParseOne(&greenlane::instruments::ParseDartPeaks, data, size);
}
