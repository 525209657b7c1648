// CITES permits (issue 5), relayed to greenlane-cites: management-authority officers draft,
// validate, issue, cancel, revoke and replace; customs officers endorse at export and record use at
// import; the single window verifies a permit against a consignment; analysts take the reports.
// Bodies are the request messages of proto/greenlane/v1/cites.proto in proto3 JSON; path and
// query parameters fill the field of the same name. Trader scoping is the service's.
#include "api/proxy_route.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::api {
namespace {

using Stub = v1::CitesService::Stub;

// The Convention entered into force in 1975: no trade to report before.
core::Result<std::int32_t> YearParam(const http::Request& request) {
  if (auto status = RejectUnknown(request.query, {"year"}); !status.ok()) return status.error();
  const auto year = request.query.find("year");
  if (year == request.query.end())
    return core::Error::InvalidArgument("year", "give the report's year, e.g. ?year=2026");
  auto parsed = ParseInteger("year", year->second, 1975, 9999);
  if (!parsed.ok()) return parsed.error();
  return static_cast<std::int32_t>(*parsed);
}

// The 13-field rows as a CSV download rather than JSON, so a spreadsheet opens it as it comes.
http::Response AnnualReport(ApiContext& context, http::Request& request) {
  auto year = YearParam(request);
  if (!year.ok()) return http::Problem(year.error(), request.path);
  const auto& cites = context.downstream.cites;
  if (!cites.channel) return NotConfigured(cites, request);
  v1::AnnualReportRequest report;
  report.set_year(*year);
  grpc::ClientContext call;
  PrepareCall(call, context.downstream, request);
  v1::AnnualReportResponse reply;
  const auto status = Stub(cites.channel).AnnualReport(&call, report, &reply);
  if (!status.ok()) return Answer(status, reply, request.path);
  auto response = http::Response::Text(200, reply.csv(), "text/csv; charset=utf-8");
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"cites-annual-report-" + std::to_string(*year) + ".csv\"");
  return response;
}

http::Response MirrorReport(ApiContext& context, http::Request& request) {
  auto year = YearParam(request);
  if (!year.ok()) return http::Problem(year.error(), request.path);
  v1::MirrorReportRequest report;
  report.set_year(*year);
  return Relay(context.downstream, context.downstream.cites, request, &Stub::MirrorReport, report);
}

// The stored permit a verification answer is about ("" when none was found): the token of a QR
// code may name another permit than the path.
std::string FoundPermitOf(const http::Response& answer) {
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  if (!body.is_object() || !body.contains("permit")) return "";
  const auto number = body.find("number");
  return number != body.end() && number->is_string() ? number->get<std::string>() : "";
}

// The single window verifies the same permits over and over (every declaration with a CITES line
// asks): the facade answers a repeat itself for a moment, filed under the permit's number. Unknown
// permits are not kept: a partner may deliver one at any time.
http::Route AnsweredAgainFromCache(ApiContext& context, http::Route route) {
  route.handler = [&cache = context.cites_verify_cache, relay = std::move(route.handler)](http::Request& request) {
    if (!cache.enabled()) return relay(request);
    if (auto kept = cache.Find(request.target)) return *std::move(kept);
    const auto ticket = cache.Take();
    auto answer = relay(request);
    const auto permit = answer.status == 200 ? FoundPermitOf(answer) : "";
    if (!permit.empty()) cache.Put(request.target, permit, ticket, answer);
    return answer;
  };
  return route;
}

// A change to a permit through this facade: its kept verifications go once cites has answered
// (whatever it answered: a call that timed out may still have changed it). A replacement changes
// two permits.
http::Route ForgettingVerifications(ApiContext& context, http::Route route) {
  route.handler = [&cache = context.cites_verify_cache, relay = std::move(route.handler)](http::Request& request) {
    auto answer = relay(request);
    cache.Forget(request.path_params.at("number"));
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_object() && body.contains("replacement_number") && body["replacement_number"].is_string()) {
      cache.Forget(body["replacement_number"].get<std::string>());
    }
    return answer;
  };
  return route;
}

}  // namespace

