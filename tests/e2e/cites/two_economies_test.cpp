// Two economies on loopback, each a complete stack (greenlane-cites + greenlane-api as processes,
// its own dev PKI, signing keys and databases): Peru issues an export for an importer in Gabon,
// the permit is delivered signed to Gabon's exchange endpoint, Peru's customs endorse it, Gabon
// fetches it and confirms the quantities it received, and a replayed confirmation is refused.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "child_process.h"
#include "cites_process.h"
#include "greenlane/core/uuid.h"
#include "greenlane/http/client.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "greenlane/security/base64url.h"
#include "greenlane/security/ed25519.h"
#include "store/client_store.h"

using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using greenlane::testing::ChildProcess;
using greenlane::testing::CitesProcess;
using nlohmann::json;
namespace core = greenlane::core;
namespace fs = std::filesystem;
namespace http = greenlane::http;
namespace pg = greenlane::pg;
namespace security = greenlane::security;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') FAIL(name << " is not set: run the end-to-end tests through scripts/test");
  return value;
}

// A scratch folder for both PKIs, the CA bundles and the credentials files.
struct Scratch {
  Scratch() : dir(fs::temp_directory_path() / ("gl-e2e-two-economies-" + core::Uuid::NewV7().ToString())) {
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  fs::path dir;
};

std::string MakePki(const fs::path& dir) {
  const std::string command =
      std::string(GREENLANE_SOURCE_DIR) + "/deploy/pki/make-dev-pki -q " + dir.string() + " > /dev/null 2>&1";
  if (std::system(command.c_str()) != 0) FAIL("make-dev-pki failed for " << dir);
  return dir.string();
}

void WriteFile(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Credentials {
  std::string id, secret;
};

// The api database of one economy, migrated, where the test makes OAuth2 clients before the
// facade starts (as `greenlane clients create` would).
class ApiDatabase {
 public:
  ApiDatabase() {
    pqxx::connection connection(database_.url());
    const auto report = pg::ApplyMigrations(connection, "api",
                                            pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/api"));
    if (!report.ok()) FAIL("api migrations failed: " << report.error().message);
  }
  Credentials Create(const std::string& name, const std::string& role) {
    pg::Pool pool({database_.url(), 1, 5000ms, greenlane::api::ClientStore::PreparedStatements()});
    greenlane::api::ClientStore store(pool, audit_, core::SystemClock::Instance(), 1000);
    auto created = store.Create(name, {role}, "test");
    if (!created.ok()) FAIL(created.error().message);
    return {created->client.id, created->secret};
  }
  std::string url() const { return database_.url(); }

 private:
  pg::TestDatabase database_{"gl_e2e_api"};
  security::AuditLog audit_{"api"};
};

// One economy: its PKI, cites and api processes, and the clients its people use.
class Economy {
 public:
  Economy(std::string country, const fs::path& scratch)
      : country(std::move(country)), pki(MakePki(scratch / this->country)), scratch_(scratch) {
    officer = api_db_.Create("ma-officer", "officer");
    admin = api_db_.Create("ma-admin", "admin");
  }

  /// Starts cites (sending to `partner` with our partner-<cc> certificate and the credentials we
  /// hold at the partner's facade) and the facade (trusting the partner's CA for client certificates).
  void Start(const Economy& partner, const Credentials& our_client_there) {
    const std::string lower = Lower(country);
    const auto credentials = scratch_ / (country + "-credentials.json");
    WriteFile(credentials,
              json{{partner.country, {{"client_id", our_client_there.id}, {"client_secret", our_client_there.secret}}}}
                  .dump());
    cites_ = std::make_unique<CitesProcess>(
        pki, std::map<std::string, std::string>{{"GREENLANE_CITES_DELIVERY_INTERVAL", "200ms"},
                                                {"GREENLANE_CITES_EXCHANGE_CA_FILE", partner.pki + "/ca.crt"},
                                                {"GREENLANE_CITES_EXCHANGE_CERT_FILE", ClientCert()},
                                                {"GREENLANE_CITES_EXCHANGE_KEY_FILE", ClientKey()},
                                                {"GREENLANE_CITES_EXCHANGE_CREDENTIALS_FILE", credentials.string()}});
    const auto client_cas = scratch_ / (country + "-client-cas.pem");
    WriteFile(client_cas, ReadFile(pki + "/ca.crt") + ReadFile(partner.pki + "/ca.crt"));
    port_ = greenlane::testing::FreePort();
    api_ = std::make_unique<ChildProcess>(
        GREENLANE_API_PATH, std::vector<std::string>{},
        std::map<std::string, std::string>{{"GREENLANE_API_PORT", std::to_string(port_)},
                                           {"GREENLANE_API_PG_URL", api_db_.url()},
                                           {"GREENLANE_API_PG_POOL_SIZE", "4"},
                                           {"GREENLANE_API_WORKERS", "4"},
                                           {"GREENLANE_API_REDIS_URL", Env("GREENLANE_TEST_REDIS_URL")},
                                           {"GREENLANE_API_SIGNING_KEY_FILE", pki + "/signing/jwt.pem"},
                                           {"GREENLANE_API_TLS_CERT_FILE", pki + "/servers/api.crt"},
                                           {"GREENLANE_API_TLS_KEY_FILE", pki + "/servers/api.key"},
                                           {"GREENLANE_API_TLS_CLIENT_CA_FILE", client_cas.string()},
                                           {"GREENLANE_API_CITES_ADDRESS", cites_->address()},
                                           {"GREENLANE_API_SERVICES_CA_FILE", pki + "/ca.crt"},
                                           {"GREENLANE_API_SERVICES_CERT_FILE", pki + "/clients/service-api.crt"},
                                           {"GREENLANE_API_SERVICES_KEY_FILE", pki + "/clients/service-api.key"},
                                           {"GREENLANE_API_SECRET_HASH_ITERATIONS", "1000"},
                                           {"GREENLANE_API_RATE_LIMIT", "100000"},
                                           {"GREENLANE_API_ACCESS_LOG", "errors"},
                                           {"GREENLANE_API_LOG_LEVEL", "warn"}},
        fs::temp_directory_path() / ("gl-e2e-api-" + lower + "-" + std::to_string(port_) + ".log"));
    if (!greenlane::testing::WaitForPort(port_, 20s)) FAIL("greenlane-api of " << country << ":\n" << api_->LogTail());
  }

  /// A partner client at this economy's facade, for the other economy's cites.
  Credentials CreatePartnerClient(const std::string& partner_country) {
    return api_db_.Create("partner-" + Lower(partner_country), "partner");
  }

  /// An HTTPS client of this economy's facade; with `cert_of`'s partner certificate when given.
  http::Client Client(const Economy* cert_of = nullptr) const {
    http::ClientOptions options;
    options.port = port_;
    options.tls = true;
    options.ca_file = pki + "/ca.crt";
    if (cert_of != nullptr) {
      options.cert_file = cert_of->ClientCert();
      options.key_file = cert_of->ClientKey();
    }
    return http::Client(options);
  }

  Headers Bearer(const Credentials& credentials, const Economy* cert_of = nullptr) const {
    auto response = Client(cert_of).Send(
        "POST", "/v1/oauth/token",
        "grant_type=client_credentials&client_id=" + credentials.id + "&client_secret=" + credentials.secret,
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    if (response.status != 200) FAIL("token at " << country << ": " << response.body);
    return {{"Authorization", "Bearer " + json::parse(response.body)["access_token"].get<std::string>()},
            {"Content-Type", "application/json"}};
  }

  /// Registers `partner` in this economy's registry through the admin route.
  void RegisterPartner(const Economy& partner) {
    const json body = {{"partner",
                        {{"country", partner.country},
                         {"authority", "Management Authority " + partner.country},
                         {"exchange_url", partner.ExchangeUrl()},
                         {"public_key_pem", ReadFile(partner.pki + "/signing/cites.pub.pem")},
                         {"client_cn", "partner-" + Lower(partner.country)},
                         {"allowed_operations", {"permit.deliver", "permit.fetch", "quantities.confirm"}}}}};
    auto registered = Client().Send("POST", "/v1/cites/partners", body.dump(), Bearer(admin));
    INFO(registered.body);
    REQUIRE(registered.status == 200);
  }

  std::string ExchangeUrl() const {
    return "https://127.0.0.1:" + std::to_string(port_) + "/v1/exchange/cites/permits";
  }
  std::string ClientCert() const { return pki + "/clients/partner-" + Lower(country) + ".crt"; }
  std::string ClientKey() const { return pki + "/clients/partner-" + Lower(country) + ".key"; }
  CitesProcess& cites() { return *cites_; }

  const std::string country;
  const std::string pki;
  Credentials officer, admin;

 private:
  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  fs::path scratch_;
  ApiDatabase api_db_;
  std::unique_ptr<CitesProcess> cites_;
  unsigned short port_ = 0;
  std::unique_ptr<ChildProcess> api_;
};

// A message as an exchange partner sends it (protocol in services/cites/README.md).
Headers Signed(const security::Ed25519Key& key, Headers bearer, const std::string& operation, const std::string& body) {
  const std::string id = core::Uuid::NewV7().ToString();
  const std::string timestamp = core::FormatRfc3339(core::SystemClock::Instance().Now());
  bearer.emplace_back("X-Greenlane-Message-Id", id);
  bearer.emplace_back("X-Greenlane-Timestamp", timestamp);
  bearer.emplace_back("X-Greenlane-Signature",
                      security::Base64UrlEncode(key.Sign(id + "\n" + timestamp + "\n" + operation + "\n" + body)));
  return bearer;
}

template <typename Predicate>
bool Eventually(Predicate done, std::chrono::milliseconds timeout = 20s) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return done();
}

}  // namespace

TEST_CASE("two economies issue, deliver, endorse, confirm and refuse a replay") {
  Scratch scratch;
  Economy peru("PE", scratch.dir);
  Economy gabon("GA", scratch.dir);
  const auto peru_at_gabon = gabon.CreatePartnerClient("PE");
  const auto gabon_at_peru = peru.CreatePartnerClient("GA");
  peru.Start(gabon, peru_at_gabon);
  gabon.Start(peru, gabon_at_peru);
  peru.RegisterPartner(gabon);
  gabon.RegisterPartner(peru);

  // Peru issues an export for an importer in Gabon: it is delivered to Gabon, signed.
  auto peru_officer = peru.Bearer(peru.officer);
  auto peru_client = peru.Client();
  auto drafted = peru_client.Send("POST", "/v1/cites/permits",
                                  json{{"permit", greenlane::testing::MahoganyExportJson("PE", "GA", "12.5")}}.dump(),
                                  peru_officer);
  INFO(drafted.body);
  REQUIRE(drafted.status == 201);
  const auto number = json::parse(drafted.body)["number"].get<std::string>();
  REQUIRE(peru_client.Send("POST", "/v1/cites/permits/" + number + "/issue", "{}", peru_officer).status == 200);

  const auto received = [&] {
    return gabon.cites().Count("SELECT count(*) FROM cites.received_permits WHERE number = '" + number + "'") == 1;
  };
  INFO(peru.cites().process().LogTail());
  REQUIRE(Eventually(received));
  auto deliveries = peru_client.Send("GET", "/v1/cites/deliveries?state=delivered", "", peru.Bearer(peru.admin));
  REQUIRE(json::parse(deliveries.body)["deliveries"].size() == 1);
  CHECK(gabon.cites().Count("SELECT count(*) FROM cites.outbox WHERE topic = 'cites.permit.received'") == 1);

  // Peru's customs endorse the shipment.
  auto endorsed = peru_client.Send(
      "POST", "/v1/cites/permits/" + number + "/endorse",
      json{{"date", greenlane::testing::DayFromToday(0)}, {"port", "PECLL"}, {"quantities", {"12"}}}.dump(),
      peru_officer);
  INFO(endorsed.body);
  REQUIRE(endorsed.status == 200);

  // Gabon, as Peru's partner, fetches the permit and confirms what arrived, signed with its key.
  const auto gabon_key = security::Ed25519Key::LoadPrivatePem(gabon.pki + "/signing/cites.pem");
  REQUIRE(gabon_key.ok());
  auto gabon_partner = peru.Bearer(gabon_at_peru, &gabon);
  auto exchange = peru.Client(&gabon);
  const std::string fetch = json{{"number", number}}.dump();
  auto fetched = exchange.Send("POST", "/v1/exchange/cites/permits/fetch", fetch,
                               Signed(*gabon_key, gabon_partner, "permit.fetch", fetch));
  INFO(fetched.body);
  REQUIRE(fetched.status == 200);
  CHECK(json::parse(fetched.body)["state"] == "endorsed");

  const std::string confirm = json{
      {"number", number},
      {"date", greenlane::testing::DayFromToday(0)},
      {"port", "GALBV"},
      {"quantities", {"12"}}}.dump();
  const auto confirm_headers = Signed(*gabon_key, gabon_partner, "quantities.confirm", confirm);
  auto confirmed = exchange.Send("POST", "/v1/exchange/cites/quantities", confirm, confirm_headers);
  INFO(confirmed.body);
  REQUIRE(confirmed.status == 200);
  CHECK(json::parse(confirmed.body)["state"] == "used");

  // The same message again is a replay; Peru refuses and audits it.
  auto replayed = exchange.Send("POST", "/v1/exchange/cites/quantities", confirm, confirm_headers);
  CHECK(replayed.status == 401);
  CHECK_THAT(replayed.body, Contains("exchange.replay"));
  CHECK(peru.cites().Count("SELECT count(*) FROM cites.audit_log WHERE action = 'exchange.message_refused'") == 1);

  // Peru's own key cannot speak for Gabon.
  const auto peru_key = security::Ed25519Key::LoadPrivatePem(peru.pki + "/signing/cites.pem");
  REQUIRE(peru_key.ok());
  auto forged = exchange.Send("POST", "/v1/exchange/cites/permits/fetch", fetch,
                              Signed(*peru_key, gabon_partner, "permit.fetch", fetch));
  CHECK(forged.status == 401);

  auto mirror = peru_client.Send(
      "GET", "/v1/cites/reports/mirror?year=" + greenlane::testing::DayFromToday(0).substr(0, 4), "", peru_officer);
  REQUIRE(mirror.status == 200);
  REQUIRE(json::parse(mirror.body)["lines"].size() == 1);
  CHECK(json::parse(mirror.body)["lines"][0]["status"] == "match");
}
