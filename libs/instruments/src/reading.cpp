#include "greenlane/instruments/reading.h"

namespace greenlane::instruments {

std::string_view KindName(ReadingKind kind) {
  switch (kind) {
    case ReadingKind::kXrf:
      return "xrf";
    case ReadingKind::kRefrigerant:
      return "refrigerant";
    case ReadingKind::kWoodImage:
      return "wood_image";
    case ReadingKind::kQpcr:
      return "qpcr";
    case ReadingKind::kDart:
      return "dart";
  }
  return "unknown";
}

const XrfElement* XrfPayload::Find(std::string_view symbol) const {
  for (const auto& element : elements) {
    if (element.symbol == symbol) return &element;
  }
  return nullptr;
}

NaturalKey Reading::Key() const {
  return {instrument_serial, reading_number.empty() ? "line " + std::to_string(line) : reading_number, captured_at};
}

}  // namespace greenlane::instruments
