#include "domain/spectral/segment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "domain/spectral/fast_log2.h"

namespace greenlane::identify::spectral {
namespace {

constexpr double kUnitsPerDa = double(std::uint32_t{1} << kMzUnitBits);
constexpr std::uint32_t kFractionMask = (std::uint32_t{1} << kBucketShift) - 1;
constexpr double kMaxLevel = 65535.0;

const FastLog2 kFastLog2;

// log₂ of every intensity level, so that b·log₂b = b·(log₂level + log₂scale) needs no logarithm.
const std::vector<double> kLog2Level = [] {
  std::vector<double> table(std::size_t{1} << 16);
  table[0] = -std::numeric_limits<double>::infinity();
  for (std::size_t level = 1; level < table.size(); ++level) table[level] = std::log2(double(level));
  return table;
}();

std::uint32_t ToUnits(double mz) { return static_cast<std::uint32_t>(std::llround(mz * kUnitsPerDa)); }

}  // namespace

std::vector<QueryPeak> MakeQueryPeaks(std::span<const Peak> prepared, double tolerance) {
  std::vector<QueryPeak> out;
  out.reserve(prepared.size());
  for (const Peak& p : prepared) {
    const double low = std::max(0.0, std::ceil((p.mz - tolerance) * kUnitsPerDa));
    const double high = std::floor((p.mz + tolerance) * kUnitsPerDa);
    // Windows beyond the storable range can match nothing.
    if (high < low || low > kMaxLibraryMz * kUnitsPerDa) continue;
    out.push_back({static_cast<std::uint32_t>(low),
                   static_cast<std::uint32_t>(std::min(high, kMaxLibraryMz * kUnitsPerDa - 1)), p.intensity,
                   p.intensity * std::log2(p.intensity)});
  }
  return out;
}

std::size_t Segment::MemoryBytes() const {
  return bucket_starts_.capacity() * sizeof(std::uint32_t) + keys_.capacity() * sizeof(std::uint32_t) +
         levels_.capacity() * sizeof(std::uint16_t) + scales_.capacity() * sizeof(Scale) +
         precursors_.capacity() * sizeof(double) + global_ids_.capacity() * sizeof(std::uint32_t) +
         species_.capacity() * sizeof(std::uint32_t);
}

std::optional<std::uint32_t> Segment::LocalOf(std::uint32_t global_id) const {
  const auto it = std::find(global_ids_.begin(), global_ids_.end(), global_id);
  if (it == global_ids_.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - global_ids_.begin());
}

std::vector<Peak> Segment::StoredPeaks(std::uint32_t local) const {
  std::vector<Peak> peaks;
  for (std::uint32_t bucket = 0; bucket + 1 < bucket_starts_.size(); ++bucket) {
    for (std::uint32_t i = bucket_starts_[bucket]; i < bucket_starts_[bucket + 1]; ++i) {
      if (keys_[i] >> kBucketShift != local) continue;
      const std::uint32_t units = (bucket << kBucketShift) | (keys_[i] & kFractionMask);
      peaks.push_back({units / kUnitsPerDa, levels_[i] * scales_[local].scale});
    }
  }
  return peaks;
}

void Segment::ExportTo(SegmentBuilder& builder) const {
  // Regroup the peaks by spectrum (a counting sort by local number), keeping m/z order.
  std::vector<std::uint32_t> starts(Size() + 1, 0);
  for (std::uint32_t key : keys_) ++starts[(key >> kBucketShift) + 1];
  std::partial_sum(starts.begin(), starts.end(), starts.begin());
  const std::size_t base = builder.mz_units_.size();
  builder.mz_units_.resize(base + keys_.size());
  builder.levels_.resize(base + keys_.size());
  std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
  for (std::uint32_t bucket = 0; bucket + 1 < bucket_starts_.size(); ++bucket) {
    for (std::uint32_t i = bucket_starts_[bucket]; i < bucket_starts_[bucket + 1]; ++i) {
      const std::size_t slot = base + next[keys_[i] >> kBucketShift]++;
      builder.mz_units_[slot] = (bucket << kBucketShift) | (keys_[i] & kFractionMask);
      builder.levels_[slot] = levels_[i];
    }
  }
  for (std::uint32_t local = 0; local < Size(); ++local) {
    builder.headers_.push_back({global_ids_[local], species_[local], precursors_[local], scales_[local].scale,
                                static_cast<std::uint32_t>(base + starts[local]), starts[local + 1] - starts[local]});
  }
}

inline void Segment::AddPair(std::uint32_t key, std::uint16_t level, const QueryPeak& q, Accumulator& acc) const {
  const std::uint32_t local = key >> kBucketShift;
  const Scale& s = scales_[local];
  const double b = level * s.scale;
  const double sum = q.intensity + b;
  double& slot = acc.sums[local];
  // Every matched pair adds a strictly positive term, so zero means "not touched yet".
  if (slot == 0) acc.touched.push_back(local);
  slot += sum * kFastLog2(sum) - q.xlog2x - b * (kLog2Level[level] + s.log2_scale);
}

inline void Segment::Prefetch(std::uint32_t key, Accumulator& acc) const {
  const std::uint32_t local = key >> kBucketShift;
  __builtin_prefetch(acc.sums.data() + local, 1);
  __builtin_prefetch(scales_.data() + local, 0);
}

void Segment::ScoreRange(std::size_t begin, std::size_t end, std::size_t prefetch_end, std::uint32_t bucket,
                         const QueryPeak& q, Accumulator& acc) const {
  const std::uint32_t bucket_low = bucket << kBucketShift;
  const bool whole_bucket = bucket_low >= q.low_units && bucket_low + kFractionMask <= q.high_units;
  for (std::size_t i = begin; i < end; ++i) {
    if (i + kPrefetchDistance < prefetch_end) Prefetch(keys_[i + kPrefetchDistance], acc);
    const std::uint32_t units = bucket_low | (keys_[i] & kFractionMask);
    if (whole_bucket || (units >= q.low_units && units <= q.high_units)) AddPair(keys_[i], levels_[i], q, acc);
  }
}

void Segment::ScoreOpen(std::span<const QueryPeak> query, Accumulator& acc) const {
  if (bucket_starts_.empty()) return;
  const std::uint32_t bucket_count = static_cast<std::uint32_t>(bucket_starts_.size() - 1);
  for (const QueryPeak& q : query) {
    const std::uint32_t first = q.low_units >> kBucketShift;
    const std::uint32_t last = std::min(q.high_units >> kBucketShift, bucket_count - 1);
    if (first > last) continue;
    // The window's buckets are adjacent in the index: prefetch across their boundaries.
    const std::size_t window_end = bucket_starts_[last + 1];
    for (std::uint32_t bucket = first; bucket <= last; ++bucket) {
      ScoreRange(bucket_starts_[bucket], bucket_starts_[bucket + 1], window_end, bucket, q, acc);
    }
  }
}

void Segment::ScoreIdentity(std::span<const QueryPeak> query, double precursor_low, double precursor_high,
                            Accumulator& acc) const {
  if (bucket_starts_.empty()) return;
  const auto low = std::lower_bound(precursors_.begin(), precursors_.end(), precursor_low) - precursors_.begin();
  const auto high = std::upper_bound(precursors_.begin(), precursors_.end(), precursor_high) - precursors_.begin();
  if (low >= high) return;
  const std::uint32_t low_key = static_cast<std::uint32_t>(low) << kBucketShift;
  const std::uint32_t high_key = static_cast<std::uint32_t>(high) << kBucketShift;
  const std::uint32_t bucket_count = static_cast<std::uint32_t>(bucket_starts_.size() - 1);
  for (const QueryPeak& q : query) {
    const std::uint32_t first = q.low_units >> kBucketShift;
    const std::uint32_t last = std::min(q.high_units >> kBucketShift, bucket_count - 1);
    for (std::uint32_t bucket = first; bucket <= last; ++bucket) {
      // Within a bucket peaks are ordered by local number: the candidates are one sub-range.
      const auto keys_begin = keys_.begin() + bucket_starts_[bucket];
      const auto keys_end = keys_.begin() + bucket_starts_[bucket + 1];
      const auto begin = std::lower_bound(keys_begin, keys_end, low_key);
      const auto end = std::lower_bound(begin, keys_end, high_key);
      ScoreRange(begin - keys_.begin(), end - keys_.begin(), end - keys_.begin(), bucket, q, acc);
    }
  }
}

void SegmentBuilder::Add(std::uint32_t global_id, std::uint32_t species, std::optional<double> precursor_mz,
                         std::span<const Peak> prepared) {
  double highest = 0;
  for (const Peak& p : prepared) highest = std::max(highest, p.intensity);
  const auto first_peak = static_cast<std::uint32_t>(mz_units_.size());
  double level_sum = 0;
  for (const Peak& p : prepared) {
    const double level = std::clamp(std::round(p.intensity / highest * kMaxLevel), 1.0, kMaxLevel);
    mz_units_.push_back(ToUnits(p.mz));
    levels_.push_back(static_cast<std::uint16_t>(level));
    level_sum += level;
  }
  headers_.push_back({global_id, species, precursor_mz.value_or(std::numeric_limits<double>::infinity()),
                      1.0 / level_sum, first_peak, static_cast<std::uint32_t>(prepared.size())});
}

void SegmentBuilder::Clear() {
  // Release the memory too: a sealed delta's staging would otherwise stay resident.
  headers_ = {};
  mz_units_ = {};
  levels_ = {};
}

Segment SegmentBuilder::Build() const {
  Segment segment;
  std::vector<std::uint32_t> order(headers_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return headers_[a].precursor < headers_[b].precursor; });

