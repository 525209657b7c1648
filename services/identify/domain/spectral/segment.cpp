#include "domain/spectral/segment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

#include "domain/spectral/prefetch.h"

namespace greenlane::identify::spectral {
namespace {

constexpr double kUnitsPerDa = double(std::uint32_t{1} << kMzUnitBits);
constexpr std::uint32_t kFractionMask = (std::uint32_t{1} << kBucketShift) - 1;
constexpr std::uint32_t kMaxLevel = 65535;
constexpr std::uint32_t kMaxExponent = kExponentMask;

std::uint32_t ToUnits(double mz) { return static_cast<std::uint32_t>(std::llround(mz * kUnitsPerDa)); }

std::uint32_t Fraction(std::uint32_t key) { return key >> kFractionShift; }

// Asks for the cache lines of keys and levels [begin, end) into L2: they are read a block later,
// long after L1 has turned over.
void PrefetchPeaks(const std::uint32_t* keys, const std::uint16_t* levels, std::uint32_t begin, std::uint32_t end) {
  constexpr std::size_t kLine = 64;
  if (begin == end) return;
  for (std::uint32_t p = begin; p < end; p += kLine / sizeof(std::uint32_t)) PrefetchToL2(keys + p);
  for (std::uint32_t p = begin; p < end; p += kLine / sizeof(std::uint16_t)) PrefetchToL2(levels + p);
  PrefetchToL2(keys + end - 1);
  PrefetchToL2(levels + end - 1);
}

double Intensity(std::uint32_t key, std::uint16_t level) {
  return std::ldexp(double(level), -(kMinExponent + static_cast<int>((key >> kExponentShift) & kExponentMask)));
}

// Levels of `prepared` (summing to 1) with a power-of-two scale 2^−(kMinExponent + exponent) chosen
// so that the highest level is as large as 16 bits allow, and adjusted by largest remainder so that
// they sum to exactly 2^(kMinExponent + exponent): each level is within one of the exact value.
std::uint32_t Quantise(std::span<const Peak> prepared, std::vector<std::uint16_t>& levels) {
  double highest = 0;
  for (const Peak& p : prepared) highest = std::max(highest, p.intensity);
  std::uint32_t exponent = 0;
  while (exponent < kMaxExponent && std::ldexp(highest, kMinExponent + int(exponent) + 1) <= kMaxLevel) ++exponent;
  const double total = std::ldexp(1.0, kMinExponent + int(exponent));
  std::vector<double> exact(prepared.size());
  std::vector<std::int64_t> level(prepared.size());
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    exact[i] = prepared[i].intensity * total;
    level[i] = std::clamp<std::int64_t>(std::llround(exact[i]), 1, kMaxLevel);
    sum += level[i];
  }
  // Nudge the levels whose rounding moved them furthest from the exact value, one unit each.
  std::vector<std::size_t> order(prepared.size());
  std::iota(order.begin(), order.end(), 0);
  const auto deficit = static_cast<std::int64_t>(total) - sum;
  const int step = deficit > 0 ? 1 : -1;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return step * (exact[x] - double(level[x])) > step * (exact[y] - double(level[y]));
  });
  std::int64_t left = std::abs(deficit);
  while (left > 0) {
    for (std::size_t i : order) {
      if (left == 0) break;
      if (level[i] + step < 1 || level[i] + step > std::int64_t{kMaxLevel}) continue;
      level[i] += step;
      --left;
    }
  }
  for (std::int64_t l : level) levels.push_back(static_cast<std::uint16_t>(l));
  return exponent;
}

// Sorts a cell's peaks by key, carrying the levels along. A cell usually holds a handful of peaks,
// but a fragment common to many spectra can fill one with thousands.
void SortCell(std::uint32_t* keys, std::uint16_t* levels, std::size_t count) {
  constexpr std::size_t kInsertionSortLimit = 32;
  if (count > kInsertionSortLimit) {
    std::vector<std::uint64_t> entries(count);  // key above level: sorting the number sorts by key
    for (std::size_t i = 0; i < count; ++i) entries[i] = (std::uint64_t{keys[i]} << 16) | levels[i];
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i < count; ++i) {
      keys[i] = static_cast<std::uint32_t>(entries[i] >> 16);
      levels[i] = static_cast<std::uint16_t>(entries[i]);
    }
    return;
  }
  for (std::size_t i = 1; i < count; ++i) {
    const std::uint32_t key = keys[i];
    const std::uint16_t level = levels[i];
    std::size_t j = i;
    for (; j > 0 && keys[j - 1] > key; --j) {
      keys[j] = keys[j - 1];
      levels[j] = levels[j - 1];
    }
    keys[j] = key;
    levels[j] = level;
  }
}

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
                   static_cast<std::uint32_t>(std::min(high, kMaxLibraryMz * kUnitsPerDa - 1)),
                   static_cast<float>(p.intensity)});
  }
  return out;
}

