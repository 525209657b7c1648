#include "domain/backtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "domain/inspection.h"
#include "domain/json_read.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {
namespace {

double Share(double part, double whole) { return whole == 0 ? 0 : part / whole; }

}  // namespace

core::Result<LabelledCase> ParseLabelledCase(const nlohmann::json& line) {
  if (auto ok = CheckObject(line, "", {"declaration", "outcome", "checks"}, {"declaration", "outcome"}); !ok) {
    return ok.error();
  }
  auto declaration = ParseDeclaration(line.at("declaration"));
  if (!declaration) {
    auto error = declaration.error();
    // The declaration's pointers are relative to it; in the file it sits under /declaration.
    error.message = (error.message.starts_with("/") ? "/declaration" : "/declaration: ") + error.message;
    error.field = "/declaration" + error.field;
    return error;
  }
  const auto& outcome = line.at("outcome");
  if (auto ok = CheckObject(outcome, "/outcome", {"result", "revenue"}, {"result"}); !ok) return ok.error();
  const auto result =
      outcome.at("result").is_string() ? ParseInspectionResult(outcome.at("result").get<std::string>()) : std::nullopt;
  if (!result) return FieldError("/outcome/result", "an inspection result such as no_discrepancy or seizure");
  LabelledCase labelled;
  labelled.replay.declaration = *std::move(declaration);
  labelled.illicit = IsIllicit(*result);
  if (outcome.contains("revenue")) {
    auto revenue = core::ReadFixedPoint(outcome.at("revenue"), 2, "/outcome/revenue");
    if (!revenue) return revenue.error();
    labelled.revenue = *revenue;
  }
  if (line.contains("checks")) {
    try {
      labelled.replay.checks = CheckInputsFromJson(line.at("checks"));
    } catch (const nlohmann::json::exception& e) {
      return FieldError("/checks", std::string("checks as an assessment stores them (") + e.what() + ")");
    }
  }
  return labelled;
}

std::vector<TopShareMetrics> MetricsAtTop(const std::vector<ScoredOutcome>& outcomes,
                                          const std::vector<double>& percents) {
  std::vector<std::size_t> order(outcomes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return outcomes[a].risk > outcomes[b].risk; });
  std::size_t illicit = 0;
  std::int64_t revenue = 0;
  for (const auto& outcome : outcomes) {
    illicit += outcome.illicit ? 1 : 0;
    revenue += outcome.revenue;
  }
  std::vector<TopShareMetrics> metrics;
  for (double percent : percents) {
    TopShareMetrics top{percent};
    if (!outcomes.empty()) {
      top.inspected = std::clamp<std::size_t>(
          static_cast<std::size_t>(std::ceil(static_cast<double>(outcomes.size()) * percent / 100 - 1e-9)), 1,
          outcomes.size());
    }
    std::size_t caught = 0;
    std::int64_t recovered = 0;
    for (std::size_t rank = 0; rank < top.inspected; ++rank) {
      const auto& outcome = outcomes[order[rank]];
      caught += outcome.illicit ? 1 : 0;
      recovered += outcome.revenue;
    }
    top.precision = Share(static_cast<double>(caught), static_cast<double>(top.inspected));
    top.recall = Share(static_cast<double>(caught), static_cast<double>(illicit));
    top.revenue_recall = Share(static_cast<double>(recovered), static_cast<double>(revenue));
    metrics.push_back(top);
  }
  return metrics;
}

BacktestReport Backtest(const Assessor& assessor, std::vector<LabelledCase> cases, ProfileStore profiles,
                        const std::vector<double>& percents) {
  std::stable_sort(cases.begin(), cases.end(), [](const LabelledCase& a, const LabelledCase& b) {
    return a.replay.declaration.lodged_at < b.replay.declaration.lodged_at;
  });
  BacktestReport report;
  std::vector<ScoredOutcome> outcomes;
  outcomes.reserve(cases.size());
  for (const auto& labelled : cases) {
    const auto& declaration = labelled.replay.declaration;
    const auto assessment = assessor.Assess(declaration, labelled.replay.checks, profiles, declaration.lodged_at);
    outcomes.push_back(ScoredOutcome{assessment.risk, labelled.illicit, labelled.revenue});
    profiles.Record(declaration, labelled.illicit);
    report.illicit += labelled.illicit ? 1 : 0;
    report.revenue += labelled.revenue;
  }
  report.declarations = cases.size();
  report.metrics = MetricsAtTop(outcomes, percents);
  return report;
}

}  // namespace greenlane::risk
