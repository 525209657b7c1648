#include "api/identify_service.h"

#include "api/convert.h"
#include "domain/spectral/library_files.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/status.h"

namespace greenlane::identify {
namespace {

const std::vector<std::string> kServiceCallers = {"service-"};
const std::vector<std::string> kLibraryEditors = {"service-api"};
constexpr std::size_t kMaxTopK = 100;

// Results name species and substances found in consignments: evidence for officers, not for the
// trader whose goods are examined.
grpc::Status MayReadResults(const grpc::CallbackServerContext& context) {
  if (auto status = rpc::RequirePeer(context, kServiceCallers); !status.ok()) return status;
  const auto caller = rpc::CallerOf(context);
  if (caller.HasRole("trader") && !caller.HasRole("officer") && !caller.HasRole("admin")) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "identification results are for officers and laboratories, not for traders");
  }
  return grpc::Status::OK;
}

void ToProto(const Identifier::SpectrumAnswer& answer, const CitesSpeciesTable& cites,
             const spectral::SpectralLibrary& library, v1::SearchSpectrumResponse* out) {
  for (const auto& match : answer.result.matches) {
    const auto info = library.Info(match.id);
    auto* m = out->add_matches();
    m->set_spectrum_number(match.id);
    m->set_name(info.name);
    m->set_species(info.species);
    m->set_source(info.source);
    m->set_score(match.score);
    if (info.precursor_mz) m->set_precursor_mz(*info.precursor_mz);
  }
  auto species = [&](const spectral::SpeciesScore& scored, v1::SpeciesMatch* s) {
    s->set_species(scored.species);
    s->set_score(scored.score);
    s->set_cites_appendix(cites.AppendixOf(scored.species));
  };
  for (const auto& scored : answer.result.species) species(scored, out->add_species());
  out->set_verdict(SpeciesVerdictName(answer.call.verdict));
  if (answer.call.best) species(*answer.call.best, out->mutable_best());
  if (answer.call.runner_up) species(*answer.call.runner_up, out->mutable_runner_up());
  out->set_margin(answer.call.margin);
  out->set_summary(answer.identification.summary);
}

core::Result<std::vector<spectral::ReferenceSpectrum>> SpectraOf(const v1::AddSpectraRequest& request) {
  std::vector<spectral::ReferenceSpectrum> spectra;
  for (int i = 0; i < request.spectra_size(); ++i) {
    auto spectrum = SpectrumFromProto(request.spectra(i), std::string("spectra/") + std::to_string(i));
    if (!spectrum.ok()) return spectrum.error();
    spectra.push_back(std::move(*spectrum));
  }
  for (int i = 0; i < request.texts_size(); ++i) {
    const auto& text = request.texts(i);
    const auto field = std::string("texts/") + std::to_string(i);
    core::Result<std::vector<spectral::ReferenceSpectrum>> parsed = core::Error::Internal("unparsed");
    if (text.format() == "msp") {
      parsed = spectral::ParseMsp(text.content(), text.source());
    } else if (text.format() == "mgf") {
      parsed = spectral::ParseMgf(text.content(), text.source());
    } else {
      return core::Error::InvalidArgument(field + "/format",
                                          std::string("'").append(text.format()).append("' is not msp or mgf"));
    }
    if (!parsed.ok()) {
      auto error = parsed.error();
      error.field = field + "/content " + error.field;
      return error;
    }
    for (auto& spectrum : *parsed) spectra.push_back(std::move(spectrum));
  }
  return spectra;
}

}  // namespace

