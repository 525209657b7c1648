// UN/CEFACT CITES e-permit XML from partners is untrusted: parsing must never crash, hang or leak,
// and whatever parses cleanly must write back to XML that parses to the same permit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/permit_json.h"
#include "formats/epermit_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace greenlane::cites;
  const auto reading = ParseEPermitXml(std::string_view(reinterpret_cast<const char*>(data), size));
  if (reading.ok()) {
    const auto again = ParseEPermitXml(EPermitToXml(reading.permit));
    if (!again.ok() || PermitToJson(again.permit) != PermitToJson(reading.permit)) std::abort();
  }
  return 0;
}
