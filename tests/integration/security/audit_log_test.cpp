#include "greenlane/security/audit_log.h"

#include <catch2/catch.hpp>
#include <exception>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/pg/test_database.h"

using greenlane::core::ParseRfc3339;
using greenlane::core::TimePoint;
using greenlane::security::AuditEntry;
using greenlane::security::AuditLog;
using greenlane::security::AuditLogDdl;

namespace {

const TimePoint kStart = ParseRfc3339("2026-11-22T08:00:00Z").value();

/// A fresh database holding an empty timber.audit_log.
struct AuditDatabase {
  greenlane::pg::TestDatabase database{"gl_audit"};
  pqxx::connection connection{database.url()};
  AuditLog log{"timber"};

  AuditDatabase() {
    pqxx::work tx(connection);
    tx.exec(AuditLogDdl("timber"));
    tx.commit();
  }

  /// Appends row i: permit GA-TP-<i % 3> moves from lane i-1 to lane i, by officer-<i % 2>, one minute apart.
  void AppendRows(int count) {
    for (int i = 1; i <= count; ++i) {
      pqxx::work tx(connection);
      log.Append(tx, Entry(i), kStart + std::chrono::minutes(i));
      tx.commit();
    }
  }

  static AuditEntry Entry(int i) {
    return AuditEntry{"officer-" + std::to_string(i % 2),
                      "permit.lane_changed",
                      "transport_permit",
                      "GA-TP-" + std::to_string(i % 3),
                      i == 1 ? std::nullopt : std::optional(nlohmann::json::object({{"lane", i - 1}})),
                      nlohmann::json{{"lane", i}, {"reasons", {"rule R" + std::to_string(i)}}},
                      "req-" + std::to_string(i)};
  }

  /// Runs `sql` as someone with the power to switch the append-only trigger off: what the chain must catch.
  void Tamper(const std::string& sql) {
    pqxx::work tx(connection);
    tx.exec("ALTER TABLE timber.audit_log DISABLE TRIGGER USER");
    tx.exec(sql);
    tx.exec("ALTER TABLE timber.audit_log ENABLE TRIGGER USER");
    tx.commit();
  }

  std::vector<std::int64_t> Seqs(const AuditLog::Query& query) {
    std::vector<std::int64_t> seqs;
    for (const auto& row : log.List(connection, query)) seqs.push_back(row["seq"].get<std::int64_t>());
    return seqs;
  }
};

// Runs body(connection, t) on `threads` threads at once, each with a connection of its own, and
// rethrows the first failure.
void OnThreads(const AuditDatabase& db, int threads, const std::function<void(pqxx::connection&, int)>& body) {
  std::vector<std::exception_ptr> failures(threads);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      try {
        pqxx::connection connection(db.database.url());
        body(connection, t);
      } catch (...) {
        failures[t] = std::current_exception();
      }
    });
  }
  for (auto& thread : running) thread.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace

TEST_CASE("concurrent appends form one gapless chain, and rolled-back appends leave no hole") {
  AuditDatabase db;
  constexpr int kThreads = 6;
  constexpr int kTransactionsPerThread = 20;
  OnThreads(db, kThreads, [&](pqxx::connection& connection, int t) {
    for (int i = 0; i < kTransactionsPerThread; ++i) {
      pqxx::work tx(connection);
      db.log.Append(tx, AuditDatabase::Entry(t * 100 + i), kStart + std::chrono::microseconds(i));
      if (i % 5 == 4) continue;  // abandoned: the record must vanish with the change it describes
      tx.commit();
    }
  });

  constexpr int kCommitted = kThreads * kTransactionsPerThread * 4 / 5;
  const auto report = db.log.Verify(db.connection);
  CHECK(report.ok);
  CHECK(report.reason.empty());
  CHECK(report.rows_checked == kCommitted);
  pqxx::work tx(db.connection);
  const auto stats = tx.exec1("SELECT count(*), min(seq), max(seq) FROM timber.audit_log");
  CHECK(stats[0].as<int>() == kCommitted);
  CHECK(stats[1].as<int>() == 1);
  CHECK(stats[2].as<int>() == kCommitted);
}

