#include "api/cites_listings.h"

#include "api/call_answer.h"

namespace greenlane::risk {

CitesSpeciesListings::CitesSpeciesListings(const std::shared_ptr<grpc::Channel>& channel, std::size_t max_cached)
    : stub_(v1::CitesService::NewStub(channel)), max_cached_(max_cached) {}

ListingAnswer CitesSpeciesListings::AppendixOf(const std::string& scientific_name, core::TimePoint on,
                                               core::TimePoint deadline) {
  const auto date = core::FormatRfc3339(on).substr(0, 10);
  const auto key = date + " " + scientific_name;
  {
    std::lock_guard lock(mutex_);
    if (const auto found = cache_.find(key); found != cache_.end()) return {found->second, ""};
  }
  v1::GetSpeciesRequest request;
  request.set_scientific_name(scientific_name);
  request.set_date(date);
  grpc::ClientContext context;
  context.set_deadline(deadline);
  v1::CitesTaxon taxon;
  const auto status = stub_->GetSpecies(&context, request, &taxon);
  std::string appendix;
  if (status.ok()) {
    appendix = taxon.appendix_on_date();
  } else if (status.error_code() != grpc::StatusCode::NOT_FOUND) {  // NOT_FOUND: in no appendix
    return {std::nullopt, NoAnswerDetail("cites", status)};
  }
  std::lock_guard lock(mutex_);
  // A bound, not an eviction policy: the species customs sees are few; the bound only stops an
  // endless stream of invented names from growing the cache forever.
  if (cache_.size() >= max_cached_) cache_.clear();
  cache_.emplace(key, appendix);
  return {appendix, ""};
}

}  // namespace greenlane::risk
