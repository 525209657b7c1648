#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "domain/document_checks.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::risk {

/// The CITES appendix of a species on a day, from greenlane-cites' GetSpecies. Answers (including
/// "not listed") are cached per name and day: listings change a few times a year, and a species
/// seen once is usually declared again, so most assessments make no call at all. Failed calls are
/// not cached. Thread-safe.
class CitesSpeciesListings final : public SpeciesListings {
 public:
  explicit CitesSpeciesListings(const std::shared_ptr<grpc::Channel>& channel, std::size_t max_cached = 100000);
  ListingAnswer AppendixOf(const std::string& scientific_name, core::TimePoint on, core::TimePoint deadline) override;

 private:
  std::unique_ptr<v1::CitesService::Stub> stub_;
  std::size_t max_cached_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> cache_;  ///< "YYYY-MM-DD name" -> appendix
};

}  // namespace greenlane::risk