grpc::ServerUnaryReactor* IdentifyService::GetIdentification(grpc::CallbackServerContext* context,
                                                             const v1::GetIdentificationRequest* request,
                                                             v1::Identification* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = MayReadResults(*context); !status.ok()) return status;
    core::Result<Identification> found = core::Error::InvalidArgument("key", "give result_id or reading_id");
    if (request->has_result_id()) found = results_.GetById(request->result_id());
    if (request->has_reading_id()) found = results_.GetByReading(request->reading_id());
    if (!found.ok()) return rpc::ToGrpcStatus(found.error());
    ToProto(*found, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::ListIdentifications(grpc::CallbackServerContext* context,
                                                               const v1::ListIdentificationsRequest* request,
                                                               v1::ListIdentificationsResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = MayReadResults(*context); !status.ok()) return status;
    const auto page = results_.List({request->declaration(), request->container(), request->kind(),
                                     request->page().page_size(), request->page().page_token()});
    if (!page.ok()) return rpc::ToGrpcStatus(page.error());
    for (const auto& result : page->results) ToProto(result, response->add_identifications());
    response->mutable_page()->set_next_page_token(page->next_page_token);
    response->mutable_page()->set_total_size(-1);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::SearchSpectrum(grpc::CallbackServerContext* context,
                                                          const v1::SearchSpectrumRequest* request,
                                                          v1::SearchSpectrumResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto search = SearchFromProto(*request, kMaxTopK);
    if (!search.ok()) return rpc::ToGrpcStatus(search.error());
    const auto answer = identifier_.SearchSpectrum(search->first, search->second);
    if (!answer.ok()) return rpc::ToGrpcStatus(answer.error());
    ToProto(*answer, identifier_.tables().cites_species, library_.index(), response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::IdentifyRefrigerant(grpc::CallbackServerContext* context,
                                                               const v1::IdentifyRefrigerantRequest* request,
                                                               v1::Identification* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto input = RefrigerantFromProto(*request);
    if (!input.ok()) return rpc::ToGrpcStatus(input.error());
    const auto answer = identifier_.IdentifyRefrigerant(input->reading, input->declared);
    if (!answer.ok()) return rpc::ToGrpcStatus(answer.error());
    ToProto(*answer, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::ScreenXrf(grpc::CallbackServerContext* context,
                                                     const v1::ScreenXrfRequest* request,
                                                     v1::Identification* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto input = XrfFromProto(*request);
    if (!input.ok()) return rpc::ToGrpcStatus(input.error());
    const auto answer = identifier_.ScreenXrf(*input, request->set());
    if (!answer.ok()) return rpc::ToGrpcStatus(answer.error());
    ToProto(*answer, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::AddSpectra(grpc::CallbackServerContext* context,
                                                      const v1::AddSpectraRequest* request,
                                                      v1::AddSpectraResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kLibraryEditors); !status.ok()) return status;
    const auto spectra = SpectraOf(*request);
    if (!spectra.ok()) return rpc::ToGrpcStatus(spectra.error());
    if (spectra->size() > max_add_spectra_) {
      return rpc::ToGrpcStatus(
          core::Error::InvalidArgument("spectra", std::to_string(spectra->size())
                                                      .append(" spectra in one call; send at most ")
                                                      .append(std::to_string(max_add_spectra_))
                                                      .append(" per call, cutting files at record boundaries")));
    }
    const auto caller = rpc::CallerOf(*context);
    const auto actor = request->audit().actor().empty() ? caller.AuditName() : request->audit().actor();
    const auto added =
        library_.Add(*spectra, actor,
                     request->audit().request_id().empty() ? log::CurrentRequestId() : request->audit().request_id());
    if (!added.ok()) return rpc::ToGrpcStatus(added.error());
    const auto stats = library_.GetStats();
    response->set_added(static_cast<std::int32_t>(*added));
    response->set_library_spectra(static_cast<std::int64_t>(stats.footprint.spectra));
    response->set_library_species(stats.species);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IdentifyService::GetLibraryStats(grpc::CallbackServerContext* context,
                                                           const v1::GetLibraryStatsRequest*,
                                                           v1::LibraryStats* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto stats = library_.GetStats();
    response->set_spectra(static_cast<std::int64_t>(stats.footprint.spectra));
    response->set_species(stats.species);
    response->set_peaks(static_cast<std::int64_t>(stats.footprint.peaks));
    response->set_segments(static_cast<std::int64_t>(stats.footprint.segments));
    response->set_index_bytes(static_cast<std::int64_t>(stats.footprint.index_bytes));
    response->set_catalog_bytes(static_cast<std::int64_t>(stats.footprint.catalog_bytes));
    return grpc::Status::OK;
  });
}

}  // namespace greenlane::identify
