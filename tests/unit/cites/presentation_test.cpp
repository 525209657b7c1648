#include "domain/presentation.h"

#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
std::vector<std::string> Rules(const Problems& problems) {
  std::vector<std::string> rules;
  for (const auto& problem : problems) rules.push_back(problem.rule);
  return rules;
}
}  // namespace

TEST_CASE("an issued permit within its validity covers what it permits and no more") {
  const PermitRecord record = IssuedRecord(MahoganyExport());
  CHECK(CheckPresentation(record, D("2025-04-01"), {"Swietenia macrophylla", Q("12.5"), "MTQ"}).empty());
  CHECK(CheckPresentation(record, D("2025-04-01"), {"swietenia  MACROPHYLLA", std::nullopt, ""}).empty());
  CHECK(Rules(CheckPresentation(record, D("2025-04-01"), {"Swietenia macrophylla", Q("12.6"), ""})) ==
        std::vector<std::string>{"verify.quantity"});
  CHECK(Rules(CheckPresentation(record, D("2025-04-01"), {"Dalbergia nigra", std::nullopt, ""})) ==
        std::vector<std::string>{"verify.species"});
  CHECK(Rules(CheckPresentation(record, D("2025-04-01"), {"Swietenia macrophylla", Q("1"), "KGM"})) ==
        std::vector<std::string>{"verify.unit"});
}

TEST_CASE("once endorsed, only the endorsed quantity may cross") {
  PermitRecord record = IssuedRecord(MahoganyExport());
  record.state = PermitState::kEndorsed;
  record.endorsement = Endorsement{D("2025-04-02"), "Belem", "BL-1", {Q("10")}};
  CHECK(CheckPresentation(record, D("2025-04-10"), {"Swietenia macrophylla", Q("10"), ""}).empty());
  CHECK(Rules(CheckPresentation(record, D("2025-04-10"), {"Swietenia macrophylla", Q("10.5"), ""})) ==
        std::vector<std::string>{"verify.quantity"});
}

TEST_CASE("the current state and the dates decide before anything printed on the permit") {
  PermitRecord record = IssuedRecord(MahoganyExport());
  CHECK(Rules(CheckPresentation(record, D("2025-03-01"), {})) == std::vector<std::string>{"verify.not_yet_valid"});
  CHECK(Rules(CheckPresentation(record, D("2025-09-11"), {})) == std::vector<std::string>{"verify.expired"});
  record.state = PermitState::kCancelled;
  record.reason = "issued in error";
  const auto cancelled = CheckPresentation(record, D("2025-04-01"), {});
  REQUIRE(Rules(cancelled) == std::vector<std::string>{"verify.cancelled"});
  CHECK_THAT(cancelled[0].message, Catch::Contains("issued in error"));
  record.state = PermitState::kUsed;
  record.import = ImportRecord{D("2025-05-01"), "DE", "Hamburg", {Q("10")}};
  CHECK_THAT(CheckPresentation(record, D("2025-05-02"), {})[0].message, Catch::Contains("2025-05-01 in DE"));
  record.state = PermitState::kReplaced;
  record.replaced_by = "BR-EX-2025-000999";
  CHECK(Rules(CheckPresentation(record, D("2025-05-02"), {})) == std::vector<std::string>{"verify.replaced"});
}
