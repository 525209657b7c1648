#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/species.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// One accepted taxon concept of a Species+ API page (GET /api/v1/taxon_concepts), reduced to what
/// the listings need.
struct SpeciesPlusTaxon {
  std::string scientific_name;  ///< full_name; a genus becomes "Genus spp." as in species.json
  std::string common_name;      ///< the first English common name
  std::string kingdom;          ///< higher_taxa.kingdom
  /// The current listing: the most restrictive appendix of cites_listings (a split listing such as
  /// "I/II" protects the listed populations most strictly), nullopt when inactive or not listed.
  std::optional<Appendix> appendix;
  Date effective;              ///< effective_at of that listing, or the day of updated_at when deleted
  core::TimePoint updated_at;  ///< what the next incremental import compares with
};

struct SpeciesPlusPage {
  std::vector<SpeciesPlusTaxon> taxa;
  int skipped = 0;        ///< synonyms, ranks other than species and genus, kingdoms CITES does not list
  int total_entries = 0;  ///< pagination.total_entries, 0 when absent
};

/// Reads one page {"pagination": {...}, "taxon_concepts": [...]}; an error names the first bad
/// field, e.g. "taxon_concepts[3].updated_at".
core::Result<SpeciesPlusPage> ParseSpeciesPlusPage(const nlohmann::json& page);

/// `existing` (nullptr for a new taxon) after the update: names and kingdom from Species+, and the
/// listing history with the new listing from its effective day (changes on or after that day are
/// superseded). nullopt when the listing in force is the same, so nothing needs writing.
std::optional<Taxon> MergeSpeciesPlus(const Taxon* existing, const SpeciesPlusTaxon& update);

}  // namespace greenlane::cites
