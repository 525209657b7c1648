#include "domain/validation.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
Problems Check(const Permit& permit, const Permit* import_permit = nullptr, const QuotaBook* quotas = nullptr) {
  return Validate(permit, ValidationContext{Codes(), Species(), import_permit, quotas});
}

std::string Describe(const Problems& problems) {
  std::string text;
  for (const Problem& problem : problems) text += problem.field + " [" + problem.rule + "] " + problem.message + "\n";
  return text;
}

bool Has(const Problems& problems, const std::string& field, const std::string& rule) {
  for (const Problem& problem : problems) {
    if (problem.field == field && problem.rule == rule) return true;
  }
  return false;
}

// Asserts that `permit` breaks exactly `rule` at `field` and nothing else.
void ExpectOnly(const Problems& problems, const std::string& field, const std::string& rule) {
  INFO(Describe(problems));
  CHECK(problems.size() == 1);
  CHECK(Has(problems, field, rule));
}

Permit WithLine(Permit permit, const char* name, const char* term, const char* unit, const char* appendix,
                const char* source) {
  PermitLine& line = permit.lines.front();
  line.scientific_name = name;
  line.term = term;
  line.unit = unit;
  line.appendix = appendix;
  line.source = source;
  return permit;
}
}  // namespace

TEST_CASE("valid export, import and Appendix I export permits pass") {
  const Permit import_permit = OcelotImportPermit();
  const Problems mahogany = Check(MahoganyExport());
  const Problems ocelot = Check(OcelotExport(), &import_permit);
  const Problems import_problems = Check(import_permit);
  INFO(Describe(mahogany) << Describe(ocelot) << Describe(import_problems));
  CHECK(mahogany.empty());
  CHECK(ocelot.empty());
  CHECK(import_problems.empty());
}

TEST_CASE("required fields and the permit number length") {
  Permit permit = MahoganyExport();
  permit.security_stamp.clear();
  ExpectOnly(Check(permit), "security_stamp", "required");
  permit = MahoganyExport();
  permit.number = std::string(36, 'X');
  ExpectOnly(Check(permit), "number", "number.length");
  permit.number = std::string(35, 'X');
  CHECK(Check(permit).empty());
  permit.lines.clear();
  ExpectOnly(Check(permit), "lines", "lines.empty");
  permit = MahoganyExport();
  permit.lines[0].quantity = Q("0");
  ExpectOnly(Check(permit), "lines[0].quantity", "quantity.positive");
}

TEST_CASE("codes outside the CITES code lists are named with what is allowed") {
  Permit permit = MahoganyExport();
  permit.purpose = "K";
  const Problems purpose = Check(permit);
  ExpectOnly(purpose, "purpose", "code.purpose");
  CHECK_THAT(purpose.front().message, Catch::Contains("'K'") && Catch::Contains("T or Z"));
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "PLANK", "MTQ", "II", "W")), "lines[0].term",
             "code.term");
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "FTQ", "II", "W")), "lines[0].unit",
             "code.unit");
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "II", "Q")), "lines[0].source",
             "code.source");
  const Problems appendix = Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "2", "W"));
  ExpectOnly(appendix, "lines[0].appendix", "code.appendix");
  permit = MahoganyExport();
  permit.exporter.country = "Brazil";
  ExpectOnly(Check(permit), "exporter.country", "code.country");
  permit = MahoganyExport();
  permit.lines[0].origin_country = "bra";
  ExpectOnly(Check(permit), "lines[0].origin_country", "code.country");
}

TEST_CASE("the appendix in force on the issue date decides, and the declared appendix must match it") {
  Permit fins = WithLine(MahoganyExport(), "Carcharhinus leucas", "FIN", "KGM", "II", "W");
  fins.issued = fins.valid_from = D("2023-11-01");
  fins.valid_until = D("2024-04-30");
  const Problems before_listing = Check(fins);
  ExpectOnly(before_listing, "lines[0].scientific_name", "species.not_listed");
  fins.issued = fins.valid_from = D("2023-12-01");
  CHECK(Check(fins).empty());

  const Problems mismatch = Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "I", "W"));
  ExpectOnly(mismatch, "lines[0].appendix", "species.appendix_mismatch");
  CHECK_THAT(mismatch.front().message, Catch::Contains("Appendix II") && Catch::Contains("2003-11-15"));

  ExpectOnly(Check(WithLine(MahoganyExport(), "Tectona grandis", "SAW", "MTQ", "II", "W")), "lines[0].scientific_name",
             "species.not_listed");
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia humilis", "SAW", "MTQ", "II", "W")),
             "lines[0].scientific_name", "species.unknown");
}

