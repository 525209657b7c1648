// XyloTron results: one classified wood image per row, with the three best classes.
#include <array>
#include <string>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"
#include "read_rows.h"
#include "text.h"

namespace greenlane::instruments {
namespace {

struct Columns {
  std::size_t specimen, captured, model, light, others;
  std::array<std::size_t, 3> classes, scores;
};

core::Result<Columns> FindColumns(const CsvTable& table) {
  Columns columns{};
  auto required = table.RequireAll({{&columns.specimen, "Specimen ID"},
                                    {&columns.captured, "Captured At"},
                                    {&columns.model, "Model"},
                                    {&columns.light, "Light"},
                                    {&columns.classes[0], "Class 1"},
                                    {&columns.scores[0], "Score 1"},
                                    {&columns.classes[1], "Class 2"},
                                    {&columns.scores[1], "Score 2"},
                                    {&columns.classes[2], "Class 3"},
                                    {&columns.scores[2], "Score 3"},
                                    {&columns.others, "Others"}});
  if (!required.ok()) return required.error();
  return columns;
}

core::Result<Decimal> Score(const CsvTable& table, const CsvRecord& row, std::size_t column) {
  auto score = table.RequiredDecimal(row, column);
  if (!score.ok()) return score;
  if (*score < Decimal(0, 0) || *score > Decimal(1, 0)) {
    return table.ErrorAt(row, column, "score " + score->ToString() + " outside 0 to 1");
  }
  return score;
}

core::Result<Light> ReadLight(const CsvTable& table, const CsvRecord& row, std::size_t column) {
  const std::string_view light = CsvTable::Text(row, column);
  if (text::EqualsIgnoreCase(light, "visible")) return Light::kVisible;
  if (text::EqualsIgnoreCase(light, "UV")) return Light::kUltraviolet;
  return table.ErrorAt(row, column, "light " + text::Quoted(light) + " is neither visible nor UV");
}

core::Result<Reading> ReadRow(const CsvTable& table, const CsvRecord& row, const Columns& columns,
                              const ParseOptions& options) {
  Reading reading;
  reading.kind = ReadingKind::kWoodImage;
  reading.line = row.line;
  reading.raw = row.raw;
  reading.instrument_serial = options.instrument_serial;
  auto specimen = table.RequiredText(row, columns.specimen);
  if (!specimen.ok()) return specimen.error();
  reading.sample_label = *specimen;
  reading.consignment = ExtractConsignment(reading.sample_label);
  auto captured = table.Rfc3339(row, columns.captured);
  if (!captured.ok()) return captured.error();
  reading.captured_at = *captured;

  WoodImagePayload payload;
  auto model = table.RequiredText(row, columns.model);
  if (!model.ok()) return model.error();
  payload.model = *model;
  auto light = ReadLight(table, row, columns.light);
  if (!light.ok()) return light.error();
  payload.light = *light;
  for (std::size_t i = 0; i < payload.top.size(); ++i) {
    auto name = table.RequiredText(row, columns.classes[i]);
    if (!name.ok()) return name.error();
    auto score = Score(table, row, columns.scores[i]);
    if (!score.ok()) return score.error();
    payload.top[i] = {std::string(*name), *score};
  }
  auto others = Score(table, row, columns.others);
  if (!others.ok()) return others.error();
  payload.others = *others;
  reading.payload = std::move(payload);
  return reading;
}

}  // namespace

ParseResult ParseXyloTronCsv(std::string_view bytes, const ParseOptions& options) {
  return ParseColumns(bytes, options, FindColumns,
                      [&](const CsvTable& table, const CsvRecord& row, const Columns& columns) {
                        return ReadRow(table, row, columns, options);
                      });
}

}  // namespace greenlane::instruments
