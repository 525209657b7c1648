// Spectral library search benchmark: builds a synthetic library of N spectra, then times open and
// identity searches on 1 and T threads. Prints one "key=value" line per figure for scripts/bench:
//   spectral_build spectra=<n> peaks=<n> index_seconds=<s> ...
//   spectral_memory index_bytes=<n> bytes_per_peak=<x> rss_delta_bytes=<n> ...
//   spectral_search mode=open threads=<t> queries_per_s=<x> median_ms=<x> p99_ms=<x> ...
// queries_per_s is wall-clock; queries_per_cpu_s divides by the search threads' own CPU time, which is
// what one core sustains when other processes share the machine (the figure the goal is set on).
// The anchor (Flash entropy search, one core, 1M spectra) is 1,191 open-search queries/s, 0.6 ms median.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "domain/spectral/library.h"
#include "domain/spectral/synthetic.h"

using namespace greenlane::identify::spectral;
using Clock = std::chrono::steady_clock;

namespace {

std::size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + "," + five + "," + fifteen;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of the calling thread: on a shared machine, wall-clock latency also counts time the
// thread waited for a core.
double ThreadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double Percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(values.size() * fraction))];
}

struct Figures {
  double queries_per_s = 0;
  double queries_per_cpu_s = 0;
  double median_ms = 0;
  double p99_ms = 0;
  double cpu_median_ms = 0;
  double cpu_p99_ms = 0;
  double top1_species = 0;  // share of queries whose best species is the one they were drawn from
};