TEST_CASE("appends whose lock the caller took in a statement of its own chain with concurrent Append") {
  AuditDatabase db;
  constexpr int kThreads = 4;
  constexpr int kTransactionsPerThread = 15;
  OnThreads(db, kThreads, [&](pqxx::connection& connection, int t) {
    for (int i = 0; i < kTransactionsPerThread; ++i) {
      pqxx::work tx(connection);
      const auto at = kStart + std::chrono::microseconds(i);
      if (t % 2 == 0) {
        db.log.Append(tx, AuditDatabase::Entry(t * 100 + i), at);
      } else {
        tx.exec("SELECT 1 FROM (SELECT " + AuditLog::LockCall("timber") + ") AS locked");
        db.log.AppendManyLocked(tx, {{AuditDatabase::Entry(t * 100 + i), at}, {AuditDatabase::Entry(i), at}});
      }
      tx.commit();
    }
  });
  const auto report = db.log.Verify(db.connection);
  INFO(report.reason);
  CHECK(report.ok);
  CHECK(report.rows_checked == kTransactionsPerThread * (kThreads / 2) * 3);
}

TEST_CASE("many entries appended at once chain exactly like entries appended one by one") {
  AuditDatabase db;
  db.AppendRows(2);
  std::vector<AuditLog::TimedEntry> batch;
  for (int i = 3; i <= 6; ++i) batch.push_back({AuditDatabase::Entry(i), kStart + std::chrono::minutes(i)});
  // Text JSON must carry exactly: quotes, backslashes, newlines, non-ASCII, and a missing state.
  batch[1].entry.actor = "officer \"Ngoma\" \\ Libreville\nport";
  batch[2].entry.after = nlohmann::json{{"note", "Okoumé, ∅ 60 cm"}};
  batch[3].entry.after = std::nullopt;
  {
    pqxx::work tx(db.connection);
    db.log.AppendMany(tx, batch);
    db.log.AppendMany(tx, {});  // nothing to do
    tx.commit();
  }
  db.AppendRows(1);  // one by one again after the batch: seq 7 chains to seq 6
  const auto report = db.log.Verify(db.connection);
  INFO(report.reason);
  CHECK(report.ok);
  CHECK(report.rows_checked == 7);
  const auto rows = db.log.List(db.connection, {});
  REQUIRE(rows.size() == 7);
  CHECK(rows[3]["actor"] == batch[1].entry.actor);
  CHECK(rows[4]["after"] == *batch[2].entry.after);
  CHECK(rows[5]["after"].is_null());
  CHECK(rows[2]["at"] == "2026-11-22T08:03:00.000000Z");
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i]["prev_hash"] == rows[i - 1]["hash"]);
}

TEST_CASE("the audit table refuses UPDATE, DELETE and TRUNCATE") {
  AuditDatabase db;
  db.AppendRows(2);
  for (const std::string sql : {"UPDATE timber.audit_log SET actor = 'x' WHERE seq = 1",
                                "DELETE FROM timber.audit_log WHERE seq = 2", "TRUNCATE timber.audit_log"}) {
    CAPTURE(sql);
    pqxx::work tx(db.connection);
    CHECK_THROWS_WITH(tx.exec(sql), Catch::Contains("append-only"));
  }
  CHECK(db.log.Verify(db.connection).rows_checked == 2);
}

TEST_CASE("verification names the first edited row") {
  AuditDatabase db;
  db.AppendRows(10);
  REQUIRE(db.log.Verify(db.connection).ok);
  db.Tamper(R"(UPDATE timber.audit_log SET after_state = '{"lane":"green"}' WHERE seq = 4)");
  auto report = db.log.Verify(db.connection);
  CHECK_FALSE(report.ok);
  CHECK(report.first_broken_seq == 4);
  CHECK(report.rows_checked == 3);
  CHECK_THAT(report.reason, Catch::Contains("seq 4") && Catch::Contains("edited"));
}

TEST_CASE("verification names the gap a deleted row leaves") {
  AuditDatabase db;
  db.AppendRows(10);
  db.Tamper("DELETE FROM timber.audit_log WHERE seq = 5");
  const auto report = db.log.Verify(db.connection);
  CHECK_FALSE(report.ok);
  CHECK(report.first_broken_seq == 5);
  CHECK(report.rows_checked == 4);
  CHECK_THAT(report.reason, Catch::Contains("seq 5 is missing") && Catch::Contains("deleted"));
}