std::size_t Segment::MemoryBytes() const {
  return bucket_starts_.capacity() * sizeof(std::uint32_t) + keys_.capacity() * sizeof(std::uint32_t) +
         levels_.capacity() * sizeof(std::uint16_t) + precursors_.capacity() * sizeof(double) +
         global_ids_.capacity() * sizeof(std::uint32_t) + species_.capacity() * sizeof(std::uint32_t);
}

std::pair<std::uint32_t, std::uint32_t> Segment::PrecursorRange(double low, double high) const {
  const auto first = std::lower_bound(precursors_.begin(), precursors_.end(), low) - precursors_.begin();
  const auto last = std::upper_bound(precursors_.begin(), precursors_.end(), high) - precursors_.begin();
  return {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(std::max(first, last))};
}

std::optional<std::uint32_t> Segment::LocalOf(std::uint32_t global_id) const {
  const auto it = std::find(global_ids_.begin(), global_ids_.end(), global_id);
  if (it == global_ids_.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - global_ids_.begin());
}

std::vector<Peak> Segment::StoredPeaks(std::uint32_t local) const {
  std::vector<Peak> peaks;
  const std::size_t base = std::size_t{local >> kBlockBits} * bucket_count_;
  for (std::uint32_t bucket = 0; bucket < bucket_count_; ++bucket) {
    for (std::uint32_t i = bucket_starts_[base + bucket]; i < bucket_starts_[base + bucket + 1]; ++i) {
      if ((keys_[i] & kBlockMask) != (local & kBlockMask)) continue;
      const std::uint32_t units = (bucket << kBucketShift) | Fraction(keys_[i]);
      peaks.push_back({units / kUnitsPerDa, Intensity(keys_[i], levels_[i])});
    }
  }
  return peaks;
}

void Segment::ExportTo(SegmentBuilder& builder) const {
  // Regroup the peaks by spectrum (a counting sort by local number), keeping m/z order.
  std::vector<std::uint32_t> starts(Size() + 1, 0);
  std::vector<std::uint32_t> exponents(Size(), 0);
  auto local_of = [&](std::size_t block, std::uint32_t key) { return (block << kBlockBits) | (key & kBlockMask); };
  for (std::size_t block = 0; block < BlockCount(); ++block) {
    const std::size_t base = block * bucket_count_;
    for (std::uint32_t i = bucket_starts_[base]; i < bucket_starts_[base + bucket_count_]; ++i) {
      ++starts[local_of(block, keys_[i]) + 1];
      exponents[local_of(block, keys_[i])] = (keys_[i] >> kExponentShift) & kExponentMask;
    }
  }
  std::partial_sum(starts.begin(), starts.end(), starts.begin());
  const std::size_t first = builder.mz_units_.size();
  builder.mz_units_.resize(first + keys_.size());
  builder.levels_.resize(first + keys_.size());
  std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
  for (std::size_t block = 0; block < BlockCount(); ++block) {
    const std::size_t base = block * bucket_count_;
    for (std::uint32_t bucket = 0; bucket < bucket_count_; ++bucket) {
      for (std::uint32_t i = bucket_starts_[base + bucket]; i < bucket_starts_[base + bucket + 1]; ++i) {
        const std::size_t slot = first + next[local_of(block, keys_[i])]++;
        builder.mz_units_[slot] = (bucket << kBucketShift) | Fraction(keys_[i]);
        builder.levels_[slot] = levels_[i];
      }
    }
  }
  for (std::uint32_t local = 0; local < Size(); ++local) {
    builder.headers_.push_back({global_ids_[local], species_[local], precursors_[local], exponents[local],
                                static_cast<std::uint32_t>(first + starts[local]), starts[local + 1] - starts[local]});
  }
}

