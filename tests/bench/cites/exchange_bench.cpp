// Inbound partner messages: what greenlane-cites does for each one (partner lookup, timestamp
// window, Ed25519 over id/timestamp/operation/body, the message id recorded in PostgreSQL against
// replay, an audit-free accept) next to a raw Ed25519 verification of the same bytes, in the same
// run. Needs GREENLANE_TEST_PG_URL (a fresh database is made and dropped).
#include <benchmark/benchmark.h>

#include <memory>
#include <pqxx/pqxx>

#include "domain/exchange_message.h"
#include "exchange/partner_store.h"
#include "greenlane/core/uuid.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/security/base64url.h"

namespace {

using namespace greenlane;

const security::Ed25519Key& PartnerKey() {
  static const auto key = security::Ed25519Key::Generate();
  return key;
}

// A delivery body about the size of a one-line permit.
const std::string kBody =
    R"({"permit":{"number":"PE-EX-2026-000123","type":"export","issued":"2026-11-02","valid_from":"2026-11-02",)"
    R"("valid_until":"2027-05-01","importer":{"name":"Holzhandel Nord","address":"Hafenstrasse 1","country":"GA"},)"
    R"("exporter":{"name":"Madeiras","address":"Av. 9","country":"PE"},"purpose":"T","security_stamp":"PE0042",)"
    R"("issuer":{"name":"SERFOR","country":"PE"},"lines":[{"scientific_name":"Swietenia macrophylla","term":"SAW",)"
    R"("unit":"MTQ","quantity":"12.5","appendix":"II","source":"W"}]},"state":"issued","token":"t"})";

cites::InboundMessage Signed(core::TimePoint now) {
  cites::InboundMessage message{"partner-pe",
                                core::Uuid::NewV7().ToString(),
                                core::FormatRfc3339(now),
                                std::string(cites::kOpDeliverPermit),
                                kBody,
                                ""};
  message.signature = security::Base64UrlEncode(
      PartnerKey().Sign(cites::SigningInput(message.message_id, message.timestamp, message.operation, message.body)));
  return message;
}

void BM_RawEd25519Verify(benchmark::State& state) {
  const auto message = Signed(core::SystemClock::Instance().Now());
  const auto input = cites::SigningInput(message.message_id, message.timestamp, message.operation, message.body);
  const auto signature = *security::Base64UrlDecode(message.signature);
  const auto public_key = *security::Ed25519Key::FromPublicPem(PartnerKey().PublicPem());
  for (auto _ : state) benchmark::DoNotOptimize(public_key.Verify(input, signature));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawEd25519Verify);

// PartnerStore::Accept on a real database: every check the exchange endpoint's message passes.
void BM_InboundMessageAccept(benchmark::State& state) {
  pg::TestDatabase database("gl_bench_cites");
  {
    pqxx::connection connection(database.url());
    auto report =
        pg::ApplyMigrations(connection, "cites", pg::LoadMigrations(GREENLANE_SOURCE_DIR "/migrations/cites"));
    if (!report.ok()) {
      state.SkipWithError(report.error().message.c_str());
      return;
    }
  }
  pg::Pool pool({database.url(), 1, std::chrono::milliseconds(5000), cites::PartnerStore::PreparedStatements()});
  security::AuditLog audit("cites");
  const auto& clock = core::SystemClock::Instance();
  cites::PartnerStore partners(pool, audit, clock, std::chrono::seconds(300));
  auto registered = partners.Upsert({"PE",
                                     "SERFOR",
                                     "https://127.0.0.1:1/v1/exchange/cites/permits",
                                     PartnerKey().PublicPem(),
                                     "partner-pe",
                                     {std::string(cites::kOpDeliverPermit)}},
                                    {"bench", "bench"});
  if (!registered.ok()) {
    state.SkipWithError(registered.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    const auto message = Signed(clock.Now());  // signing is the partner's cost, not ours
    state.ResumeTiming();
    auto accepted = partners.Accept(message);
    if (!accepted.ok()) {
      state.SkipWithError(accepted.error().message.c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InboundMessageAccept)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