TEST_CASE("verification catches a deleted row when the rest were renumbered to hide the gap") {
  AuditDatabase db;
  db.AppendRows(6);
  db.Tamper("DELETE FROM timber.audit_log WHERE seq = 2");
  db.Tamper("UPDATE timber.audit_log SET seq = seq - 1 WHERE seq > 2");
  const auto report = db.log.Verify(db.connection);
  CHECK_FALSE(report.ok);
  CHECK(report.first_broken_seq == 2);
  CHECK_THAT(report.reason, Catch::Contains("prev_hash"));
}

TEST_CASE("an empty log verifies") {
  AuditDatabase db;
  const auto report = db.log.Verify(db.connection);
  CHECK(report.ok);
  CHECK(report.rows_checked == 0);
}

TEST_CASE("a time with sub-microsecond digits is kept to the microsecond and still verifies") {
  AuditDatabase db;
  pqxx::work tx(db.connection);
  db.log.Append(tx, AuditDatabase::Entry(1), kStart + std::chrono::nanoseconds(123456789));
  tx.commit();
  CHECK(db.log.Verify(db.connection).ok);
  const auto rows = db.log.List(db.connection, {});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["at"] == "2026-11-22T08:00:00.123456Z");
}

TEST_CASE("listing returns rows with their states as JSON, filtered and paged by seq") {
  AuditDatabase db;
  db.AppendRows(12);

  const auto all = db.log.List(db.connection, {});
  REQUIRE(all.size() == 12);
  CHECK(all[0]["before"].is_null());
  CHECK(all[0]["after"] == nlohmann::json{{"lane", 1}, {"reasons", {"rule R1"}}});
  CHECK(all[1]["before"] == nlohmann::json{{"lane", 1}});
  CHECK(all[1]["prev_hash"] == all[0]["hash"]);
  CHECK(all[4]["at"] == "2026-11-22T08:05:00.000000Z");
  CHECK(all[4]["request_id"] == "req-5");

  AuditLog::Query by_entity;
  by_entity.entity_type = "transport_permit";
  by_entity.entity_id = "GA-TP-0";
  CHECK(db.Seqs(by_entity) == std::vector<std::int64_t>{3, 6, 9, 12});
  AuditLog::Query by_actor;
  by_actor.actor = "officer-1";
  by_actor.action = "permit.lane_changed";
  CHECK(db.Seqs(by_actor) == std::vector<std::int64_t>{1, 3, 5, 7, 9, 11});
  by_actor.action = "permit.revoked";
  CHECK(db.Seqs(by_actor).empty());
  AuditLog::Query window;
  window.since = kStart + std::chrono::minutes(3);
  window.until = kStart + std::chrono::minutes(6);
  CHECK(db.Seqs(window) == std::vector<std::int64_t>{3, 4, 5});

  AuditLog::Query page;
  page.limit = 5;
  CHECK(db.Seqs(page) == std::vector<std::int64_t>{1, 2, 3, 4, 5});
  page.after_seq = 5;
  CHECK(db.Seqs(page) == std::vector<std::int64_t>{6, 7, 8, 9, 10});
  page.after_seq = 10;
  CHECK(db.Seqs(page) == std::vector<std::int64_t>{11, 12});
  page.after_seq = 12;
  CHECK(db.Seqs(page).empty());
  page.after_seq = 0;
  page.limit = 0;  // clamped to one row rather than "everything"
  CHECK(db.Seqs(page) == std::vector<std::int64_t>{1});
}

TEST_CASE("audit logs of two schemas in one database chain independently") {
  AuditDatabase db;
  {
    pqxx::work tx(db.connection);
    tx.exec(AuditLogDdl("cites"));
    tx.commit();
  }
  const AuditLog cites("cites");
  db.AppendRows(3);
  pqxx::work tx(db.connection);
  cites.Append(tx, AuditDatabase::Entry(1), kStart);
  tx.commit();
  CHECK(cites.Verify(db.connection).rows_checked == 1);
  CHECK(db.log.Verify(db.connection).rows_checked == 3);
}
