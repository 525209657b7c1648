#include "domain/endorsement.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
const QuotaKey kMahoganyQuota{"Swietenia macrophylla", "BR", 2025};

Endorsement AtExport(std::vector<Quantity> quantities, const char* date = "2025-04-02") {
  return Endorsement{D(date), "BRBEL", "MSKU1234567", std::move(quantities)};
}

ImportRecord AtImport(std::vector<Quantity> quantities, const char* date = "2025-05-20") {
  return ImportRecord{D(date), "DE", "DEHAM", std::move(quantities)};
}

PermitRecord EndorsedMahogany(const char* quantity = "12") {
  auto endorsed = Endorse(IssuedRecord(MahoganyExport()), AtExport({Q(quantity)}), QuotaBook{});
  REQUIRE(endorsed.ok());
  return endorsed->record;
}

void ExpectRefused(const greenlane::core::Error& error, const std::string& rule, const std::string& field) {
  INFO(error.message);
  CHECK_THAT(error.message, Catch::StartsWith(rule + ":"));
  CHECK(error.field == field);
}
}  // namespace

TEST_CASE("customs endorses the actual quantity exported per line") {
  auto endorsed = Endorse(IssuedRecord(MahoganyExport()), AtExport({Q("12.25")}), QuotaBook{});
  REQUIRE(endorsed.ok());
  CHECK(endorsed->record.state == PermitState::kEndorsed);
  CHECK(endorsed->record.endorsement->quantities == std::vector<Quantity>{Q("12.25")});
  CHECK(RemainingPermitted(endorsed->record, 0) == Q("0.25"));
}

TEST_CASE("the endorsed quantity never exceeds what remains permitted") {
  const PermitRecord issued = IssuedRecord(MahoganyExport());
  CHECK(RemainingPermitted(issued, 0) == Q("12.5"));
  CHECK(Endorse(issued, AtExport({Q("12.5")}), QuotaBook{}).ok());
  auto over = Endorse(issued, AtExport({Q("12.500001")}), QuotaBook{});
  REQUIRE_FALSE(over.ok());
  ExpectRefused(over.error(), "endorsement.exceeds_permitted", "endorsement.quantities[0]");
  CHECK_THAT(over.error().message, Catch::Contains("12.5 MTQ"));
  auto twice = Endorse(EndorsedMahogany("1"), AtExport({Q("1")}), QuotaBook{});
  REQUIRE_FALSE(twice.ok());
  ExpectRefused(twice.error(), "lifecycle.transition", "state");
}

TEST_CASE("an endorsement matches the lines, is not negative and ships something") {
  const PermitRecord issued = IssuedRecord(MahoganyExport());
  auto missing = Endorse(issued, AtExport({}), QuotaBook{});
  REQUIRE_FALSE(missing.ok());
  ExpectRefused(missing.error(), "endorsement.lines", "endorsement.quantities");
  auto negative = Endorse(issued, AtExport({Q("-1")}), QuotaBook{});
  REQUIRE_FALSE(negative.ok());
  ExpectRefused(negative.error(), "endorsement.quantity", "endorsement.quantities[0]");
  auto nothing = Endorse(issued, AtExport({Q("0")}), QuotaBook{});
  REQUIRE_FALSE(nothing.ok());
  ExpectRefused(nothing.error(), "endorsement.empty", "endorsement.quantities");
}

TEST_CASE("an endorsement falls within the permit's validity and only on documents that leave") {
  const PermitRecord issued = IssuedRecord(MahoganyExport());
  CHECK(Endorse(issued, AtExport({Q("1")}, "2025-09-10"), QuotaBook{}).ok());
  auto late = Endorse(issued, AtExport({Q("1")}, "2025-09-11"), QuotaBook{});
  REQUIRE_FALSE(late.ok());
  ExpectRefused(late.error(), "endorsement.outside_validity", "endorsement.date");
  auto draft = issued;
  draft.state = PermitState::kDraft;
  CHECK_FALSE(Endorse(draft, AtExport({Q("1")}), QuotaBook{}).ok());
  auto import_permit = Endorse(IssuedRecord(OcelotImportPermit()), AtExport({Q("1")}), QuotaBook{});
  REQUIRE_FALSE(import_permit.ok());
  ExpectRefused(import_permit.error(), "lifecycle.transition", "state");
}

