#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "api/reference_library.h"
#include "domain/answer/identifier.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/identify.grpc.pb.h"
#include "store/result_store.h"

namespace greenlane::identify {

/// greenlane.v1.IdentifyService, for other services (client certificate CN "service-*"; the REST
/// facade checks its users' roles and relays them). Results are for officers and laboratories: a
/// call relayed for a trader (and neither officer nor admin) is refused. Only the facade
/// ("service-api") may change the library. Blocking work runs on the worker pool.
class IdentifyService final : public v1::IdentifyService::CallbackService {
 public:
  IdentifyService(core::WorkerPool& pool, ResultStore& results, ReferenceLibrary& library, const Identifier& identifier,
                  std::size_t max_add_spectra)
      : pool_(pool), results_(results), library_(library), identifier_(identifier), max_add_spectra_(max_add_spectra) {}

  grpc::ServerUnaryReactor* GetIdentification(grpc::CallbackServerContext* context,
                                              const v1::GetIdentificationRequest* request,
                                              v1::Identification* response) override;
  grpc::ServerUnaryReactor* ListIdentifications(grpc::CallbackServerContext* context,
                                                const v1::ListIdentificationsRequest* request,
                                                v1::ListIdentificationsResponse* response) override;
  grpc::ServerUnaryReactor* SearchSpectrum(grpc::CallbackServerContext* context,
                                           const v1::SearchSpectrumRequest* request,
                                           v1::SearchSpectrumResponse* response) override;
  grpc::ServerUnaryReactor* IdentifyRefrigerant(grpc::CallbackServerContext* context,
                                                const v1::IdentifyRefrigerantRequest* request,
                                                v1::Identification* response) override;
  grpc::ServerUnaryReactor* ScreenXrf(grpc::CallbackServerContext* context, const v1::ScreenXrfRequest* request,
                                      v1::Identification* response) override;
  grpc::ServerUnaryReactor* AddSpectra(grpc::CallbackServerContext* context, const v1::AddSpectraRequest* request,
                                       v1::AddSpectraResponse* response) override;
  grpc::ServerUnaryReactor* GetLibraryStats(grpc::CallbackServerContext* context,
                                            const v1::GetLibraryStatsRequest* request,
                                            v1::LibraryStats* response) override;

 private:
  core::WorkerPool& pool_;
  ResultStore& results_;
  ReferenceLibrary& library_;
  const Identifier& identifier_;
  std::size_t max_add_spectra_;
};

}  // namespace greenlane::identify
