#include "domain/permit_json.h"

#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

TEST_CASE("a permit survives the JSON round trip exactly") {
  const Permit permit = OcelotExport();
  const auto back = PermitFromJson(PermitToJson(permit));
  REQUIRE(back.ok());
  CHECK(PermitToJson(*back) == PermitToJson(permit));
  CHECK(back->lines[0].quantity == Q("3"));
  CHECK(back->import_permit_number == "DE-IMP-2025-0007");
}

TEST_CASE("a partner's bad permit JSON is refused naming the field") {
  nlohmann::json json = PermitToJson(MahoganyExport());
  json["lines"][0]["quantity"] = 12.5;
  auto parsed = PermitFromJson(json);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().field == "lines[0].quantity");
  json = PermitToJson(MahoganyExport());
  json["valid_until"] = "2025-02-30";
  CHECK(PermitFromJson(json).error().field == "valid_until");
  json["type"] = "visa";
  CHECK(PermitFromJson(json).error().field == "type");
  CHECK_FALSE(PermitFromJson(nlohmann::json::array()).ok());
}

TEST_CASE("endorsement and import records round trip with exact quantities") {
  const Endorsement endorsement{D("2025-04-02"), "Belem", "BL-1", {Q("10.125")}};
  const auto back = EndorsementFromJson(EndorsementToJson(endorsement));
  REQUIRE(back.ok());
  CHECK(back->quantities[0] == Q("10.125"));
  auto bad = EndorsementToJson(endorsement);
  bad["quantities"][0] = "ten";
  CHECK(EndorsementFromJson(bad).error().field == "endorsement.quantities[0]");
}