TEST_CASE("endorsed exports draw down the annual quota of the issue year") {
  QuotaBook quotas;
  quotas.Set(kMahoganyQuota, Q("20"), "MTQ");
  auto first = Endorse(IssuedRecord(MahoganyExport()), AtExport({Q("12")}), quotas);
  REQUIRE(first.ok());
  CHECK(first->quotas.Find(kMahoganyQuota)->Remaining() == Q("8"));

  Permit second_permit = MahoganyExport();
  second_permit.number = "BR-EX-2025-000124";
  auto second = Endorse(IssuedRecord(second_permit), AtExport({Q("8.5")}), first->quotas);
  REQUIRE_FALSE(second.ok());
  ExpectRefused(second.error(), "quota.exceeded", "endorsement.quantities[0]");
  auto within = Endorse(IssuedRecord(second_permit), AtExport({Q("8")}), first->quotas);
  REQUIRE(within.ok());
  CHECK(within->quotas.Find(kMahoganyQuota)->Remaining().IsZero());

  Permit re_export = MahoganyExport();
  re_export.type = DocumentType::kReExport;
  auto not_counted = Endorse(IssuedRecord(re_export), AtExport({Q("12")}), within->quotas);
  REQUIRE(not_counted.ok());
  CHECK(not_counted->quotas.Find(kMahoganyQuota)->Remaining().IsZero());
}

TEST_CASE("an export permit is accepted for import once") {
  auto used = AcceptAtImport(EndorsedMahogany("12"), AtImport({Q("12")}));
  REQUIRE(used.ok());
  CHECK(used->state == PermitState::kUsed);
  CHECK(used->import->quantities == std::vector<Quantity>{Q("12")});

  auto second_use = AcceptAtImport(*used, AtImport({Q("12")}, "2025-05-21"));
  REQUIRE_FALSE(second_use.ok());
  ExpectRefused(second_use.error(), "lifecycle.single_use", "number");
  CHECK_THAT(second_use.error().message,
             Catch::Contains("BR-EX-2025-000123") && Catch::Contains("2025-05-20") && Catch::Contains("DEHAM"));
}

TEST_CASE("an import permit is used at import without an export endorsement") {
  auto used = AcceptAtImport(IssuedRecord(OcelotImportPermit()), AtImport({Q("3")}));
  REQUIRE(used.ok());
  CHECK(used->state == PermitState::kUsed);
  auto over = AcceptAtImport(IssuedRecord(OcelotImportPermit()), AtImport({Q("4")}));
  REQUIRE_FALSE(over.ok());
  ExpectRefused(over.error(), "import.exceeds_permitted", "import.quantities[0]");
}

TEST_CASE("import is refused before endorsement, elsewhere, late or above what was endorsed") {
  auto not_endorsed = AcceptAtImport(IssuedRecord(MahoganyExport()), AtImport({Q("12")}));
  REQUIRE_FALSE(not_endorsed.ok());
  ExpectRefused(not_endorsed.error(), "lifecycle.transition", "state");

  ImportRecord in_france = AtImport({Q("12")});
  in_france.country = "FR";
  auto wrong_country = AcceptAtImport(EndorsedMahogany(), in_france);
  REQUIRE_FALSE(wrong_country.ok());
  ExpectRefused(wrong_country.error(), "import.wrong_country", "import.country");

  auto late = AcceptAtImport(EndorsedMahogany(), AtImport({Q("12")}, "2025-09-11"));
  REQUIRE_FALSE(late.ok());
  ExpectRefused(late.error(), "import.outside_validity", "import.date");

  auto more_than_endorsed = AcceptAtImport(EndorsedMahogany("10"), AtImport({Q("10.5")}));
  REQUIRE_FALSE(more_than_endorsed.ok());
  ExpectRefused(more_than_endorsed.error(), "import.exceeds_permitted", "import.quantities[0]");
  CHECK_THAT(more_than_endorsed.error().message, Catch::Contains("endorsed at export"));

  auto wrong_lines = AcceptAtImport(EndorsedMahogany(), AtImport({Q("1"), Q("1")}));
  REQUIRE_FALSE(wrong_lines.ok());
  ExpectRefused(wrong_lines.error(), "import.lines", "import.quantities");
}
