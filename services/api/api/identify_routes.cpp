// Identification (issue 6), relayed to greenlane-identify: what a reading means (species, blend,
// verdict) for officers and lab staff, ad-hoc identification, and the reference library.
#include "api/proxy_route.h"
#include "api/routes.h"
#include "greenlane/v1/identify.grpc.pb.h"

namespace greenlane::api {

std::vector<http::Route> IdentifyRoutes(ApiContext& context) {
  using Stub = v1::IdentifyService::Stub;
  const ServiceOf identify = &Downstream::identify;
  const std::vector<std::string> readers = {"officer", "lab", "analyst", "admin"};
  const std::vector<std::string> analysts = {"officer", "lab", "admin"};
  return {
      ProxyRoute(context, "GET", "/v1/identifications", "Identification results by declaration or container, paged",
                 readers, identify, &Stub::ListIdentifications),
      ProxyRoute(context, "GET", "/v1/identifications/{result_id}", "One identification result", readers, identify,
                 &Stub::GetIdentification),
      ProxyRoute(context, "GET", "/v1/readings/{reading_id}/identification", "What a reading was identified as",
                 readers, identify, &Stub::GetIdentification),
      ProxyRoute(context, "POST", "/v1/identify/spectrum-search",
                 "Ad-hoc spectral library search (open or identity) with a species-level call", analysts, identify,
                 &Stub::SearchSpectrum),
      ProxyRoute(context, "POST", "/v1/identify/refrigerant", "Ad-hoc refrigerant identification from a composition",
                 analysts, identify, &Stub::IdentifyRefrigerant),
      ProxyRoute(context, "POST", "/v1/identify/xrf", "Ad-hoc XRF screening against an action-level set", analysts,
                 identify, &Stub::ScreenXrf),
      ProxyRoute(context, "POST", "/v1/identify/library/spectra",
                 "Add reference spectra (structured, MSP or MGF text); searchable at once", {"lab", "admin"}, identify,
                 &Stub::AddSpectra),
      ProxyRoute(context, "GET", "/v1/identify/library", "Size of the reference spectral library", readers, identify,
                 &Stub::GetLibraryStats),
  };
}

}  // namespace greenlane::api