  std::uint32_t max_units = 0;
  for (std::uint32_t units : mz_units_) max_units = std::max(max_units, units);
  const std::size_t bucket_count = mz_units_.empty() ? 0 : (max_units >> kBucketShift) + 1;

  // Counting sort by bucket; visiting spectra in local order leaves each bucket sorted by key.
  segment.bucket_starts_.assign(bucket_count + 1, 0);
  for (std::uint32_t units : mz_units_) ++segment.bucket_starts_[(units >> kBucketShift) + 1];
  std::partial_sum(segment.bucket_starts_.begin(), segment.bucket_starts_.end(), segment.bucket_starts_.begin());
  std::vector<std::uint32_t> next(segment.bucket_starts_.begin(), segment.bucket_starts_.end() - 1);
  segment.keys_.resize(mz_units_.size());
  segment.levels_.resize(mz_units_.size());
  segment.scales_.reserve(order.size());
  segment.precursors_.reserve(order.size());
  segment.global_ids_.reserve(order.size());
  segment.species_.reserve(order.size());
  for (std::uint32_t local = 0; local < order.size(); ++local) {
    const Header& h = headers_[order[local]];
    segment.scales_.push_back({h.scale, std::log2(h.scale)});
    segment.precursors_.push_back(h.precursor);
    segment.global_ids_.push_back(h.global_id);
    segment.species_.push_back(h.species);
    for (std::uint32_t i = h.first_peak; i < h.first_peak + h.peak_count; ++i) {
      const std::uint32_t slot = next[mz_units_[i] >> kBucketShift]++;
      segment.keys_[slot] = (local << kBucketShift) | (mz_units_[i] & kFractionMask);
      segment.levels_[slot] = levels_[i];
    }
  }
  return segment;
}

}  // namespace greenlane::identify::spectral