std::vector<http::Route> CitesRoutes(ApiContext& context) {
  const ServiceOf cites = &Downstream::cites;
  // A trader applies (its drafts are its own); the management authority decides.
  const std::vector<std::string> drafters = {"trader", "officer", "admin"};
  const std::vector<std::string> authority = {"officer", "admin"};
  const std::vector<std::string> readers = {"trader", "officer", "analyst", "admin"};
  const std::vector<std::string> oversight = {"officer", "analyst", "admin"};
  const std::vector<std::string> admins = {"admin"};
  return {
      ProxyRoute(context, "POST", "/v1/cites/permits",
                 "Draft a permit or certificate ({\"permit\": ...}); answers it with its number", drafters, cites,
                 &Stub::CreateDraft, 201),
      ProxyRoute(context, "POST", "/v1/cites/permits/validate",
                 "Every problem of an unsaved permit ({\"permit\": ...}), each with field and rule", drafters, cites,
                 &Stub::Validate),
      ProxyRoute(context, "GET", "/v1/cites/permits", "Permits newest first, by state, type and countries, paged",
                 readers, cites, &Stub::ListPermits),
      ProxyRoute(context, "GET", "/v1/cites/permits/{number}", "One permit with its lines, endorsement and use",
                 readers, cites, &Stub::GetPermit),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/validate",
                 "Every problem of a stored draft, each with field and rule", drafters, cites, &Stub::Validate),
      ForgettingVerifications(
          context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/issue",
                              "Issue a draft that validates: signs its QR token and delivers it to a partner importer",
                              authority, cites, &Stub::Issue)),
      ForgettingVerifications(
          context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/endorse",
                              "Customs at export: the actual quantity per line (never more than remains permitted)",
                              authority, cites, &Stub::Endorse)),
      ForgettingVerifications(
          context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/import-use",
                              "Customs at import: accept the permit once; a second use is refused and raises an alert",
                              authority, cites, &Stub::RecordImportUse)),
      ForgettingVerifications(context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/cancel",
                                                  "Cancel a draft or issued permit ({\"audit\": {\"reason\": ...}})",
                                                  authority, cites, &Stub::Cancel)),
      ForgettingVerifications(context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/revoke",
                                                  "Revoke an issued permit ({\"audit\": {\"reason\": ...}})", authority,
                                                  cites, &Stub::Revoke)),
      ForgettingVerifications(
          context, ProxyRoute(context, "POST", "/v1/cites/permits/{number}/replace",
                              "Mark an issued permit replaced by another ({\"replacement_number\": ...})", authority,
                              cites, &Stub::Replace)),
      AnsweredAgainFromCache(
          context,
          ProxyRoute(context, "GET", "/v1/cites/permits/{number}/verify",
                     "Single window: is the permit valid now, optionally for scientific_name, quantity and unit; with "
                     "reasons",
                     oversight, cites, &Stub::Verify)),
      ProxyRoute(context, "GET", "/v1/cites/quotas",
                 "Annual export quotas with what endorsements used, by country "
                 "and year",
                 oversight, cites, &Stub::ListQuotas),
      ProxyRoute(context, "POST", "/v1/cites/quotas", "Set an annual export quota ({\"quota\": ...})", authority, cites,
                 &Stub::SetQuota),
      ProxyRoute(context, "GET", "/v1/cites/species/{scientific_name}",
                 "A taxon's listing history and its appendix on a date (default today)", AnyRole(), cites,
                 &Stub::GetSpecies),
      ProxyRoute(context, "GET", "/v1/cites/partners", "Partner economies of the permit exchange", admins, cites,
                 &Stub::ListPartners),
      ProxyRoute(context, "POST", "/v1/cites/partners",
                 "Register or update a partner economy ({\"partner\": ...}): exchange URL, key, client CN, operations",
                 admins, cites, &Stub::UpsertPartner),
      ProxyRoute(context, "GET", "/v1/cites/deliveries",
                 "Outbound permit deliveries to partners by state (pending, delivered, dead)", admins, cites,
                 &Stub::ListDeliveries),
      BindRoute(context, "GET", "/v1/cites/reports/annual",
                "The CITES annual report rows of a year (13 fields, from endorsed quantities) as CSV", oversight,
                AnnualReport),
      BindRoute(context, "GET", "/v1/cites/reports/mirror",
                "Quantities endorsed at export next to quantities recorded at import, with discrepancies", oversight,
                MirrorReport),
  };
}

}  // namespace greenlane::api