Figures Run(const SpectralLibrary& library, const SyntheticSpectra& synthetic,
            const std::vector<QuerySpectrum>& queries, const SearchOptions& options, std::size_t threads) {
  std::vector<double> latency_ms(queries.size());
  std::vector<double> cpu_ms(queries.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> correct{0};
  auto work = [&] {
    SearchScratch scratch;
    for (std::size_t i = next++; i < queries.size(); i = next++) {
      const auto start = Clock::now();
      const double cpu_start = ThreadCpuMs();
      auto result = library.Search(queries[i], options, scratch);
      cpu_ms[i] = ThreadCpuMs() - cpu_start;
      latency_ms[i] = Seconds(Clock::now() - start) * 1e3;
      if (!result) {
        std::fprintf(stderr, "search failed: %s\n", result.error().message.c_str());
        std::exit(1);
      }
      if (!result->species.empty() && result->species[0].species == synthetic.SpeciesName(i)) ++correct;
    }
  };
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& thread : pool) thread.join();
  const double wall = Seconds(Clock::now() - start);
  Figures figures;
  figures.queries_per_s = queries.size() / wall;
  double cpu_total_ms = 0;
  for (double ms : cpu_ms) cpu_total_ms += ms;
  figures.queries_per_cpu_s = queries.size() / (cpu_total_ms / 1e3);
  figures.median_ms = Percentile(latency_ms, 0.5);
  figures.p99_ms = Percentile(latency_ms, 0.99);
  figures.cpu_median_ms = Percentile(cpu_ms, 0.5);
  figures.cpu_p99_ms = Percentile(cpu_ms, 0.99);
  figures.top1_species = double(correct) / queries.size();
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times spectral library search (entropy similarity) on a synthetic library"};
  std::size_t library_size = 100000;
  std::size_t query_count = 2000;
  std::size_t threads = 2;
  std::size_t species = 0;
  std::uint64_t seed = 1;
  std::size_t segment_spectra = LibraryOptions{}.segment_spectra;
  std::size_t delta_spectra = LibraryOptions{}.delta_spectra;
  app.add_option("--library-size", library_size, "reference spectra in the library")->check(CLI::PositiveNumber);
  app.add_option("--queries", query_count, "queries per measurement")->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "largest thread count measured (1 is always measured)")
      ->check(CLI::PositiveNumber);
  app.add_option("--species", species, "species in the library (default: library size / 50)");
  app.add_option("--seed", seed, "generator seed");
  app.add_option("--segment-spectra", segment_spectra, "largest segment compaction makes");
  app.add_option("--delta-spectra", delta_spectra, "spectra added per batch (the live delta's size)");
  CLI11_PARSE(app, argc, argv);
  // A fixed threshold keeps big arrays in their own mappings, returned to the system when freed,
  // so that the RSS delta measures the library rather than the allocator's leftovers.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);

  SyntheticOptions synthetic_options;
  synthetic_options.seed = seed;
  synthetic_options.species = species > 0 ? species : std::max<std::size_t>(1, library_size / 50);
  const SyntheticSpectra synthetic(synthetic_options);
  LibraryOptions library_options;
  library_options.segment_spectra = segment_spectra;
  library_options.delta_spectra = delta_spectra;

  std::printf("spectral_load loadavg_before=%s cpus=%u\n", LoadAverage().c_str(), std::thread::hardware_concurrency());
  malloc_trim(0);
  const std::size_t rss_before = ResidentBytes();
  Clock::duration generate{};
  Clock::duration index{};
  SpectralLibrary library(library_options);
  for (std::size_t first = 0; first < library_size; first += library_options.delta_spectra) {
    const std::size_t count = std::min(library_options.delta_spectra, library_size - first);
    auto start = Clock::now();
    const auto batch = synthetic.References(first, count);
    generate += Clock::now() - start;
    start = Clock::now();
    if (auto added = library.Add(batch); !added) {
      std::fprintf(stderr, "add failed: %s\n", added.error().message.c_str());
      return 1;
    }
    index += Clock::now() - start;
  }
  // Batches become segments of delta_spectra; compaction merges them as a live library would.
  const auto compact_start = Clock::now();
  library.Compact();
  const Clock::duration compact = Clock::now() - compact_start;
  malloc_trim(0);
  const std::size_t rss_delta = ResidentBytes() - rss_before;
  const LibraryFootprint footprint = library.Footprint();
  std::printf(
      "spectral_build spectra=%zu species=%zu segments=%zu peaks=%zu peaks_per_spectrum=%.1f "
      "index_seconds=%.2f compact_seconds=%.2f generate_seconds=%.2f\n",
      footprint.spectra, synthetic.SpeciesCount(), footprint.segments, footprint.peaks,
      double(footprint.peaks) / footprint.spectra, Seconds(index + compact), Seconds(compact), Seconds(generate));
  std::printf(
      "spectral_memory index_bytes=%zu index_mb=%.1f bytes_per_peak=%.2f catalog_bytes=%zu "
      "rss_delta_bytes=%zu rss_delta_mb=%.1f\n",
      footprint.index_bytes, footprint.index_bytes / 1e6, double(footprint.index_bytes) / footprint.peaks,
      footprint.catalog_bytes, rss_delta, rss_delta / 1e6);

  // Query i is a fresh replicate of species i mod species count, so the true answer is known.
  std::vector<QuerySpectrum> queries;
  queries.reserve(query_count);
  for (std::size_t i = 0; i < query_count; ++i) queries.push_back(synthetic.Query(i, i));

  for (const SearchMode mode : {SearchMode::kOpen, SearchMode::kIdentity}) {
    SearchOptions options;
    options.mode = mode;
    std::vector<std::size_t> counts{1};
    if (threads > 1) counts.push_back(threads);
    for (std::size_t t : counts) {
      const Figures f = Run(library, synthetic, queries, options, t);
      std::printf(
          "spectral_search mode=%s threads=%zu queries=%zu queries_per_s=%.0f queries_per_cpu_s=%.0f median_ms=%.4f "
          "p99_ms=%.4f cpu_median_ms=%.4f cpu_p99_ms=%.4f top1_species=%.3f\n",
          mode == SearchMode::kOpen ? "open" : "identity", t, queries.size(), f.queries_per_s, f.queries_per_cpu_s,
          f.median_ms, f.p99_ms, f.cpu_median_ms, f.cpu_p99_ms, f.top1_species);
    }
  }
  std::printf("spectral_load loadavg_after=%s\n", LoadAverage().c_str());
  return 0;
}
