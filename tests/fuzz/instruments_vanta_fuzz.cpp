// Arbitrary bytes through ParseVantaCsv; seed with tests/data/instruments/vanta/.
#include "instruments_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return greenlane::instruments::fuzz::ParseOne(&greenlane::instruments::ParseVantaCsv, data, size);
}
