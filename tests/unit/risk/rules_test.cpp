#include <catch2/catch.hpp>
#include <functional>

#include "domain/rule_matcher.h"
#include "domain/rule_set.h"
#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

greenlane::core::Error RulesErrorWith(const std::string& pointer, const nlohmann::json& value) {
  auto document = ShippedData("rules.json");
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto loaded = LoadRuleSet(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error();
}

std::vector<std::string> HitIds(const RuleMatcher& matcher, const Declaration& declaration,
                                greenlane::core::TimePoint at) {
  std::vector<std::string> ids;
  for (const auto& hit : matcher.Match(declaration, at)) ids.push_back(matcher.rules().rules[hit.rule_index].id);
  return ids;
}

const auto kMarch = At("2026-03-01T00:00:00Z");

}  // namespace

TEST_CASE("the shipped rule set loads with mandatory rules, criteria and every finding") {
  auto rules = LoadRuleSet(ShippedData("rules.json"));
  REQUIRE(rules.ok());
  CHECK(rules->version == "rs-2026.1");
  const auto& first = rules->rules.front();
  CHECK(first.id == "MR-CITES-I-IMPORT");
  CHECK(first.mandatory_lane == Lane::kRed);
  CHECK(first.AppliesTo(DeclarationType::kImport));
  CHECK_FALSE(first.AppliesTo(DeclarationType::kExport));
  CHECK(rules->Finding(FindingKind::kDocumentNotAnswered).minimum_lane == Lane::kYellow);
  CHECK(rules->Finding(FindingKind::kXrfFail).minimum_lane == Lane::kRed);
}

TEST_CASE("malformed rule sets are refused naming the field") {
  CHECK(RulesErrorWith("/rules/6/weight", 0).field == "/rules/6/weight");
  CHECK(RulesErrorWith("/rules/6/weight", 101).field == "/rules/6/weight");
  CHECK(RulesErrorWith("/rules/0/weight", 10).field == "/rules/0/weight");  // mandatory rules have no weight
  CHECK(RulesErrorWith("/rules/0/lane", "purple").field == "/rules/0/lane");
  CHECK(RulesErrorWith("/rules/1/id", "MR-CITES-I-IMPORT").message.find("used by an earlier rule") !=
        std::string::npos);
  CHECK(RulesErrorWith("/rules/6/scope", {"import", "smuggling"}).field == "/rules/6/scope/1");
  CHECK(RulesErrorWith("/rules/6/scope", nlohmann::json::array()).field == "/rules/6/scope");
  CHECK(RulesErrorWith("/rules/6/when/hs_prefix", {"44.07"}).field == "/rules/6/when/hs_prefix/0");
  CHECK(RulesErrorWith("/rules/6/when/hs_prefx", {"4407"}).field == "/rules/6/when/hs_prefx");
  CHECK(RulesErrorWith("/rules/6/valid_to", "2025-12-31").field == "/rules/6/valid_to");
  CHECK(RulesErrorWith("/rules/13/when/value_per_kg_outside/min", "50.00").field ==
        "/rules/13/when/value_per_kg_outside/max");
  CHECK(RulesErrorWith("/rules/13/when/value_per_kg_outside", {{"currency", "EUR"}}).field ==
        "/rules/13/when/value_per_kg_outside");
  CHECK(RulesErrorWith("/findings/document_not_answered/lane", "green").field ==
        "/findings/document_not_answered/lane");
  CHECK(RulesErrorWith("/findings/document_not_answered/lane", "blue").field == "/findings/document_not_answered/lane");
  auto missing = ShippedData("rules.json");
  missing["findings"].erase("xrf_fail");
  CHECK(LoadRuleSet(missing).error().field == "/findings/xrf_fail");
}

TEST_CASE("rules apply only inside their validity window") {
  auto rule = Criterion("CR-WINDOW", "4407", 30);
  rule["valid_from"] = "2026-02-01";
  rule["valid_to"] = "2026-03-01T00:00:00Z";
  const RuleMatcher matcher(RulesWith({rule}));
  const auto declaration = MakeDeclaration("D", {Item(1, "440729")});
  CHECK(HitIds(matcher, declaration, At("2026-01-31T23:59:59Z")).empty());
  CHECK(HitIds(matcher, declaration, At("2026-02-01T00:00:00Z")) == std::vector<std::string>{"CR-WINDOW"});
  CHECK(HitIds(matcher, declaration, At("2026-02-28T23:59:59Z")) == std::vector<std::string>{"CR-WINDOW"});
  CHECK(HitIds(matcher, declaration, At("2026-03-01T00:00:00Z")).empty());  // valid_to is exclusive
}

TEST_CASE("rules apply only to the declaration types in their scope") {
  auto rule = Criterion("CR-EXPORT-ONLY", "4403", 30);
  rule["scope"] = {"export"};
  const RuleMatcher matcher(RulesWith({rule}));
  CHECK(HitIds(matcher, MakeDeclaration("I", {Item(1, "440349")}, DeclarationType::kImport), kMarch).empty());
  CHECK(HitIds(matcher, MakeDeclaration("T", {Item(1, "440349")}, DeclarationType::kTransit), kMarch).empty());
  CHECK(HitIds(matcher, MakeDeclaration("E", {Item(1, "440349")}, DeclarationType::kExport), kMarch) ==
        std::vector<std::string>{"CR-EXPORT-ONLY"});
}

