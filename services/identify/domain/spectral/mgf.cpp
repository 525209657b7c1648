#include <string>

#include "domain/spectral/library_files.h"
#include "domain/spectral/text_fields.h"

namespace greenlane::identify::spectral {
namespace {

struct MgfBlock {
  ReferenceSpectrum spectrum;
  std::size_t first_line = 0;
  std::optional<Polarity> charge_polarity;  // used only when no IONMODE is given
  bool has_ion_mode = false;
};

bool IsComment(std::string_view line) {
  return line.front() == '#' || line.front() == ';' || line.front() == '!' || line.front() == '/';
}

core::Status ApplyField(MgfBlock& block, std::string_view key, std::string_view value, std::size_t line) {
  const std::string lower = text::Lower(key);
  if (lower == "title") {
    block.spectrum.name = std::string(value);
  } else if (lower == "species" || lower == "organism") {
    block.spectrum.species = std::string(value);
  } else if (lower == "source") {
    block.spectrum.source = std::string(value);
  } else if (lower == "pepmass") {
    // "PEPMASS=m/z [intensity]": only the m/z matters here.
    const std::string_view first = value.substr(0, value.find_first_of(" \t"));
    const auto mz = text::ParseNumber(first);
    if (!mz || *mz <= 0) return text::LineError(line, "PEPMASS '" + std::string(value) + "' is not a number > 0");
    block.spectrum.precursor_mz = *mz;
  } else if (lower == "ionmode" || lower == "ion_mode" || lower == "polarity") {
    const auto polarity = text::ParsePolarity(value);
    if (!polarity)
      return text::LineError(line, "ion mode '" + std::string(value) + "' is neither positive nor negative");
    block.spectrum.polarity = *polarity;
    block.has_ion_mode = true;
  } else if (lower == "charge" && !value.empty()) {
    if (value.back() == '+') block.charge_polarity = Polarity::kPositive;
    if (value.back() == '-') block.charge_polarity = Polarity::kNegative;
  }
  return core::Status::Ok();
}

core::Status AppendPeak(std::string_view line, std::size_t number, std::vector<Peak>& peaks) {
  // "m/z intensity [charge]": the optional third column is ignored.
  const std::size_t split = line.find_first_of(" \t");
  if (split == std::string_view::npos) {
    return text::LineError(number, "peak line '" + std::string(line) + "' needs an m/z and an intensity");
  }
  const std::string_view rest = text::Trim(line.substr(split));
  auto peak = text::MakePeak(line.substr(0, split), rest.substr(0, rest.find_first_of(" \t")), number);
  if (!peak) return peak.error();
  if (peaks.size() == kMaxPeaksPerSpectrum) {
    return text::LineError(number, "the spectrum holds more than " + std::to_string(kMaxPeaksPerSpectrum) + " peaks");
  }
  peaks.push_back(*peak);
  return core::Status::Ok();
}

}  // namespace

core::Result<std::vector<ReferenceSpectrum>> ParseMgf(std::string_view content, std::string_view source) {
  std::vector<ReferenceSpectrum> out;
  std::optional<MgfBlock> block;
  text::Lines lines(content);
  while (const auto raw = lines.Next()) {
    const std::string_view line = text::Trim(*raw);
    const std::size_t number = lines.Number();
    if (line.empty() || IsComment(line)) continue;
    const std::string lowered = text::Lower(line);
    if (lowered == "begin ions") {
      if (block)
        return text::LineError(number,
                               "BEGIN IONS inside the block opened on line " + std::to_string(block->first_line));
      block.emplace();
      block->first_line = number;
      block->spectrum.source = std::string(source);
      block->spectrum.name = "spectrum " + std::to_string(out.size() + 1);
      continue;
    }
    if (lowered == "end ions") {
      if (!block) return text::LineError(number, "END IONS without BEGIN IONS");
      if (!block->has_ion_mode && block->charge_polarity) block->spectrum.polarity = *block->charge_polarity;
      if (block->spectrum.species.empty()) {
        return text::LineError(block->first_line, "spectrum '" + block->spectrum.name + "' has no SPECIES=");
      }
      out.push_back(std::move(block->spectrum));
      block.reset();
      continue;
    }
    const std::size_t equals = line.find('=');
    if (equals != std::string_view::npos) {
      if (!block) continue;  // a global parameter
      if (auto applied =
              ApplyField(*block, text::Trim(line.substr(0, equals)), text::Trim(line.substr(equals + 1)), number);
          !applied) {
        return applied.error();
      }
      continue;
    }
    if (!block) return text::LineError(number, "'" + std::string(line) + "' is outside a BEGIN IONS block");
    if (auto added = AppendPeak(line, number, block->spectrum.peaks); !added) return added.error();
  }
  if (block) {
    return text::LineError(lines.Number(),
                           "the block opened on line " + std::to_string(block->first_line) + " has no END IONS");
  }
  return out;
}

}  // namespace greenlane::identify::spectral
