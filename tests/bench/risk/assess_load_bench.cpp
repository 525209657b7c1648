// bench_risk_assess: the synchronous Assess gRPC path under load. greenlane-risk runs in this
// process on a loopback port over mutual TLS against a fresh migrated database on
// GREENLANE_TEST_PG_URL (Redis on GREENLANE_TEST_REDIS_URL); N callers, each with its own stream of
// new declarations, call Assess back to back as the facade (service-api) would, for a fixed time.
// With --cites/--timber, items carry CITES permits and timber certificates checked against those
// running services (unknown numbers answer invalid: the round trips are what is measured).
// Prints declarations/s and the latency p50/p99 of each call, and one machine-readable line:
//   assess <declarations/s> <p50 ms> <p99 ms> <errors>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <stdexcept>
#include <thread>

#include "api/risk_server.h"
#include "greenlane/core/log.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/risk.grpc.pb.h"

using namespace greenlane;

namespace {

std::string PkiDir() {
  const char* pki = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (pki == nullptr || *pki == '\0') {
    throw std::runtime_error("GREENLANE_TEST_PKI_DIR is not set: run through scripts/bench or scripts/test-services");
  }
  return pki;
}

// A mix of goods the shipped rules treat differently: most clean, some hitting criteria, a few red.
constexpr const char* kHsCodes[] = {"940360", "847130", "620342", "870323", "030571", "440729",
                                    "290372", "940161", "852872", "640399", "050790", "420221"};

// With owning services configured, some items carry documents they must check (and a species whose
// CITES listing they must look up): every second a CITES permit, every third a timber certificate.
nlohmann::json Documents(long long n) {
  nlohmann::json lpco = nlohmann::json::array();
  if (n % 2 == 0)
    lpco.push_back({{"category", "cites_permit"}, {"id", "GA-EX-2026-" + std::to_string(100000 + n % 1000)}});
  if (n % 3 == 0)
    lpco.push_back({{"category", "timber_export_certificate"}, {"id", "EC-2026-" + std::to_string(n % 1000)}});
  return lpco;
}

nlohmann::json Declaration(int caller, long long n, const std::string& lodged_at, bool documents) {
  const auto hs = kHsCodes[(caller * 7 + n) % std::size(kHsCodes)];
  nlohmann::json items = nlohmann::json::array();
  for (int item = 1; item <= 1 + static_cast<int>(n % 3); ++item) {
    items.push_back({{"sequence", item},
                     {"description", "Goods"},
                     {"hs_code", hs},
                     {"origin_country", n % 5 == 0 ? "VN" : "CN"},
                     {"net_mass_kg", "1200"},
                     {"value", "5400.00"},
                     {"currency", "EUR"}});
  }
  if (documents) {
    items[0]["scientific_name"] = n % 4 == 0 ? "Pericopsis elata" : "Aucoumea klaineana";
    items[0]["quantity"] = "12.5";
    items[0]["quantity_unit"] = "m3";
    items[0]["lpco"] = Documents(n);
  }
  return {{"functional_reference_id", "BENCH-" + std::to_string(caller) + "-" + std::to_string(n)},
          {"type_code", "import"},
          {"customs_office", n % 2 == 0 ? "GALBV" : "GAPOG"},
          {"declarant", "DECL-" + std::to_string(n % 40)},
          {"importer", "IMP-" + std::to_string((caller * 131 + n) % 500)},
          {"exportation_country", "CN"},
          {"destination_country", "GA"},
          {"transport", {{"mode", "maritime"}, {"containers", {"MSCU1234565"}}}},
          {"lodged_at", lodged_at},
          {"goods_items", std::move(items)}};
}

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Assess throughput and latency of greenlane-risk over mutual TLS with PostgreSQL"};
  int callers = 32, channels = 4, seconds = 10, workers = 8, pool = 8;
  app.add_option("--callers", callers, "concurrent callers")->check(CLI::Range(1, 1024));
  app.add_option("--channels", channels, "gRPC channels (connections) the callers share")->check(CLI::Range(1, 64));
  app.add_option("--seconds", seconds, "measured seconds")->check(CLI::Range(1, 600));
  app.add_option("--workers", workers, "GREENLANE_RISK_WORKERS")->check(CLI::Range(1, 256));
  app.add_option("--pg-pool", pool, "GREENLANE_RISK_PG_POOL_SIZE")->check(CLI::Range(1, 256));
  std::string cites, timber;
  app.add_option("--cites", cites, "host:port of a running greenlane-cites: check CITES permits and listings there");
  app.add_option("--timber", timber, "host:port of a running greenlane-timber: check export certificates there");
  CLI11_PARSE(app, argc, argv);
  const bool documents = !cites.empty() || !timber.empty();