TEST_CASE("a hit names the items that met the item conditions") {
  auto origin_rule = Criterion("CR-ORIGIN", "44", 20);
  origin_rule["when"]["origin_country"] = {"CM", "CD"};
  const RuleMatcher matcher(
      RulesWith({origin_rule, Criterion("CR-4407", "4407", 20), Criterion("CR-LONG", "44072900", 5)}));
  const auto declaration = MakeDeclaration(
      "D", {Item(1, "440729", "GA"), Item(2, "440349", "CM"), Item(3, "4407290010", "CD"), Item(4, "030571", "CM")});
  const auto hits = matcher.Match(declaration, kMarch);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].items == std::vector<int>{2, 3});  // CR-ORIGIN: HS 44 and origin CM or CD
  CHECK(hits[1].items == std::vector<int>{1, 3});  // CR-4407
  CHECK(hits[2].items == std::vector<int>{3});     // only item 3 has 8 digits starting 44072900
}

TEST_CASE("declaration-level conditions restrict traders, countries, offices and transport") {
  const nlohmann::json rule = {{"id", "CR-TRADER"},
                               {"text", "watched importer by sea from CN"},
                               {"instruction", "check"},
                               {"scope", {"import"}},
                               {"when",
                                {{"importer", {"IMP-1", "IMP-9"}},
                                 {"exportation_country", {"CN"}},
                                 {"office", {"GALBV"}},
                                 {"transport_mode", {"maritime"}}}},
                               {"weight", 50}};
  const RuleMatcher matcher(RulesWith({rule}));
  auto declaration = MakeDeclaration("D", {Item(1, "847130")});
  const auto hits = matcher.Match(declaration, kMarch);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].items.empty());  // about the whole declaration
  for (auto change : std::vector<std::function<void(Declaration&)>>{
           [](Declaration& d) { d.importer = "IMP-2"; }, [](Declaration& d) { d.exportation_country = "VN"; },
           [](Declaration& d) { d.customs_office = "GAPOG"; }, [](Declaration& d) { d.transport_mode = "air"; }}) {
    auto changed = declaration;
    change(changed);
    CHECK(matcher.Match(changed, kMarch).empty());
  }
}

TEST_CASE("value per kg outside the band is compared exactly") {
  auto rule = Criterion("CR-VALUE", "4407", 35);
  rule["when"]["value_per_kg_outside"] = {{"currency", "EUR"}, {"min", "0.40"}, {"max", "40.00"}};
  const RuleMatcher matcher(RulesWith({rule}));
  // 1000 kg: band is EUR 400.00 to 40000.00 in total.
  const auto hit = [&](std::int64_t value, std::string currency = "EUR") {
    auto item = Item(1, "440729", "GA", value, 1000000);
    item.currency = std::move(currency);
    return !matcher.Match(MakeDeclaration("D", {item}), kMarch).empty();
  };
  CHECK(hit(39999));  // EUR 399.99 for 1000 kg: under 0.40 per kg
  CHECK_FALSE(hit(40000));
  CHECK_FALSE(hit(4000000));
  CHECK(hit(4000001));
  CHECK_FALSE(hit(39999, "USD"));  // no exchange rates in the rule: other currencies are not compared
}

TEST_CASE("mandatory rules on species appendix and missing documents") {
  const RuleMatcher matcher(*LoadRuleSet(ShippedData("rules.json")));
  auto rosewood = Item(1, "440729");
  rosewood.scientific_name = "Dalbergia nigra";
  rosewood.cites_appendix = "I";
  rosewood.lpco.push_back({"cites_permit", "BR-2026-0001", std::nullopt});
  auto declaration = MakeDeclaration("D", {rosewood});
  CHECK(HitIds(matcher, declaration, kMarch) == std::vector<std::string>{"MR-CITES-I-IMPORT"});
  declaration.goods_items[0].lpco.push_back({"cites_import_permit", "GA-2026-0009", std::nullopt});
  CHECK(HitIds(matcher, declaration, kMarch).empty());
  declaration.goods_items[0].lpco.clear();
  CHECK(HitIds(matcher, declaration, kMarch) == std::vector<std::string>{"MR-CITES-I-IMPORT", "MR-CITES-PERMIT"});
}

TEST_CASE("500 criteria over a 3-item declaration find exactly the rules whose prefix matches") {
  std::vector<nlohmann::json> rules;
  for (int i = 0; i < 500; ++i) {
    rules.push_back(Criterion("CR-" + std::to_string(i), std::to_string(1000 + i * 17).substr(0, 4), 10));
  }
  const RuleMatcher matcher(RulesWith(rules));
  const auto declaration = MakeDeclaration("D", {Item(1, "101700"), Item(2, "999999"), Item(3, "101799")});
  const auto hits = matcher.Match(declaration, kMarch);
  REQUIRE(hits.size() == 1);  // 1000 + 1 * 17 = 1017
  CHECK(matcher.rules().rules[hits[0].rule_index].id == "CR-1");
  CHECK(hits[0].items == std::vector<int>{1, 3});
}
