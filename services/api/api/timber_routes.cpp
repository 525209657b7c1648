// Timber chain of custody (issue 3), relayed to greenlane-timber: operators submit every step,
// officers read everything, the public checks a truck's permit. Bodies are the request messages
// of proto/greenlane/v1/timber.proto in proto3 JSON; path parameters fill the field of the same name.
#include "api/proxy_route.h"
#include "api/routes.h"
#include "greenlane/v1/timber.grpc.pb.h"

namespace greenlane::api {

std::vector<http::Route> TimberRoutes(ApiContext& context) {
  using Stub = v1::TimberService::Stub;
  const ServiceOf timber = &Downstream::timber;
  const std::vector<std::string> registry = {"officer", "admin"};
  const std::vector<std::string> operators = {"trader", "officer", "admin"};
  const std::vector<std::string> readers = {"trader", "officer", "analyst", "admin"};
  const std::vector<std::string> oversight = {"officer", "analyst", "admin"};
  return {
      ProxyRoute(context, "POST", "/v1/timber/operators", "Register a forestry operator", registry, timber,
                 &Stub::CreateOperator, 201),
      ProxyRoute(context, "POST", "/v1/timber/sites", "Register a forest site, log yard, sawmill or port", registry,
                 timber, &Stub::CreateSite, 201),
      ProxyRoute(context, "POST", "/v1/timber/concessions",
                 "Register a concession (GeoJSON polygon, validity, allowable cut)", registry, timber,
                 &Stub::CreateConcession, 201),
      ProxyRoute(context, "GET", "/v1/timber/species", "The timber species catalog the rules use", readers, timber,
                 &Stub::ListSpecies),
      ProxyRoute(context, "POST", "/v1/timber/trees", "Register a standing tree in the pre-harvest inventory",
                 operators, timber, &Stub::RegisterTree, 201),
      ProxyRoute(context, "POST", "/v1/timber/trees/{tree}/fell", "Fell a tree, leaving its stump", operators, timber,
                 &Stub::FellTree),
      ProxyRoute(context, "POST", "/v1/timber/pieces/{parent}/logs", "Cross-cut a felled tree or a log into logs",
                 operators, timber, &Stub::CutLogs, 201),
      ProxyRoute(context, "POST", "/v1/timber/waybills", "Issue a transport permit (answers its QR token)", operators,
                 timber, &Stub::IssueWaybill, 201),
      ProxyRoute(context, "POST", "/v1/timber/waybills/{number}/depart", "The truck leaves with its load", operators,
                 timber, &Stub::DepartWaybill),
      ProxyRoute(context, "POST", "/v1/timber/waybills/{number}/deliver", "The load arrives (with its GPS track)",
                 operators, timber, &Stub::DeliverWaybill),
      ProxyRoute(context, "POST", "/v1/timber/waybills/{number}/cancel", "Cancel an issued transport permit", operators,
                 timber, &Stub::CancelWaybill),
      ProxyRoute(context, "POST", "/v1/timber/processing", "Record a sawmill run: input logs, output lots", operators,
                 timber, &Stub::RecordProcessing, 201),
      ProxyRoute(context, "POST", "/v1/timber/certificates", "Issue an export certificate (answers its QR token)",
                 operators, timber, &Stub::IssueCertificate, 201),
      ProxyRoute(context, "POST", "/v1/timber/certificates/{number}/ship", "The certified export is shipped", operators,
                 timber, &Stub::ShipCertificate),
      ProxyRoute(context, "GET", "/v1/timber/anomalies", "Rule warnings raised along the chain, paged", oversight,
                 timber, &Stub::ListAnomalies),
      ProxyRoute(context, "GET", "/v1/timber/pieces/{barcode}", "A tree, stump, log or lot by barcode", readers, timber,
                 &Stub::GetPiece),
      ProxyRoute(context, "GET", "/v1/timber/documents/{number}", "A waybill or export certificate by number", readers,
                 timber, &Stub::GetDocument),
      ProxyRoute(context, "GET", "/v1/timber/certificates/{certificate}/lineage",
                 "Everything behind an export certificate, with the anomalies on the way", oversight, timber,
                 &Stub::GetLineage),
      ProxyRoute(context, "POST", "/v1/timber/devices", "Register a field device with its Ed25519 public key", registry,
                 timber, &Stub::RegisterDevice, 201),
      ProxyRoute(context, "POST", "/v1/timber/sync",
                 "Apply a batch of records a field device signed offline (answers each record)", operators, timber,
                 &Stub::Sync),
      ProxyRoute(context, "GET", "/v1/public/timber/verify", "Check a transport permit or certificate QR token", {},
                 timber, &Stub::VerifyToken),
      ProxyRoute(context, "GET", "/v1/public/timber/waybills/{number}", "Check a transport permit by its number", {},
                 timber, &Stub::LookupWaybill),
  };
}

}  // namespace greenlane::api
