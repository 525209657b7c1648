#pragma once

#include <google/protobuf/timestamp.pb.h>

#include "domain/device.h"
#include "domain/reading.h"
#include "greenlane/core/clock.h"
#include "greenlane/v1/ingest.pb.h"

namespace greenlane::ingest {

/// A protobuf Timestamp as a time point. Seconds beyond what a time point holds are clamped to
/// year 1700 or 2240, so domain validation refuses them with the usual message; a missing
/// timestamp is the epoch, which validation refuses as well.
core::TimePoint FromProto(const google::protobuf::Timestamp& timestamp);
void ToProto(core::TimePoint time, google::protobuf::Timestamp* out);

SequencedReading FromProto(const v1::SequencedReading& in);
void ToProto(const Reading& in, v1::Reading* out);

Device FromProto(const v1::Device& in);
/// `overdue` is IsVerificationOverdue now, which only the caller knows (it owns the clock).
void ToProto(const Device& in, bool overdue, v1::Device* out);

Verification FromProto(const v1::Verification& in);
void ToProto(const Verification& in, v1::Verification* out);

}  // namespace greenlane::ingest
