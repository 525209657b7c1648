#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "domain/spectral/spectrum.h"

namespace greenlane::identify::spectral {

/// Library m/z values are kept on a grid of 2⁻²⁰ Da (about 1e-6 Da, far below any instrument's
/// accuracy), which lets a peak's m/z live in its bucket number plus 12 bits.
inline constexpr int kMzUnitBits = 20;
/// Peaks are bucketed by m/z in 2⁻⁸ Da (3.9 mDa) slices: a ±0.02 Da window spans about 11
/// buckets, and only the two at its ends need a per-peak m/z check.
inline constexpr int kBucketShift = 12;
/// A segment numbers its spectra in 20 bits.
inline constexpr std::size_t kMaxSegmentSpectra = std::size_t{1} << (32 - kBucketShift);
/// Highest storable m/z: the fixed-point m/z must fit in 32 bits.
inline constexpr double kMaxLibraryMz = 4096.0;

/// One query peak prepared for scoring against any segment.
struct QueryPeak {
  std::uint32_t low_units = 0;   ///< first m/z unit within tolerance
  std::uint32_t high_units = 0;  ///< last m/z unit within tolerance
  double intensity = 0;
  double xlog2x = 0;  ///< intensity·log₂(intensity), the f(a) of the similarity
};

/// Turns a prepared query (peaks sorted, summing to 1) into scoring windows for `tolerance`.
std::vector<QueryPeak> MakeQueryPeaks(std::span<const Peak> prepared, double tolerance);

/// Per-thread running scores of one segment's spectra, in ½-less form; `touched` lists the
/// spectra with a non-zero score so that clearing costs only what a query touched.
struct Accumulator {
  std::vector<double> sums;
  std::vector<std::uint32_t> touched;
};

/// An immutable inverted index over the peaks of at most kMaxSegmentSpectra spectra.
///
/// Spectra are numbered in precursor order, so an identity search's precursor window is one
/// contiguous range of local numbers. Every peak sits in one array sorted by (m/z bucket, local
/// number) and costs 6 bytes: 4 for local number and m/z within its bucket, 2 for its intensity
/// as a 16-bit level of the spectrum's highest peak (intensity = level × the spectrum's scale,
/// with the scale chosen so that the stored intensities sum to 1).
class Segment {
 public:
  Segment() = default;

  std::size_t Size() const { return global_ids_.size(); }
  std::size_t PeakCount() const { return keys_.size(); }
  /// Bytes held by the index arrays.
  std::size_t MemoryBytes() const;

  std::uint32_t GlobalId(std::uint32_t local) const { return global_ids_[local]; }
  std::uint32_t Species(std::uint32_t local) const { return species_[local]; }
  /// Starts loading what reading spectrum `local`'s result costs (its id, species and sum in
  /// `acc`): touched spectra are scattered, so their results are read at random.
  void PrefetchResult(std::uint32_t local, const Accumulator& acc) const {
    __builtin_prefetch(acc.sums.data() + local, 1);
    __builtin_prefetch(global_ids_.data() + local);
    __builtin_prefetch(species_.data() + local);
  }
  /// The local number of a library-wide id, if this segment holds it (linear scan).
  std::optional<std::uint32_t> LocalOf(std::uint32_t global_id) const;
  /// The spectrum exactly as the index scores it: decoded m/z and intensities (scans all peaks).
  std::vector<Peak> StoredPeaks(std::uint32_t local) const;
  /// Adds every spectrum of this segment to `builder` in its stored encoding, so that segments
  /// merge without re-cleaning or re-quantising anything. One pass over the peaks.
  void ExportTo(class SegmentBuilder& builder) const;

  /// Adds Σ over matched pairs of f(a+b) − f(a) − f(b) to `acc` for every spectrum in the segment.
  void ScoreOpen(std::span<const QueryPeak> query, Accumulator& acc) const;
  /// As ScoreOpen, restricted to spectra whose precursor lies in [low, high].
  void ScoreIdentity(std::span<const QueryPeak> query, double precursor_low, double precursor_high,
                     Accumulator& acc) const;

 private:
  friend class SegmentBuilder;
  struct Scale {
    double scale;       ///< intensity of one level
    double log2_scale;  ///< log₂(scale), so that b·log₂b costs no logarithm
  };

  void AddPair(std::uint32_t key, std::uint16_t level, const QueryPeak& q, Accumulator& acc) const;
  /// Pairs land on random spectra, so their running score and scale miss the cache; asking for
  /// them this many peaks ahead lets those misses overlap instead of stalling one after another.
  static constexpr std::size_t kPrefetchDistance = 16;
  void Prefetch(std::uint32_t key, Accumulator& acc) const;
  /// Scores index peaks [begin, end) of `bucket`, prefetching for peaks up to `prefetch_end`.
  void ScoreRange(std::size_t begin, std::size_t end, std::size_t prefetch_end, std::uint32_t bucket,
                  const QueryPeak& q, Accumulator& acc) const;

  std::vector<std::uint32_t> bucket_starts_;  ///< peaks of bucket k are [starts[k], starts[k+1])
  std::vector<std::uint32_t> keys_;           ///< local number << 12 | m/z units within the bucket
  std::vector<std::uint16_t> levels_;
  std::vector<Scale> scales_;
  std::vector<double> precursors_;  ///< ascending; +∞ when unknown
  std::vector<std::uint32_t> global_ids_;
  std::vector<std::uint32_t> species_;
};

/// Collects prepared spectra and builds a Segment; keeps them so that a live delta segment can be
/// rebuilt cheaply each time spectra are added.
class SegmentBuilder {
 public:
  /// `prepared` is cleaned and weighted (sorted by m/z, 0 < m/z < kMaxLibraryMz, summing to 1,
  /// every intensity at least 1e-4 of the highest).
  void Add(std::uint32_t global_id, std::uint32_t species, std::optional<double> precursor_mz,
           std::span<const Peak> prepared);
  std::size_t Size() const { return headers_.size(); }
  std::size_t PeakCount() const { return mz_units_.size(); }
  void Clear();
  Segment Build() const;

 private:
  friend class Segment;
  struct Header {
    std::uint32_t global_id;
    std::uint32_t species;
    double precursor;
    double scale;
    std::uint32_t first_peak;
    std::uint32_t peak_count;
  };
  std::vector<Header> headers_;
  std::vector<std::uint32_t> mz_units_;
  std::vector<std::uint16_t> levels_;
};

}  // namespace greenlane::identify::spectral
