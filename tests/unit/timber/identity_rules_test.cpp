#include <catch2/catch.hpp>

#include "domain/rules/identity.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::Tag;

TEST_CASE("a new barcode of the right kind, never used, passes") {
  const auto outcome = CheckNewBarcode("LG-GA-000012345-J", BarcodeKind::kLog, false);
  CHECK(outcome.rule == "barcode.new");
  CHECK(outcome.severity == Severity::kPass);
}

TEST_CASE("a barcode already registered is rejected: every tag is used once") {
  const auto outcome = CheckNewBarcode("LG-GA-000012345-J", BarcodeKind::kLog, true);
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.subject == "LG-GA-000012345-J");
  CHECK(outcome.value == "already registered");
  CHECK(outcome.message.find("fresh log tag") != std::string::npos);
}

TEST_CASE("a tag of another kind is rejected naming both kinds") {
  const auto tree_tag = Tag(BarcodeKind::kTree, 7).text();
  const auto outcome = CheckNewBarcode(tree_tag, BarcodeKind::kLog, false);
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "tree");
  CHECK(outcome.limit == "log");
}

TEST_CASE("a mistyped barcode is rejected with the parser's reason") {
  const auto outcome = CheckNewBarcode("LG-GA-000012346-J", BarcodeKind::kLog, false);
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.message.find("check character") != std::string::npos);
}

TEST_CASE("a parent in the state its child needs passes") {
  CHECK(CheckParent(BarcodeKind::kStump, Tag(BarcodeKind::kTree, 1), PieceState::kStanding).severity ==
        Severity::kPass);
  CHECK(CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kTree, 1), PieceState::kFelled).severity == Severity::kPass);
  CHECK(CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kLog, 2), PieceState::kAtSite).severity == Severity::kPass);
  CHECK(CheckParent(BarcodeKind::kLot, Tag(BarcodeKind::kLog, 2), PieceState::kAtSite).severity == Severity::kPass);
}

TEST_CASE("a parent that does not exist is rejected") {
  const auto outcome = CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kTree, 404), std::nullopt);
  CHECK(outcome.rule == "lineage.parent");
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "not registered");
  CHECK(outcome.message.find("record the tree first") != std::string::npos);
}

TEST_CASE("a parent of the wrong kind is rejected") {
  const auto outcome = CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kLot, 3), PieceState::kAtSite);
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.message.find("a log cannot come from a lot") != std::string::npos);
  CHECK(CheckParent(BarcodeKind::kStump, Tag(BarcodeKind::kLog, 3), PieceState::kAtSite).rejected());
}

TEST_CASE("a parent in the wrong state is rejected: a tree is felled once, logs come from felled trees") {
  const auto felled_twice = CheckParent(BarcodeKind::kStump, Tag(BarcodeKind::kTree, 1), PieceState::kFelled);
  CHECK(felled_twice.rejected());
  CHECK(felled_twice.value == "felled");
  CHECK(felled_twice.limit == "standing");
  CHECK(CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kTree, 1), PieceState::kStanding).rejected());
  CHECK(CheckParent(BarcodeKind::kLog, Tag(BarcodeKind::kLog, 2), PieceState::kInTransit).rejected());
  CHECK(CheckParent(BarcodeKind::kLot, Tag(BarcodeKind::kLog, 2), PieceState::kProcessed).rejected());
  CHECK(CheckParent(BarcodeKind::kLot, Tag(BarcodeKind::kLog, 2), PieceState::kExported).rejected());
}
