#include "domain/barcode.h"

#include <catch2/catch.hpp>

using namespace greenlane::timber;

TEST_CASE("barcodes are built with their kind, country, serial and check character") {
  auto log = Barcode::Make(BarcodeKind::kLog, "GA", 12345);
  REQUIRE(log.ok());
  CHECK(log->text() == "LG-GA-000012345-J");
  CHECK(log->kind() == BarcodeKind::kLog);
  CHECK(Barcode::Make(BarcodeKind::kTree, "GA", 1)->text() == "TR-GA-000000001-E");
  CHECK_FALSE(Barcode::Make(BarcodeKind::kLog, "Gabon", 1).ok());
  CHECK_FALSE(Barcode::Make(BarcodeKind::kLog, "GA", 1'000'000'000).ok());
  CHECK_FALSE(Barcode::Make(BarcodeKind::kLog, "GA", -1).ok());
}

TEST_CASE("every kind round-trips through its text") {
  for (auto kind : {BarcodeKind::kTree, BarcodeKind::kStump, BarcodeKind::kLog, BarcodeKind::kLot,
                    BarcodeKind::kWaybill, BarcodeKind::kCertificate}) {
    auto made = Barcode::Make(kind, "LR", 987654321).value();
    auto parsed = Barcode::Parse(made.text());
    REQUIRE(parsed.ok());
    CHECK(parsed->kind() == kind);
    CHECK(*parsed == made);
  }
}

TEST_CASE("lower-case input is accepted and stored in capitals") {
  auto parsed = Barcode::Parse("lg-ga-000012345-j");
  REQUIRE(parsed.ok());
  CHECK(parsed->text() == "LG-GA-000012345-J");
}

TEST_CASE("a mistyped character or two swapped neighbours fail the check character") {
  const std::string good = "LG-GA-000012345-J";
  REQUIRE(Barcode::Parse(good).ok());
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // Every single substitution in the serial is caught.
  for (std::size_t position = 6; position < 15; ++position) {
    for (char replacement = '0'; replacement <= '9'; ++replacement) {
      if (replacement == good[position]) continue;
      auto typo = good;
      typo[position] = replacement;
      INFO(typo);
      CHECK_FALSE(Barcode::Parse(typo).ok());
    }
  }
  auto swapped = Barcode::Parse("LG-GA-000013245-J");
  REQUIRE_FALSE(swapped.ok());
  CHECK(swapped.error().field == "barcode");
  CHECK(swapped.error().message.find("check character") != std::string::npos);
}

TEST_CASE("malformed barcodes say what is wrong and show the format") {
  auto unknown_kind = Barcode::Parse("XX-GA-000012345-J");
  REQUIRE_FALSE(unknown_kind.ok());
  CHECK(unknown_kind.error().message.find("unknown kind 'XX'") != std::string::npos);
  CHECK(unknown_kind.error().message.find("KK-CC-NNNNNNNNN-X") != std::string::npos);
  CHECK_FALSE(Barcode::Parse("LG-G1-000012345-J").ok());
  CHECK_FALSE(Barcode::Parse("LG-GA-00001234A-J").ok());
  CHECK_FALSE(Barcode::Parse("LG-GA-00012345-J").ok());
  CHECK_FALSE(Barcode::Parse("LGGA000012345J").ok());
  CHECK_FALSE(Barcode::Parse("").ok());
}
