#include "greenlane/instruments/formats.h"

#include <array>

#include "csv_table.h"

namespace greenlane::instruments {
namespace {

/// Columns whose presence together names a format; each export has a distinctive set.
struct Signature {
  Format format;
  std::string_view name;
  std::array<std::string_view, 3> columns;
};

constexpr std::array<Signature, 5> kSignatures{{
    {Format::kVantaXrf, "vanta-xrf", {"Instrument Serial Num", "Reading #", "Units"}},
    {Format::kRefrigerant, "refrigerant", {"Serial", "Test No", "Sample ID"}},
    {Format::kXyloTron, "xylotron", {"Specimen ID", "Captured At", "Class 1"}},
    {Format::kQpcr, "qpcr", {"Run", "Well", "Sample Type"}},
    {Format::kDart, "dart", {"m/z", "intensity", "m/z"}},
}};

}  // namespace

std::string_view FormatName(Format format) {
  for (const auto& signature : kSignatures) {
    if (signature.format == format) return signature.name;
  }
  return "unknown";
}

core::Result<Format> DetectFormat(std::string_view bytes, const ParseOptions& options) {
  auto table = CsvTable::Open(bytes, options, '#');
  if (!table.ok()) return table.error();
  for (const auto& signature : kSignatures) {
    bool all = true;
    for (const auto column : signature.columns) all = all && table->Find(column).has_value();
    if (all) return signature.format;
  }
  core::Error error = table->HeaderError(
      "unknown format: the header is not that of a Vanta XRF, refrigerant identifier, XyloTron, qPCR or DART "
      "export");
  error.kind = core::ErrorKind::kUnsupportedMediaType;
  return error;
}

ParseResult Parse(Format format, std::string_view bytes, const ParseOptions& options) {
  switch (format) {
    case Format::kVantaXrf:
      return ParseVantaCsv(bytes, options);
    case Format::kRefrigerant:
      return ParseRefrigerantCsv(bytes, options);
    case Format::kXyloTron:
      return ParseXyloTronCsv(bytes, options);
    case Format::kQpcr:
      return ParseQpcrCsv(bytes, options);
    case Format::kDart:
      return ParseDartPeaks(bytes, options);
  }
  return core::Error::Internal("format " + std::to_string(static_cast<int>(format)) + " has no parser");
}

ParseResult ParseAnyFormat(std::string_view bytes, const ParseOptions& options) {
  auto format = DetectFormat(bytes, options);
  if (!format.ok()) return format.error();
  return Parse(*format, bytes, options);
}

}  // namespace greenlane::instruments
