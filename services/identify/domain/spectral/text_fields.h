#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/spectral/spectrum.h"
#include "greenlane/core/error.h"

namespace greenlane::identify::spectral::text {

/// Splits a text into lines (LF or CRLF), numbering them from 1 for error messages.
class Lines {
 public:
  explicit Lines(std::string_view text) : rest_(text) {}
  /// The next line without its end of line, or nullopt at the end of the text.
  std::optional<std::string_view> Next();
  std::size_t Number() const { return number_; }

 private:
  std::string_view rest_;
  std::size_t number_ = 0;
  bool done_ = false;
};

std::string_view Trim(std::string_view text);
/// ASCII lower case, for case-insensitive keys.
std::string Lower(std::string_view text);
/// A whole-token finite decimal number, or nullopt.
std::optional<double> ParseNumber(std::string_view token);
/// "positive"/"pos"/"p"/"+" and "negative"/"neg"/"n"/"-" in any case; nullopt otherwise.
std::optional<Polarity> ParsePolarity(std::string_view value);

/// The error for line `line` of a library file.
core::Error LineError(std::size_t line, std::string reason);

/// A peak from its two tokens; both must be finite numbers ≥ 0.
core::Result<Peak> MakePeak(std::string_view mz, std::string_view intensity, std::size_t line);

/// Appends the peaks of one MSP peak line: numbers separated by spaces, tabs, ',' or ';', read in
/// (m/z, intensity) pairs; double-quoted annotations are skipped.
core::Status AppendPeakPairs(std::string_view line, std::size_t line_number, std::vector<Peak>& peaks);

}  // namespace greenlane::identify::spectral::text
