#include "api/cites_listings.h"

#include "api/async_call.h"
#include "api/call_answer.h"

namespace greenlane::risk {

CitesSpeciesListings::CitesSpeciesListings(const std::shared_ptr<grpc::Channel>& channel, std::size_t max_cached)
    : stub_(v1::CitesService::NewStub(channel)), cache_(std::make_shared<Cache>(max_cached)) {}

void CitesSpeciesListings::AppendixOf(const std::string& scientific_name, core::TimePoint on, core::TimePoint deadline,
                                      ListingAnswered answered) {
  const auto date = core::FormatRfc3339(on).substr(0, 10);
  auto key = date + " " + scientific_name;
  if (auto appendix = cache_->Find(key)) return answered({std::move(appendix), ""});
  v1::GetSpeciesRequest request;
  request.set_scientific_name(scientific_name);
  request.set_date(date);
  CallAsync<v1::GetSpeciesRequest, v1::CitesTaxon>(
      [this](auto* context, auto* q, auto* r, auto done) {
        stub_->async()->GetSpecies(context, q, r, std::move(done));
      },
      std::move(request), deadline,
      [cache = cache_, key = std::move(key), answered](const grpc::Status& status, const v1::CitesTaxon& taxon) {
        if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {  // NOT_FOUND: in no appendix
          return answered({std::nullopt, NoAnswerDetail("cites", status)});
        }
        const auto appendix = status.ok() ? taxon.appendix_on_date() : std::string();
        cache->Remember(key, appendix);
        answered({appendix, ""});
      },
      UnreadableListingAnswer("cites", answered));
}

std::optional<std::string> CitesSpeciesListings::Cache::Find(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

void CitesSpeciesListings::Cache::Remember(const std::string& key, const std::string& appendix) {
  std::lock_guard lock(mutex_);
  // A bound, not an eviction policy: the species customs sees are few; the bound only stops an
  // endless stream of invented names from growing the cache forever.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.emplace(key, appendix);
}

}  // namespace greenlane::risk
