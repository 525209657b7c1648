#include "api/backtest_command.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "api/data_files.h"
#include "domain/backtest.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {
namespace {

constexpr const char* kUsage = "usage: greenlane-risk backtest FILE [--data-dir DIR]";

std::string Fixed(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

void Print(const BacktestReport& report, const Assessor& assessor, std::ostream& out) {
  out << "declarations " << report.declarations << ", illicit " << report.illicit << ", revenue "
      << core::FormatFixedPoint(report.revenue, 2) << " (rule set " << assessor.rule_set().version << ")\n";
  out << "top %  inspected  precision  recall  revenue_recall\n";
  for (const auto& top : report.metrics) {
    char line[96];
    std::snprintf(line, sizeof line, "%5.0f  %9zu  %9s  %6s  %14s\n", top.percent, top.inspected,
                  Fixed(top.precision).c_str(), Fixed(top.recall).c_str(), Fixed(top.revenue_recall).c_str());
    out << line;
  }
}

}  // namespace

int RunBacktestCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  RiskSettings settings;
  const char* configured = std::getenv("GREENLANE_RISK_DATA_DIR");
  settings.data_dir = configured != nullptr && *configured != '\0' ? configured : GREENLANE_RISK_DATA_DIR;
  std::string file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data-dir" && i + 1 < args.size()) {
      settings.data_dir = args[++i];
    } else if (file.empty() && !args[i].starts_with("-")) {
      file = args[i];
    } else {
      err << kUsage << "\n";
      return 2;
    }
  }
  if (file.empty()) {
    err << kUsage << "\n";
    return 2;
  }
  std::ifstream in(file);
  if (!in) {
    err << "cannot read " << file << "\n";
    return 2;
  }
  try {
    const Assessor assessor(std::make_shared<const RuleMatcher>(ValidDataFile(
                                LoadRuleSet(ReadDataFile(settings, "rules.json")), settings, "rules.json")),
                            std::make_shared<const ScoringModel>(ValidDataFile(
                                LoadScoringModel(ReadDataFile(settings, "model.json")), settings, "model.json")));
    std::vector<LabelledCase> cases;
    std::string text;
    for (int number = 1; std::getline(in, text); ++number) {
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      const auto line = nlohmann::json::parse(text, nullptr, false);
      auto labelled = line.is_discarded() ? core::Result<LabelledCase>(core::Error::InvalidArgument("", "not JSON"))
                                          : ParseLabelledCase(line);
      if (!labelled) {
        err << file << ":" << number << ": " << labelled.error().message << "\n";
        return 2;
      }
      cases.push_back(*std::move(labelled));
    }
    Print(Backtest(assessor, std::move(cases), ProfileStore{}), assessor, out);
    return 0;
  } catch (const core::ConfigError& e) {
    err << e.what() << "\n";
    return 2;
  }
}

}  // namespace greenlane::risk
