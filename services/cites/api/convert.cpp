#include "api/convert.h"

#include "domain/permit_json.h"

namespace greenlane::cites {
namespace {

nlohmann::json PartyJson(const v1::CitesParty& party) {
  return {{"name", party.name()}, {"address", party.address()}, {"country", party.country()}};
}

void PartyToProto(const Party& party, v1::CitesParty* proto) {
  proto->set_name(party.name);
  proto->set_address(party.address);
  proto->set_country(party.country);
}

core::Result<std::vector<Quantity>> Quantities(const google::protobuf::RepeatedPtrField<std::string>& texts,
                                               const std::string& path) {
  std::vector<Quantity> quantities;
  for (int i = 0; i < texts.size(); ++i) {
    auto quantity = Quantity::Parse(texts[i], path + "[" + std::to_string(i) + "]");
    if (!quantity.ok()) return quantity.error();
    quantities.push_back(*quantity);
  }
  return quantities;
}

core::Result<Date> RequiredDate(const std::string& text, const std::string& field) {
  const auto date = ParseDate(text);
  if (!date) return core::Error::InvalidArgument(field, "'" + text + "' is not a date: write YYYY-MM-DD");
  return *date;
}

}  // namespace

core::Result<Permit> FromProto(const v1::CitesPermit& proto) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& line : proto.lines()) {
    lines.push_back({{"scientific_name", line.scientific_name()},
                     {"common_name", line.common_name()},
                     {"term", line.term()},
                     {"unit", line.unit()},
                     {"quantity", line.quantity()},
                     {"appendix", line.appendix()},
                     {"source", line.source()},
                     {"origin_country", line.origin_country()},
                     {"origin_permit", line.origin_permit()},
                     {"export_permit", line.export_permit()}});
  }
  return PermitFromJson({{"number", proto.number()},
                         {"type", proto.type()},
                         {"issued", proto.issued()},
                         {"valid_from", proto.valid_from()},
                         {"valid_until", proto.valid_until()},
                         {"importer", PartyJson(proto.importer())},
                         {"exporter", PartyJson(proto.exporter())},
                         {"special_conditions", proto.special_conditions()},
                         {"purpose", proto.purpose()},
                         {"security_stamp", proto.security_stamp()},
                         {"issuer", {{"name", proto.issuer_name()}, {"country", proto.issuer_country()}}},
                         {"import_permit_number", proto.import_permit_number()},
                         {"lines", std::move(lines)}});
}

core::Result<Endorsement> FromProto(const v1::EndorseRequest& request) {
  auto date = RequiredDate(request.date(), "date");
  if (!date.ok()) return date.error();
  auto quantities = Quantities(request.quantities(), "quantities");
  if (!quantities.ok()) return quantities.error();
  return Endorsement{*date, request.port(), request.transport_document(), std::move(*quantities)};
}

core::Result<ImportRecord> FromProto(const v1::RecordImportUseRequest& request) {
  auto date = RequiredDate(request.date(), "date");
  if (!date.ok()) return date.error();
  auto quantities = Quantities(request.quantities(), "quantities");
  if (!quantities.ok()) return quantities.error();
  return ImportRecord{*date, request.country(), request.port(), std::move(*quantities)};
}

Partner FromProto(const v1::CitesPartner& proto) {
  return {proto.country(),      proto.authority(),
          proto.exchange_url(), proto.public_key_pem(),
          proto.client_cn(),    {proto.allowed_operations().begin(), proto.allowed_operations().end()}};
}

