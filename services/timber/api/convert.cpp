#include "api/convert.h"

#include <algorithm>

#include "store/codes.h"

namespace greenlane::timber {
namespace {

constexpr std::int64_t kMinSeconds = -8'520'336'000;
constexpr std::int64_t kMaxSeconds = 8'520'336'000;

std::string_view AppendixName(CitesAppendix appendix) {
  switch (appendix) {
    case CitesAppendix::kI:
      return "I";
    case CitesAppendix::kII:
      return "II";
    case CitesAppendix::kIII:
      return "III";
    case CitesAppendix::kNotListed:
      break;
  }
  return "";
}

}  // namespace

core::TimePoint FromProto(const google::protobuf::Timestamp& timestamp) {
  const auto seconds = std::clamp<std::int64_t>(timestamp.seconds(), kMinSeconds, kMaxSeconds);
  const auto nanos = std::clamp<std::int32_t>(timestamp.nanos(), 0, 999'999'999);
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::seconds(seconds) +
                                                                               std::chrono::nanoseconds(nanos)));
}

void ToProto(core::TimePoint time, google::protobuf::Timestamp* out) {
  const auto since = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since);
  out->set_seconds(seconds.count());
  out->set_nanos(
      static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count()));
}

GeoPoint FromProto(const v1::GeoPoint& point) { return {point.longitude(), point.latitude()}; }

void ToProto(const GeoPoint& point, v1::GeoPoint* out) {
  out->set_longitude(point.longitude);
  out->set_latitude(point.latitude);
}

void ToProto(const Operator& in, v1::TimberOperator* out) {
  out->set_id(in.id);
  out->set_name(in.name);
  out->set_country(in.country);
  out->set_registration_number(in.registration_number);
}

void ToProto(const Site& in, const std::string& operator_id, v1::TimberSite* out) {
  out->set_id(in.id);
  out->set_operator_id(operator_id);
  out->set_name(in.name);
  out->set_kind(std::string(store::SiteKindCode(in.kind)));
  ToProto(in.location, out->mutable_location());
  out->set_utc_offset_minutes(in.utc_offset_minutes);
}

void ToProto(const Species& in, v1::TimberSpecies* out) {
  out->set_scientific_name(in.scientific_name);
  out->set_common_name(in.common_name);
  out->set_cites_appendix(std::string(AppendixName(in.cites_appendix)));
  out->set_minimum_diameter_cm(in.minimum_diameter_cm);
  for (const auto& [product, yield] : in.max_yield_hundredths)
    (*out->mutable_max_yield_hundredths_percent())[product] = yield;
}

void ToProto(const store::PieceRow& in, v1::TimberPiece* out) {
  out->set_barcode(in.barcode.text());
  out->set_kind(std::string(store::PieceKindCode(in.barcode.kind())));
  out->set_species(in.species);
  out->set_parent(in.parent);
  out->set_concession_id(in.concession_id);
  out->set_dbh_cm(in.dbh_cm);
  out->set_bole_height_cm(in.bole_height_cm);
  out->set_butt_diameter_cm(in.measure.butt_diameter_cm);
  out->set_top_diameter_cm(in.measure.top_diameter_cm);
  out->set_length_cm(in.measure.length_cm);
  out->set_product(in.product);
  out->set_volume_dm3(in.volume.dm3);
  out->set_state(std::string(store::PieceStateCode(in.custody.state)));
  out->set_site_id(in.custody.site_id);
  out->set_document(in.custody.document ? in.custody.document->text() : std::string());
}

void ToProto(const RuleOutcome& in, v1::TimberAnomaly* out) {
  out->set_rule(in.rule);
  out->set_severity(std::string(SeverityName(in.severity)));
  out->set_subject(in.subject);
  out->set_value(in.value);
  out->set_limit(in.limit);
  out->set_message(in.message);
}

void ToProto(const store::Anomaly& in, v1::TimberAnomaly* out) {
  ToProto(in.outcome, out);
  out->set_id(in.id);
  out->set_actor(in.actor);
  ToProto(in.raised_at, out->mutable_raised_at());
}

void ToProto(const store::DocumentView& in, const std::string& token, v1::TimberDocument* out) {
  out->set_number(in.number);
  out->set_kind(std::string(KindName(in.kind)));
  out->set_state(in.state);
  for (const auto& item : in.items) out->add_items(item);
  for (const auto& species : in.species) out->add_species(species);
  out->set_volume_dm3(in.volume.dm3);
  out->set_owner(in.owner);
  ToProto(in.issued_at, out->mutable_issued_at());
  out->set_origin_site_id(in.origin_site_id);
  out->set_destination_site_id(in.destination_site_id);
  out->set_vehicle(in.vehicle);
  out->set_driver(in.driver);
  for (const auto& photo : in.photo_refs) out->add_photo_refs(photo);
  if (in.departed_at) ToProto(*in.departed_at, out->mutable_departed_at());
  if (in.arrived_at) ToProto(*in.arrived_at, out->mutable_arrived_at());
  out->set_hs_code(in.hs_code);
  out->set_destination_country(in.destination_country);
  out->set_container(in.container);
  out->set_cites_permit(in.cites_permit);
  if (in.shipped_at) ToProto(*in.shipped_at, out->mutable_shipped_at());
  out->set_token(token);
}

void ToProto(const store::DocumentView& in, core::TimePoint valid_until, v1::TimberPublicDocument* out) {
  out->set_number(in.number);
  out->set_kind(std::string(KindName(in.kind)));
  out->set_state(in.state);
  for (const auto& species : in.species) out->add_species(species);
  out->set_volume_dm3(in.volume.dm3);
  out->set_origin(PublicOrigin(in));
  out->set_destination(PublicDestination(in));
  out->set_vehicle(PublicVehicle(in));
  ToProto(in.issued_at, out->mutable_issued_at());
  ToProto(valid_until, out->mutable_valid_until());
}

void ToProto(const store::Lineage& in, const std::string& certificate_token, v1::TimberLineage* out) {
  ToProto(in.certificate, certificate_token, out->mutable_certificate());
  out->mutable_pieces()->Reserve(static_cast<int>(in.pieces.size()));
  for (const auto& piece : in.pieces) ToProto(piece, out->add_pieces());
  for (const auto& c : in.concessions) {
    auto* concession = out->add_concessions();
    concession->set_id(c.id);
    concession->set_name(c.name);
    concession->set_operator_id(c.operator_id);
  }
  for (const auto& w : in.waybills) {
    auto* waybill = out->add_waybills();
    waybill->set_number(w.number);
    waybill->set_state(w.state);
    waybill->set_origin_site_id(w.origin_site_id);
    waybill->set_destination_site_id(w.destination_site_id);
    waybill->set_vehicle(w.vehicle);
    ToProto(w.issued_at, waybill->mutable_issued_at());
    waybill->set_items_in_lineage(w.items_in_lineage);
  }
  for (const auto& p : in.processings) {
    auto* processing = out->add_processings();
    processing->set_id(p.id);
    processing->set_sawmill_site_id(p.sawmill_site_id);
    ToProto(p.processed_at, processing->mutable_processed_at());
    processing->set_input_dm3(p.input.dm3);
    processing->set_output_dm3(p.output.dm3);
  }
  for (const auto& anomaly : in.anomalies) ToProto(anomaly, out->add_anomalies());
}

}  // namespace greenlane::timber
