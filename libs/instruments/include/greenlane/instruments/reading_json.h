#pragma once

#include <nlohmann/json.hpp>

#include "greenlane/instruments/reading.h"

namespace greenlane::instruments {

/// The kind-specific payload of a reading as JSON, the form it travels in (Reading.payload_json of
/// ingest.proto) and is stored in by ingest, so every consumer reads one documented schema instead
/// of re-parsing analyzer files.
///
/// Rules shared by every kind:
/// - Decimals are JSON strings exactly as the analyzer wrote them ("0.0", "-12.04632"): a
///   verdict compares them with legal limits, and a JSON number would go through a binary float.
/// - Every member is always present. An absent optional value is `null`, an absent text is "".
/// - A non-detect is said explicitly ("below_lod": true, "amplified": false), never inferred from
///   a missing number.
///
/// Per kind (member: meaning):
/// - xrf: method, user_factor, collimation, units_written (as written; values are always ppm),
///   position ({latitude, longitude} or null), elements: [{symbol, compound, compound_level_ppm,
///   compound_error_ppm, below_lod, concentration_ppm, error_1s_ppm}] in export column order.
/// - refrigerant: cylinder_label, components: [{name, percent_by_weight}] in column order,
///   hydrocarbons_percent, air_percent, analyzer_result.
/// - wood_image: model, light ("visible" | "ultraviolet"), top: [{name, score}] best first (three),
///   others.
/// - qpcr: run, well, sample_type ("unknown" | "ntc" | "positive_control"), target, amplified,
///   cq, tm_celsius.
/// - dart: instrument, polarity ("positive" | "negative"), peaks: [{mz, intensity}] in file order.
nlohmann::json PayloadJson(const Payload& payload);

}  // namespace greenlane::instruments
