// Evident/Olympus Vanta XRF export: fixed columns, then five columns per element. Columns are found
// by name, so exports with other elements, extra columns or another order read the same way.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"
#include "read_rows.h"
#include "text.h"

namespace greenlane::instruments {
namespace {

constexpr std::string_view kConcentrationSuffix = "Concentration";

struct ElementColumns {
  std::string symbol;
  std::size_t concentration;
  std::optional<std::size_t> compound, level, compound_error, error_1s;
};

struct Columns {
  std::size_t serial, reading, date, time, units;
  std::optional<std::size_t> method, user_factor, label, collimation, latitude, longitude;
  std::vector<ElementColumns> elements;
};

// "Pb" from "Pb Concentration" (any case): one or two letters, written the chemist's way.
std::optional<std::string> ElementSymbol(std::string_view header) {
  if (header.size() < kConcentrationSuffix.size() ||
      !text::EqualsIgnoreCase(header.substr(header.size() - kConcentrationSuffix.size()), kConcentrationSuffix)) {
    return std::nullopt;
  }
  const std::string_view written = text::Trim(header.substr(0, header.size() - kConcentrationSuffix.size()));
  if (written.empty() || written.size() > 2) return std::nullopt;
  std::string symbol;
  for (const char c : written) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
    symbol.push_back(symbol.empty() ? text::Upper(c) : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return symbol;
}

core::Result<Columns> FindColumns(const CsvTable& table) {
  Columns columns{};
  auto required = table.RequireAll({{&columns.serial, "Instrument Serial Num"},
                                    {&columns.reading, "Reading #"},
                                    {&columns.date, "Date"},
                                    {&columns.time, "Time"},
                                    {&columns.units, "Units"}});
  if (!required.ok()) return required.error();
  columns.method = table.Find("Method Name");
  columns.user_factor = table.Find("User Factor Name");
  columns.label = table.Find("Test Label");
  columns.collimation = table.Find("Collimation Status");
  columns.latitude = table.Find("Latitude");
  columns.longitude = table.Find("Longitude");
  if (columns.latitude.has_value() != columns.longitude.has_value()) {
    return table.HeaderError("Latitude and Longitude columns come as a pair; only one is present");
  }
  for (std::size_t i = 0; i < table.names().size(); ++i) {
    auto symbol = ElementSymbol(table.names()[i]);
    if (!symbol) continue;
    columns.elements.push_back({*symbol, i, table.Find(*symbol + " Compound"), table.Find(*symbol + " Compound Level"),
                                table.Find(*symbol + " Compound Error"), table.Find(*symbol + " Error1s")});
  }
  if (columns.elements.empty()) return table.HeaderError("no element columns (such as \"Pb Concentration\")");
  return columns;
}

core::Result<std::optional<Decimal>> Optional(const CsvTable& table, const CsvRecord& row,
                                              std::optional<std::size_t> column) {
  if (!column) return std::optional<Decimal>();
  return table.OptionalDecimal(row, *column);
}

bool IsBelowLod(std::string_view value) {
  if (value.empty() || value[0] != '<') return false;
  return text::EqualsIgnoreCase(text::Trim(value.substr(1)), "LOD");
}

// Nullopt when the reading leaves every column of the element blank.
core::Result<std::optional<XrfElement>> ReadElement(const CsvTable& table, const CsvRecord& row,
                                                    const ElementColumns& columns) {
  XrfElement element;
  element.symbol = columns.symbol;
  if (columns.compound) element.compound = CsvTable::Text(row, *columns.compound);
  const std::string_view concentration = CsvTable::Text(row, columns.concentration);
  if (IsBelowLod(concentration)) {
    element.below_lod = true;
  } else {
    auto value = table.OptionalDecimal(row, columns.concentration);
    if (!value.ok()) return value.error();
    element.concentration_ppm = *value;
  }
  for (const auto& [target, column] : {std::pair{&element.compound_level_ppm, columns.level},
                                       {&element.compound_error_ppm, columns.compound_error},
                                       {&element.error_1s_ppm, columns.error_1s}}) {
    auto value = Optional(table, row, column);
    if (!value.ok()) return value.error();
    *target = *value;
  }
  const bool reported = element.below_lod || element.concentration_ppm || element.error_1s_ppm ||
                        element.compound_level_ppm || element.compound_error_ppm || !element.compound.empty();
  if (!reported) return std::optional<XrfElement>();
  return std::optional<XrfElement>(std::move(element));
}

core::Result<std::optional<GeoPoint>> ReadPosition(const CsvTable& table, const CsvRecord& row,
                                                   const Columns& columns) {
  if (!columns.latitude) return std::optional<GeoPoint>();
  auto latitude = table.OptionalDecimal(row, *columns.latitude);
  if (!latitude.ok()) return latitude.error();
  auto longitude = table.OptionalDecimal(row, *columns.longitude);
  if (!longitude.ok()) return longitude.error();
  if (!latitude->has_value() && !longitude->has_value()) return std::optional<GeoPoint>();
  if (!latitude->has_value()) return table.ErrorAt(row, *columns.latitude, "latitude missing while longitude is set");
  if (!longitude->has_value()) return table.ErrorAt(row, *columns.longitude, "longitude missing while latitude is set");
  if (**latitude < Decimal(-90, 0) || **latitude > Decimal(90, 0)) {
    return table.ErrorAt(row, *columns.latitude, "latitude outside -90 to 90");
  }
  if (**longitude < Decimal(-180, 0) || **longitude > Decimal(180, 0)) {
    return table.ErrorAt(row, *columns.longitude, "longitude outside -180 to 180");
  }
  return std::optional<GeoPoint>(GeoPoint{**latitude, **longitude});
}

core::Result<Reading> ReadRow(const CsvTable& table, const CsvRecord& row, const Columns& columns) {
  Reading reading;
  reading.kind = ReadingKind::kXrf;
  reading.line = row.line;
  reading.raw = row.raw;
  auto serial = table.RequiredText(row, columns.serial);
  if (!serial.ok()) return serial.error();
  reading.instrument_serial = *serial;
  auto number = table.RequiredText(row, columns.reading);
  if (!number.ok()) return number.error();
  reading.reading_number = *number;
  auto captured = table.LocalTime(row, columns.date, columns.time);
  if (!captured.ok()) return captured.error();
  reading.captured_at = *captured;
  if (columns.label) reading.sample_label = CsvTable::Text(row, *columns.label);
  reading.consignment = ExtractConsignment(reading.sample_label);

  XrfPayload payload;
  payload.units = CsvTable::Text(row, columns.units);
  if (!text::EqualsIgnoreCase(payload.units, "ppm")) {
    return table.ErrorAt(row, columns.units, "unit " + text::Quoted(payload.units) + " is not ppm");
  }
  if (columns.method) payload.method = CsvTable::Text(row, *columns.method);
  if (columns.user_factor) payload.user_factor = CsvTable::Text(row, *columns.user_factor);
  if (columns.collimation) payload.collimation = CsvTable::Text(row, *columns.collimation);
  auto position = ReadPosition(table, row, columns);
  if (!position.ok()) return position.error();
  payload.position = *position;
  payload.elements.reserve(columns.elements.size());
  for (const auto& element_columns : columns.elements) {
    auto element = ReadElement(table, row, element_columns);
    if (!element.ok()) return element.error();
    if (element->has_value()) payload.elements.push_back(std::move(**element));
  }
  reading.payload = std::move(payload);
  return reading;
}

}  // namespace

ParseResult ParseVantaCsv(std::string_view bytes, const ParseOptions& options) {
  return ParseColumns(bytes, options, FindColumns, ReadRow);
}

}  // namespace greenlane::instruments
