#include "api/convert.h"

#include <algorithm>
#include <chrono>

namespace greenlane::ingest {
namespace {

// About 1700-01-01 and 2240-01-01: inside what a nanosecond time point holds.
constexpr std::int64_t kMinSeconds = -8'520'336'000;
constexpr std::int64_t kMaxSeconds = 8'520'336'000;

}  // namespace

core::TimePoint FromProto(const google::protobuf::Timestamp& timestamp) {
  const auto seconds = std::clamp<std::int64_t>(timestamp.seconds(), kMinSeconds, kMaxSeconds);
  const auto nanos = std::clamp<std::int32_t>(timestamp.nanos(), 0, 999'999'999);
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::seconds(seconds) +
                                                                               std::chrono::nanoseconds(nanos)));
}

void ToProto(core::TimePoint time, google::protobuf::Timestamp* out) {
  const auto since = time.time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since);
  out->set_seconds(seconds.count());
  out->set_nanos(
      static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count()));
}

SequencedReading FromProto(const v1::SequencedReading& in) {
  const auto& r = in.reading();
  SequencedReading out;
  out.sequence = in.sequence();
  Reading& reading = out.reading;
  reading.kind = r.kind();
  reading.device_serial = r.device_serial();
  reading.captured_at = FromProto(r.captured_at());
  reading.operator_id = r.operator_id();
  reading.sample_label = r.sample_label();
  reading.declaration = r.consignment().declaration();
  reading.container = r.consignment().container();
  reading.item = r.consignment().item();
  if (r.has_location()) reading.location = Location{r.location().latitude(), r.location().longitude()};
  reading.reading_number = r.reading_number();
  reading.source_file = r.source_file();
  reading.source_line = r.source_line();
  reading.raw = r.raw();
  reading.payload_json = r.payload_json();
  return out;
}

void ToProto(const Reading& in, v1::Reading* out) {
  out->set_id(in.id);
  out->set_kind(in.kind);
  out->set_device_serial(in.device_serial);
  out->set_gateway_id(in.gateway_id);
  ToProto(in.captured_at, out->mutable_captured_at());
  ToProto(in.received_at, out->mutable_received_at());
  out->set_operator_id(in.operator_id);
  out->set_sample_label(in.sample_label);
  auto* consignment = out->mutable_consignment();
  consignment->set_declaration(in.declaration);
  consignment->set_container(in.container);
  consignment->set_item(in.item);
  consignment->set_container_check_digit_valid(in.container_check_digit_valid);
  if (in.location) {
    out->mutable_location()->set_latitude(in.location->latitude);
    out->mutable_location()->set_longitude(in.location->longitude);
  }
  out->set_reading_number(in.reading_number);
  out->set_source_file(in.source_file);
  out->set_source_line(in.source_line);
  out->set_raw(in.raw);
  out->set_payload_json(in.payload_json);
  for (const auto& flag : in.flags) out->add_flags(flag);
}

Device FromProto(const v1::Device& in) {
  return {in.serial(), in.kind(), in.model(), in.office(), in.gateway_id(), std::nullopt};
}

void ToProto(const Device& in, bool overdue, v1::Device* out) {
  out->set_serial(in.serial);
  out->set_kind(in.kind);
  out->set_model(in.model);
  out->set_office(in.office);
  out->set_gateway_id(in.gateway_id);
  if (in.last_verification) ToProto(*in.last_verification, out->mutable_last_verification());
  out->set_verification_overdue(overdue);
}

Verification FromProto(const v1::Verification& in) {
  return {in.device_serial(), FromProto(in.performed_at()), in.result(), in.reference_material(),
          FromProto(in.next_due())};
}

void ToProto(const Verification& in, v1::Verification* out) {
  out->set_device_serial(in.device_serial);
  ToProto(in.performed_at, out->mutable_performed_at());
  out->set_result(in.result);
  out->set_reference_material(in.reference_material);
  ToProto(in.next_due, out->mutable_next_due());
}

}  // namespace greenlane::ingest
