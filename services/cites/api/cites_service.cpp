#include "api/cites_service.h"

#include "api/convert.h"
#include "domain/annual_report.h"
#include "domain/exchange_message.h"
#include "domain/mirror_report.h"
#include "domain/permit_json.h"
#include "domain/presentation.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/answer_each.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/status.h"

namespace greenlane::cites {
namespace {

// Other Greenlane services only: the facade relays officers, traders, the single window and partners.
const std::vector<std::string> kServiceCallers = {"service-"};

Actor ActorOf(const grpc::ServerContextBase& context, const v1::AuditInfo& audit) {
  const rpc::Caller caller = rpc::CallerOf(context);
  return {caller.AuditName(), audit.request_id().empty() ? log::CurrentRequestId() : audit.request_id()};
}

// A trader relayed by the facade sees only its own permits; officers and admins see all.
std::string ScopedApplicant(const grpc::ServerContextBase& context) {
  const rpc::Caller caller = rpc::CallerOf(context);
  if (caller.HasRole("trader") && !caller.HasRole("officer") && !caller.HasRole("admin")) return caller.actor;
  return "";
}

grpc::Status Failed(const core::Error& error) { return rpc::ToGrpcStatus(error); }

Date Today(const core::Clock& clock) { return std::chrono::floor<std::chrono::days>(clock.Now()); }

}  // namespace

grpc::ServerUnaryReactor* CitesService::Run(Context* context, std::function<grpc::Status()> work) {
  return rpc::Offload(context, p_.workers, [context, work = std::move(work)] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    return work();
  });
}

