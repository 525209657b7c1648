#include "greenlane/instruments/container.h"

#include <catch2/catch.hpp>

using namespace greenlane::instruments;

TEST_CASE("the ISO 6346 check digit is computed from owner code, category and serial") {
  CHECK(ContainerCheckDigit("CSQU305438") == 3);  // the standard's own example
  CHECK(IsValidContainerNumber("CSQU3054383"));
  CHECK(IsValidContainerNumber("MSKU4421908"));
  CHECK_FALSE(IsValidContainerNumber("CSQU3054384"));
  CHECK_FALSE(IsValidContainerNumber("CSQA3054383"));  // category must be U, J or Z
  CHECK_FALSE(ContainerCheckDigit("CSQ1305438").has_value());
}

TEST_CASE("a container and item are read from a Vanta test label") {
  const auto ref = ExtractConsignment("CNT-CSQU3054383 item 3 ABS housing");
  REQUIRE(ref);
  CHECK(ref->container == "CSQU3054383");
  CHECK(ref->item == "3");
  CHECK(ref->check_digit_valid);
}

TEST_CASE("a container and item are read from a specimen id with a dash before the item") {
  const auto ref = ExtractConsignment("CNT-csqu3054383-B12");
  REQUIRE(ref);
  CHECK(ref->container == "CSQU3054383");
  CHECK(ref->item == "B12");
}

TEST_CASE("a label whose container number fails its check digit is linked but flagged") {
  // The sample exports' MSKU4421907 has check digit 8, not 7: likely a typo an officer must confirm.
  const auto ref = ExtractConsignment("CNT-MSKU4421907 item 5 black cable");
  REQUIRE(ref);
  CHECK(ref->container == "MSKU4421907");
  CHECK(ref->item == "5");
  CHECK_FALSE(ref->check_digit_valid);
}

TEST_CASE("labels without a container number give no consignment") {
  CHECK_FALSE(ExtractConsignment("SCRAP-LOT-77 shredder residue"));
  CHECK_FALSE(ExtractConsignment("CYL-0001"));
  CHECK_FALSE(ExtractConsignment("MSKU44219070"));  // twelve characters: not a container number
  CHECK_FALSE(ExtractConsignment(""));
  const auto no_item = ExtractConsignment("seal broken on CSQU3054383");
  REQUIRE(no_item);
  CHECK(no_item->item.empty());
}