void ToProto(const StoredPermit& stored, bool with_token, v1::CitesPermit* proto) {
  const PermitRecord& record = stored.record;
  const Permit& permit = record.permit;
  proto->set_id(stored.id);
  proto->set_number(permit.number);
  proto->set_type(std::string(ToString(permit.type)));
  proto->set_state(std::string(ToString(record.state)));
  proto->set_issued(FormatDate(permit.issued));
  proto->set_valid_from(FormatDate(permit.valid_from));
  proto->set_valid_until(FormatDate(permit.valid_until));
  PartyToProto(permit.importer, proto->mutable_importer());
  PartyToProto(permit.exporter, proto->mutable_exporter());
  proto->set_special_conditions(permit.special_conditions);
  proto->set_purpose(permit.purpose);
  proto->set_security_stamp(permit.security_stamp);
  proto->set_issuer_name(permit.issuer.name);
  proto->set_issuer_country(permit.issuer.country);
  proto->set_import_permit_number(permit.import_permit_number);
  for (std::size_t i = 0; i < permit.lines.size(); ++i) {
    const PermitLine& line = permit.lines[i];
    auto* out = proto->add_lines();
    out->set_scientific_name(line.scientific_name);
    out->set_common_name(line.common_name);
    out->set_term(line.term);
    out->set_unit(line.unit);
    out->set_quantity(line.quantity.ToString());
    out->set_appendix(line.appendix);
    out->set_source(line.source);
    out->set_origin_country(line.origin_country);
    out->set_origin_permit(line.origin_permit);
    out->set_export_permit(line.export_permit);
    if (record.endorsement) out->set_endorsed_quantity(record.endorsement->quantities.at(i).ToString());
    if (record.import) out->set_imported_quantity(record.import->quantities.at(i).ToString());
  }
  proto->set_applicant(stored.applicant);
  if (record.endorsement) {
    proto->mutable_endorsement()->set_date(FormatDate(record.endorsement->date));
    proto->mutable_endorsement()->set_port(record.endorsement->port);
    proto->mutable_endorsement()->set_transport_document(record.endorsement->transport_document);
  }
  if (record.import) {
    proto->mutable_import_use()->set_date(FormatDate(record.import->date));
    proto->mutable_import_use()->set_country(record.import->country);
    proto->mutable_import_use()->set_port(record.import->port);
  }
  proto->set_reason(record.reason);
  proto->set_replaced_by(record.replaced_by);
  if (with_token) proto->set_token(stored.token);
  proto->set_created_at(core::FormatRfc3339(stored.created_at, 6));
  proto->set_updated_at(core::FormatRfc3339(stored.updated_at, 6));
}

void ToProto(const Problem& problem, v1::CitesProblem* proto) {
  proto->set_field(problem.field);
  proto->set_rule(problem.rule);
  proto->set_message(problem.message);
}

void ToProto(const QuotaRow& row, v1::CitesQuota* proto) {
  proto->set_scientific_name(row.key.scientific_name);
  proto->set_country(row.key.country);
  proto->set_year(row.key.year);
  proto->set_quantity(row.quota.annual.ToString());
  proto->set_unit(row.quota.unit);
  proto->set_used(row.quota.used.ToString());
}

void ToProto(const Partner& partner, v1::CitesPartner* proto) {
  proto->set_country(partner.country);
  proto->set_authority(partner.authority);
  proto->set_exchange_url(partner.exchange_url);
  proto->set_public_key_pem(partner.public_key_pem);
  proto->set_client_cn(partner.client_cn);
  for (const auto& operation : partner.allowed_operations) proto->add_allowed_operations(operation);
}

void ToProto(const Delivery& delivery, v1::CitesDelivery* proto) {
  proto->set_id(delivery.id);
  proto->set_permit_number(delivery.permit_number);
  proto->set_partner_country(delivery.partner_country);
  proto->set_state(delivery.state);
  proto->set_attempts(delivery.attempts);
  proto->set_next_attempt_at(core::FormatRfc3339(delivery.next_attempt_at, 3));
  proto->set_last_error(delivery.last_error);
  proto->set_message_id(delivery.message_id);
}

void ToProto(const MirrorLine& line, v1::CitesMirrorLine* proto) {
  proto->set_permit_number(line.permit_number);
  proto->set_scientific_name(line.scientific_name);
  proto->set_term(line.term);
  proto->set_unit(line.unit);
  if (line.exported) proto->set_exported(line.exported->ToString());
  if (line.imported) proto->set_imported(line.imported->ToString());
  proto->set_difference(line.difference.ToString());
  proto->set_status(std::string(ToString(line.status)));
}

}  // namespace greenlane::cites
