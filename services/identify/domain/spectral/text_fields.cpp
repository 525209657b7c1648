#include "domain/spectral/text_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace greenlane::identify::spectral::text {

std::optional<std::string_view> Lines::Next() {
  if (done_) return std::nullopt;
  ++number_;
  const std::size_t end = rest_.find('\n');
  std::string_view line = rest_.substr(0, end);
  if (end == std::string_view::npos) {
    done_ = true;
    rest_ = {};
  } else {
    rest_.remove_prefix(end + 1);
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<double> ParseNumber(std::string_view token) {
  if (!token.empty() && token.front() == '+') token.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || error != std::errc{} || end != token.data() + token.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<Polarity> ParsePolarity(std::string_view value) {
  const std::string lower = Lower(Trim(value));
  if (lower == "positive" || lower == "pos" || lower == "p" || lower == "+") return Polarity::kPositive;
  if (lower == "negative" || lower == "neg" || lower == "n" || lower == "-") return Polarity::kNegative;
  return std::nullopt;
}

core::Error LineError(std::size_t line, std::string reason) {
  return core::Error::InvalidArgument("line " + std::to_string(line),
                                      "line " + std::to_string(line) + ": " + std::move(reason));
}

core::Result<Peak> MakePeak(std::string_view mz, std::string_view intensity, std::size_t line) {
  const auto mz_value = ParseNumber(mz);
  if (!mz_value || *mz_value < 0) {
    return LineError(line, "peak m/z '" + std::string(mz) + "' is not a number ≥ 0");
  }
  const auto intensity_value = ParseNumber(intensity);
  if (!intensity_value || *intensity_value < 0) {
    return LineError(line, "peak intensity '" + std::string(intensity) + "' is not a number ≥ 0");
  }
  return Peak{*mz_value, *intensity_value};
}

core::Status AppendPeakPairs(std::string_view line, std::size_t line_number, std::vector<Peak>& peaks) {
  std::vector<std::string_view> tokens;
  bool in_quotes = false;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const char c = i < line.size() ? line[i] : ' ';
    if (c == '"') {
      if (start != std::string_view::npos) return LineError(line_number, "a quote starts inside a number");
      in_quotes = !in_quotes;
      continue;
    }
    if (in_quotes) continue;
    const bool separator = c == ' ' || c == '\t' || c == ',' || c == ';';
    if (separator && start != std::string_view::npos) {
      tokens.push_back(line.substr(start, i - start));
      start = std::string_view::npos;
    } else if (!separator && start == std::string_view::npos) {
      start = i;
    }
  }
  if (in_quotes) return LineError(line_number, "an annotation quote is not closed");
  if (tokens.size() % 2 != 0) {
    return LineError(line_number, "peak line '" + std::string(line) + "' does not hold m/z and intensity pairs");
  }
  for (std::size_t i = 0; i < tokens.size(); i += 2) {
    auto peak = MakePeak(tokens[i], tokens[i + 1], line_number);
    if (!peak) return peak.error();
    peaks.push_back(*peak);
  }
  return core::Status::Ok();
}

}  // namespace greenlane::identify::spectral::text
