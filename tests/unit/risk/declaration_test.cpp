#include "domain/declaration.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace greenlane::risk;
using greenlane::risk::testing::ReadJson;

namespace {

nlohmann::json Sample() { return ReadJson("tests/data/risk/declaration.json"); }

greenlane::core::Error ErrorWith(const std::string& pointer, const nlohmann::json& value) {
  auto document = Sample();
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto parsed = ParseDeclaration(document);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("a single-window declaration parses with exact money and masses") {
  auto parsed = ParseDeclaration(Sample());
  REQUIRE(parsed.ok());
  const auto& declaration = *parsed;
  CHECK(declaration.functional_reference_id == "GA-DEC-2026-000123");
  CHECK(declaration.type == DeclarationType::kExport);
  CHECK(declaration.customs_office == "GALBV");
  CHECK(declaration.importer.empty());
  CHECK(declaration.containers == std::vector<std::string>{"MSCU1234565"});
  CHECK(greenlane::core::FormatRfc3339(declaration.lodged_at, 0) == "2026-03-02T09:15:00Z");
  REQUIRE(declaration.goods_items.size() == 2);
  const auto& sawn = declaration.goods_items[0];
  CHECK(sawn.value == 960000);
  CHECK(sawn.net_mass == 12800500);
  CHECK(sawn.gross_mass == 13100000);
  CHECK(sawn.quantity == 24500);
  CHECK(Hs6(sawn) == "440729");
  REQUIRE(sawn.lpco.size() == 1);
  CHECK(sawn.lpco[0].write_off_quantity == 24500);
  const auto& logs = declaration.goods_items[1];
  CHECK(logs.value == 2100050);  // a JSON number is read through its decimal text, not a float
  CHECK(logs.scientific_name == "Pterocarpus soyauxii");
  CHECK(logs.cites_appendix.empty());  // set by the service from listings, never by the trader
}

TEST_CASE("malformed declarations are refused naming the field") {
  CHECK(ErrorWith("/type_code", "import-ish").field == "/type_code");
  CHECK(ErrorWith("/goods_items/0/hs_code", "4407.29").field == "/goods_items/0/hs_code");
  CHECK(ErrorWith("/goods_items/0/hs_code", "4407").field == "/goods_items/0/hs_code");
  CHECK(ErrorWith("/goods_items/0/value", "12.345").field == "/goods_items/0/value");
  CHECK(ErrorWith("/goods_items/0/value", -5).field == "/goods_items/0/value");
  CHECK(ErrorWith("/goods_items/0/value", "1e9").field == "/goods_items/0/value");
  CHECK(ErrorWith("/goods_items/0/net_mass_kg", "99999999999999999999").field == "/goods_items/0/net_mass_kg");
  CHECK(ErrorWith("/goods_items/0/gross_mass_kg", "1").field == "/goods_items/0/gross_mass_kg");
  CHECK(ErrorWith("/goods_items/0/currency", "euro").field == "/goods_items/0/currency");
  CHECK(ErrorWith("/goods_items/1/origin_country", "gab").field == "/goods_items/1/origin_country");
  CHECK(ErrorWith("/goods_items/1/sequence", 1).message.find("used by an earlier item") != std::string::npos);
  CHECK(ErrorWith("/goods_items/0/sequence", 0).field == "/goods_items/0/sequence");
  CHECK(ErrorWith("/goods_items/0/lpco/0/id", "").field == "/goods_items/0/lpco/0/id");
  CHECK(ErrorWith("/goods_items/0/colour", "red").field == "/goods_items/0/colour");
  CHECK(ErrorWith("/lodged_at", "yesterday").field == "/lodged_at");
  CHECK(ErrorWith("/transport/containers", "MSCU1234565").field == "/transport/containers");
  CHECK(ErrorWith("/goods_items", nlohmann::json::array()).field == "/goods_items");
  CHECK(ErrorWith("/declarant", std::string(65, 'x')).field == "/declarant");
}

TEST_CASE("hostile declarations are refused without crashing") {
  CHECK_FALSE(ParseDeclaration(nlohmann::json::array()).ok());
  CHECK_FALSE(ParseDeclaration(nlohmann::json("declaration")).ok());
  auto too_many = Sample();
  auto item = too_many["goods_items"][0];
  too_many["goods_items"] = nlohmann::json::array();
  for (int i = 1; i <= 1000; ++i) {
    item["sequence"] = i;
    too_many["goods_items"].push_back(item);
  }
  const auto parsed = ParseDeclaration(too_many);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().field == "/goods_items");
  auto missing = Sample();
  missing.erase("declarant");
  CHECK(ParseDeclaration(missing).error().field == "/declarant");
}
