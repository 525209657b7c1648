#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/spectral/cleaning.h"
#include "domain/spectral/segment.h"
#include "domain/spectral/spectrum.h"
#include "greenlane/core/error.h"

namespace greenlane::identify::spectral {

/// Library-wide number of a reference spectrum, in the order spectra were added.
using SpectrumId = std::uint32_t;

struct LibraryOptions {
  /// Cleaning applied to reference and query spectra alike; its tolerance is the fragment match tolerance.
  CleaningOptions cleaning;
  /// Added spectra go to a live delta segment, rebuilt on each Add (cost proportional to the
  /// delta, never to the library) and sealed as a segment of its own when it holds this many.
  std::size_t delta_spectra = std::size_t{1} << 16;
  /// Compact merges segments up to this many spectra (at most kMaxSegmentSpectra). Each segment
  /// costs every query a directory lookup per m/z bucket, so fewer, larger segments search faster.
  std::size_t segment_spectra = kMaxSegmentSpectra;
};

enum class SearchMode : std::uint8_t {
  kOpen,      ///< every library spectrum is a candidate
  kIdentity,  ///< only library spectra whose precursor is within precursor_tolerance of the query's
};

struct SearchOptions {
  SearchMode mode = SearchMode::kOpen;
  double precursor_tolerance = 0.01;  ///< Da, identity search only
  std::size_t top_k = 10;             ///< best-scoring spectra to return
  std::size_t top_species = 5;        ///< best-scoring species to return
};

struct Match {
  SpectrumId id = 0;
  double score = 0;  ///< entropy similarity in [0, 1]
};

/// The best score any spectrum of a species reached.
struct SpeciesScore {
  std::string species;
  double score = 0;
  SpectrumId best_match = 0;
};

/// Matches best first (ties: lower id first); species best first. Only spectra sharing at least
/// one peak with the query appear.
struct SearchResult {
  std::vector<Match> matches;
  std::vector<SpeciesScore> species;
};

/// What the library keeps about a reference spectrum besides its peaks.
struct ReferenceInfo {
  std::string name;
  std::string species;
  std::string source;
  Polarity polarity = Polarity::kUnknown;
  std::optional<double> precursor_mz;
};

/// Bytes and counts of the index, for capacity planning and the benchmark.
struct LibraryFootprint {
  std::size_t spectra = 0;
  std::size_t peaks = 0;
  std::size_t segments = 0;
  std::size_t index_bytes = 0;    ///< peak index and its directory, precursors, ids, species
  std::size_t catalog_bytes = 0;  ///< names, sources and other descriptive data (approximate)
};

/// Scratch space of one searching thread; reuse it across searches to avoid allocation.
class SearchScratch {
 public:
  SearchScratch() = default;

 private:
  friend class SpectralLibrary;
  struct SpeciesBest {
    std::uint32_t species;
    Match best;
  };
  Accumulator accumulator_;
  std::vector<Match> kept_;           // heap whose front is the worst match kept
  std::vector<SpeciesBest> species_;  // best first, at most top_species
};

/// A searchable reference library: entropy similarity through a compact inverted peak index.
///
/// Thread-safe: any number of threads may search (each with its own SearchScratch) while others
/// add spectra; a search sees the library as it was when it began.
class SpectralLibrary {
 public:
  explicit SpectralLibrary(LibraryOptions options = {});
  ~SpectralLibrary();
  SpectralLibrary(const SpectralLibrary&) = delete;
  SpectralLibrary& operator=(const SpectralLibrary&) = delete;

  /// Cleans, weights and indexes `spectra`; they are searchable when this returns. All or none:
  /// a spectrum without species, with a bad precursor, an m/z beyond kMaxLibraryMz or no peak
  /// left after cleaning rejects the whole batch, naming the spectrum and the rule.
  core::Result<std::vector<SpectrumId>> Add(std::span<const ReferenceSpectrum> spectra);

  /// Seals the delta and merges segments into as few as segment_spectra allows, without
  /// re-cleaning anything; searches and adds go on meanwhile and see the merged segments when done.
  void Compact();

  /// Scores `query` against the library. Identity search needs the query's precursor m/z.
  core::Result<SearchResult> Search(const QuerySpectrum& query, const SearchOptions& options,
                                    SearchScratch& scratch) const;

  std::size_t Size() const;
  const LibraryOptions& Options() const { return options_; }
  /// Descriptive data of spectrum `id` (which must be below Size()).
  ReferenceInfo Info(SpectrumId id) const;
  /// The peaks the index compares against for spectrum `id`: the prepared spectrum on the
  /// library's fixed-point grid. Slow (scans its segment); for display and verification.
  std::vector<Peak> StoredPeaks(SpectrumId id) const;
  LibraryFootprint Footprint() const;

 private:
  struct State;
  /// Interned strings (species, sources): a number per distinct string.
  class Strings {
   public:
    std::uint32_t Number(const std::string& text);
    const std::string& Text(std::uint32_t number) const { return texts_[number]; }
    std::size_t Size() const { return texts_.size(); }
    std::size_t Bytes() const;

   private:
    std::vector<std::string> texts_;
    std::map<std::string, std::uint32_t, std::less<>> numbers_;
  };
  /// Descriptive data kept compact: a library may hold millions of spectra.
  struct CatalogEntry {
    std::uint64_t name_begin;  ///< into names_
    std::uint32_t name_size;
    std::uint32_t species;
    std::uint32_t source;
    Polarity polarity;
    double precursor_mz;  ///< NaN when unknown
  };

  std::shared_ptr<const State> Snapshot() const;

  LibraryOptions options_;
  std::mutex compact_mutex_;  // one compaction at a time
  mutable std::mutex mutex_;  // guards everything below
  std::shared_ptr<const State> state_;
  SegmentBuilder delta_builder_;
  std::vector<CatalogEntry> catalog_;
  std::string names_;
  Strings species_;
  Strings sources_;
};

}  // namespace greenlane::identify::spectral
