#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/instruments/container.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::instruments {

enum class ReadingKind : std::uint8_t { kXrf, kRefrigerant, kWoodImage, kQpcr, kDart };

/// Stable lower-case name used in events, queries and the ingest schema: "xrf", "refrigerant",
/// "wood_image", "qpcr", "dart".
std::string_view KindName(ReadingKind kind);

struct GeoPoint {
  Decimal latitude;
  Decimal longitude;
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

/// One element of an XRF reading, all quantities in ppm. An element the export lists but the
/// reading left blank is not reported at all.
struct XrfElement {
  std::string symbol;    ///< "Pb"
  std::string compound;  ///< "PbO" in oxide (Geochem) modes; empty otherwise
  std::optional<Decimal> compound_level_ppm;
  std::optional<Decimal> compound_error_ppm;
  /// True for "<LOD": below the limit of detection, so `concentration_ppm` is empty. A non-detect
  /// written as 0 with a σ is a measured value and stays one.
  bool below_lod = false;
  std::optional<Decimal> concentration_ppm;
  std::optional<Decimal> error_1s_ppm;  ///< one standard deviation; a verdict uses 3σ
};

struct XrfPayload {
  std::string method;       ///< "RoHS", "Geochem(3-Beam)"
  std::string user_factor;  ///< empty when none was applied
  std::string collimation;  ///< "Off", "On"
  std::string units;        ///< as written ("ppm" or "PPM"); values are always ppm
  std::optional<GeoPoint> position;
  std::vector<XrfElement> elements;

  /// The element with `symbol`, or nullptr when the reading does not report it.
  const XrfElement* Find(std::string_view symbol) const;
};

struct RefrigerantComponent {
  std::string name;  ///< the column name without " %": "R134a", or any refrigerant the analyzer adds
  Decimal percent_by_weight;
};

struct RefrigerantPayload {
  std::string cylinder_label;                    ///< what the label claims, e.g. "R-134a"
  std::vector<RefrigerantComponent> components;  ///< in column order; blank cells are not listed
  std::optional<Decimal> hydrocarbons_percent;
  std::optional<Decimal> air_percent;
  std::string analyzer_result;  ///< the analyzer's own verdict text, e.g. "PASS R134a" or "MIX"
};

enum class Light : std::uint8_t { kVisible, kUltraviolet };

struct ClassScore {
  std::string name;  ///< a genus or species group of the model, e.g. "Cedrelinga"
  Decimal score;     ///< softmax score, 0 to 1
};

struct WoodImagePayload {
  std::string model;  ///< "peru-24class-v2"
  Light light = Light::kVisible;
  std::array<ClassScore, 3> top;  ///< best first, as the classifier ranked them
  Decimal others;                 ///< 1 − sum of the top three, as written
};

enum class QpcrSampleType : std::uint8_t { kUnknown, kNtc, kPositiveControl };

struct QpcrPayload {
  std::string run;
  std::string well;
  QpcrSampleType sample_type = QpcrSampleType::kUnknown;
  std::string target;                 ///< assay, e.g. "CITES-multiplex"
  std::optional<Decimal> cq;          ///< empty: no amplification
  std::optional<Decimal> tm_celsius;  ///< melt peak; empty with no amplification
};

enum class Polarity : std::uint8_t { kPositive, kNegative };

struct DartPeak {
  Decimal mz;
  Decimal intensity;
};

struct DartPayload {
  std::string instrument;  ///< as written, e.g. "AccuTOF-DART SN 7721"
  Polarity polarity = Polarity::kPositive;
  std::vector<DartPeak> peaks;  ///< in file order
};

using Payload = std::variant<XrfPayload, RefrigerantPayload, WoodImagePayload, QpcrPayload, DartPayload>;

/// What makes a reading the same reading when a file is seen again: (instrument serial, reading
/// number or file position, capture time).
struct NaturalKey {
  std::string serial;
  std::string position;  ///< the reading number as written, or "line N" when the format has none
  core::TimePoint captured_at;
  friend auto operator<=>(const NaturalKey&, const NaturalKey&) = default;
};

/// One normalized analyzer result and the bytes it came from.
struct Reading {
  ReadingKind kind = ReadingKind::kXrf;
  std::string instrument_serial;
  std::string reading_number;   ///< as written ("0481", "1207", "RUN/A1"); empty when the format has none
  std::size_t line = 0;         ///< 1-based line where the reading starts in its file
  core::TimePoint captured_at;  ///< UTC
  std::string sample_label;     ///< sample label or specimen id as written
  std::optional<ConsignmentRef> consignment;
  std::string raw;  ///< the line (without its terminator) or the whole block it was parsed from
  Payload payload;

  NaturalKey Key() const;
};

}  // namespace greenlane::instruments
