// DART-TOFMS peak list: "# key: value" metadata comments, then an "m/z,intensity" table. The whole
// file is one reading: a spectrum only means something as a whole.
#include <array>
#include <map>
#include <string>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"
#include "text.h"

namespace greenlane::instruments {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 4> kRequiredKeys = {"instrument", "sample", "polarity", "acquired"};

struct Metadata {
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, std::size_t, std::less<>> lines;
};

// Comments without a "key:" are free text and ignored; unknown keys are kept out of the payload.
core::Result<Metadata> ReadMetadata(const CsvTable& table, const ParseOptions& options) {
  Metadata metadata;
  for (const auto& comment : table.comments()) {
    const std::string_view body = comment.text.substr(1);
    const auto colon = body.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = text::HeaderKey(body.substr(0, colon));
    if (metadata.values.contains(key)) {
      return FileError(options.file_name, comment.line, 0, key,
                       "metadata repeats line " + std::to_string(metadata.lines[key]));
    }
    metadata.lines[key] = comment.line;
    metadata.values[std::move(key)] = text::Trim(body.substr(colon + 1));
  }
  for (const auto key : kRequiredKeys) {
    const auto found = metadata.values.find(key);
    if (found == metadata.values.end() || found->second.empty()) {
      return FileError(options.file_name, 0, 0, key,
                       "missing metadata line \"# " + std::string(key) + ": ...\" before the peak table");
    }
  }
  return metadata;
}

// "AccuTOF-DART SN 7721" names serial 7721; an instrument line without "SN" is its own serial.
std::string SerialOf(std::string_view instrument) {
  const auto at = instrument.rfind("SN ");
  if (at == std::string_view::npos) return std::string(instrument);
  return std::string(text::Trim(instrument.substr(at + 3)));
}

core::Result<DartPeak> ReadPeak(const CsvTable& table, const CsvRecord& row, std::size_t mz_column,
                                std::size_t intensity_column) {
  auto mz = table.RequiredDecimal(row, mz_column);
  if (!mz.ok()) return mz.error();
  if (*mz <= Decimal(0, 0)) return table.ErrorAt(row, mz_column, "m/z must be positive");
  auto intensity = table.RequiredDecimal(row, intensity_column);
  if (!intensity.ok()) return intensity.error();
  if (*intensity < Decimal(0, 0)) return table.ErrorAt(row, intensity_column, "intensity must not be negative");
  return DartPeak{*mz, *intensity};
}

}  // namespace

ParseResult ParseDartPeaks(std::string_view bytes, const ParseOptions& options) {
  auto table = CsvTable::Open(bytes, options, '#');
  if (!table.ok()) return table.error();
  auto metadata = ReadMetadata(*table, options);
  if (!metadata.ok()) return metadata.error();
  std::size_t mz_column = 0;
  std::size_t intensity_column = 0;
  auto required = table->RequireAll({{&mz_column, "m/z"}, {&intensity_column, "intensity"}});
  if (!required.ok()) return required.error();

  Reading reading;
  reading.kind = ReadingKind::kDart;
  reading.line = 1;
  reading.raw = bytes.starts_with(kBom) ? bytes.substr(kBom.size()) : bytes;
  DartPayload payload;
  const auto& values = metadata->values;
  payload.instrument = values.find("instrument")->second;
  reading.instrument_serial = SerialOf(payload.instrument);
  reading.sample_label = values.find("sample")->second;
  // One file is one sample: its id identifies the reading (two samples may share an acquisition
  // time on one instrument, so the file line would not).
  reading.reading_number = reading.sample_label;
  reading.consignment = ExtractConsignment(reading.sample_label);
  const std::string& polarity = values.find("polarity")->second;
  if (text::EqualsIgnoreCase(polarity, "positive")) {
    payload.polarity = Polarity::kPositive;
  } else if (text::EqualsIgnoreCase(polarity, "negative")) {
    payload.polarity = Polarity::kNegative;
  } else {
    return FileError(options.file_name, metadata->lines["polarity"], 0, "polarity",
                     "polarity " + text::Quoted(polarity) + " is neither positive nor negative");
  }
  const auto acquired = core::ParseRfc3339(values.find("acquired")->second);
  if (!acquired) {
    return FileError(options.file_name, metadata->lines["acquired"], 0, "acquired",
                     "bad time " + text::Quoted(values.find("acquired")->second) + ": expected RFC 3339 with a zone");
  }
  reading.captured_at = *acquired;

  CsvRecord row;
  while (true) {
    auto got = table->Next(row);
    if (!got.ok()) return got.error();
    if (!*got) break;
    auto peak = ReadPeak(*table, row, mz_column, intensity_column);
    if (!peak.ok()) return peak.error();
    payload.peaks.push_back(*peak);
  }
  if (payload.peaks.empty()) return table->HeaderError("no peaks after the header");
  reading.payload = std::move(payload);
  std::vector<Reading> readings;
  readings.push_back(std::move(reading));
  return readings;
}

}  // namespace greenlane::instruments
