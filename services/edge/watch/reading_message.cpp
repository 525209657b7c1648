#include "watch/reading_message.h"

#include <google/protobuf/util/time_util.h>

#include <charconv>
#include <chrono>

#include "greenlane/instruments/reading_json.h"

namespace greenlane::edge {
namespace {

double ToDouble(const instruments::Decimal& value) {
  const std::string text = value.ToString();
  double result = 0;
  std::from_chars(text.data(), text.data() + text.size(), result);
  return result;
}

}  // namespace

v1::Reading ToMessage(const instruments::Reading& reading, const std::string& source_file) {
  v1::Reading message;
  message.set_kind(std::string(instruments::KindName(reading.kind)));
  message.set_device_serial(reading.instrument_serial);
  *message.mutable_captured_at() = google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(reading.captured_at.time_since_epoch()).count());
  message.set_sample_label(reading.sample_label);
  if (reading.consignment) {
    auto& consignment = *message.mutable_consignment();
    consignment.set_container(reading.consignment->container);
    consignment.set_item(reading.consignment->item);
    consignment.set_container_check_digit_valid(reading.consignment->check_digit_valid);
  }
  if (const auto* xrf = std::get_if<instruments::XrfPayload>(&reading.payload); xrf && xrf->position) {
    message.mutable_location()->set_latitude(ToDouble(xrf->position->latitude));
    message.mutable_location()->set_longitude(ToDouble(xrf->position->longitude));
  }
  // Formats without reading numbers (XyloTron, DART) are identified by their position in the file,
  // the same position their natural key uses ("line N").
  message.set_reading_number(reading.Key().position);
  message.set_source_file(source_file);
  message.set_source_line(static_cast<std::int32_t>(reading.line));
  message.set_raw(reading.raw);
  message.set_payload_json(instruments::PayloadJson(reading.payload).dump());
  return message;
}

}  // namespace greenlane::edge
