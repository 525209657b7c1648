#pragma once

#include <memory>

#include "api/document_check_runner.h"
#include "api/settings.h"

namespace greenlane::risk {

/// The owning services that step 1 and step 3 ask: document checkers by owner, and the CITES
/// listings of declared species.
struct DocumentServices {
  DocumentCheckers checkers;
  std::shared_ptr<SpeciesListings> listings;  ///< null when cites is not configured
};

/// gRPC clients for GREENLANE_RISK_CITES_ADDRESS and TIMBER_ADDRESS (one shared channel each, mutual
/// TLS with SERVICES_CERT_FILE); an empty address leaves that owner out (its documents unchecked).
/// Reads quantity_units.json from the data folder. Throws core::ConfigError on an unreadable file.
DocumentServices ConnectDocumentServices(const RiskSettings& settings);

}  // namespace greenlane::risk
