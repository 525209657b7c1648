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
  if (!status.ok()) return Answer(status, reply, request);
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
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/issue",
                 "Issue a draft that validates: signs its QR token and delivers it to a partner importer", authority,
                 cites, &Stub::Issue),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/endorse",
                 "Customs at export: the actual quantity per line (never more than remains permitted)", authority,
                 cites, &Stub::Endorse),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/import-use",
                 "Customs at import: accept the permit once; a second use is refused and raises an alert", authority,
                 cites, &Stub::RecordImportUse),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/cancel",
                 "Cancel a draft or issued permit ({\"audit\": {\"reason\": ...}})", authority, cites, &Stub::Cancel),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/revoke",
                 "Revoke an issued permit ({\"audit\": {\"reason\": ...}})", authority, cites, &Stub::Revoke),
      ProxyRoute(context, "POST", "/v1/cites/permits/{number}/replace",
                 "Mark an issued permit replaced by another ({\"replacement_number\": ...})", authority, cites,
                 &Stub::Replace),
      ProxyRoute(context, "GET", "/v1/cites/permits/{number}/verify",
                 "Single window: is the permit valid now, optionally for scientific_name, quantity and unit; with "
                 "reasons",
                 oversight, cites, &Stub::Verify),
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