// Buckets and Trim are inline (only this file calls them): open search calls each once per window,
// hundreds of times a query, and as calls they cost it 3-4 %.
inline Segment::Run Segment::Buckets(std::uint32_t block, const QueryPeak& q) const {
  const std::uint32_t first = q.low_units >> kBucketShift;
  if (first >= bucket_count_) return {0, 0, 0, 0};
  const std::uint32_t last = std::min(q.high_units >> kBucketShift, bucket_count_ - 1);
  const std::uint32_t* starts = bucket_starts_.data() + std::size_t{block} * bucket_count_;
  // A window clamped at the last bucket takes all of it.
  const bool clamped = last != q.high_units >> kBucketShift;
  return {starts[first], starts[first + 1], clamped ? starts[last + 1] : starts[last], starts[last + 1]};
}

inline std::pair<std::size_t, std::size_t> Segment::Trim(const Run& run, const QueryPeak& q) const {
  // Buckets sort their peaks by m/z: trim the window's two end buckets to the tolerance.
  std::size_t begin = run.begin;
  const std::uint32_t low_fraction = q.low_units & kFractionMask;
  while (begin < run.first_end && Fraction(keys_[begin]) < low_fraction) ++begin;
  std::size_t end = run.end;
  const std::uint32_t high_fraction = q.high_units & kFractionMask;
  while (end > run.last_begin && Fraction(keys_[end - 1]) > high_fraction) --end;
  return {begin, std::max(begin, end)};
}

void Segment::PrefetchDirectory(std::uint32_t block, std::span<const QueryPeak> query) const {
  const std::uint32_t* starts = bucket_starts_.data() + std::size_t{block} * bucket_count_;
  for (const QueryPeak& q : query) {
    const std::uint32_t first = q.low_units >> kBucketShift;
    if (first >= bucket_count_) continue;
    PrefetchToL2(starts + first);
    PrefetchToL2(starts + std::min(q.high_units >> kBucketShift, bucket_count_ - 1) + 1);
  }
}

void Segment::ScoreOpen(std::span<const QueryPeak> query, Accumulator& acc,
                        const std::function<void(std::uint32_t)>& drain, pair_kernel::Kernel kernel) const {
  const std::uint32_t blocks = BlockCount();
  if (blocks == 0) return;
  // Three stages a block apart: directory lines requested, windows located, windows scored. While
  // window i of a block is scored, window i of the next block is prefetched, so that its misses
  // overlap the arithmetic instead of stalling the core in a burst of their own.
  const std::size_t stride = query.size() * kRunFields;
  acc.runs.resize(2 * stride);
  auto runs_of = [&](std::uint32_t block) { return acc.runs.data() + (block % 2) * stride; };
  auto locate = [&](std::uint32_t block) {
    std::uint32_t* runs = runs_of(block);
    for (std::size_t i = 0; i < query.size(); ++i) {
      const Run run = Buckets(block, query[i]);
      runs[i * kRunFields] = run.begin;
      runs[i * kRunFields + 1] = run.first_end;
      runs[i * kRunFields + 2] = run.last_begin;
      runs[i * kRunFields + 3] = run.end;
    }
  };
  PrefetchDirectory(0, query);
  if (blocks > 1) PrefetchDirectory(1, query);
  locate(0);
  auto prefetch_window = [&](std::uint32_t block, std::size_t i) {
    const std::uint32_t* run = runs_of(block) + i * kRunFields;
    PrefetchPeaks(keys_.data(), levels_.data(), run[0], run[kRunFields - 1]);
  };
  for (std::size_t i = 0; i < query.size(); ++i) prefetch_window(0, i);
  for (std::uint32_t block = 0; block < blocks; ++block) {
    const bool has_next = block + 1 < blocks;
    if (block + 2 < blocks) PrefetchDirectory(block + 2, query);
    if (has_next) locate(block + 1);
    const std::uint32_t* runs = runs_of(block);
    for (std::size_t i = 0; i < query.size(); ++i) {
      const std::uint32_t* r = runs + i * kRunFields;
      const auto [begin, end] = Trim({r[0], r[1], r[2], r[3]}, query[i]);
      pair_kernel::Accumulate(keys_.data() + begin, levels_.data() + begin, end - begin, query[i].intensity, acc,
                              kernel);
      if (has_next) prefetch_window(block + 1, i);
    }
    drain(block);
  }
}

