#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "domain/spectral/library.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/spectra_store.h"

namespace greenlane::identify {

/// The in-memory spectral index and its durable copy kept together: spectra are persisted and
/// indexed in one step, and the index is rebuilt from PostgreSQL at start-up.
class ReferenceLibrary {
 public:
  ReferenceLibrary(pg::Pool& pool, security::AuditLog& audit, const core::Clock& clock,
                   spectral::LibraryOptions options = {});

  /// Indexes every stored spectrum, `batch` at a time, then compacts. A batch the index refuses
  /// (cleaning settings changed since the spectra were added) is indexed spectrum by spectrum and
  /// the refused ones are logged and skipped. Returns how many spectra are searchable.
  std::size_t Load(std::size_t batch);

  /// Adds `spectra` all or none: stored, audited and indexed in one transaction, searchable when
  /// this returns. Errors name the spectrum and rule (from the index's validation).
  core::Result<std::size_t> Add(const std::vector<spectral::ReferenceSpectrum>& spectra, const std::string& actor,
                                const std::string& request_id);

  struct Stats {
    spectral::LibraryFootprint footprint;
    std::int64_t species = 0;
  };
  Stats GetStats();

  const spectral::SpectralLibrary& index() const { return index_; }

 private:
  pg::Pool& pool_;
  security::AuditLog& audit_;
  const core::Clock& clock_;
  SpectraStore store_;
  spectral::SpectralLibrary index_;
  // Adds are serialised so the index's order of spectra is the order they were committed in.
  std::mutex add_mutex_;
};

}  // namespace greenlane::identify
