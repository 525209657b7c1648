#include <catch2/catch.hpp>

#include "domain/annual_report.h"
#include "domain/endorsement.h"
#include "domain/mirror_report.h"
#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
PermitRecord EndorsedRecord(Permit permit, std::vector<Quantity> quantities, const char* date) {
  auto endorsed =
      Endorse(IssuedRecord(std::move(permit)), Endorsement{D(date), "BRBEL", "", std::move(quantities)}, QuotaBook{});
  REQUIRE(endorsed.ok());
  return endorsed->record;
}

// Mahogany export with a second line of sawn wood counted in kilograms.
Permit TwoLineExport() {
  Permit permit = MahoganyExport();
  PermitLine kilograms = permit.lines[0];
  kilograms.unit = "KGM";
  kilograms.quantity = Q("900");
  permit.lines.push_back(kilograms);
  return permit;
}
}  // namespace

TEST_CASE("annual report rows come from endorsed quantities of the year") {
  const PermitRecord endorsed = EndorsedRecord(TwoLineExport(), {Q("12"), Q("0")}, "2025-04-02");
  PermitRecord ocelot = EndorsedRecord(OcelotExport(), {Q("3")}, "2025-04-03");
  PermitRecord next_year = EndorsedRecord(MahoganyExport(), {Q("5")}, "2025-09-01");
  next_year.permit.number = "BR-EX-2025-000999";
  next_year.endorsement->date = D("2026-01-02");
  const PermitRecord only_issued = IssuedRecord(MahoganyExport());

  const auto rows = AnnualReportRows({endorsed, ocelot, next_year, only_issued}, 2025, Codes());
  REQUIRE(rows.size() == 2);
  const AnnualReportRow& mahogany = rows[0];
  CHECK(mahogany.trading_partner == "DE");
  CHECK(mahogany.year == 2025);
  CHECK(mahogany.scientific_name == "Swietenia macrophylla");
  CHECK(mahogany.appendix == "II");
  CHECK(mahogany.term == "SAW");
  CHECK(mahogany.quantity == Q("12"));
  CHECK(mahogany.unit == "m3");
  CHECK(mahogany.source == "W");
  CHECK(mahogany.purpose == "T");
  CHECK(mahogany.export_permit == "BR-EX-2025-000123");
  CHECK(mahogany.import_permit.empty());
  CHECK(rows[1].unit.empty());  // a number of specimens has no unit in the report
  CHECK(rows[1].import_permit == "DE-IMP-2025-0007");
  CHECK(AnnualReportRows({next_year}, 2026, Codes()).size() == 1);
}

TEST_CASE("a re-export row carries the origin country and permit") {
  Permit re_export = MahoganyExport();
  re_export.type = DocumentType::kReExport;
  re_export.number = "DE-RE-2025-000010";
  re_export.lines[0].origin_country = "BR";
  re_export.lines[0].origin_permit = "BR-EX-2024-000777";
  const auto rows = AnnualReportRows({EndorsedRecord(re_export, {Q("2")}, "2025-04-02")}, 2025, Codes());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].origin_country == "BR");
  CHECK(rows[0].origin_permit == "BR-EX-2024-000777");
  CHECK(rows[0].export_permit == "DE-RE-2025-000010");
}

TEST_CASE("the annual report CSV has the 13 fields and quotes where needed") {
  AnnualReportRow row{"DE",
                      2025,
                      "Swietenia macrophylla",
                      "II",
                      "SAW",
                      Q("12.5"),
                      "m3",
                      "W",
                      "T",
                      "",
                      "",
                      "BR-EX-2025-000123",
                      "DE \"special\", 7"};
  const std::string csv = AnnualReportCsv({row});
  CHECK(csv ==
        "TradingPartnerId,Year,ScientificName,Appendix,TermCode,Quantity,UnitCode,SourceCode,PurposeCode,"
        "OriginCountryId,OriginPermitId,ExportPermitId,ImportPermitId\r\n"
        "DE,2025,Swietenia macrophylla,II,SAW,12.5,m3,W,T,,,BR-EX-2025-000123,\"DE \"\"special\"\", 7\"\r\n");
}

TEST_CASE("the mirror report sets exporter-endorsed beside importer-recorded quantities") {
  const PermitRecord matched = *AcceptAtImport(EndorsedRecord(MahoganyExport(), {Q("12")}, "2025-04-02"),
                                               ImportRecord{D("2025-05-02"), "DE", "DEHAM", {Q("12")}});
  Permit short_permit = TwoLineExport();
  short_permit.number = "BR-EX-2025-000124";
  const PermitRecord short_delivery =
      *AcceptAtImport(EndorsedRecord(short_permit, {Q("10"), Q("900")}, "2025-04-02"),
                      ImportRecord{D("2025-05-02"), "DE", "DEHAM", {Q("9.5"), Q("900")}});
  Permit lost_permit = MahoganyExport();
  lost_permit.number = "BR-EX-2025-000125";
  const PermitRecord never_arrived = EndorsedRecord(lost_permit, {Q("4")}, "2025-04-02");

  std::vector<TradeQuantity> imported = ImportedQuantities({matched, short_delivery});
  imported.push_back({"XX-UNKNOWN-1", "panthera TIGRIS", "SKI", "NAR", Q("1")});
  const auto report = CompareMirror(EndorsedQuantities({matched, short_delivery, never_arrived}), imported);

  REQUIRE(report.size() == 5);
  CHECK(report[0].permit_number == "BR-EX-2025-000123");
  CHECK(report[0].status == MirrorStatus::kMatch);
  CHECK(report[0].difference.IsZero());
  CHECK(report[1].permit_number == "BR-EX-2025-000124");
  CHECK(report[1].unit == "KGM");
  CHECK(report[1].status == MirrorStatus::kMatch);
  CHECK(report[2].unit == "MTQ");
  CHECK(report[2].status == MirrorStatus::kDiffers);
  CHECK(report[2].difference == Q("0.5"));
  CHECK(report[3].permit_number == "BR-EX-2025-000125");
  CHECK(report[3].status == MirrorStatus::kOnlyExporter);
  CHECK_FALSE(report[3].imported);
  CHECK(report[4].status == MirrorStatus::kOnlyImporter);
  CHECK(report[4].difference == Q("-1"));
  CHECK(ToString(report[4].status) == "only-importer");
}

TEST_CASE("the mirror report sums lines of the same species and unit within a permit") {
  const std::vector<TradeQuantity> exported{{"P1", "Sphyrna lewini", "FIN", "KGM", Q("10")},
                                            {"P1", "Sphyrna lewini", "FIN", "KGM", Q("5.5")}};
  const std::vector<TradeQuantity> imported{{"P1", "sphyrna lewini", "FIN", "KGM", Q("15.5")}};
  const auto report = CompareMirror(exported, imported);
  REQUIRE(report.size() == 1);
  CHECK(report[0].status == MirrorStatus::kMatch);
  CHECK(*report[0].exported == Q("15.5"));
}
