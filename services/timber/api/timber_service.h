#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <functional>

#include "api/document_tokens.h"
#include "api/field_sync.h"
#include "api/steps.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/v1/timber.grpc.pb.h"
#include "store/anomaly_repository.h"
#include "store/certificate_repository.h"
#include "store/concession_repository.h"
#include "store/document_repository.h"
#include "store/felling_repository.h"
#include "store/geo_repository.h"
#include "store/lineage_repository.h"
#include "store/processing_repository.h"
#include "store/sync_repository.h"
#include "store/waybill_repository.h"

namespace greenlane::timber {

/// The repositories and token signer the service adapts, all owned by TimberServer.
struct TimberStores {
  const store::StoreContext& context;
  store::ConcessionRepository& concessions;
  store::FellingRepository& felling;
  store::WaybillRepository& waybills;
  store::ProcessingRepository& processing;
  store::CertificateRepository& certificates;
  store::AnomalyRepository& anomalies;
  store::DocumentRepository& documents;
  store::LineageRepository& lineage;
  store::SyncRepository& sync;
  store::GeoRepository& geo;
  const DocumentTokens& tokens;
};

/// greenlane.v1.TimberService: thin adapters from gRPC to the store. Only other services may call
/// (client certificate CN "service-*"); a caller relayed with only the "trader" role sees and changes
/// only the documents it owns and may not change the registry or list anomalies. All blocking work
/// runs on the worker pool.
class TimberService final : public v1::TimberService::CallbackService {
 public:
  TimberService(core::WorkerPool& pool, TimberStores stores)
      : pool_(pool),
        stores_(stores),
        steps_(stores.felling, stores.waybills, stores.documents, stores.tokens),
        field_sync_(stores.sync, steps_) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Context = grpc::CallbackServerContext;

  Reactor* CreateOperator(Context* c, const v1::TimberCreateOperatorRequest* q, v1::TimberOperator* r) override;
  Reactor* CreateSite(Context* c, const v1::TimberCreateSiteRequest* q, v1::TimberSite* r) override;
  Reactor* CreateConcession(Context* c, const v1::TimberCreateConcessionRequest* q, v1::TimberConcession* r) override;
  Reactor* ListSpecies(Context* c, const v1::TimberListSpeciesRequest* q, v1::TimberListSpeciesResponse* r) override;
  Reactor* RegisterTree(Context* c, const v1::TimberRegisterTreeRequest* q, v1::TimberStepResponse* r) override;
  Reactor* FellTree(Context* c, const v1::TimberFellTreeRequest* q, v1::TimberStepResponse* r) override;
  Reactor* CutLogs(Context* c, const v1::TimberCutLogsRequest* q, v1::TimberStepResponse* r) override;
  Reactor* IssueWaybill(Context* c, const v1::TimberIssueWaybillRequest* q, v1::TimberDocumentResponse* r) override;
  Reactor* DepartWaybill(Context* c, const v1::TimberDepartWaybillRequest* q, v1::TimberDocumentResponse* r) override;
  Reactor* DeliverWaybill(Context* c, const v1::TimberDeliverWaybillRequest* q, v1::TimberDocumentResponse* r) override;
  Reactor* CancelWaybill(Context* c, const v1::TimberCancelWaybillRequest* q, v1::TimberDocumentResponse* r) override;
  Reactor* RecordProcessing(Context* c, const v1::TimberRecordProcessingRequest* q, v1::TimberStepResponse* r) override;
  Reactor* IssueCertificate(Context* c, const v1::TimberIssueCertificateRequest* q,
                            v1::TimberDocumentResponse* r) override;
  Reactor* ShipCertificate(Context* c, const v1::TimberShipCertificateRequest* q,
                           v1::TimberDocumentResponse* r) override;
  Reactor* ListAnomalies(Context* c, const v1::TimberListAnomaliesRequest* q,
                         v1::TimberListAnomaliesResponse* r) override;
  Reactor* GetPiece(Context* c, const v1::TimberGetPieceRequest* q, v1::TimberPiece* r) override;
  Reactor* GetDocument(Context* c, const v1::TimberGetDocumentRequest* q, v1::TimberDocument* r) override;
  Reactor* GetLineage(Context* c, const v1::TimberGetLineageRequest* q, v1::TimberLineage* r) override;
  Reactor* GetLineages(Context* c, const v1::TimberGetLineagesRequest* q, v1::TimberGetLineagesResponse* r) override;
  Reactor* VerifyToken(Context* c, const v1::TimberVerifyTokenRequest* q, v1::TimberVerification* r) override;
  Reactor* LookupWaybill(Context* c, const v1::TimberLookupWaybillRequest* q, v1::TimberVerification* r) override;
  Reactor* RegisterDevice(Context* c, const v1::TimberRegisterDeviceRequest* q, v1::TimberDevice* r) override;
  Reactor* Sync(Context* c, const v1::TimberSyncRequest* q, v1::TimberSyncResponse* r) override;
  Reactor* ListGeoFeatures(Context* c, const v1::TimberGeoFeaturesRequest* q, v1::TimberGeoFeatures* r) override;

 private:
  /// Offloads `work` after checking the peer; `work` gets the caller and returns the call's outcome.
  Reactor* Run(Context* context, std::function<core::Status(const rpc::Caller&)> work);
  /// GetLineage's work for one request: a trader sees only its own certificates.
  core::Status LineageOf(const v1::TimberGetLineageRequest& q, const rpc::Caller& caller, v1::TimberLineage* r);
  void Verification(const store::DocumentView& document, core::TimePoint valid_until, v1::TimberVerification* out);

  core::WorkerPool& pool_;
  TimberStores stores_;
  Steps steps_;
  FieldSync field_sync_;
};

}  // namespace greenlane::timber
