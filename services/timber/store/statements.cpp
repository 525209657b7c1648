#include "store/statements.h"

#include "store/anomaly_repository.h"
#include "store/certificate_repository.h"
#include "store/concession_repository.h"
#include "store/document_repository.h"
#include "store/felling_repository.h"
#include "store/findings.h"
#include "store/geo_repository.h"
#include "store/lineage_repository.h"
#include "store/pieces.h"
#include "store/processing_repository.h"
#include "store/sync_repository.h"
#include "store/waybill_repository.h"

namespace greenlane::timber::store {

std::vector<std::pair<std::string, std::string>> TimberStatements() {
  std::vector<std::pair<std::string, std::string>> all;
  for (auto&& part : {FindingsStatements(), PieceStatements(), ConcessionRepository::PreparedStatements(),
                      FellingRepository::PreparedStatements(), WaybillRepository::PreparedStatements(),
                      ProcessingRepository::PreparedStatements(), CertificateRepository::PreparedStatements(),
                      AnomalyRepository::PreparedStatements(), DocumentRepository::PreparedStatements(),
                      LineageRepository::PreparedStatements(), SyncRepository::PreparedStatements(),
                      GeoRepository::PreparedStatements()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

}  // namespace greenlane::timber::store
