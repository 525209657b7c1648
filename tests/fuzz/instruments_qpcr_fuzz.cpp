// Arbitrary bytes through ParseQpcrCsv; seed with tests/data/instruments/qpcr/.
#include "instruments_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return greenlane::instruments::fuzz::ParseOne(&greenlane::instruments::ParseQpcrCsv, data, size);
}
