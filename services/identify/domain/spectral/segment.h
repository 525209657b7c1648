#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "domain/spectral/huge_pages.h"
#include "domain/spectral/pair_kernel.h"
#include "domain/spectral/spectrum.h"

namespace greenlane::identify::spectral {

/// Library m/z values are kept on a grid of 2⁻²⁰ Da (about 1e-6 Da, far below any instrument's
/// accuracy), which lets a peak's m/z live in its bucket number plus 12 bits.
inline constexpr int kMzUnitBits = 20;
/// Peaks are bucketed by m/z in 2⁻⁸ Da (3.9 mDa) slices: a ±0.02 Da window spans about 11
/// buckets, and only the few peaks of the two at its ends need an m/z comparison.
inline constexpr int kBucketShift = 12;
/// Largest segment: 16 blocks. Larger segments would save little (a query pays per block, not
/// per segment) and make each compaction longer.
inline constexpr std::size_t kMaxSegmentSpectra = std::size_t{1} << (32 - kBucketShift);
/// Highest storable m/z: the fixed-point m/z must fit in 32 bits.
inline constexpr double kMaxLibraryMz = 4096.0;

/// One query peak prepared for scoring against any segment.
struct QueryPeak {
  std::uint32_t low_units = 0;   ///< first m/z unit within tolerance
  std::uint32_t high_units = 0;  ///< last m/z unit within tolerance
  float intensity = 0;
};

/// Turns a prepared query (peaks sorted, summing to 1) into scoring windows for `tolerance`.
std::vector<QueryPeak> MakeQueryPeaks(std::span<const Peak> prepared, double tolerance);

/// An immutable inverted index over the peaks of at most kMaxSegmentSpectra spectra.
///
/// Spectra are numbered in precursor order, so an identity search's precursor window is one
/// contiguous range of local numbers. They are grouped in blocks of 2¹⁶ consecutive numbers, and a
/// search scores one block at a time: its running scores then stay in the core's own cache instead
/// of being scattered over the whole segment's. Each block's peaks are sorted by (m/z bucket, m/z),
/// so the peaks within tolerance of a query peak are one contiguous run, found through a
/// directory of bucket starts. A peak costs 6 bytes: a 32-bit key (m/z within its bucket, the
/// spectrum's intensity exponent, number in the block) and a 16-bit level. Its intensity is
/// level · 2^−(15 + exponent), with levels summing to exactly 2^(15 + exponent): stored spectra
/// sum to exactly 1 and a peak's intensity needs nothing but the peak itself.
class Segment {
 public:
  Segment() = default;

  std::size_t Size() const { return global_ids_.size(); }
  std::size_t PeakCount() const { return keys_.size(); }
  std::uint32_t BlockCount() const { return static_cast<std::uint32_t>((Size() + kBlockMask) >> kBlockBits); }
  /// Bytes held by the index arrays.
  std::size_t MemoryBytes() const;

  std::uint32_t GlobalId(std::uint32_t local) const { return global_ids_[local]; }
  std::uint32_t Species(std::uint32_t local) const { return species_[local]; }
  /// The local numbers [first, last) of spectra whose precursor lies in [low, high].
  std::pair<std::uint32_t, std::uint32_t> PrecursorRange(double low, double high) const;
  /// The local number of a library-wide id, if this segment holds it (linear scan).
  std::optional<std::uint32_t> LocalOf(std::uint32_t global_id) const;
  /// The spectrum exactly as the index scores it: decoded m/z and intensities (scans its block).
  std::vector<Peak> StoredPeaks(std::uint32_t local) const;
  /// Adds every spectrum of this segment to `builder` in its stored encoding, so that segments
  /// merge without re-cleaning or re-quantising anything. One pass over the peaks.
  void ExportTo(class SegmentBuilder& builder) const;

  /// Adds Σ over matched pairs of f(a+b) − f(a) − f(b) to `acc` for every spectrum, one block at
  /// a time, calling drain(block) once each block is scored: `acc` is indexed by number within
  /// the block. The tests pass each `kernel` the processor has.
  void ScoreOpen(std::span<const QueryPeak> query, Accumulator& acc, const std::function<void(std::uint32_t)>& drain,
                 pair_kernel::Kernel kernel = pair_kernel::BestKernel()) const;
  /// As ScoreOpen, restricted to the spectra of `block` numbered [first, last) within it.
  void ScoreIdentity(std::uint32_t block, std::span<const QueryPeak> query, std::uint32_t first, std::uint32_t last,
                     Accumulator& acc) const;

 private:
  friend class SegmentBuilder;

  /// The peaks of `block` in the buckets q's tolerance window touches: [begin, end), of which
  /// [begin, first_end) and [last_begin, end) are in the end buckets and need an m/z comparison.
  struct Run {
    std::uint32_t begin, first_end, last_begin, end;
  };
  static constexpr std::size_t kRunFields = 4;
  Run Buckets(std::uint32_t block, const QueryPeak& q) const;
  /// The peaks of the run within q's tolerance window: [first, second).
  std::pair<std::size_t, std::size_t> Trim(const Run& run, const QueryPeak& q) const;
  std::pair<std::size_t, std::size_t> Window(std::uint32_t block, const QueryPeak& q) const {
    return Trim(Buckets(block, q), q);
  }
  /// A block's windows are scattered over the index: each costs a few cache misses to find and
  /// read. ScoreOpen asks for the directory lines two blocks ahead, and for each window's peaks
  /// one block ahead.
  void PrefetchDirectory(std::uint32_t block, std::span<const QueryPeak> query) const;

  std::uint32_t bucket_count_ = 0;
  /// Peaks of bucket k in block j are [starts[j·bucket_count + k], starts[j·bucket_count + k + 1]).
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> bucket_starts_;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> keys_;
  std::vector<std::uint16_t, HugePageAllocator<std::uint16_t>> levels_;
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
    std::uint32_t exponent;  ///< intensities are level · 2^−(kMinExponent + exponent)
    std::uint32_t first_peak;
    std::uint32_t peak_count;
  };
  std::vector<Header> headers_;
  std::vector<std::uint32_t> mz_units_;
  std::vector<std::uint16_t> levels_;
};

}  // namespace greenlane::identify::spectral
