// Portable qPCR run export: one well per row. Whether a run is valid (NTC silent, positive control
// amplified) is interpretation and belongs to identify; the parser keeps every well as written.
#include <string>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"
#include "read_rows.h"
#include "text.h"

namespace greenlane::instruments {
namespace {

struct Columns {
  std::size_t run, well, sample, type, target, cq, tm, instrument;
};

core::Result<Columns> FindColumns(const CsvTable& table) {
  Columns columns{};
  auto required = table.RequireAll({{&columns.run, "Run"},
                                    {&columns.well, "Well"},
                                    {&columns.sample, "Sample Name"},
                                    {&columns.type, "Sample Type"},
                                    {&columns.target, "Target"},
                                    {&columns.cq, "Cq"},
                                    {&columns.tm, "Tm"},
                                    {&columns.instrument, "Instrument"}});
  if (!required.ok()) return required.error();
  return columns;
}

core::Result<QpcrSampleType> ReadSampleType(const CsvTable& table, const CsvRecord& row, std::size_t column) {
  const std::string_view type = CsvTable::Text(row, column);
  if (text::EqualsIgnoreCase(type, "Unknown")) return QpcrSampleType::kUnknown;
  if (text::EqualsIgnoreCase(type, "NTC")) return QpcrSampleType::kNtc;
  if (text::EqualsIgnoreCase(type, "Positive Control")) return QpcrSampleType::kPositiveControl;
  return table.ErrorAt(row, column,
                       "sample type " + text::Quoted(type) + " is not one of Unknown, NTC, Positive Control");
}

core::Result<Reading> ReadRow(const CsvTable& table, const CsvRecord& row, const Columns& columns,
                              core::TimePoint file_time) {
  Reading reading;
  reading.kind = ReadingKind::kQpcr;
  reading.line = row.line;
  reading.raw = row.raw;
  reading.captured_at = file_time;
  QpcrPayload payload;
  for (const auto& [target, column] : {std::pair{&reading.instrument_serial, columns.instrument},
                                       {&payload.run, columns.run},
                                       {&payload.well, columns.well},
                                       {&reading.sample_label, columns.sample},
                                       {&payload.target, columns.target}}) {
    auto value = table.RequiredText(row, column);
    if (!value.ok()) return value.error();
    *target = *value;
  }
  reading.reading_number = payload.run + "/" + payload.well;
  reading.consignment = ExtractConsignment(reading.sample_label);
  auto type = ReadSampleType(table, row, columns.type);
  if (!type.ok()) return type.error();
  payload.sample_type = *type;
  auto cq = table.OptionalDecimal(row, columns.cq);
  if (!cq.ok()) return cq.error();
  payload.cq = *cq;
  auto tm = table.OptionalDecimal(row, columns.tm);
  if (!tm.ok()) return tm.error();
  payload.tm_celsius = *tm;
  reading.payload = std::move(payload);
  return reading;
}

}  // namespace

ParseResult ParseQpcrCsv(std::string_view bytes, const ParseOptions& options) {
  auto table = CsvTable::Open(bytes, options);
  if (!table.ok()) return table.error();
  if (!options.file_time) {
    return FileError(options.file_name, 0, 0, {},
                     "qPCR exports carry no capture time: the file's modification time must be given");
  }
  auto columns = FindColumns(*table);
  if (!columns.ok()) return columns.error();
  return ReadRows(*table, [&](const CsvRecord& row) { return ReadRow(*table, row, *columns, *options.file_time); });
}

}  // namespace greenlane::instruments
