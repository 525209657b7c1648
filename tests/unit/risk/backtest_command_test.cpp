#include "api/backtest_command.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using greenlane::risk::RunBacktestCommand;

namespace {

const std::string kSample = std::string(GREENLANE_SOURCE_DIR) + "/tests/data/risk/backtest_sample.jsonl";
const std::string kData = std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data";

}  // namespace

// The sample: 20 imports an hour apart, listed newest first. Two shark-fin imports (criterion
// CR-SHARK-FINS, weight 40) were seized, recovering 1000.00 (the 5th) and 3000.00 (the 12th); one
// furniture import (the 15th) needed a revenue correction of 1000.00; the other 17 were clean.
// Both shark-fin imports outrank every furniture import, and the 12th outranks the 5th because by
// then HS 030571 had one seizure in its profile. Top 1, 2 and 5 % of 20 is one declaration (the
// 12th): precision 1, recall 1/3, revenue recall 3000/5000; top 10 % is two (12th and 5th):
// precision 1, recall 2/3, revenue recall 4000/5000.
TEST_CASE("backtest replays the labelled sample and reports the known metrics") {
  std::ostringstream out, err;
  REQUIRE(RunBacktestCommand({kSample, "--data-dir", kData}, out, err) == 0);
  CHECK(err.str().empty());
  CHECK(out.str() ==
        "declarations 20, illicit 3, revenue 5000.00 (rule set rs-2026.1)\n"
        "top %  inspected  precision  recall  revenue_recall\n"
        "    1          1      1.000   0.333           0.600\n"
        "    2          1      1.000   0.333           0.600\n"
        "    5          1      1.000   0.333           0.600\n"
        "   10          2      1.000   0.667           0.800\n");
}

TEST_CASE("backtest names the line and field of a bad record and refuses bad arguments") {
  const auto path = std::filesystem::temp_directory_path() / ("gl-risk-backtest-" + std::to_string(::getpid()));
  {
    std::ifstream sample(kSample);
    std::string first;
    std::getline(sample, first);
    auto bad = nlohmann::json::parse(first);
    bad["outcome"]["result"] = "seized";  // not a result an officer can record
    std::ofstream(path) << first << "\n\n" << bad.dump() << "\n";
  }
  std::ostringstream out, err;
  CHECK(RunBacktestCommand({path.string(), "--data-dir", kData}, out, err) == 2);
  CHECK_THAT(err.str(), Catch::Contains(path.string() + ":3: /outcome/result"));
  CHECK(out.str().empty());
  std::filesystem::remove(path);

  std::ostringstream out2, err2;
  CHECK(RunBacktestCommand({}, out2, err2) == 2);
  CHECK_THAT(err2.str(), Catch::Contains("usage: greenlane-risk backtest FILE"));
  CHECK(RunBacktestCommand({"/nonexistent/history.jsonl"}, out2, err2) == 2);
  CHECK_THAT(err2.str(), Catch::Contains("cannot read /nonexistent/history.jsonl"));
}
