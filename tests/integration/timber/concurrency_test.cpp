#include <atomic>
#include <catch2/catch.hpp>
#include <latch>
#include <mutex>
#include <thread>

#include "timber_fixture.h"

using greenlane::core::ErrorKind;
using greenlane::timber::BarcodeKind;
using greenlane::timber::testing::At;
using greenlane::timber::testing::Tag;
using greenlane::timber::testing::TimberDatabase;
namespace store = greenlane::timber::store;

namespace {

constexpr int kThreads = 16;
constexpr int kRounds = 50;

/// What one round of kThreads simultaneous attempts on the same piece gave.
struct Round {
  std::vector<int> winners;         // thread numbers whose attempt succeeded
  std::vector<std::string> losers;  // the error messages of the others
  bool all_losers_failed_precondition = true;
};

/// Starts kThreads threads that wait on one latch, then each calls attempt(thread), which returns
/// the error of a refused attempt or nullopt for a success.
template <typename Attempt>
Round Race(Attempt attempt) {
  Round round;
  std::mutex mutex;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      const std::optional<greenlane::core::Error> error = attempt(t);
      std::lock_guard lock(mutex);
      if (!error) {
        round.winners.push_back(t);
      } else {
        round.losers.push_back(error->message);
        round.all_losers_failed_precondition &= error->kind == ErrorKind::kFailedPrecondition;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return round;
}

template <typename T>
std::optional<greenlane::core::Error> ErrorOf(const greenlane::core::Result<T>& result) {
  if (result.ok()) return std::nullopt;
  return result.error();
}

}  // namespace

TEST_CASE("16 certificates exporting the same log at once: exactly one succeeds, 50 times over") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(kRounds, 1000);

  for (int round_number = 0; round_number < kRounds; ++round_number) {
    const auto& log = logs[round_number];
    const auto certificate = [&](int thread) { return Tag(BarcodeKind::kCertificate, round_number * 100 + thread); };
    const auto round = Race([&](int thread) {
      return ErrorOf(db.certificates.Issue({.barcode = certificate(thread),
                                            .items = {log},
                                            .hs_code = "4403.49",
                                            .destination_country = "CN",
                                            .container = "MSCU1234565",
                                            .cites_permit = std::nullopt,
                                            .issued_at = At("2026-03-12T08:00:00Z")},
                                           db.officer));
    });
    INFO("round " << round_number << " log " << log);
    REQUIRE(round.winners.size() == 1);
    REQUIRE(round.losers.size() == kThreads - 1);
    CHECK(round.all_losers_failed_precondition);
    const auto winner = certificate(round.winners.front());
    for (const auto& message : round.losers) {
      CHECK_THAT(message,
                 Catch::Contains("custody.export") && Catch::Contains("already exported") && Catch::Contains(winner));
    }
  }

  CHECK(db.Count("SELECT count(*) FROM timber.export_certificates") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.export_certificate_items") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.pieces WHERE kind = 'log' AND state = 'exported'") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.outbox WHERE topic = 'timber.certificate.issued'") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'certificate.issued'") == kRounds);
  const auto report = db.VerifyAudit();
  CHECK(report.ok);
  CHECK(report.reason.empty());
}

TEST_CASE("16 waybills loading the same log at once: exactly one succeeds, 50 times over") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(kRounds, 2000);

  for (int round_number = 0; round_number < kRounds; ++round_number) {
    const auto& log = logs[round_number];
    const auto waybill = [&](int thread) { return Tag(BarcodeKind::kWaybill, round_number * 100 + thread); };
    const auto round = Race([&](int thread) {
      return ErrorOf(db.waybills.Issue({.barcode = waybill(thread),
                                        .origin_site_id = db.forest_id,
                                        .destination_site_id = db.sawmill_id,
                                        .vehicle = "GA-1234-AB",
                                        .driver = "Jean Mba",
                                        .items = {log},
                                        .issued_at = At("2026-03-10T10:00:00Z"),
                                        .photo_refs = {"load.jpg", "plate.jpg", "tags.jpg"}},
                                       db.officer));
    });
    INFO("round " << round_number << " log " << log);
    REQUIRE(round.winners.size() == 1);
    REQUIRE(round.losers.size() == kThreads - 1);
    CHECK(round.all_losers_failed_precondition);
    const auto winner = waybill(round.winners.front());
    for (const auto& message : round.losers) {
      CHECK_THAT(message, Catch::Contains("custody.transport") && Catch::Contains("open waybill " + winner));
    }
  }

  CHECK(db.Count("SELECT count(*) FROM timber.waybills") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.waybill_items WHERE open") == kRounds);
  CHECK(db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'waybill.issued'") == kRounds);
  CHECK(db.VerifyAudit().ok);
}

TEST_CASE("the unique indexes refuse a second open waybill and a second export even to a writer without locks") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(1, 3000);
  const auto log = logs.front();
  const auto first = Tag(BarcodeKind::kWaybill, 3000);
  REQUIRE(db.waybills
              .Issue({.barcode = first,
                      .origin_site_id = db.forest_id,
                      .destination_site_id = db.sawmill_id,
                      .vehicle = "GA-1",
                      .driver = "driver",
                      .items = logs,
                      .issued_at = At("2026-03-10T10:00:00Z"),
                      .photo_refs = {"load.jpg", "plate.jpg", "tags.jpg"}},
                     db.officer)
              .ok());

  pqxx::work tx(db.connection);
  const auto second = Tag(BarcodeKind::kWaybill, 3001);
  tx.exec_params(
      "INSERT INTO timber.waybills (barcode, origin_site_id, destination_site_id, vehicle, driver, photo_refs, state, "
      "issued_at, created_at) VALUES ($1, $2::uuid, $3::uuid, 'GA-2', 'other', '{}', 'issued', now(), now())",
      second, db.forest_id, db.sawmill_id);
  CHECK_THROWS_AS(tx.exec_params("INSERT INTO timber.waybill_items (waybill, piece) VALUES ($1, $2)", second, log),
                  pqxx::unique_violation);
  tx.abort();

  pqxx::work export_tx(db.connection);
  for (int i = 0; i < 2; ++i) {
    const auto certificate = Tag(BarcodeKind::kCertificate, 3000 + i);
    export_tx.exec_params(
        "INSERT INTO timber.export_certificates (barcode, hs_code, destination_country, container, state, issued_at, "
        "created_at) VALUES ($1, '4403.49', 'CN', 'MSCU1234565', 'issued', now(), now())",
        certificate);
    const auto insert_item = [&] {
      export_tx.exec_params("INSERT INTO timber.export_certificate_items (certificate, piece) VALUES ($1, $2)",
                            certificate, log);
    };
    if (i == 0) {
      insert_item();
    } else {
      CHECK_THROWS_AS(insert_item(), pqxx::unique_violation);
    }
  }
}
