// Endorsements racing each other: the permitted quantity and the annual quota are never exceeded.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "../../unit/cites/fixtures.h"
#include "cites_fixture.h"

using namespace cites_test;
using greenlane::cites::testing::MahoganyExport;

namespace {
constexpr int kThreads = 16;

v1::EndorseRequest Endorse(const std::string& number, const std::string& quantity) {
  v1::EndorseRequest request;
  request.set_number(number);
  request.set_date("2025-03-12");
  request.set_port("Belem");
  request.add_quantities(quantity);
  return request;
}

// Runs `call(i)` on kThreads threads released together; returns how many succeeded.
template <typename Call>
int Race(Call call) {
  std::atomic<bool> go{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      if (call(i)) ++ok;
    });
  }
  go = true;
  for (auto& thread : threads) thread.join();
  return ok.load();
}
}  // namespace

TEST_CASE("16 concurrent endorsements of one permit: exactly one is recorded") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  const int succeeded = Race([&](int i) {
    v1::CitesPermit endorsed;
    return stub->Endorse(Context().get(), Endorse(issued.number(), std::to_string(5 + i % 7)), &endorsed).ok();
  });
  CHECK(succeeded == 1);
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'permit.endorsed'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM cites.permit_lines WHERE endorsed IS NOT NULL") == 1);
}

TEST_CASE("16 permits endorsed at once never draw more than the annual quota") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  v1::SetQuotaRequest quota;
  quota.mutable_quota()->set_scientific_name("Swietenia macrophylla");
  quota.mutable_quota()->set_country("BR");
  quota.mutable_quota()->set_year(2025);
  quota.mutable_quota()->set_quantity("50.5");
  quota.mutable_quota()->set_unit("MTQ");
  v1::CitesQuota stored;
  REQUIRE(stub->SetQuota(Context().get(), quota, &stored).ok());
  std::vector<std::string> numbers;
  for (int i = 0; i < kThreads; ++i) numbers.push_back(DraftAndIssue(*stub, MahoganyExport()).number());
  const int succeeded = Race([&](int i) {
    v1::CitesPermit endorsed;
    const auto status = stub->Endorse(Context().get(), Endorse(numbers[i], "5.05"), &endorsed);
    if (!status.ok()) CHECK_THAT(status.error_message(), Catch::Contains("quota.exceeded"));
    return status.ok();
  });
  CHECK(succeeded == 10);
  v1::ListQuotasRequest list;
  list.set_country("BR");
  v1::ListQuotasResponse quotas;
  REQUIRE(stub->ListQuotas(Context().get(), list, &quotas).ok());
  REQUIRE(quotas.quotas_size() == 1);
  CHECK(quotas.quotas(0).used() == "50.5");
  CHECK(fixture.Count("SELECT count(*) FROM cites.permits WHERE state = 'endorsed'") == 10);
}