TEST_CASE("each term is counted only in its units") {
  const Problems pair = Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "NAR", "II", "W"));
  ExpectOnly(pair, "lines[0].unit", "term_unit.pair");
  CHECK_THAT(pair.front().message, Catch::Contains("MTQ or KGM"));
  CHECK(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "KGM", "II", "W")).empty());
}

TEST_CASE("animals may not use source A and plants may not use C or R") {
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "II", "C")), "lines[0].source",
             "source.kingdom");
  ExpectOnly(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "II", "R")), "lines[0].source",
             "source.kingdom");
  CHECK(Check(WithLine(MahoganyExport(), "Swietenia macrophylla", "SAW", "MTQ", "II", "A")).empty());
  ExpectOnly(Check(WithLine(MahoganyExport(), "Sphyrna lewini", "FIN", "KGM", "II", "A")), "lines[0].source",
             "source.kingdom");
  CHECK(Check(WithLine(MahoganyExport(), "Sphyrna lewini", "FIN", "KGM", "II", "C")).empty());
}

TEST_CASE("exporter and importer are in different countries") {
  Permit permit = MahoganyExport();
  permit.importer.country = "BR";
  ExpectOnly(Check(permit), "importer.country", "parties.same_country");
}

TEST_CASE("a re-export names its origin, which is not the re-exporting country") {
  Permit permit = MahoganyExport();
  permit.type = DocumentType::kReExport;
  permit.exporter.country = "DE";
  permit.importer.country = "FR";
  permit.lines[0].origin_country = "BR";
  permit.lines[0].origin_permit = "BR-EX-2024-000777";
  permit.lines[0].export_permit = "BR-EX-2024-000777";
  CHECK(Check(permit).empty());

  Permit from_itself = permit;
  from_itself.lines[0].origin_country = "DE";
  ExpectOnly(Check(from_itself), "lines[0].origin_country", "reexport.origin_is_exporter");

  Permit without_origin = permit;
  without_origin.lines[0].origin_country.clear();
  without_origin.lines[0].export_permit.clear();
  const Problems problems = Check(without_origin);
  INFO(Describe(problems));
  CHECK(problems.size() == 2);
  CHECK(Has(problems, "lines[0].origin_country", "reexport.origin_required"));
  CHECK(Has(problems, "lines[0].export_permit", "reexport.origin_required"));
}

TEST_CASE("validity windows follow the document type") {
  Permit permit = MahoganyExport();
  permit.valid_until = D("2025-09-11");
  const Problems too_long = Check(permit);
  ExpectOnly(too_long, "valid_until", "validity.too_long");
  CHECK_THAT(too_long.front().message, Catch::Contains("6 months") && Catch::Contains("2025-09-10"));
  permit.type = DocumentType::kImport;
  CHECK(Check(permit).empty());
  permit.valid_until = D("2026-03-11");
  ExpectOnly(Check(permit), "valid_until", "validity.too_long");

  permit = MahoganyExport();
  permit.valid_from = D("2025-03-09");
  ExpectOnly(Check(permit), "valid_from", "validity.start_before_issue");
  permit = MahoganyExport();
  permit.valid_from = D("2025-04-01");
  permit.valid_until = D("2025-03-31");
  ExpectOnly(Check(permit), "valid_until", "validity.end_before_start");
}

TEST_CASE("a certificate of origin covers Appendix III only") {
  Permit permit = MahoganyExport();
  permit.type = DocumentType::kOrigin;
  ExpectOnly(Check(permit), "lines[0].appendix", "document.appendix");
}

TEST_CASE("Appendix I specimens from the wild are not traded for commercial purposes") {
  const Permit import_permit = OcelotImportPermit();
  Permit permit = OcelotExport();
  permit.purpose = "T";
  const Problems wild = Check(permit, &import_permit);
  ExpectOnly(wild, "purpose", "appendix_i.commercial");
  CHECK_THAT(wild.front().message, Catch::Contains("lines[0]") && Catch::Contains("Leopardus pardalis"));
  for (const char* source : {"X", "F", "R", "U"}) {
    permit.lines[0].source = source;
    INFO(source);
    CHECK(Has(Check(permit, &import_permit), "purpose", "appendix_i.commercial"));
  }
  permit.lines[0].source = "C";
  CHECK(Check(permit, &import_permit).empty());
}

