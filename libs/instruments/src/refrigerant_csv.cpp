// Refrigerant identifier export: identity columns, then "% by weight" per refrigerant. Any column
// named "<name> %" is a component, so gases the analyzer learns later need no code change.
#include <optional>
#include <string>
#include <vector>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"
#include "read_rows.h"
#include "text.h"

namespace greenlane::instruments {
namespace {

struct Component {
  std::string name;
  std::size_t column;
};

struct Columns {
  std::size_t serial, test, date, time, sample;
  std::optional<std::size_t> cylinder_label, hydrocarbons, air, result;
  std::vector<Component> components;
};

core::Result<Columns> FindColumns(const CsvTable& table) {
  Columns columns{};
  auto required = table.RequireAll({{&columns.serial, "Serial"},
                                    {&columns.test, "Test No"},
                                    {&columns.date, "Date"},
                                    {&columns.time, "Time"},
                                    {&columns.sample, "Sample ID"}});
  if (!required.ok()) return required.error();
  columns.cylinder_label = table.Find("Cylinder Label");
  columns.hydrocarbons = table.Find("HC %");
  columns.air = table.Find("Air %");
  columns.result = table.Find("Result");
  for (std::size_t i = 0; i < table.names().size(); ++i) {
    const std::string_view name = table.names()[i];
    if (!name.ends_with('%') || i == columns.hydrocarbons || i == columns.air) continue;
    const std::string_view gas = text::Trim(name.substr(0, name.size() - 1));
    if (gas.empty()) return table.HeaderError("column \"%\" does not name a refrigerant");
    columns.components.push_back({std::string(gas), i});
  }
  return columns;
}

core::Result<std::optional<Decimal>> Percent(const CsvTable& table, const CsvRecord& row,
                                             std::optional<std::size_t> column) {
  if (!column) return std::optional<Decimal>();
  auto value = table.OptionalDecimal(row, *column);
  if (!value.ok() || !value->has_value()) return value;
  if (**value < Decimal(0, 0) || **value > Decimal(100, 0)) {
    return table.ErrorAt(row, *column, "percentage " + (*value)->ToString() + " outside 0 to 100");
  }
  return value;
}

core::Result<Reading> ReadRow(const CsvTable& table, const CsvRecord& row, const Columns& columns) {
  Reading reading;
  reading.kind = ReadingKind::kRefrigerant;
  reading.line = row.line;
  reading.raw = row.raw;
  auto serial = table.RequiredText(row, columns.serial);
  if (!serial.ok()) return serial.error();
  reading.instrument_serial = *serial;
  auto test = table.RequiredText(row, columns.test);
  if (!test.ok()) return test.error();
  reading.reading_number = *test;
  auto captured = table.LocalTime(row, columns.date, columns.time);
  if (!captured.ok()) return captured.error();
  reading.captured_at = *captured;
  auto sample = table.RequiredText(row, columns.sample);
  if (!sample.ok()) return sample.error();
  reading.sample_label = *sample;
  reading.consignment = ExtractConsignment(reading.sample_label);

  RefrigerantPayload payload;
  if (columns.cylinder_label) payload.cylinder_label = CsvTable::Text(row, *columns.cylinder_label);
  if (columns.result) payload.analyzer_result = CsvTable::Text(row, *columns.result);
  for (const auto& component : columns.components) {
    auto percent = Percent(table, row, component.column);
    if (!percent.ok()) return percent.error();
    if (percent->has_value()) payload.components.push_back({component.name, **percent});
  }
  auto hydrocarbons = Percent(table, row, columns.hydrocarbons);
  if (!hydrocarbons.ok()) return hydrocarbons.error();
  payload.hydrocarbons_percent = *hydrocarbons;
  auto air = Percent(table, row, columns.air);
  if (!air.ok()) return air.error();
  payload.air_percent = *air;
  reading.payload = std::move(payload);
  return reading;
}

}  // namespace

ParseResult ParseRefrigerantCsv(std::string_view bytes, const ParseOptions& options) {
  return ParseColumns(bytes, options, FindColumns, ReadRow);
}

}  // namespace greenlane::instruments
