#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/species.h"
#include "domain/species_plus.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/sql_values.h"

namespace greenlane::cites {

struct SpeciesImportCounts {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
  int skipped = 0;
  std::string updated_since;  ///< RFC 3339, "" before the first import
};

/// Species listings (cites.taxa): seeded from the project's species.json, updated from Species+.
class SpeciesStore {
 public:
  SpeciesStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
      : pool_(pool), audit_(audit), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Adds every taxon of `species_json` (the species.json shape) not stored yet; stored taxa keep
  /// what imports made of them. Throws core::GreenlaneException when the document is invalid.
  void Seed(const nlohmann::json& species_json);

  /// The stored listings as a registry for validation.
  SpeciesRegistry Load();

  /// Applies one Species+ page fetched with `updated_since`: taxa not updated since then count as
  /// unchanged, and so do taxa whose listing and names are what is stored (so re-importing a file
  /// changes nothing). Keeps the newest updated_at seen as the next fetch's updated_since. Audited
  /// as species.imported with the counts.
  core::Result<SpeciesImportCounts> Import(const SpeciesPlusPage& page, std::optional<core::TimePoint> updated_since,
                                           const Actor& actor);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace greenlane::cites
