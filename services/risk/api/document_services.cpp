#include "api/document_services.h"

#include "api/cites_checker.h"
#include "api/cites_listings.h"
#include "api/data_files.h"
#include "api/timber_checker.h"
#include "greenlane/rpc/channel.h"

namespace greenlane::risk {
namespace {

std::shared_ptr<grpc::Channel> Connect(const RiskSettings& s, const std::string& address) {
  return rpc::MakeChannel({.target = address,
                           .tls = rpc::TlsFiles{s.services_ca_file, s.services_cert_file, s.services_key_file},
                           .server_name_override = ""});
}

}  // namespace

DocumentServices ConnectDocumentServices(const RiskSettings& settings) {
  DocumentServices services;
  if (settings.cites_address.empty() && settings.timber_address.empty()) return services;
  const auto units = std::make_shared<const QuantityUnits>(
      ValidDataFile(LoadQuantityUnits(ReadDataFile(settings, "quantity_units.json")), settings, "quantity_units.json"));
  if (!settings.cites_address.empty()) {
    const auto cites = Connect(settings, settings.cites_address);
    services.checkers.emplace("cites",
                              std::make_shared<CitesPermitChecker>(cites, units, settings.check_calls_in_flight));
    services.listings = std::make_shared<CitesSpeciesListings>(cites);
  }
  if (!settings.timber_address.empty()) {
    services.checkers.emplace(
        "timber", std::make_shared<TimberCertificateChecker>(Connect(settings, settings.timber_address), units,
                                                             settings.check_calls_in_flight));
  }
  return services;
}

}  // namespace greenlane::risk