TEST_CASE("Appendix I from a registered operation (source D) is treated as Appendix II") {
  Permit permit = OcelotExport();
  permit.purpose = "T";
  permit.lines[0].source = "D";
  permit.import_permit_number.clear();
  const Problems problems = Check(permit);
  INFO(Describe(problems));
  CHECK(problems.empty());
}

TEST_CASE("an Appendix I export needs the matching import permit, granted first") {
  const Permit import_permit = OcelotImportPermit();
  Permit permit = OcelotExport();
  ExpectOnly(Check(permit), "import_permit_number", "appendix_i.import_permit_missing");
  permit.import_permit_number.clear();
  ExpectOnly(Check(permit, &import_permit), "import_permit_number", "appendix_i.import_permit_missing");

  permit = OcelotExport();
  const Permit not_an_import = MahoganyExport();
  ExpectOnly(Check(permit, &not_an_import), "import_permit_number", "appendix_i.import_permit_mismatch");

  Permit for_france = import_permit;
  for_france.importer.country = "FR";
  ExpectOnly(Check(permit, &for_france), "importer.country", "appendix_i.import_permit_mismatch");

  Permit granted_later = import_permit;
  granted_later.issued = granted_later.valid_from = D("2025-03-11");
  const Problems later = Check(permit, &granted_later);
  ExpectOnly(later, "import_permit_number", "appendix_i.import_permit_not_first");

  Permit expired = import_permit;
  expired.valid_until = D("2025-03-09");
  ExpectOnly(Check(permit, &expired), "import_permit_number", "appendix_i.import_permit_expired");

  Permit other_species = import_permit;
  other_species.lines[0].scientific_name = "Leopardus wiedii";
  ExpectOnly(Check(permit, &other_species), "lines[0].scientific_name", "appendix_i.import_permit_species");

  Permit fewer = import_permit;
  fewer.lines[0].quantity = Q("2");
  ExpectOnly(Check(permit, &fewer), "lines[0].quantity", "appendix_i.import_permit_quantity");
}

TEST_CASE("an export may not exceed the remaining annual quota of its species, country and year") {
  QuotaBook quotas;
  quotas.Set({"Swietenia macrophylla", "BR", 2025}, Q("20"), "MTQ");
  const QuotaBook used = *quotas.Draw({"Swietenia macrophylla", "BR", 2025}, Q("10"), "MTQ");
  Permit permit = MahoganyExport();
  CHECK(Check(permit, nullptr, &quotas).empty());
  const Problems over = Check(permit, nullptr, &used);
  ExpectOnly(over, "lines[0].quantity", "quota.exceeded");
  CHECK_THAT(over.front().message, Catch::Contains("10 of 20 MTQ"));

  PermitLine second = permit.lines[0];
  second.quantity = Q("7.5");
  permit.lines[0].quantity = Q("2.500001");
  permit.lines.push_back(second);
  ExpectOnly(Check(permit, nullptr, &used), "lines[0].quantity", "quota.exceeded");
  permit.lines[0].quantity = Q("2.5");
  CHECK(Check(permit, nullptr, &used).empty());

  Permit next_year = MahoganyExport();
  next_year.issued = next_year.valid_from = D("2026-01-05");
  next_year.valid_until = D("2026-07-05");
  CHECK(Check(next_year, nullptr, &used).empty());

  Permit in_kilograms = MahoganyExport();
  in_kilograms.lines[0].unit = "KGM";
  ExpectOnly(Check(in_kilograms, nullptr, &quotas), "lines[0].unit", "quota.unit");
}

TEST_CASE("every problem of a permit is reported at once") {
  Permit permit = MahoganyExport();
  permit.purpose = "K";
  permit.importer.country = "BR";
  permit.valid_until = D("2026-01-01");
  permit.lines[0].unit = "NAR";
  PermitLine shark;
  shark.scientific_name = "Sphyrna lewini";
  shark.term = "FIN";
  shark.unit = "KGM";
  shark.quantity = Q("40");
  shark.appendix = "I";
  shark.source = "A";
  permit.lines.push_back(shark);
  const Problems problems = Check(permit);
  INFO(Describe(problems));
  CHECK(problems.size() == 6);
  CHECK(Has(problems, "purpose", "code.purpose"));
  CHECK(Has(problems, "importer.country", "parties.same_country"));
  CHECK(Has(problems, "valid_until", "validity.too_long"));
  CHECK(Has(problems, "lines[0].unit", "term_unit.pair"));
  CHECK(Has(problems, "lines[1].appendix", "species.appendix_mismatch"));
  CHECK(Has(problems, "lines[1].source", "source.kingdom"));
}
