#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/assessor.h"
#include "domain/dry_run.h"

namespace greenlane::risk {

/// A historical declaration with what its inspection found.
struct LabelledCase {
  ReplayCase replay;
  bool illicit = false;
  std::int64_t revenue = 0;  ///< minor units recovered (duties, fines) by the inspection
};

/// One line of a labelled history file: {"declaration": the single window's JSON, "outcome":
/// {"result": an inspection result name (domain/inspection.h), "revenue": exact decimal recovered,
/// default 0}, "checks": optional, what the document checks and evidence answered then, as an
/// assessment stores them}. The label is IsIllicit(result). Errors name the JSON pointer.
core::Result<LabelledCase> ParseLabelledCase(const nlohmann::json& line);

/// A declaration's rank score and its label, in time order.
struct ScoredOutcome {
  double risk = 0;
  bool illicit = false;
  std::int64_t revenue = 0;
};

/// Had customs inspected only the top `percent` % of declarations by risk (ceil(N · percent / 100),
/// at least one), what share of them were illicit (precision), what share of all illicit ones they
/// caught (recall) and what share of all recoverable revenue (revenue recall). Shares with a zero
/// denominator are 0.
struct TopShareMetrics {
  double percent = 0;
  std::size_t inspected = 0;
  double precision = 0;
  double recall = 0;
  double revenue_recall = 0;
};

struct BacktestReport {
  std::size_t declarations = 0;
  std::size_t illicit = 0;
  std::int64_t revenue = 0;
  std::vector<TopShareMetrics> metrics;  ///< one per requested percent, in request order
};

/// The metrics of already scored outcomes. Declarations of equal risk keep their order, so the
/// earlier one ranks first.
std::vector<TopShareMetrics> MetricsAtTop(const std::vector<ScoredOutcome>& outcomes,
                                          const std::vector<double>& percents);

/// Replays `cases` in time order (lodged_at; equal times keep input order): each is assessed with
/// the profiles learned from the cases before it only, then its label is learned, so no declaration
/// is scored with knowledge of its own outcome or of the future.
BacktestReport Backtest(const Assessor& assessor, std::vector<LabelledCase> cases, ProfileStore profiles,
                        const std::vector<double>& percents = {1, 2, 5, 10});

}  // namespace greenlane::risk