  const auto pki = PkiDir();
  log::Init("bench", log::Level::kWarn);
  pg::TestDatabase db("gl_risk_bench");
  {
    pqxx::connection connection(db.url());
    auto report = pg::ApplyMigrations(connection, "risk",
                                      pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/risk"));
    if (!report.ok()) throw std::runtime_error(report.error().message);
  }
  risk::RiskSettings settings;
  settings.port = 0;
  settings.tls_cert_file = pki + "/servers/risk.crt";
  settings.tls_key_file = pki + "/servers/risk.key";
  settings.tls_client_ca_file = pki + "/ca.crt";
  settings.workers = static_cast<std::size_t>(workers);
  settings.pg_pool_size = static_cast<std::size_t>(pool);
  settings.pg_url = db.url();
  settings.redis_url = redis::TestServerUrl();
  settings.data_dir = std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data";
  settings.random_seed = 1;
  settings.cites_address = cites;
  settings.timber_address = timber;
  settings.services_cert_file = pki + "/clients/service-risk.crt";
  settings.services_key_file = pki + "/clients/service-risk.key";
  settings.services_ca_file = pki + "/ca.crt";
  risk::RiskServer server(settings, core::SystemClock::Instance(), std::make_shared<prometheus::Registry>(),
                          risk::ConnectDocumentServices(settings));
  const auto port = server.Start();

  std::vector<std::shared_ptr<grpc::Channel>> pool_of_channels;
  for (int c = 0; c < channels; ++c) {
    pool_of_channels.push_back(rpc::MakeChannel(
        {.target = "127.0.0.1:" + std::to_string(port),
         .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"},
         .server_name_override = "risk"}));
  }
  const auto lodged_at = core::FormatRfc3339(core::SystemClock::Instance().Now());
  std::atomic<bool> measuring{false}, stop{false};
  std::atomic<long long> errors{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(callers));
  std::vector<std::thread> threads;
  for (int caller = 0; caller < callers; ++caller) {
    threads.emplace_back([&, caller] {
      auto stub = v1::RiskService::NewStub(pool_of_channels[static_cast<std::size_t>(caller % channels)]);
      for (long long n = 0; !stop; ++n) {
        v1::AssessRequest request;
        request.set_declaration_json(Declaration(caller, n, lodged_at, documents).dump());
        grpc::ClientContext context;
        rpc::SetDeadline(context, std::chrono::seconds(10));
        rpc::ActFor(context, "trader-" + std::to_string(caller), {"trader"});
        v1::Assessment assessment;
        const auto started = std::chrono::steady_clock::now();
        const auto status = stub->Assess(&context, request, &assessment);
        const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!measuring) continue;
        if (!status.ok()) {
          if (errors++ == 0) std::fprintf(stderr, "Assess failed: %s\n", status.error_message().c_str());
          continue;
        }
        latencies[static_cast<std::size_t>(caller)].push_back(took);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));  // warm-up: connections, prepared statements
  measuring = true;
  const auto started = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  measuring = false;
  const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  stop = true;
  for (auto& thread : threads) thread.join();
  server.Stop();

  std::vector<double> all;
  for (const auto& list : latencies) all.insert(all.end(), list.begin(), list.end());
  std::sort(all.begin(), all.end());
  const double rate = static_cast<double>(all.size()) / elapsed;
  std::printf("Assess over mutual TLS, %d callers on %d channels, %d workers, %d PostgreSQL connections, %ds, %s\n",
              callers, channels, workers, pool, seconds,
              documents ? "documents checked with cites/timber" : "no document checks");
  std::printf("  %.0f declarations/s, p50 %.2f ms, p99 %.2f ms, %lld errors\n", rate, Quantile(all, 0.5),
              Quantile(all, 0.99), errors.load());
  std::printf("assess %.0f %.2f %.2f %lld\n", rate, Quantile(all, 0.5), Quantile(all, 0.99), errors.load());
  return errors > 0 ? 1 : 0;
}
