#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/barcode.h"
#include "domain/model.h"
#include "domain/outcome.h"
#include "domain/rule_set.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber {

/// Rule "transport.speed": the fastest leg between consecutive GPS points (haversine distance over
/// elapsed time) judged against the tiers in km/h. A truck that "covers" 200 km in an hour was
/// not where the track says; a track whose times do not increase is an error.
RuleOutcome CheckTrackSpeed(const Barcode& waybill, const std::vector<TrackPoint>& track, const Tiers& speed_kmh);

/// Rule "transport.night_issue": no waybill is issued from a forest site inside the night window,
/// in the site's local time. Other kinds of site (yards, mills, ports) are staffed and pass.
RuleOutcome CheckNightIssue(const Barcode& waybill, const Site& origin, core::TimePoint issued_at,
                            const NightWindow& night);

/// Rule "transport.photos": a waybill carries at least the configured number of photo references
/// (the load, the plate, the tags).
RuleOutcome CheckPhotos(const Barcode& waybill, std::size_t photo_count, int minimum_photos);

/// Rule "capture.upload_delay": a record captured offline and uploaded long after is flagged: the
/// fraud is to issue a waybill on a device and upload it only if the truck is stopped. The delay
/// from `captured_at` to the clock's now, in hours, is judged against the tiers; a capture time
/// further in the future than the tolerance is an error (a device clock set forward).
RuleOutcome CheckUploadDelay(const std::string& subject, core::TimePoint captured_at, const core::Clock& clock,
                             const Tiers& delay_hours, std::chrono::minutes future_tolerance);

}  // namespace greenlane::timber
