#pragma once

#include <compare>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::timber {

/// A timber volume held exactly as an integer count of cubic decimetres, i.e. cubic metres with
/// the three decimals that waybills and export certificates carry (1.234 m³ is 1234). Sums over
/// thousands of logs and comparisons against an allowable cut stay exact.
struct Volume {
  std::int64_t dm3 = 0;

  friend auto operator<=>(const Volume&, const Volume&) = default;
  friend Volume operator+(Volume a, Volume b) { return {a.dm3 + b.dm3}; }
  friend Volume operator-(Volume a, Volume b) { return {a.dm3 - b.dm3}; }
  Volume& operator+=(Volume other) {
    dm3 += other.dm3;
    return *this;
  }

  /// "3.848 m³".
  std::string ToString() const;
};

/// A volume in m³ from JSON ("1500.25" or 1500.25, at most three decimals, not negative).
core::Result<Volume> ReadVolume(const nlohmann::json& value, std::string_view field);

/// How a log is measured on the ground: diameters at both ends and length, in whole centimetres
/// (the resolution of a forester's tape).
struct LogMeasure {
  int butt_diameter_cm = 0;  ///< the larger end
  int top_diameter_cm = 0;
  int length_cm = 0;

  friend bool operator==(const LogMeasure&, const LogMeasure&) = default;
};

/// Rejects measures no tape can produce: non-positive values, a top wider than the butt, more than
/// 5 m across or 100 m long. The error names the field.
core::Status ValidateLogMeasure(const LogMeasure& measure);

/// The log's volume π(d/2)²·L with d the mean of butt and top diameters, rounded half up to the
/// cubic decimetre once, at the end (so an 80/60 cm log of 10 m is 3.848 m³).
Volume LogVolume(const LogMeasure& measure);

/// The volume of a standing tree's bole as a cylinder of its diameter at breast height and bole
/// height. It is an upper bound of what the bole yields in logs, which is what volume conservation
/// needs; mean-diameter log volumes of a buttressed butt may still exceed it by a few percent.
Volume TreeVolume(int dbh_cm, int bole_height_cm);

}  // namespace greenlane::timber
