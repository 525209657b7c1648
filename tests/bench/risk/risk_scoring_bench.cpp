// bench_risk_scoring: in-process scoring throughput on one core against a rule set of 500
// criteria (issue 7 goal: at least 50,000 declarations/s). Declarations carry 1 to 5 goods items
// over HS codes that the criteria target, and profiles hold the history of 20,000 inspections.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/assessor.h"

namespace {

using greenlane::risk::Assessor;
using greenlane::risk::Declaration;
using greenlane::risk::GoodsItem;

constexpr int kCriteria = 500;
constexpr int kDeclarations = 4096;
constexpr int kHistory = 20000;
const std::vector<std::string> kCountries = {"CM", "GA", "CD", "CN", "VN", "ID", "BR", "MY", "FR", "NG"};

std::string Digits(std::mt19937_64& random, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text.push_back(static_cast<char>('0' + random() % 10));
  return text;
}

// HS codes come from 300 six-digit subheadings so criteria and goods overlap as in a real tariff.
std::vector<std::string> Subheadings(std::mt19937_64& random) {
  std::vector<std::string> codes;
  for (int i = 0; i < 300; ++i) codes.push_back(Digits(random, 6));
  return codes;
}

nlohmann::json Findings() {
  nlohmann::json findings;
  for (std::size_t i = 0; i < greenlane::risk::kFindingKindCount; ++i) {
    findings[std::string(greenlane::risk::FindingKindName(static_cast<greenlane::risk::FindingKind>(i)))] = {
        {"id", "F" + std::to_string(i)}, {"text", "finding"}, {"instruction", "check"}, {"lane", "yellow"}};
  }
  return findings;
}

// Every criterion names an HS prefix (2, 4 or 6 digits); a third add origins, a fifth a value band,
// one in ten a list of importers, and one in twenty are declaration-level rules on parties only.
nlohmann::json RuleSetDocument(std::mt19937_64& random, const std::vector<std::string>& subheadings) {
  nlohmann::json rules = nlohmann::json::array();
  for (int i = 0; i < kCriteria; ++i) {
    nlohmann::json when = nlohmann::json::object();
    if (i % 20 == 19) {
      when["importer"] = {"IMP-" + std::to_string(random() % 2000), "IMP-" + std::to_string(random() % 2000)};
      when["exportation_country"] = {kCountries[random() % kCountries.size()]};
    } else {
      const auto& code = subheadings[random() % subheadings.size()];
      when["hs_prefix"] = {code.substr(0, 2 + 2 * (random() % 3))};
      if (i % 3 == 0) when["origin_country"] = {kCountries[random() % kCountries.size()], kCountries[random() % 5]};
      if (i % 5 == 0) when["value_per_kg_outside"] = {{"currency", "EUR"}, {"min", "0.50"}, {"max", "80.00"}};
      if (i % 10 == 0) when["importer"] = {"IMP-" + std::to_string(random() % 2000)};
    }
    rules.push_back({{"id", "CR-" + std::to_string(i)},
                     {"text", "criterion " + std::to_string(i)},
                     {"instruction", "examine"},
                     {"scope", {"import", "export"}},
                     {"valid_from", "2026-01-01"},
                     {"when", when},
                     {"weight", 1 + static_cast<int>(random() % 60)},
                     {"confidential", i % 4 == 0}});
  }
  return {{"version", "bench"}, {"rules", rules}, {"findings", Findings()}};
}

greenlane::risk::ScoringModel Model() {
  greenlane::risk::ScoringModel model;
  model.version = "bench";
  model.blue_threshold = 20;
  model.yellow_threshold = 40;
  model.red_threshold = 70;
  model.base_rate = 0.05;
  model.prior_strength = 20;
  model.dimension_weights = {0.35, 0.15, 0.2, 0.15, 0.1, 0.25, 0.3};
  model.profile_reason_lift = 3;
  model.profile_reason_min_inspected = 5;
  return model;
}

Declaration MakeDeclaration(std::mt19937_64& random, const std::vector<std::string>& subheadings, int index) {
  Declaration declaration;
  declaration.functional_reference_id = "GA-DEC-2026-" + std::to_string(index);
  declaration.customs_office = "GA" + std::to_string(random() % 8);
  declaration.declarant = "DECL-" + std::to_string(random() % 300);
  declaration.importer = "IMP-" + std::to_string(random() % 2000);
  declaration.exportation_country = kCountries[random() % kCountries.size()];
  declaration.destination_country = "GA";
  declaration.transport_mode = "maritime";
  declaration.lodged_at = *greenlane::core::ParseRfc3339("2026-03-01T00:00:00Z");
  const int items = 1 + static_cast<int>(random() % 5);
  for (int sequence = 1; sequence <= items; ++sequence) {
    GoodsItem item;
    item.sequence = sequence;
    item.hs_code = subheadings[random() % subheadings.size()] + Digits(random, 4);
    item.origin_country = kCountries[random() % kCountries.size()];
    item.net_mass = 1000 + static_cast<std::int64_t>(random() % 10000000);
    item.value = static_cast<std::int64_t>(random() % 100000000);
    item.currency = "EUR";
    declaration.goods_items.push_back(std::move(item));
  }
  return declaration;
}

struct Fixture {
  std::shared_ptr<const greenlane::risk::RuleMatcher> matcher;
  std::unique_ptr<Assessor> assessor;
  std::vector<Declaration> declarations;
  greenlane::risk::ProfileStore profiles;
};

Fixture& SharedFixture() {
  static Fixture fixture = [] {
    Fixture built;
    std::mt19937_64 random(7);
    const auto subheadings = Subheadings(random);
    auto rules = greenlane::risk::LoadRuleSet(RuleSetDocument(random, subheadings));
    if (!rules.ok()) throw std::runtime_error(rules.error().message);
    built.matcher = std::make_shared<const greenlane::risk::RuleMatcher>(*std::move(rules));
    built.assessor =
        std::make_unique<Assessor>(built.matcher, std::make_shared<const greenlane::risk::ScoringModel>(Model()));
    for (int i = 0; i < kDeclarations; ++i) built.declarations.push_back(MakeDeclaration(random, subheadings, i));
    for (int i = 0; i < kHistory; ++i) {
      built.profiles.Record(MakeDeclaration(random, subheadings, i), random() % 10 == 0);
    }
    return built;
  }();
  return fixture;
}

void BM_ScoreDeclaration(benchmark::State& state) {
  auto& fixture = SharedFixture();
  const greenlane::risk::CheckInputs checks;
  const auto at = *greenlane::core::ParseRfc3339("2026-03-01T12:00:00Z");
  std::size_t next = 0;
  std::size_t reasons = 0;
  for (auto _ : state) {
    auto assessment = fixture.assessor->Assess(fixture.declarations[next], checks, fixture.profiles, at);
    reasons += assessment.reasons.size();
    benchmark::DoNotOptimize(assessment);
    next = (next + 1) % fixture.declarations.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["declarations_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["reasons_per_declaration"] =
      static_cast<double>(reasons) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
}
BENCHMARK(BM_ScoreDeclaration);

void BM_MatchRulesOnly(benchmark::State& state) {
  auto& fixture = SharedFixture();
  const auto at = *greenlane::core::ParseRfc3339("2026-03-01T12:00:00Z");
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fixture.matcher->Match(fixture.declarations[next], at));
    next = (next + 1) % fixture.declarations.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_MatchRulesOnly);

}  // namespace

BENCHMARK_MAIN();
