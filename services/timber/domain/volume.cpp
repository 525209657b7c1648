#include "domain/volume.h"

#include <cmath>
#include <numbers>

#include "greenlane/core/fixed_point.h"

namespace greenlane::timber {
namespace {

constexpr int kVolumeDigits = 3;
constexpr int kMaxDiameterCm = 500;
constexpr int kMaxLengthCm = 10'000;

// π·(d/2)²·L with d = d_sum/2, from centimetres to cubic decimetres: π·d_sum²·L / 16 / 1000.
// d_sum² · L stays below 2^53, so the only rounding is the final one.
Volume CylinderFromDiameterSum(std::int64_t diameter_sum_cm, std::int64_t length_cm) {
  const double cubic_cm_over_pi = static_cast<double>(diameter_sum_cm * diameter_sum_cm * length_cm) / 16.0;
  return {std::llround(std::numbers::pi * cubic_cm_over_pi / 1000.0)};
}

}  // namespace

std::string Volume::ToString() const { return core::FormatFixedPoint(dm3, kVolumeDigits) + " m³"; }

core::Result<Volume> ReadVolume(const nlohmann::json& value, std::string_view field) {
  auto scaled = core::ReadFixedPoint(value, kVolumeDigits, field);
  if (!scaled.ok()) return scaled.error();
  return Volume{*scaled};
}

core::Status ValidateLogMeasure(const LogMeasure& measure) {
  const auto check = [](std::string_view field, int value, int max) -> core::Status {
    if (value > 0 && value <= max) return core::Status::Ok();
    return core::Error::InvalidArgument(std::string(field), std::string(field) + ": " + std::to_string(value) +
                                                                " cm is outside 1.." + std::to_string(max) + " cm");
  };
  if (auto s = check("butt_diameter_cm", measure.butt_diameter_cm, kMaxDiameterCm); !s.ok()) return s;
  if (auto s = check("top_diameter_cm", measure.top_diameter_cm, kMaxDiameterCm); !s.ok()) return s;
  if (auto s = check("length_cm", measure.length_cm, kMaxLengthCm); !s.ok()) return s;
  if (measure.top_diameter_cm > measure.butt_diameter_cm) {
    return core::Error::InvalidArgument(
        "top_diameter_cm", "top_diameter_cm: " + std::to_string(measure.top_diameter_cm) +
                               " cm is wider than butt_diameter_cm " + std::to_string(measure.butt_diameter_cm) +
                               " cm; the butt is the larger end, swap the two values");
  }
  return core::Status::Ok();
}

Volume LogVolume(const LogMeasure& measure) {
  return CylinderFromDiameterSum(measure.butt_diameter_cm + measure.top_diameter_cm, measure.length_cm);
}

Volume TreeVolume(int dbh_cm, int bole_height_cm) {
  return CylinderFromDiameterSum(2 * static_cast<std::int64_t>(dbh_cm), bole_height_cm);
}

}  // namespace greenlane::timber
