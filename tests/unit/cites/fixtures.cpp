#include "fixtures.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace greenlane::cites::testing {

nlohmann::json ReadDataFile(const std::string& name) {
  const std::string path = std::string(GREENLANE_SOURCE_DIR) + "/services/cites/data/" + name;
  std::ifstream in(path);
  if (!in) FAIL("cannot open " << path);
  return nlohmann::json::parse(in);
}

const CodeTables& Codes() {
  static const CodeTables tables = [] {
    auto loaded = CodeTables::FromJson(ReadDataFile("codes.json"));
    if (!loaded.ok()) FAIL("codes.json: " << loaded.error().message);
    return *loaded;
  }();
  return tables;
}

const SpeciesRegistry& Species() {
  static const SpeciesRegistry registry = [] {
    auto loaded = SpeciesRegistry::FromJson(ReadDataFile("species.json"));
    if (!loaded.ok()) FAIL("species.json: " << loaded.error().message);
    return *loaded;
  }();
  return registry;
}

Date D(const char* text) {
  const auto date = ParseDate(text);
  if (!date) FAIL("bad test date " << text);
  return *date;
}

Quantity Q(const char* text) {
  const auto quantity = Quantity::Parse(text);
  if (!quantity.ok()) FAIL("bad test quantity " << text);
  return *quantity;
}

Permit MahoganyExport() {
  Permit permit;
  permit.type = DocumentType::kExport;
  permit.number = "BR-EX-2025-000123";
  permit.issued = D("2025-03-10");
  permit.valid_from = D("2025-03-10");
  permit.valid_until = D("2025-09-10");
  permit.importer = {"Holzhandel Nord GmbH", "Hafenstrasse 1, Hamburg", "DE"};
  permit.exporter = {"Madeiras do Para Ltda", "Av. Portuaria 9, Belem", "BR"};
  permit.purpose = "T";
  permit.security_stamp = "BR0042177";
  permit.issuer = {"IBAMA", "BR"};
  PermitLine line;
  line.scientific_name = "Swietenia macrophylla";
  line.common_name = "bigleaf mahogany";
  line.term = "SAW";
  line.unit = "MTQ";
  line.quantity = Q("12.5");
  line.appendix = "II";
  line.source = "W";
  permit.lines.push_back(line);
  return permit;
}

Permit OcelotExport() {
  Permit permit = MahoganyExport();
  permit.number = "BR-EX-2025-000200";
  permit.purpose = "S";
  permit.importer = {"Museum fuer Naturkunde", "Invalidenstrasse 43, Berlin", "DE"};
  permit.exporter = {"Museu Paraense Emilio Goeldi", "Belem", "BR"};
  permit.import_permit_number = "DE-IMP-2025-0007";
  PermitLine line;
  line.scientific_name = "Leopardus pardalis";
  line.term = "SPE";
  line.unit = "NAR";
  line.quantity = Q("3");
  line.appendix = "I";
  line.source = "W";
  permit.lines = {line};
  return permit;
}

Permit OcelotImportPermit() {
  Permit permit = OcelotExport();
  permit.type = DocumentType::kImport;
  permit.number = "DE-IMP-2025-0007";
  permit.import_permit_number.clear();
  permit.issued = D("2025-02-01");
  permit.valid_from = D("2025-02-01");
  permit.valid_until = D("2026-01-31");
  permit.issuer = {"Bundesamt fuer Naturschutz", "DE"};
  permit.security_stamp = "DE0000311";
  return permit;
}

PermitRecord IssuedRecord(Permit permit) {
  PermitRecord record;
  record.permit = std::move(permit);
  record.state = PermitState::kIssued;
  return record;
}

}  // namespace greenlane::cites::testing
