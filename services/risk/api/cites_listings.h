#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "domain/document_checks.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::risk {

/// The CITES appendix of a species on a day, from greenlane-cites' GetSpecies. Answers (including
/// "not listed") are cached per name and day: listings change a few times a year, and a species
/// seen once is usually declared again, so most assessments make no call at all, and are answered
/// before AppendixOf returns. Failed calls are not cached. Thread-safe.
class CitesSpeciesListings final : public SpeciesListings {
 public:
  explicit CitesSpeciesListings(const std::shared_ptr<grpc::Channel>& channel, std::size_t max_cached = 100000);
  void AppendixOf(const std::string& scientific_name, core::TimePoint on, core::TimePoint deadline,
                  ListingAnswered answered) override;

 private:
  /// "YYYY-MM-DD name" -> appendix. Shared with the calls in flight, which may answer after the
  /// listings are gone.
  class Cache {
   public:
    explicit Cache(std::size_t max_entries) : max_entries_(max_entries) {}
    std::optional<std::string> Find(const std::string& key);
    void Remember(const std::string& key, const std::string& appendix);

   private:
    std::size_t max_entries_;
    std::mutex mutex_;
    std::map<std::string, std::string, std::less<>> entries_;
  };

  std::unique_ptr<v1::CitesService::Stub> stub_;
  std::shared_ptr<Cache> cache_;
};

}  // namespace greenlane::risk
