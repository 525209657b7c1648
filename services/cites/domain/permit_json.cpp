#include "domain/permit_json.h"

#include "domain/json_reader.h"

namespace greenlane::cites {

namespace jr = json_reader;

namespace {

nlohmann::json PartyToJson(const Party& party) {
  return {{"name", party.name}, {"address", party.address}, {"country", party.country}};
}

Party PartyFrom(const nlohmann::json& document, std::string_view key) {
  const nlohmann::json& party = jr::Object(document, key, "");
  const std::string path(key);
  return {jr::OptionalString(party, "name", path), jr::OptionalString(party, "address", path),
          jr::OptionalString(party, "country", path)};
}

nlohmann::json QuantitiesToJson(const std::vector<Quantity>& quantities) {
  nlohmann::json list = nlohmann::json::array();
  for (const Quantity& quantity : quantities) list.push_back(quantity.ToString());
  return list;
}

std::vector<Quantity> QuantitiesFrom(const nlohmann::json& document, const std::string& path) {
  const nlohmann::json& list = jr::Array(document, "quantities", path);
  std::vector<Quantity> quantities;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = jr::Path(jr::Path(path, "quantities"), i);
    if (!list[i].is_string()) jr::Fail(field, "must be a decimal string such as \"12.5\"");
    const auto quantity = Quantity::Parse(list[i].get<std::string>(), field);
    if (!quantity.ok()) jr::Fail(field, quantity.error().message);
    quantities.push_back(*quantity);
  }
  return quantities;
}

nlohmann::json LineToJson(const PermitLine& line) {
  return {{"scientific_name", line.scientific_name},
          {"common_name", line.common_name},
          {"term", line.term},
          {"unit", line.unit},
          {"quantity", line.quantity.ToString()},
          {"appendix", line.appendix},
          {"source", line.source},
          {"origin_country", line.origin_country},
          {"origin_permit", line.origin_permit},
          {"export_permit", line.export_permit}};
}

PermitLine LineFrom(const nlohmann::json& line, const std::string& path) {
  PermitLine result;
  result.scientific_name = jr::OptionalString(line, "scientific_name", path);
  result.common_name = jr::OptionalString(line, "common_name", path);
  result.term = jr::OptionalString(line, "term", path);
  result.unit = jr::OptionalString(line, "unit", path);
  result.quantity = jr::QuantityField(line, "quantity", path);
  result.appendix = jr::OptionalString(line, "appendix", path);
  result.source = jr::OptionalString(line, "source", path);
  result.origin_country = jr::OptionalString(line, "origin_country", path);
  result.origin_permit = jr::OptionalString(line, "origin_permit", path);
  result.export_permit = jr::OptionalString(line, "export_permit", path);
  return result;
}

}  // namespace

nlohmann::json PermitToJson(const Permit& permit) {
  nlohmann::json lines = nlohmann::json::array();
  for (const PermitLine& line : permit.lines) lines.push_back(LineToJson(line));
  return {{"number", permit.number},
          {"type", ToString(permit.type)},
          {"issued", FormatDate(permit.issued)},
          {"valid_from", FormatDate(permit.valid_from)},
          {"valid_until", FormatDate(permit.valid_until)},
          {"importer", PartyToJson(permit.importer)},
          {"exporter", PartyToJson(permit.exporter)},
          {"special_conditions", permit.special_conditions},
          {"purpose", permit.purpose},
          {"security_stamp", permit.security_stamp},
          {"issuer", {{"name", permit.issuer.name}, {"country", permit.issuer.country}}},
          {"import_permit_number", permit.import_permit_number},
          {"lines", std::move(lines)}};
}

core::Result<Permit> PermitFromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    if (!document.is_object()) jr::Fail("", "a permit must be a JSON object");
    Permit permit;
    const std::string type = jr::String(document, "type", "");
    const auto parsed = ParseDocumentType(type);
    if (!parsed) jr::Fail("type", "'" + type + "' is not a document type: use export, re-export, import or origin");
    permit.type = *parsed;
    permit.number = jr::OptionalString(document, "number", "");
    permit.issued = jr::DateField(document, "issued", "");
    permit.valid_from = jr::DateField(document, "valid_from", "");
    permit.valid_until = jr::DateField(document, "valid_until", "");
    permit.importer = PartyFrom(document, "importer");
    permit.exporter = PartyFrom(document, "exporter");
    permit.special_conditions = jr::OptionalString(document, "special_conditions", "");
    permit.purpose = jr::OptionalString(document, "purpose", "");
    permit.security_stamp = jr::OptionalString(document, "security_stamp", "");
    const nlohmann::json& issuer = jr::Object(document, "issuer", "");
    permit.issuer = {jr::OptionalString(issuer, "name", "issuer"), jr::OptionalString(issuer, "country", "issuer")};
    permit.import_permit_number = jr::OptionalString(document, "import_permit_number", "");
    const nlohmann::json& lines = jr::Array(document, "lines", "");
    for (std::size_t i = 0; i < lines.size(); ++i) permit.lines.push_back(LineFrom(lines[i], jr::Path("lines", i)));
    return permit;
  });
}

nlohmann::json EndorsementToJson(const Endorsement& endorsement) {
  return {{"date", FormatDate(endorsement.date)},
          {"port", endorsement.port},
          {"transport_document", endorsement.transport_document},
          {"quantities", QuantitiesToJson(endorsement.quantities)}};
}

core::Result<Endorsement> EndorsementFromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    return Endorsement{
        jr::DateField(document, "date", "endorsement"), jr::OptionalString(document, "port", "endorsement"),
        jr::OptionalString(document, "transport_document", "endorsement"), QuantitiesFrom(document, "endorsement")};
  });
}

nlohmann::json ImportRecordToJson(const ImportRecord& import) {
  return {{"date", FormatDate(import.date)},
          {"country", import.country},
          {"port", import.port},
          {"quantities", QuantitiesToJson(import.quantities)}};
}

core::Result<ImportRecord> ImportRecordFromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    return ImportRecord{jr::DateField(document, "date", "import"), jr::OptionalString(document, "country", "import"),
                        jr::OptionalString(document, "port", "import"), QuantitiesFrom(document, "import")};
  });
}

nlohmann::json RecordToJson(const PermitRecord& record) {
  nlohmann::json json = {{"permit", PermitToJson(record.permit)},
                         {"state", ToString(record.state)},
                         {"reason", record.reason},
                         {"replaced_by", record.replaced_by}};
  json["endorsement"] = record.endorsement ? EndorsementToJson(*record.endorsement) : nlohmann::json();
  json["import"] = record.import ? ImportRecordToJson(*record.import) : nlohmann::json();
  return json;
}

}  // namespace greenlane::cites
