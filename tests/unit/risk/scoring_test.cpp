#include <catch2/catch.hpp>

#include "domain/model.h"
#include "domain/profiles.h"
#include "domain/score.h"
#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

greenlane::core::Error ModelErrorWith(const std::string& pointer, const nlohmann::json& value) {
  auto document = ShippedData("model.json");
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto loaded = LoadScoringModel(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error();
}

}  // namespace

TEST_CASE("the shipped model loads with rising thresholds and per-office targets") {
  const auto model = ShippedModel();
  CHECK(model.version == "m-2026.1");
  CHECK(model.blue_threshold < model.yellow_threshold);
  CHECK(model.yellow_threshold < model.red_threshold);
  CHECK(model.TargetsOf("GALBV")[static_cast<std::size_t>(Lane::kYellow)] == Approx(0.10));
  CHECK(model.TargetsOf("GAPOG")[static_cast<std::size_t>(Lane::kYellow)] == Approx(0.08));
  CHECK(model.capacity_window == std::chrono::hours(4));
}

TEST_CASE("malformed models are refused naming the field") {
  CHECK(ModelErrorWith("/thresholds/yellow", 10).field == "/thresholds/yellow");
  CHECK(ModelErrorWith("/thresholds/red", 101).field == "/thresholds/red");
  CHECK(ModelErrorWith("/profiles/base_rate", 0).field == "/profiles/base_rate");
  CHECK(ModelErrorWith("/profiles/weights/importer", "high").field == "/profiles/weights/importer");
  CHECK(ModelErrorWith("/profiles/weights/vessel", 1).field == "/profiles/weights/vessel");
  CHECK(ModelErrorWith("/random/rate", 1.5).field == "/random/rate");
  CHECK(ModelErrorWith("/random/lane", "green").field == "/random/lane");
  CHECK(ModelErrorWith("/capacity/offices/GALBV/yellow", -0.1).field == "/capacity/offices/GALBV/yellow");
}

TEST_CASE("criteria weights combine as independent estimates and never pass 100") {
  CHECK(RuleRisk({}) == 0);
  CHECK(RuleRisk({40}) == Approx(0.40));
  CHECK(RuleRisk({40, 50}) == Approx(0.70));  // 1 - 0.6 * 0.5
  CHECK(RuleRisk({50, 40}) == RuleRisk({40, 50}));
  CHECK(RuleRisk({100, 10}) == Approx(1.0));
  CHECK(ScoreOf(CombineRisk(0.70, 0.05)) == 72);  // 1 - 0.3 * 0.95 = 0.715
}

TEST_CASE("lanes follow the thresholds") {
  const auto model = ShippedModel();  // blue 20, yellow 40, red 70
  CHECK(LaneOfScore(19, model) == Lane::kGreen);
  CHECK(LaneOfScore(20, model) == Lane::kBlue);
  CHECK(LaneOfScore(39, model) == Lane::kBlue);
  CHECK(LaneOfScore(40, model) == Lane::kYellow);
  CHECK(LaneOfScore(69, model) == Lane::kYellow);
  CHECK(LaneOfScore(70, model) == Lane::kRed);
}

TEST_CASE("smoothed rates shrink thin histories towards the base rate") {
  CHECK(SmoothedRate({0, 0}, 0.05, 20) == Approx(0.05));
  CHECK(SmoothedRate({2, 1}, 0.05, 20) == Approx(2.0 / 22));  // (1 + 1) / (2 + 20), not 50 %
  CHECK(SmoothedRate({200, 100}, 0.05, 20) == Approx(101.0 / 220));
  CHECK(SmoothedRate({1000, 0}, 0.05, 20) == Approx(1.0 / 1020));
}

TEST_CASE("a declaration falls under one key per dimension value, crosses included") {
  auto declaration =
      MakeDeclaration("D", {Item(1, "44072900", "CM"), Item(2, "4407290010", "CM"), Item(3, "030571", "ID")});
  const auto keys = ProfileKeysOf(declaration);
  const auto has = [&](ProfileDimension dimension, const std::string& key) {
    return std::find(keys.begin(), keys.end(), ProfileKey{dimension, key}) != keys.end();
  };
  CHECK(keys.size() == 3 + 2 * 4);  // importer, declarant, office; two distinct HS6/origin pairs
  CHECK(has(ProfileDimension::kHs6Origin, "440729|CM"));
  CHECK(has(ProfileDimension::kImporterHs6, "IMP-1|030571"));
  CHECK(has(ProfileDimension::kOrigin, "ID"));
  declaration.importer.clear();
  CHECK(ProfileKeysOf(declaration).size() == 2 + 2 * 3);
}

TEST_CASE("inspection outcomes update profiles and raise the risk of what was caught") {
  const auto model = ShippedModel();
  ProfileStore profiles;
  const auto caught = MakeDeclaration("D1", {Item(1, "440729", "CM")});
  auto unrelated = MakeDeclaration("D2", {Item(1, "847130", "VN")});
  unrelated.importer = "IMP-CLEAN";
  unrelated.declarant = "DECL-CLEAN";
  unrelated.customs_office = "GAPOG";
  const auto before = AssessProfiles(caught, profiles, model).probability;
  CHECK(before == Approx(model.base_rate));  // nothing known: the base rate
  for (int i = 0; i < 10; ++i) profiles.Record(caught, i < 6);
  CHECK(profiles.Counts(ProfileDimension::kImporter, "IMP-1").inspected == 10);
  CHECK(profiles.Counts(ProfileDimension::kImporter, "IMP-1").positives == 6);
  CHECK(profiles.Counts(ProfileDimension::kHs6Origin, "440729|CM").positives == 6);
  const auto after = AssessProfiles(caught, profiles, model);
  CHECK(after.probability > 0.3);
  CHECK(AssessProfiles(unrelated, profiles, model).probability == Approx(model.base_rate));
  // A clean history lowers the risk below the base rate.
  for (int i = 0; i < 50; ++i) profiles.Record(unrelated, false);
  CHECK(AssessProfiles(unrelated, profiles, model).probability < model.base_rate / 2);
}

TEST_CASE("item dimensions take the riskiest item") {
  const auto model = ShippedModel();
  ProfileStore profiles;
  profiles.Set({ProfileDimension::kHs6, "030571"}, {40, 30});
  profiles.Set({ProfileDimension::kHs6, "847130"}, {40, 0});
  const auto declaration = MakeDeclaration("D", {Item(1, "847130"), Item(2, "030571")});
  const auto assessment = AssessProfiles(declaration, profiles, model);
  const auto hs6 = std::find_if(assessment.signals.begin(), assessment.signals.end(),
                                [](const ProfileSignal& signal) { return signal.dimension == ProfileDimension::kHs6; });
  REQUIRE(hs6 != assessment.signals.end());
  CHECK(hs6->key == "030571");
  CHECK(hs6->rate == Approx(31.0 / 60));
}
