#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "domain/wood/wood_call.h"
#include "test_support.h"

using namespace greenlane::identify::wood;
using greenlane::identify::rule_support::Confidence;
using greenlane::identify::testing::D;
using greenlane::identify::testing::ShippedData;
using greenlane::instruments::WoodImagePayload;

namespace {

const WoodClassTable& Table() {
  static const WoodClassTable table = [] {
    auto loaded = LoadWoodClasses(ShippedData("wood_classes.json"));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return table;
}

WoodImagePayload Image(std::string first, std::string first_score, std::string second, std::string second_score,
                       std::string third = "Carapa", std::string third_score = "0.01") {
  WoodImagePayload payload;
  payload.model = "peru-24class-v2";
  payload.top = {
      {{std::move(first), D(first_score)}, {std::move(second), D(second_score)}, {std::move(third), D(third_score)}}};
  return payload;
}

WoodIdentification Interpret(const WoodImagePayload& image, const WoodOptions& options = Table().defaults()) {
  auto result = InterpretWoodImage(image, Table(), options);
  REQUIRE(result.ok());
  return std::move(result).value();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a confident unlisted genus is identified and needs no laboratory") {
  // XyloTron sample, specimen B12.
  const auto result = Interpret(Image("Cedrelinga", "0.91", "Cedrela", "0.04", "Aspidosperma", "0.02"));
  CHECK(result.verdict == WoodVerdict::kIdentified);
  CHECK(result.confidence == Confidence::kHigh);
  CHECK_FALSE(result.refer_to_laboratory);
  CHECK(result.margin == D("0.87"));
  CHECK(result.top[0].strictest == Appendix::kNotListed);
  CHECK(result.top[1].strictest == Appendix::kII);
  CHECK(Contains(result.reason, "Cedrelinga: not CITES-listed"));
}

TEST_CASE("a confident Swietenia is identified as CITES Appendix II with its species") {
  const auto result = Interpret(Image("Swietenia", "0.85", "Cedrela", "0.10"));
  CHECK(result.verdict == WoodVerdict::kIdentified);
  CHECK(result.confidence == Confidence::kHigh);
  CHECK_FALSE(result.refer_to_laboratory);
  const ClassStatus& best = result.top[0];
  CHECK(best.strictest == Appendix::kII);
  CHECK_FALSE(best.depends_on_species);
  REQUIRE_FALSE(best.listed_species.empty());
  CHECK(best.listed_species[0].name == "Swietenia macrophylla");
  CHECK(best.status ==
        "CITES App. II (Swietenia macrophylla App. II, Swietenia mahagoni App. II; other species App. II)");
}

TEST_CASE("Dalbergia is App. I or II by species, so even a confident genus goes to the laboratory") {
  const auto result = Interpret(Image("Dalbergia", "0.93", "Pterocarpus", "0.04"));
  CHECK(result.verdict == WoodVerdict::kIdentified);
  CHECK(result.top[0].strictest == Appendix::kI);
  CHECK(result.top[0].depends_on_species);
  CHECK(result.refer_to_laboratory);
  CHECK(result.confidence == Confidence::kMedium);
  CHECK(Contains(result.reason, "Dalbergia nigra App. I"));
  CHECK(Contains(result.reason, "depends on the species"));
  // Only two Pterocarpus species are listed: the class may or may not be.
  CHECK(result.top[1].strictest == Appendix::kII);
  CHECK(result.top[1].depends_on_species);
}

TEST_CASE("a low top score or a small margin is inconclusive and names what may be at stake") {
  // Specimen B13: Swietenia 0.62 is below the 0.70 top-score threshold.
  const auto swietenia = Interpret(Image("Swietenia", "0.62", "Cedrela", "0.21", "Carapa", "0.09"));
  CHECK(swietenia.verdict == WoodVerdict::kInconclusive);
  CHECK(swietenia.refer_to_laboratory);
  CHECK(swietenia.confidence == Confidence::kLow);
  CHECK(Contains(swietenia.reason, "top score below 0.70"));
  CHECK(Contains(swietenia.reason, "Swietenia (CITES App. II"));
  CHECK(Contains(swietenia.reason, "Cedrela (CITES App. II"));
  CHECK_FALSE(Contains(swietenia.reason, "Carapa ("));

  // Specimen B14: a class the table does not know is named as such.
  const auto dipteryx = Interpret(Image("Dipteryx", "0.48", "Hymenaea", "0.31", "Myroxylon", "0.11"));
  CHECK(dipteryx.verdict == WoodVerdict::kInconclusive);
  CHECK_FALSE(dipteryx.top[0].in_table);
  CHECK(Contains(dipteryx.reason, "Dipteryx (not in Greenlane's CITES table"));

  const auto close = Interpret(Image("Swietenia", "0.75", "Cedrela", "0.56", "Carapa", "0.0"));
  CHECK(close.verdict == WoodVerdict::kInconclusive);
  CHECK(Contains(close.reason, "margin below 0.20"));
}

TEST_CASE("the thresholds are inclusive and configurable") {
  CHECK(Interpret(Image("Swietenia", "0.70", "Cedrela", "0.50", "Carapa", "0.0")).verdict == WoodVerdict::kIdentified);
  CHECK(Interpret(Image("Swietenia", "0.69", "Cedrela", "0.10")).verdict == WoodVerdict::kInconclusive);
  CHECK(Interpret(Image("Swietenia", "0.70", "Cedrela", "0.51", "Carapa", "0.0")).verdict ==
        WoodVerdict::kInconclusive);

  const WoodOptions strict{D("0.95"), D("0.50")};
  CHECK(Interpret(Image("Cedrelinga", "0.91", "Cedrela", "0.04"), strict).verdict == WoodVerdict::kInconclusive);
}

TEST_CASE("an identified class outside the table goes to the laboratory for its CITES status") {
  const auto result = Interpret(Image("Dipteryx", "0.95", "Hymenaea", "0.02"));
  CHECK(result.verdict == WoodVerdict::kIdentified);
  CHECK(result.refer_to_laboratory);
  CHECK(result.confidence == Confidence::kMedium);
}

TEST_CASE("impossible classifier output is refused naming the field") {
  const auto over = InterpretWoodImage(Image("Swietenia", "1.2", "Cedrela", "0.1"), Table(), Table().defaults());
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().field == "top/0/score");
  const auto unranked = InterpretWoodImage(Image("Swietenia", "0.3", "Cedrela", "0.6"), Table(), Table().defaults());
  REQUIRE_FALSE(unranked.ok());
  CHECK(unranked.error().field == "top/1/score");
}