grpc::Status CitesService::Answer(const core::Result<StoredPermit>& permit, v1::CitesPermit* response) {
  if (!permit.ok()) return Failed(permit.error());
  p_.cache.Put(*permit);  // every change answers here: Verify sees it at once
  ToProto(*permit, true, response);
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* CitesService::CreateDraft(Context* context, const v1::CreateDraftRequest* request,
                                                    v1::CitesPermit* response) {
  return Run(context, [=, this] {
    auto permit = FromProto(request->permit());
    if (!permit.ok()) return Failed(permit.error());
    const std::string scoped = ScopedApplicant(*context);
    const std::string applicant = scoped.empty() ? request->permit().applicant() : scoped;
    return Answer(p_.permits.CreateDraft(std::move(*permit), applicant, ActorOf(*context, request->audit())), response);
  });
}

grpc::ServerUnaryReactor* CitesService::Validate(Context* context, const v1::ValidateRequest* request,
                                                 v1::ValidateResponse* response) {
  return Run(context, [=, this] {
    Permit permit;
    if (!request->number().empty()) {
      auto stored = p_.permits.Get(request->number());
      if (!stored.ok()) return Failed(stored.error());
      permit = stored->record.permit;
    } else {
      auto parsed = FromProto(request->permit());
      if (!parsed.ok()) return Failed(parsed.error());
      permit = std::move(*parsed);
    }
    const Problems problems = p_.permits.Validate(permit);
    response->set_valid(problems.empty());
    for (const Problem& problem : problems) ToProto(problem, response->add_problems());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::Issue(Context* context, const v1::PermitAction* request,
                                              v1::CitesPermit* response) {
  return Run(context, [=, this] {
    return Answer(p_.permits.Issue(request->number(), ActorOf(*context, request->audit())), response);
  });
}

grpc::ServerUnaryReactor* CitesService::Endorse(Context* context, const v1::EndorseRequest* request,
                                                v1::CitesPermit* response) {
  return Run(context, [=, this] {
    auto endorsement = FromProto(*request);
    if (!endorsement.ok()) return Failed(endorsement.error());
    return Answer(p_.permits.Endorse(request->number(), *endorsement, ActorOf(*context, request->audit())), response);
  });
}

grpc::ServerUnaryReactor* CitesService::RecordImportUse(Context* context, const v1::RecordImportUseRequest* request,
                                                        v1::CitesPermit* response) {
  return Run(context, [=, this] {
    auto import = FromProto(*request);
    if (!import.ok()) return Failed(import.error());
    return Answer(p_.permits.RecordImportUse(request->number(), *import, ActorOf(*context, request->audit())),
                  response);
  });
}

grpc::ServerUnaryReactor* CitesService::Cancel(Context* context, const v1::PermitAction* request,
                                               v1::CitesPermit* response) {
  return Run(context, [=, this] {
    return Answer(p_.permits.Cancel(request->number(), request->audit().reason(), ActorOf(*context, request->audit())),
                  response);
  });
}

grpc::ServerUnaryReactor* CitesService::Revoke(Context* context, const v1::PermitAction* request,
                                               v1::CitesPermit* response) {
  return Run(context, [=, this] {
    return Answer(p_.permits.Revoke(request->number(), request->audit().reason(), ActorOf(*context, request->audit())),
                  response);
  });
}

grpc::ServerUnaryReactor* CitesService::Replace(Context* context, const v1::ReplaceRequest* request,
                                                v1::CitesPermit* response) {
  return Run(context, [=, this] {
    return Answer(
        p_.permits.Replace(request->number(), request->replacement_number(), ActorOf(*context, request->audit())),
        response);
  });
}

grpc::ServerUnaryReactor* CitesService::GetPermit(Context* context, const v1::GetPermitRequest* request,
                                                  v1::CitesPermit* response) {
  return Run(context, [=, this] {
    auto stored = p_.permits.Get(request->number());
    const std::string scoped = ScopedApplicant(*context);
    // Another trader's permit answers as absent, so numbers cannot be probed.
    if (stored.ok() && !scoped.empty() && stored->applicant != scoped) {
      return Failed(core::Error::NotFound("no permit numbered '" + request->number() + "'"));
    }
    return Answer(stored, response);
  });
}

grpc::ServerUnaryReactor* CitesService::ListPermits(Context* context, const v1::ListPermitsRequest* request,
                                                    v1::ListPermitsResponse* response) {
  return Run(context, [=, this] {
    const auto page =
        p_.permits.List({request->state(), request->type(), request->exporter_country(), request->importer_country(),
                         ScopedApplicant(*context), request->page().page_size(), request->page().page_token()});
    if (!page.ok()) return Failed(page.error());
    for (const auto& permit : page->permits) ToProto(permit, true, response->add_permits());
    response->mutable_page()->set_next_page_token(page->next_page_token);
    response->mutable_page()->set_total_size(-1);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::Verify(Context* context, const v1::VerifyRequest* request,
                                               v1::VerifyResponse* response) {
  return Run(context, [=, this] { return VerifyOne(*request, response); });
}

grpc::ServerUnaryReactor* CitesService::VerifyMany(Context* context, const v1::VerifyManyRequest* request,
                                                   v1::VerifyManyResponse* response) {
  return Run(context, [=, this] {
    return rpc::AsGrpcStatus(rpc::AnswerEach(
        request->requests(), response->mutable_answers(),
        [this](const v1::VerifyRequest& one, v1::VerifyResponse* answer) { return VerifyOne(one, answer); }));
  });
}

grpc::Status CitesService::VerifyOne(const v1::VerifyRequest& request, v1::VerifyResponse* response) {
  const auto refuse = [&](const std::string& field, const std::string& rule, const std::string& message) {
    response->set_valid(false);
    ToProto(Problem{field, rule, message}, response->add_reasons());
    return grpc::Status::OK;
  };
  std::string number = request.number();
  if (!request.token().empty()) {
    auto named = p_.signer.VerifiedNumber(request.token());
    if (!named.ok()) return refuse("token", "verify.signature", named.error().message);
    number = *named;
  }
  if (number.empty()) return Failed(core::Error::InvalidArgument("number", "give a permit number or a token"));
  PresentedGoods goods{request.scientific_name(), std::nullopt, request.unit()};
  if (!request.quantity().empty()) {
    auto quantity = Quantity::Parse(request.quantity(), "quantity");
    if (!quantity.ok()) return Failed(quantity.error());
    goods.quantity = *quantity;
  }
  response->set_number(number);
  auto stored = p_.cache.Find(number);
  if (!stored) {
    auto read = p_.permits.Get(number);
    if (!read.ok()) return refuse("number", "verify.unknown", "no permit numbered '" + number + "' was issued here");
    p_.cache.Put(*read);
    stored = std::make_shared<const StoredPermit>(std::move(*read));
  }
  response->set_state(std::string(ToString(stored->record.state)));
  ToProto(*stored, false, response->mutable_permit());
  Problems reasons = CheckPresentation(stored->record, Today(p_.clock), goods);
  if (!request.token().empty() && request.token() != stored->token) {
    reasons.push_back({"token", "verify.token_superseded", "the token is not the one " + number + " carries now"});
  }
  response->set_valid(reasons.empty());
  for (const Problem& reason : reasons) ToProto(reason, response->add_reasons());
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* CitesService::SetQuota(Context* context, const v1::SetQuotaRequest* request,
                                                 v1::CitesQuota* response) {
  return Run(context, [=, this] {
    const auto& quota = request->quota();
    auto quantity = Quantity::Parse(quota.quantity(), "quota.quantity");
    if (!quantity.ok()) return Failed(quantity.error());
    auto row = p_.quotas.Set({quota.scientific_name(), quota.country(), quota.year()}, *quantity, quota.unit(),
                             ActorOf(*context, request->audit()));
    if (!row.ok()) return Failed(row.error());
    ToProto(*row, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::ListQuotas(Context* context, const v1::ListQuotasRequest* request,
                                                   v1::ListQuotasResponse* response) {
  return Run(context, [=, this] {
    for (const auto& row : p_.quotas.List(request->country(), request->year())) ToProto(row, response->add_quotas());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::ImportSpecies(Context* context, const v1::ImportSpeciesRequest* request,
                                                      v1::ImportSpeciesResponse* response) {
  return Run(context, [=, this] {
    const auto json = nlohmann::json::parse(request->page_json(), nullptr, false);
    if (json.is_discarded()) return Failed(core::Error::InvalidArgument("page_json", "is not JSON"));
    auto page = ParseSpeciesPlusPage(json);
    if (!page.ok()) return Failed(page.error());
    std::optional<core::TimePoint> since;
    if (!request->updated_since().empty()) {
      since = core::ParseRfc3339(request->updated_since());
      if (!since) return Failed(core::Error::InvalidArgument("updated_since", "is not an RFC 3339 time"));
    }
    auto counts = p_.species.Import(*page, since, ActorOf(*context, request->audit()));
    if (!counts.ok()) return Failed(counts.error());
    if (counts->inserted + counts->updated > 0) p_.reference.ReplaceSpecies(p_.species.Load());
    response->set_inserted(counts->inserted);
    response->set_updated(counts->updated);
    response->set_unchanged(counts->unchanged);
    response->set_skipped(counts->skipped);
    response->set_updated_since(counts->updated_since);
    response->set_total_entries(page->total_entries);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::GetSpecies(Context* context, const v1::GetSpeciesRequest* request,
                                                   v1::CitesTaxon* response) {
  return Run(context, [=, this] {
    Date date = Today(p_.clock);
    if (!request->date().empty()) {
      const auto parsed = ParseDate(request->date());
      if (!parsed) return Failed(core::Error::InvalidArgument("date", "'" + request->date() + "' is not YYYY-MM-DD"));
      date = *parsed;
    }
    const auto species = p_.reference.species();
    const auto listing = species->ListingOn(request->scientific_name(), date);
    if (!listing || listing->taxon == nullptr) {
      return Failed(core::Error::NotFound("'" + request->scientific_name() + "' is not in the species listings"));
    }
    const Taxon& taxon = *listing->taxon;
    response->set_scientific_name(taxon.scientific_name);
    response->set_common_name(taxon.common_name);
    response->set_kingdom(taxon.kingdom);
    response->set_group(taxon.group);
    for (const ListingChange& change : taxon.listings) {
      auto* out = response->add_listings();
      out->set_from(FormatDate(change.from));
      if (change.appendix) out->set_appendix(std::string(ToString(*change.appendix)));
    }
    if (listing->appendix) response->set_appendix_on_date(std::string(ToString(*listing->appendix)));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::UpsertPartner(Context* context, const v1::UpsertPartnerRequest* request,
                                                      v1::CitesPartner* response) {
  return Run(context, [=, this] {
    auto partner = p_.partners.Upsert(FromProto(request->partner()), ActorOf(*context, request->audit()));
    if (!partner.ok()) return Failed(partner.error());
    ToProto(*partner, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::ListPartners(Context* context, const v1::ListPartnersRequest*,
                                                     v1::ListPartnersResponse* response) {
  return Run(context, [=, this] {
    for (const auto& partner : p_.partners.List()) ToProto(partner, response->add_partners());
    return grpc::Status::OK;
  });
}

core::Result<nlohmann::json> CitesService::Dispatch(const AcceptedMessage& message, const v1::PartnerMessage& request) {
  const nlohmann::json& body = message.body;
  if (request.operation() == kOpDeliverPermit) {
    if (auto status = p_.partners.StoreReceived(message, request.message_id()); !status.ok()) return status.error();
    return nlohmann::json{{"received", true}};
  }
  const std::string number = body.value("number", "");
  auto stored = p_.permits.Get(number);
  const auto own_trade = [&](const StoredPermit& permit) {
    const Permit& p = permit.record.permit;
    return p.importer.country == message.partner.country || p.exporter.country == message.partner.country;
  };
  // Only its own trade: any other permit answers as absent.
  if (!stored.ok() || !own_trade(*stored) || stored->record.state == PermitState::kDraft) {
    return core::Error::NotFound("no permit numbered '" + number + "' for " + message.partner.country);
  }
  if (request.operation() == kOpConfirmQuantities) {
    auto import = ImportRecordFromJson(nlohmann::json{{"date", body.value("date", "")},
                                                      {"country", message.partner.country},
                                                      {"port", body.value("port", "")},
                                                      {"quantities", body.value("quantities", nlohmann::json())}});
    if (!import.ok()) return import.error();
    stored = p_.permits.RecordImportUse(number, *import, {message.partner.client_cn, log::CurrentRequestId()});
    if (!stored.ok()) return stored.error();
    p_.cache.Put(*stored);
  }
  return nlohmann::json{{"permit", PermitToJson(stored->record.permit)},
                        {"state", ToString(stored->record.state)},
                        {"token", stored->token}};
}

grpc::ServerUnaryReactor* CitesService::ReceivePartnerMessage(Context* context, const v1::PartnerMessage* request,
                                                              v1::PartnerMessageResponse* response) {
  return Run(context, [=, this] {
    auto accepted = p_.partners.Accept({request->client_cn(), request->message_id(), request->timestamp(),
                                        request->operation(), request->body(), request->signature()});
    if (!accepted.ok()) return Failed(accepted.error());
    auto answer = Dispatch(*accepted, *request);
    if (!answer.ok()) return Failed(answer.error());
    response->set_partner_country(accepted->partner.country);
    response->set_body_json(answer->dump());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::ListDeliveries(Context* context, const v1::ListDeliveriesRequest* request,
                                                       v1::ListDeliveriesResponse* response) {
  return Run(context, [=, this] {
    const int size = request->page().page_size() <= 0 ? 50 : std::min(request->page().page_size(), 500);
    for (const auto& delivery : p_.deliveries.List(request->state(), size)) {
      ToProto(delivery, response->add_deliveries());
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::AnnualReport(Context* context, const v1::AnnualReportRequest* request,
                                                     v1::AnnualReportResponse* response) {
  return Run(context, [=, this] {
    const auto rows = AnnualReportRows(p_.permits.TradedIn(request->year()), request->year(), p_.reference.codes());
    response->set_csv(AnnualReportCsv(rows));
    response->set_rows(static_cast<int>(rows.size()));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* CitesService::MirrorReport(Context* context, const v1::MirrorReportRequest* request,
                                                     v1::MirrorReportResponse* response) {
  return Run(context, [=, this] {
    const auto records = p_.permits.TradedIn(request->year());
    for (const auto& line : CompareMirror(EndorsedQuantities(records), ImportedQuantities(records))) {
      ToProto(line, response->add_lines());
    }
    return grpc::Status::OK;
  });
}

}  // namespace greenlane::cites
