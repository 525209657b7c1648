#include "domain/quota.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using greenlane::cites::testing::Q;
using nlohmann::json;

namespace {
const QuotaKey kKosso{"Pterocarpus erinaceus", "ML", 2025};

json KossoQuotas() {
  return json::parse(R"({"quotas": [
    {"scientific_name": "Pterocarpus erinaceus", "country": "ML", "year": 2025, "quantity": "1000.5", "unit": "MTQ",
     "used": "200"}]})");
}
}  // namespace

TEST_CASE("quotas load with what has been used") {
  auto book = QuotaBook::FromJson(KossoQuotas());
  REQUIRE(book.ok());
  const Quota* quota = book->Find({"pterocarpus  erinaceus", "ML", 2025});
  REQUIRE(quota != nullptr);
  CHECK(quota->Remaining() == Q("800.5"));
  CHECK(book->Find({"Pterocarpus erinaceus", "ML", 2024}) == nullptr);
  CHECK(book->Find({"Pterocarpus erinaceus", "SN", 2025}) == nullptr);
}

TEST_CASE("drawing on a quota lowers what remains and leaves the old book as it was") {
  QuotaBook book;
  book.Set(kKosso, Q("100"), "MTQ");
  auto after = book.Draw(kKosso, Q("60.25"), "MTQ");
  REQUIRE(after.ok());
  CHECK(after->Find(kKosso)->Remaining() == Q("39.75"));
  CHECK(book.Find(kKosso)->Remaining() == Q("100"));
  auto to_zero = after->Draw(kKosso, Q("39.75"), "MTQ");
  REQUIRE(to_zero.ok());
  CHECK(to_zero->Find(kKosso)->Remaining().IsZero());
}

TEST_CASE("a draw beyond the remaining quota or in another unit is refused") {
  QuotaBook book;
  book.Set(kKosso, Q("100"), "MTQ");
  auto over = book.Draw(kKosso, Q("100.000001"), "MTQ", "endorsement.quantities[0]");
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().field == "endorsement.quantities[0]");
  CHECK_THAT(over.error().message, Catch::StartsWith("quota.exceeded:") && Catch::Contains("100 of 100 MTQ"));
  auto wrong_unit = book.Draw(kKosso, Q("1"), "KGM");
  REQUIRE_FALSE(wrong_unit.ok());
  CHECK_THAT(wrong_unit.error().message, Catch::StartsWith("quota.unit:"));
}

TEST_CASE("trade without a quota draws on nothing") {
  QuotaBook book;
  auto after = book.Draw(kKosso, Q("5000"), "MTQ");
  REQUIRE(after.ok());
  CHECK(after->Find(kKosso) == nullptr);
}

TEST_CASE("malformed quotas are refused naming the bad field") {
  json document = KossoQuotas();
  auto field_of = [](const json& bad) {
    auto loaded = QuotaBook::FromJson(bad);
    REQUIRE_FALSE(loaded.ok());
    return loaded.error().field;
  };
  SECTION("a fraction written as a JSON number") {
    document["quotas"][0]["quantity"] = 1000.5;
    CHECK(field_of(document) == "quotas[0].quantity");
  }
  SECTION("a quantity that is not a decimal") {
    document["quotas"][0]["quantity"] = "1,000";
    CHECK(field_of(document) == "quotas[0].quantity");
  }
  SECTION("more used than the quota") {
    document["quotas"][0]["used"] = "1000.6";
    CHECK(field_of(document) == "quotas[0].used");
  }
  SECTION("a year as text") {
    document["quotas"][0]["year"] = "2025";
    CHECK(field_of(document) == "quotas[0].year");
  }
  SECTION("the same quota twice") {
    document["quotas"].push_back(document["quotas"][0]);
    CHECK(field_of(document) == "quotas[1]");
  }
}
