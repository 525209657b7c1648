// The CITES permit routes of the facade against a real greenlane-cites process over mutual TLS:
// what a trader, the management authority, customs, the single window and analysts see.
#include <catch2/catch.hpp>
#include <csignal>

#include "api_stack.h"
#include "cites_process.h"

using Catch::Matchers::Contains;
using greenlane::testing::ApiStack;
using greenlane::testing::CitesProcess;
using greenlane::testing::MahoganyExportJson;
using nlohmann::json;

namespace {

std::string Pki() { return greenlane::testing::RequiredEnv("GREENLANE_TEST_PKI_DIR"); }

ApiStack StackInFrontOf(const std::string& cites_address) {
  const auto pki = Pki();
  return ApiStack([&](greenlane::api::ApiSettings& settings) {
    settings.downstream.cites = cites_address;
    settings.downstream.tls = {pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"};
    // Kept verifications never expire here: what a test sees after a change is the cache forgetting.
    settings.cites_verify_cache_ttl = std::chrono::hours(1);
  });
}

using Headers = std::vector<std::pair<std::string, std::string>>;

// A client of the facade with one role, sending JSON.
struct Caller {
  Caller(ApiStack& stack, const std::string& name, const std::string& role)
      : id(stack.CreateClient(name, {role})), headers(ApiStack::Bearer(stack.Token(id))), client(stack.Connect()) {
    headers.emplace_back("Content-Type", "application/json");
  }
  greenlane::http::ClientResponse Get(const std::string& target) { return client.Send("GET", target, "", headers); }
  greenlane::http::ClientResponse Post(const std::string& target, const json& body) {
    return client.Send("POST", target, body.dump(), headers);
  }
  ApiStack::Credentials id;
  Headers headers;
  greenlane::http::Client client;
};

json Json(const greenlane::http::ClientResponse& response) { return json::parse(response.body); }

bool HasRule(const json& problems, const std::string& rule) {
  for (const auto& problem : problems) {
    if (problem.value("rule", "") == rule) return true;
  }
  return false;
}

// Drafts and issues an export as `officer`; returns its number.
std::string IssuedExport(Caller& officer, const json& permit) {
  auto drafted = officer.Post("/v1/cites/permits", {{"permit", permit}});
  INFO(drafted.body);
  REQUIRE(drafted.status == 201);
  const auto number = Json(drafted)["number"].get<std::string>();
  auto issued = officer.Post("/v1/cites/permits/" + number + "/issue", json::object());
  INFO(issued.body);
  REQUIRE(issued.status == 200);
  return number;
}

}  // namespace

TEST_CASE("a permit goes from draft to single use at import through the facade, the single window verifying it") {
  CitesProcess cites(Pki());
  auto stack = StackInFrontOf(cites.address());
  Caller officer(stack, "ma-officer", "officer");
  Caller window(stack, "single-window", "officer");

  auto drafted = officer.Post("/v1/cites/permits", {{"permit", MahoganyExportJson("PE", "DE")}});
  INFO(drafted.body);
  REQUIRE(drafted.status == 201);
  const auto number = Json(drafted)["number"].get<std::string>();
  CHECK(number.rfind("PE-EX-", 0) == 0);
  CHECK(Json(drafted)["state"] == "draft");

  auto validated = officer.Post("/v1/cites/permits/" + number + "/validate", json::object());
  REQUIRE(validated.status == 200);
  CHECK(Json(validated)["valid"] == true);
  // A draft is not a permit yet: the single window is told so.
  auto early = window.Get("/v1/cites/permits/" + number + "/verify");
  REQUIRE(early.status == 200);
  CHECK(Json(early)["valid"] == false);
  CHECK(HasRule(Json(early)["reasons"], "verify.not_issued"));

  auto issued = officer.Post("/v1/cites/permits/" + number + "/issue", json::object());
  INFO(issued.body);
  REQUIRE(issued.status == 200);
  CHECK(Json(issued)["state"] == "issued");
  CHECK_FALSE(Json(issued)["token"].get<std::string>().empty());

  auto valid = window.Get("/v1/cites/permits/" + number +
                          "/verify?scientific_name=Swietenia%20macrophylla&quantity=10&unit=MTQ");
  INFO(valid.body);
  REQUIRE(valid.status == 200);
  CHECK(Json(valid)["valid"] == true);
  CHECK(Json(valid)["reasons"].empty());
  auto too_much = window.Get("/v1/cites/permits/" + number +
                             "/verify?scientific_name=Swietenia%20macrophylla&quantity=20&unit=MTQ");
  CHECK(Json(too_much)["valid"] == false);
  CHECK(HasRule(Json(too_much)["reasons"], "verify.quantity"));
  auto other_species = window.Get("/v1/cites/permits/" + number + "/verify?scientific_name=Panthera%20leo");
  CHECK(Json(other_species)["valid"] == false);
  CHECK(HasRule(Json(other_species)["reasons"], "verify.species"));
  auto unknown = window.Get("/v1/cites/permits/PE-EX-2026-999999/verify");
  REQUIRE(unknown.status == 200);
  CHECK(Json(unknown)["valid"] == false);
  CHECK(HasRule(Json(unknown)["reasons"], "verify.unknown"));

  auto over = officer.Post("/v1/cites/permits/" + number + "/endorse",
                           {{"date", greenlane::testing::DayFromToday(0)}, {"port", "PECLL"}, {"quantities", {"13"}}});
  CHECK(over.status / 100 == 4);
  auto endorsed =
      officer.Post("/v1/cites/permits/" + number + "/endorse", {{"date", greenlane::testing::DayFromToday(0)},
                                                                {"port", "PECLL"},
                                                                {"transport_document", "MSKU-BL-1"},
                                                                {"quantities", {"12"}}});
  INFO(endorsed.body);
  REQUIRE(endorsed.status == 200);
  CHECK(Json(endorsed)["lines"][0]["endorsed_quantity"] == "12");

  const json use = {
      {"date", greenlane::testing::DayFromToday(0)}, {"country", "DE"}, {"port", "DEHAM"}, {"quantities", {"12"}}};
  auto used = officer.Post("/v1/cites/permits/" + number + "/import-use", use);
  INFO(used.body);
  REQUIRE(used.status == 200);
  CHECK(Json(used)["state"] == "used");
  auto again = officer.Post("/v1/cites/permits/" + number + "/import-use", use);
  CHECK(again.status == 409);
  CHECK_THAT(again.body, Contains("lifecycle.single_use"));
  CHECK(cites.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'permit.reuse_refused'") == 1);
  auto after = window.Get("/v1/cites/permits/" + number + "/verify");
  CHECK(Json(after)["valid"] == false);
  CHECK(HasRule(Json(after)["reasons"], "verify.used"));

  Caller analyst(stack, "analyst-1", "analyst");
  const auto year = greenlane::testing::DayFromToday(0).substr(0, 4);
  auto csv = analyst.Get("/v1/cites/reports/annual?year=" + year);
  INFO(csv.body);
  REQUIRE(csv.status == 200);
  CHECK_THAT(csv.headers["content-type"], Contains("text/csv"));
  CHECK_THAT(csv.body, Contains("Swietenia macrophylla"));
  auto mirror = analyst.Get("/v1/cites/reports/mirror?year=" + year);
  REQUIRE(mirror.status == 200);
  REQUIRE(Json(mirror)["lines"].size() == 1);
  CHECK(Json(mirror)["lines"][0]["status"] == "match");

  // A repeated verification is the facade's own answer: it still comes with cites gone; a new one does not.
  cites.process().Signal(SIGKILL);
  REQUIRE(cites.process().Wait(std::chrono::seconds(10)));
  auto repeated = window.Get("/v1/cites/permits/" + number + "/verify");
  CHECK(repeated.status == 200);
  CHECK(repeated.body == after.body);
  auto not_kept = window.Get("/v1/cites/permits/" + number + "/verify?scientific_name=Panthera%20tigris");
  CHECK(not_kept.status == 503);
}

TEST_CASE("a trader applies for permits and sees only its own, officers decide") {
  CitesProcess cites(Pki());
  auto stack = StackInFrontOf(cites.address());
  Caller trader(stack, "trader-madeiras", "trader");
  Caller rival(stack, "trader-rival", "trader");
  Caller officer(stack, "ma-officer", "officer");

  auto drafted = trader.Post("/v1/cites/permits", {{"permit", MahoganyExportJson("PE", "DE")}});
  INFO(drafted.body);
  REQUIRE(drafted.status == 201);
  const auto number = Json(drafted)["number"].get<std::string>();
  CHECK(Json(drafted)["applicant"] == trader.id.id);
  CHECK(trader.Post("/v1/cites/permits/" + number + "/issue", json::object()).status == 403);

  CHECK(trader.Get("/v1/cites/permits/" + number).status == 200);
  CHECK(rival.Get("/v1/cites/permits/" + number).status == 404);
  CHECK(Json(rival.Get("/v1/cites/permits"))["permits"].empty());
  REQUIRE(Json(trader.Get("/v1/cites/permits?state=draft"))["permits"].size() == 1);
  REQUIRE(Json(officer.Get("/v1/cites/permits?state=draft&page_size=10"))["permits"].size() == 1);
  CHECK(rival.Get("/v1/cites/permits/" + number + "/verify").status == 403);

  auto cancelled = officer.Post("/v1/cites/permits/" + number + "/cancel", {{"audit", {{"reason", "withdrawn"}}}});
  INFO(cancelled.body);
  REQUIRE(cancelled.status == 200);
  CHECK(Json(cancelled)["state"] == "cancelled");
}

TEST_CASE("bad permits and bad requests are refused naming the field and the rule") {
  CitesProcess cites(Pki());
  auto stack = StackInFrontOf(cites.address());
  Caller officer(stack, "ma-officer", "officer");

  // Every problem at once: same country both sides, an unknown unit for the term, no stamp.
  auto permit = MahoganyExportJson("PE", "PE");
  permit["lines"][0]["unit"] = "NAR";
  permit.erase("security_stamp");
  auto validated = officer.Post("/v1/cites/permits/validate", {{"permit", permit}});
  INFO(validated.body);
  REQUIRE(validated.status == 200);
  const auto problems = Json(validated)["problems"];
  CHECK(Json(validated)["valid"] == false);
  CHECK(HasRule(problems, "parties.same_country"));
  CHECK(HasRule(problems, "term_unit.pair"));
  CHECK(problems.size() >= 3);

  auto drafted = officer.Post("/v1/cites/permits", {{"permit", permit}});
  REQUIRE(drafted.status == 201);
  auto refused =
      officer.Post("/v1/cites/permits/" + Json(drafted)["number"].get<std::string>() + "/issue", json::object());
  CHECK(refused.status == 409);
  CHECK_THAT(refused.body, Contains("validation problem"));

  auto unknown_field = officer.Post("/v1/cites/permits", {{"permit", MahoganyExportJson("PE", "DE")}, {"colour", 1}});
  CHECK(unknown_field.status == 400);
  CHECK_THAT(unknown_field.body, Contains("colour"));
  auto bad_quantity = officer.Post("/v1/cites/permits", {{"permit", MahoganyExportJson("PE", "DE", "twelve")}});
  CHECK(bad_quantity.status == 400);
  CHECK_THAT(bad_quantity.body, Contains("quantity"));
  auto not_json = officer.client.Send("POST", "/v1/cites/permits", "{\"permit\": ", officer.headers);
  CHECK(not_json.status == 400);
  CHECK(officer.Get("/v1/cites/permits/XX-EX-2026-000001").status == 404);
  CHECK(officer.Post("/v1/cites/permits/XX-EX-2026-000001/issue", json::object()).status == 404);
  CHECK(officer.Get("/v1/cites/permits?colour=red").status == 400);
  CHECK(officer.Get("/v1/cites/permits/PE-EX-2026-000001/verify?quantity=lots&scientific_name=X").status == 400);

  auto no_year = officer.Get("/v1/cites/reports/annual");
  CHECK(no_year.status == 400);
  CHECK(Json(no_year)["field"] == "year");
  CHECK(officer.Get("/v1/cites/reports/annual?year=1800").status == 400);
  CHECK(officer.Get("/v1/cites/reports/mirror?year=twenty").status == 400);
  CHECK(officer.Post("/v1/cites/permits/PE-EX-2026-000001/cancel", json::object()).status / 100 == 4);
}

TEST_CASE("quotas, species listings, partners and deliveries through the facade") {
  CitesProcess cites(Pki());
  auto stack = StackInFrontOf(cites.address());
  Caller officer(stack, "ma-officer", "officer");
  Caller admin(stack, "admin-1", "admin");
  Caller gateway(stack, "gateway-1", "gateway");
  const int year = std::stoi(greenlane::testing::DayFromToday(0).substr(0, 4));

  auto quota = officer.Post("/v1/cites/quotas", {{"quota",
                                                  {{"scientific_name", "Swietenia macrophylla"},
                                                   {"country", "PE"},
                                                   {"year", year},
                                                   {"quantity", "20"},
                                                   {"unit", "MTQ"}}}});
  INFO(quota.body);
  REQUIRE(quota.status == 200);
  auto over = officer.Post("/v1/cites/permits/validate", {{"permit", MahoganyExportJson("PE", "DE", "25")}});
  REQUIRE(over.status == 200);
  CHECK(HasRule(Json(over)["problems"], "quota.exceeded"));
  auto numbered = MahoganyExportJson("PE", "DE", "20");
  numbered["number"] = "PE-EX-2026-000900";  // an unsaved permit has no number given yet
  auto within = officer.Post("/v1/cites/permits/validate", {{"permit", numbered}});
  INFO(within.body);
  CHECK(Json(within)["valid"] == true);
  auto quotas = officer.Get("/v1/cites/quotas?country=PE&year=" + std::to_string(year));
  REQUIRE(quotas.status == 200);
  REQUIRE(Json(quotas)["quotas"].size() == 1);
  CHECK(officer.Get("/v1/cites/quotas?year=soon").status == 400);

  auto species = gateway.Get("/v1/cites/species/Swietenia%20macrophylla");
  INFO(species.body);
  REQUIRE(species.status == 200);
  CHECK(Json(species)["appendix_on_date"] == "II");
  CHECK(gateway.Get("/v1/cites/species/Nonexistus%20inventus").status == 404);
  CHECK(gateway.Get("/v1/cites/species/Swietenia%20macrophylla?date=yesterday").status == 400);

  const json partner = {{"country", "DE"},
                        {"authority", "Bundesamt fuer Naturschutz"},
                        {"exchange_url", "https://127.0.0.1:1/v1/exchange/cites/permits"},
                        {"public_key_pem", greenlane::security::Ed25519Key::Generate().PublicPem()},
                        {"client_cn", "partner-de"},
                        {"allowed_operations", {"permit.deliver", "permit.fetch", "quantities.confirm"}}};
  CHECK(officer.Post("/v1/cites/partners", {{"partner", partner}}).status == 403);
  auto registered = admin.Post("/v1/cites/partners", {{"partner", partner}});
  INFO(registered.body);
  REQUIRE(registered.status == 200);
  REQUIRE(Json(admin.Get("/v1/cites/partners"))["partners"].size() == 1);
  auto bad_partner = partner;
  bad_partner["public_key_pem"] = "not a key";
  CHECK(admin.Post("/v1/cites/partners", {{"partner", bad_partner}}).status == 400);

  // An export to the partner queues a signed delivery the admin can follow.
  IssuedExport(officer, MahoganyExportJson("PE", "DE", "1"));
  auto deliveries = admin.Get("/v1/cites/deliveries?state=pending");
  INFO(deliveries.body);
  REQUIRE(deliveries.status == 200);
  REQUIRE(Json(deliveries)["deliveries"].size() == 1);
  CHECK(Json(deliveries)["deliveries"][0]["partner_country"] == "DE");
  CHECK(officer.Get("/v1/cites/deliveries").status == 403);
}
