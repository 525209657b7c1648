#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "exchange/delivery_store.h"
#include "exchange/partner_store.h"
#include "exchange/permit_token.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/cites.grpc.pb.h"
#include "store/permit_cache.h"
#include "store/permit_store.h"
#include "store/quota_store.h"
#include "store/reference.h"
#include "store/species_store.h"

namespace greenlane::cites {

/// What the service adapter works with; owned by CitesServer.
struct CitesParts {
  core::WorkerPool& workers;
  const core::Clock& clock;
  Reference& reference;
  const PermitSigner& signer;
  PermitStore& permits;
  QuotaStore& quotas;
  SpeciesStore& species;
  PartnerStore& partners;
  DeliveryStore& deliveries;
  PermitCache& cache;
};

/// greenlane.v1.CitesService for other Greenlane services (client certificate CN "service-*"; the
/// REST facade checks its own users' roles and relays who they are). A trader relayed by the
/// facade sees only the permits it applied for. All blocking work runs on the worker pool.
class CitesService final : public v1::CitesService::CallbackService {
 public:
  explicit CitesService(CitesParts parts) : p_(parts) {}

  using Context = grpc::CallbackServerContext;
  grpc::ServerUnaryReactor* CreateDraft(Context*, const v1::CreateDraftRequest*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* Validate(Context*, const v1::ValidateRequest*, v1::ValidateResponse*) override;
  grpc::ServerUnaryReactor* Issue(Context*, const v1::PermitAction*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* Endorse(Context*, const v1::EndorseRequest*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* RecordImportUse(Context*, const v1::RecordImportUseRequest*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* Cancel(Context*, const v1::PermitAction*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* Revoke(Context*, const v1::PermitAction*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* Replace(Context*, const v1::ReplaceRequest*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* GetPermit(Context*, const v1::GetPermitRequest*, v1::CitesPermit*) override;
  grpc::ServerUnaryReactor* ListPermits(Context*, const v1::ListPermitsRequest*, v1::ListPermitsResponse*) override;
  grpc::ServerUnaryReactor* Verify(Context*, const v1::VerifyRequest*, v1::VerifyResponse*) override;
  grpc::ServerUnaryReactor* VerifyMany(Context*, const v1::VerifyManyRequest*, v1::VerifyManyResponse*) override;
  grpc::ServerUnaryReactor* SetQuota(Context*, const v1::SetQuotaRequest*, v1::CitesQuota*) override;
  grpc::ServerUnaryReactor* ListQuotas(Context*, const v1::ListQuotasRequest*, v1::ListQuotasResponse*) override;
  grpc::ServerUnaryReactor* ImportSpecies(Context*, const v1::ImportSpeciesRequest*,
                                          v1::ImportSpeciesResponse*) override;
  grpc::ServerUnaryReactor* GetSpecies(Context*, const v1::GetSpeciesRequest*, v1::CitesTaxon*) override;
  grpc::ServerUnaryReactor* UpsertPartner(Context*, const v1::UpsertPartnerRequest*, v1::CitesPartner*) override;
  grpc::ServerUnaryReactor* ListPartners(Context*, const v1::ListPartnersRequest*, v1::ListPartnersResponse*) override;
  grpc::ServerUnaryReactor* ReceivePartnerMessage(Context*, const v1::PartnerMessage*,
                                                  v1::PartnerMessageResponse*) override;
  grpc::ServerUnaryReactor* ListDeliveries(Context*, const v1::ListDeliveriesRequest*,
                                           v1::ListDeliveriesResponse*) override;
  grpc::ServerUnaryReactor* AnnualReport(Context*, const v1::AnnualReportRequest*, v1::AnnualReportResponse*) override;
  grpc::ServerUnaryReactor* MirrorReport(Context*, const v1::MirrorReportRequest*, v1::MirrorReportResponse*) override;

 private:
  grpc::ServerUnaryReactor* Run(Context* context, std::function<grpc::Status()> work);
  grpc::Status Answer(const core::Result<StoredPermit>& permit, v1::CitesPermit* response);
  /// Verify's work for one request, on a worker (a cache miss reads the permit).
  grpc::Status VerifyOne(const v1::VerifyRequest& request, v1::VerifyResponse* response);
  core::Result<nlohmann::json> Dispatch(const AcceptedMessage& message, const v1::PartnerMessage& request);

  CitesParts p_;
};

}  // namespace greenlane::cites