void Segment::ScoreIdentity(std::uint32_t block, std::span<const QueryPeak> query, std::uint32_t first,
                            std::uint32_t last, Accumulator& acc) const {
  // The candidates' peaks are copied out so that they are scored on the SIMD path too.
  constexpr std::size_t kBatch = 256;
  std::array<std::uint32_t, kBatch> keys;
  std::array<std::uint16_t, kBatch> levels;
  for (const QueryPeak& q : query) {
    const auto [begin, end] = Window(block, q);
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t local = keys_[i] & kBlockMask;
      if (local < first || local >= last) continue;
      keys[count] = keys_[i];
      levels[count] = levels_[i];
      if (++count == kBatch) {
        pair_kernel::Accumulate(keys.data(), levels.data(), count, q.intensity, acc);
        count = 0;
      }
    }
    pair_kernel::Accumulate(keys.data(), levels.data(), count, q.intensity, acc);
  }
}

void SegmentBuilder::Add(std::uint32_t global_id, std::uint32_t species, std::optional<double> precursor_mz,
                         std::span<const Peak> prepared) {
  const auto first_peak = static_cast<std::uint32_t>(mz_units_.size());
  for (const Peak& p : prepared) mz_units_.push_back(ToUnits(p.mz));
  const std::uint32_t exponent = Quantise(prepared, levels_);
  headers_.push_back({global_id, species, precursor_mz.value_or(std::numeric_limits<double>::infinity()), exponent,
                      first_peak, static_cast<std::uint32_t>(prepared.size())});
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
  segment.bucket_count_ = mz_units_.empty() ? 0 : (max_units >> kBucketShift) + 1;
  const std::size_t blocks = (order.size() + kBlockMask) >> kBlockBits;
  auto cell = [&](std::uint32_t local, std::uint32_t units) {
    return std::size_t{local >> kBlockBits} * segment.bucket_count_ + (units >> kBucketShift);
  };

  // Counting sort by (block, bucket), then each cell by key, i.e. by m/z.
  segment.bucket_starts_.assign(blocks * segment.bucket_count_ + 1, 0);
  for (std::uint32_t local = 0; local < order.size(); ++local) {
    const Header& h = headers_[order[local]];
    for (std::uint32_t i = h.first_peak; i < h.first_peak + h.peak_count; ++i) {
      ++segment.bucket_starts_[cell(local, mz_units_[i]) + 1];
    }
  }
  std::partial_sum(segment.bucket_starts_.begin(), segment.bucket_starts_.end(), segment.bucket_starts_.begin());
  std::vector<std::uint32_t> next(segment.bucket_starts_.begin(), segment.bucket_starts_.end() - 1);
  segment.keys_.resize(mz_units_.size());
  segment.levels_.resize(mz_units_.size());
  segment.precursors_.reserve(order.size());
  segment.global_ids_.reserve(order.size());
  segment.species_.reserve(order.size());
  for (std::uint32_t local = 0; local < order.size(); ++local) {
    const Header& h = headers_[order[local]];
    segment.precursors_.push_back(h.precursor);
    segment.global_ids_.push_back(h.global_id);
    segment.species_.push_back(h.species);
    for (std::uint32_t i = h.first_peak; i < h.first_peak + h.peak_count; ++i) {
      const std::uint32_t slot = next[cell(local, mz_units_[i])]++;
      segment.keys_[slot] =
          ((mz_units_[i] & kFractionMask) << kFractionShift) | (h.exponent << kExponentShift) | (local & kBlockMask);
      segment.levels_[slot] = levels_[i];
    }
  }
  for (std::size_t c = 0; c + 1 < segment.bucket_starts_.size(); ++c) {
    SortCell(segment.keys_.data() + segment.bucket_starts_[c], segment.levels_.data() + segment.bucket_starts_[c],
             segment.bucket_starts_[c + 1] - segment.bucket_starts_[c]);
  }
  return segment;
}

}  // namespace greenlane::identify::spectral
