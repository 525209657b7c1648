#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/appendix.h"
#include "domain/date.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// A name lower-cased with single spaces: partners write "dalbergia  Nigra" too, and every lookup by
/// scientific name (species, quotas) compares these keys.
std::string NormalizedName(std::string_view scientific_name);

/// One change of a taxon's listing: from `from` on it is in `appendix`, or in none when the taxon
/// was deleted from the Appendices (JSON `"appendix": null`).
struct ListingChange {
  Date from;
  std::optional<Appendix> appendix;
};

/// A taxon (species, or a genus written "Genus spp.") with its listing history, oldest change first.
struct Taxon {
  std::string scientific_name;
  std::string common_name;
  std::string kingdom;  ///< "Animalia" or "Plantae"
  std::string group;    ///< e.g. timber, shark, cat: for analysts' filters
  std::vector<ListingChange> listings;
  std::string notes;
};

/// What the Appendices say about a name on a day.
struct ListingOnDate {
  const Taxon* taxon = nullptr;      ///< the record the answer comes from (the genus for a genus listing)
  std::optional<Appendix> appendix;  ///< nullopt: not listed on that day
  std::optional<Date> since;         ///< the day the answer's listing took effect
};

/// Species listings with their history, so that a permit is checked against the appendix in force
/// on its issue date (listings change at each CoP), not today's.
class SpeciesRegistry {
 public:
  /// Reads the species.json shape; an error names the first bad field, e.g. "species[4].listings[0].from".
  static core::Result<SpeciesRegistry> FromJson(const nlohmann::json& document);

  /// The record for exactly this name (case and spacing ignored), or nullptr.
  const Taxon* Find(std::string_view scientific_name) const;

  /// The listing in force on `date`. A species-level listing takes precedence; a species without
  /// one on that day falls under its genus listing ("Dalbergia spp."). nullopt when neither the
  /// species nor its genus is known at all.
  std::optional<ListingOnDate> ListingOn(std::string_view scientific_name, Date date) const;

  std::size_t size() const { return taxa_.size(); }

 private:
  std::map<std::string, Taxon> taxa_;  // keyed by NormalizedName
};

}  // namespace greenlane::cites
