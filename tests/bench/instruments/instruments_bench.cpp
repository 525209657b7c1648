// Vanta CSV parse throughput (MB/s, shown as bytes_per_second): the edge gateway parses each export
// before queueing it, so this bounds how fast a backlog of files drains. The tokenizer alone is the
// anchor: the gap between the two is the cost of typed fields, decimals and readings.
#include <benchmark/benchmark.h>

#include <string>

#include "greenlane/instruments/csv.h"
#include "greenlane/instruments/formats.h"

namespace {

using namespace greenlane::instruments;

constexpr std::size_t kTargetBytes = 20u * 1024 * 1024;

// A RoHS export of about 20 MB in the layout of the sample file: nine elements per reading,
// CRLF, sep= line, a mix of values and <LOD.
const std::string& VantaExport() {
  static const std::string text = [] {
    std::string out =
        "sep=,\r\nInstrument Serial Num,Reading #,Date,Time,Method Name,User Factor Name,Test Label,"
        "Collimation Status,Latitude,Longitude, Units";
    for (const char* element : {"Cr", "Br", "Cd", "Hg", "Pb", "Sb", "Sn", "Zn", "Cl"}) {
      const std::string e(element);
      out += "," + e + " Compound," + e + " Compound Level," + e + " Compound Error," + e + " Concentration," + e +
             " Error1s";
    }
    out += ",\r\n";
    for (int reading = 1; out.size() < kTargetBytes; ++reading) {
      const int minute = reading % 60;
      const int second = (reading / 60) % 60;
      out += "841515," + std::to_string(reading) + ",11/03/2026,09:" + (minute < 10 ? "0" : "") +
             std::to_string(minute) + ":" + (second < 10 ? "0" : "") + std::to_string(second) +
             ",RoHS,,CNT-MSKU4421907 item " + std::to_string(reading % 40) +
             " ABS housing,Off,-12.04632,-77.14210,ppm,,,,18,4,,,,2418,15,,,,<LOD,,,,,<LOD,,,,,1180,25,,,,<LOD,,"
             ",,,402110,900,,,,310,9,,,,840,40,\r\n";
    }
    return out;
  }();
  return text;
}

void BM_VantaParse(benchmark::State& state) {
  const std::string& text = VantaExport();
  ParseOptions options;
  options.file_name = "bench.csv";
  std::size_t readings = 0;
  for (auto _ : state) {
    auto parsed = ParseVantaCsv(text, options);
    if (!parsed.ok()) {
      state.SkipWithError(parsed.error().message.c_str());
      return;
    }
    readings = parsed->size();
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["readings"] = static_cast<double>(readings);
  state.counters["readings_per_s"] =
      benchmark::Counter(static_cast<double>(readings * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VantaParse)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CsvTokenizeAnchor(benchmark::State& state) {
  const std::string& text = VantaExport();
  std::size_t fields = 0;
  for (auto _ : state) {
    CsvReader reader(text, "bench.csv");
    CsvRecord record;
    fields = 0;
    while (true) {
      auto got = reader.Next(record);
      if (!got.ok() || !*got) break;
      fields += record.fields.size();
    }
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CsvTokenizeAnchor)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
