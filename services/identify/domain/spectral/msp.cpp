#include <string>

#include "domain/spectral/library_files.h"
#include "domain/spectral/text_fields.h"

namespace greenlane::identify::spectral {
namespace {

// One MSP record being read: its header, then exactly `declared_peaks` peaks.
struct MspRecord {
  ReferenceSpectrum spectrum;
  std::size_t first_line = 0;
  bool has_name = false;
  std::optional<std::size_t> declared_peaks;
};

core::Status Finish(MspRecord& record, std::size_t line, std::vector<ReferenceSpectrum>& out) {
  if (!record.has_name) return text::LineError(record.first_line, "the record has no 'Name:'");
  const std::string who = "record '" + record.spectrum.name + "'";
  if (!record.declared_peaks) return text::LineError(line, who + " has no 'Num Peaks:'");
  if (record.spectrum.peaks.size() != *record.declared_peaks) {
    return text::LineError(line, who + " declares " + std::to_string(*record.declared_peaks) + " peaks but lists " +
                                     std::to_string(record.spectrum.peaks.size()));
  }
  if (record.spectrum.species.empty()) return text::LineError(record.first_line, who + " has no 'Species:'");
  out.push_back(std::move(record.spectrum));
  return core::Status::Ok();
}

core::Status ApplyField(MspRecord& record, std::string_view key, std::string_view value, std::size_t line) {
  const std::string lower = text::Lower(key);
  if (lower == "name") {
    record.spectrum.name = std::string(value);
    record.has_name = true;
  } else if (lower == "species" || lower == "organism") {
    record.spectrum.species = std::string(value);
  } else if (lower == "source") {
    record.spectrum.source = std::string(value);
  } else if (lower == "precursormz" || lower == "precursor_mz") {
    const auto mz = text::ParseNumber(value);
    if (!mz || *mz <= 0) return text::LineError(line, "PrecursorMZ '" + std::string(value) + "' is not a number > 0");
    record.spectrum.precursor_mz = *mz;
  } else if (lower == "ion_mode" || lower == "ionmode" || lower == "polarity") {
    const auto polarity = text::ParsePolarity(value);
    if (!polarity)
      return text::LineError(line, "ion mode '" + std::string(value) + "' is neither positive nor negative");
    record.spectrum.polarity = *polarity;
  } else if (lower == "num peaks" || lower == "numpeaks" || lower == "num_peaks") {
    const auto count = text::ParseNumber(value);
    if (!count || *count < 0 || *count != static_cast<double>(static_cast<std::size_t>(*count)) ||
        *count > static_cast<double>(kMaxPeaksPerSpectrum)) {
      return text::LineError(line, "Num Peaks '" + std::string(value) + "' is not a whole number from 0 to " +
                                       std::to_string(kMaxPeaksPerSpectrum));
    }
    record.declared_peaks = static_cast<std::size_t>(*count);
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<std::vector<ReferenceSpectrum>> ParseMsp(std::string_view content, std::string_view source) {
  std::vector<ReferenceSpectrum> out;
  MspRecord record;
  bool open = false;  // a record has started
  text::Lines lines(content);
  while (const auto raw = lines.Next()) {
    const std::string_view line = text::Trim(*raw);
    const std::size_t number = lines.Number();
    if (line.empty()) {
      if (open) {
        if (auto done = Finish(record, number, out); !done) return done.error();
        open = false;
      }
      continue;
    }
    // Some writers omit the blank line between records: a complete record ends at the next key.
    if (open && record.declared_peaks && record.spectrum.peaks.size() == *record.declared_peaks &&
        line.find(':') != std::string_view::npos) {
      if (auto done = Finish(record, number, out); !done) return done.error();
      open = false;
    }
    if (!open) {
      record = MspRecord{};
      open = true;
      record.first_line = number;
      record.spectrum.source = std::string(source);
    }
    if (record.declared_peaks) {
      if (auto added = text::AppendPeakPairs(line, number, record.spectrum.peaks); !added) return added.error();
      if (record.spectrum.peaks.size() > *record.declared_peaks) {
        return text::LineError(number, "record '" + record.spectrum.name + "' lists more than the " +
                                           std::to_string(*record.declared_peaks) + " peaks it declares");
      }
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return text::LineError(number, "expected 'Key: value' before 'Num Peaks:', got '" + std::string(line) + "'");
    }
    if (auto applied =
            ApplyField(record, text::Trim(line.substr(0, colon)), text::Trim(line.substr(colon + 1)), number);
        !applied) {
      return applied.error();
    }
  }
  if (open) {
    if (auto done = Finish(record, lines.Number(), out); !done) return done.error();
  }
  return out;
}

}  // namespace greenlane::identify::spectral
