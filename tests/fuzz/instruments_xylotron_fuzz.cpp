// Arbitrary bytes through ParseXyloTronCsv; seed with tests/data/instruments/xylotron/.
#include "instruments_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return greenlane::instruments::fuzz::ParseOne(&greenlane::instruments::ParseXyloTronCsv, data, size);
}
