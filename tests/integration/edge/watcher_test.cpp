#include "watch/watcher.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "app/edge_metrics.h"
#include "greenlane/v1/ingest.pb.h"
#include "store/reading_queue.h"
#include "temp_dir.h"

using namespace greenlane::edge;
using greenlane::core::ManualClock;
using greenlane::edge::testing::TempDir;
using greenlane::instruments::Format;
namespace fs = std::filesystem;

namespace {

const auto kStart = greenlane::core::ParseRfc3339("2026-11-03T12:00:00Z").value();
const fs::path kSamples = fs::path(GREENLANE_SOURCE_DIR) / "tests/data/instruments";
constexpr const char* kRohs = "rohs_20261103_port-callao.csv";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A gateway box in a temp dir: one watch folder per analyzer kind and a queue file.
struct Gateway {
  explicit Gateway(std::uint64_t capacity = 1'000'000)
      : clock(kStart),
        queue((dir.path() / "queue.db").string(), clock),
        metrics(registry),
        watcher(Options(capacity), queue, metrics, clock) {}

  WatcherOptions Options(std::uint64_t capacity) const {
    WatcherOptions options;
    options.folders = {{dir.path() / "vanta", Format::kVantaXrf},
                       {dir.path() / "refrigerant", Format::kRefrigerant},
                       {dir.path() / "xylotron", Format::kXyloTron},
                       {dir.path() / "qpcr", Format::kQpcr},
                       {dir.path() / "dart", Format::kDart}};
    options.xylotron_serial = "XT-0042";
    options.utc_offset = std::chrono::minutes(-5 * 60);
    options.queue_capacity = capacity;
    return options;
  }

  fs::path Folder(const std::string& kind) const { return dir.path() / kind; }

  void Drop(const std::string& kind, const std::string& sample, const std::string& as = "") const {
    fs::copy_file(kSamples / kind / sample, Folder(kind) / (as.empty() ? sample : as));
  }

  // Files are taken once two polls agree on them.
  PollReport PollTwice() {
    PollReport first = watcher.Poll();
    PollReport second = watcher.Poll();
    second.imported += first.imported;
    second.rejected += first.rejected;
    second.duplicates += first.duplicates;
    second.readings_enqueued += first.readings_enqueued;
    return second;
  }

  std::vector<greenlane::v1::Reading> Queued() {
    std::vector<greenlane::v1::Reading> readings;
    for (const auto& queued : queue.ReadAfter(0, 100000)) {
      greenlane::v1::Reading reading;
      REQUIRE(reading.ParseFromString(queued.reading));
      readings.push_back(std::move(reading));
    }
    return readings;
  }

  TempDir dir;
  ManualClock clock;
  ReadingQueue queue;
  prometheus::Registry registry;
  EdgeMetrics metrics;
  Watcher watcher;
};

}  // namespace

TEST_CASE("every sample export is queued as readings and moved to processed/") {
  Gateway gateway;
  for (const auto& kind : {"vanta", "refrigerant", "xylotron", "qpcr", "dart"}) {
    for (const auto& entry : fs::directory_iterator(kSamples / kind))
      gateway.Drop(kind, entry.path().filename().string());
  }
  const PollReport report = gateway.PollTwice();
  CHECK(report.imported == 7);
  CHECK(report.rejected == 0);
  CHECK(report.readings_enqueued == gateway.queue.Depth());
  CHECK(gateway.queue.Depth() > 7);
  for (const auto& kind : {"vanta", "refrigerant", "xylotron", "qpcr", "dart"}) {
    for (const auto& entry : fs::directory_iterator(gateway.Folder(kind)))
      CHECK(entry.is_directory());  // only processed/ and rejected/
  }
  CHECK(fs::exists(gateway.Folder("vanta") / "processed" / kRohs));

  const auto queued = gateway.Queued();
  const auto first = std::find_if(queued.begin(), queued.end(), [](const auto& r) { return r.source_file() == kRohs; });
  REQUIRE(first != queued.end());
  CHECK(first->kind() == "xrf");
  CHECK(first->device_serial() == "841515");
  CHECK(first->reading_number() == "1207");
  CHECK(first->source_line() == 3);
  CHECK(first->consignment().container() == "MSKU4421907");
  CHECK(first->consignment().item() == "3");
  // The sample's MSKU4421907 fails the ISO 6346 check digit: linked anyway, flagged for ingest.
  CHECK_FALSE(first->consignment().container_check_digit_valid());
  CHECK(first->location().latitude() == Approx(-12.04632));
  // 09:14:02 local time at UTC-5 is 14:14:02 UTC.
  CHECK(first->captured_at().seconds() ==
        greenlane::core::ToUnixSeconds(*greenlane::core::ParseRfc3339("2026-11-03T14:14:02Z")));
  CHECK(first->raw().starts_with("841515,1207,"));
  const auto payload = nlohmann::json::parse(first->payload_json());
  CHECK(payload["method"] == "RoHS");
  CHECK(gateway.metrics.rejected_files() == 0);

  // Readings without a number are sent with their natural key's position: the line (XyloTron),
  // or the sample id (DART).
  const auto wood = std::find_if(queued.begin(), queued.end(), [](const auto& r) { return r.kind() == "wood_image"; });
  REQUIRE(wood != queued.end());
  CHECK(wood->reading_number().rfind("line ", 0) == 0);
  const auto dart = std::find_if(queued.begin(), queued.end(), [](const auto& r) { return r.kind() == "dart"; });
  REQUIRE(dart != queued.end());
  CHECK(dart->reading_number().rfind("LAB-2026-093", 0) == 0);
}

TEST_CASE("a bad file goes to rejected/ with an .error.txt naming the file and line, and nothing is queued") {
  Gateway gateway;
  std::string broken = ReadText(kSamples / "vanta" / kRohs);
  broken.replace(broken.find("09:16:47"), 8, "25:16:47");  // an impossible time on the second reading
  WriteText(gateway.Folder("vanta") / "broken.csv", broken);

  const PollReport report = gateway.PollTwice();
  CHECK(report.rejected == 1);
  CHECK(gateway.queue.Depth() == 0);  // never half a file: the good first reading is not queued either
  CHECK_FALSE(fs::exists(gateway.Folder("vanta") / "broken.csv"));
  CHECK(fs::exists(gateway.Folder("vanta") / "rejected" / "broken.csv"));
  const std::string error = ReadText(gateway.Folder("vanta") / "rejected" / "broken.csv.error.txt");
  CHECK_THAT(error, Catch::Matchers::Contains("broken.csv") && Catch::Matchers::Contains("line 4"));
  CHECK(gateway.metrics.rejected_files() == 1);
}

TEST_CASE("the same file dropped again, under any name, is not imported twice") {
  Gateway gateway;
  gateway.Drop("vanta", kRohs);
  REQUIRE(gateway.PollTwice().imported == 1);
  const auto depth = gateway.queue.Depth();

  gateway.Drop("vanta", kRohs);                      // same name: processed/ already has one
  gateway.Drop("vanta", kRohs, "copied-again.csv");  // another name, same content
  const PollReport again = gateway.PollTwice();
  CHECK(again.imported == 0);
  CHECK(again.duplicates == 2);
  CHECK(gateway.queue.Depth() == depth);
  CHECK(fs::exists(gateway.Folder("vanta") / "processed" / "rohs_20261103_port-callao-1.csv"));
  CHECK(fs::exists(gateway.Folder("vanta") / "processed" / "copied-again.csv"));
}

TEST_CASE("a file still being written is taken only once it stops changing") {
  Gateway gateway;
  const std::string text = ReadText(kSamples / "refrigerant" / "ri_20261103_port-callao.csv");
  const fs::path file = gateway.Folder("refrigerant") / "ri.csv";
  WriteText(file, text.substr(0, text.size() / 2));
  CHECK(gateway.watcher.Poll().imported == 0);
  WriteText(file, text);  // the analyzer wrote the rest
  CHECK(gateway.watcher.Poll().imported == 0);
  const PollReport settled = gateway.watcher.Poll();
  CHECK(settled.imported == 1);
  CHECK(settled.rejected == 0);
}

TEST_CASE("a full queue leaves new files in their folder with the alarm raised, and takes them once there is room") {
  Gateway gateway(/*capacity=*/4);
  gateway.Drop("vanta", kRohs);  // 3 readings
  REQUIRE(gateway.PollTwice().imported == 1);
  CHECK_FALSE(gateway.watcher.queue_full_alarm());

  gateway.Drop("xylotron", "results_20261103.csv");  // 3 more would exceed 4
  const PollReport waiting = gateway.PollTwice();
  CHECK(waiting.imported == 0);
  CHECK(waiting.waiting == 1);
  CHECK(gateway.watcher.queue_full_alarm());
  CHECK(fs::exists(gateway.Folder("xylotron") / "results_20261103.csv"));
  CHECK(gateway.queue.Depth() == 3);

  // Ingest acknowledges what was queued: the file now fits and the alarm clears.
  gateway.queue.AcknowledgeThrough(gateway.queue.ReadAfter(0, 10).back().sequence);
  const PollReport drained = gateway.watcher.Poll();
  CHECK(drained.imported == 1);
  CHECK(gateway.queue.Depth() == 3);
  CHECK_FALSE(gateway.watcher.queue_full_alarm());
}

TEST_CASE("after a crash between commit and move, the file is recognised and moved without a second import") {
  Gateway gateway;
  gateway.Drop("vanta", kRohs);
  REQUIRE(gateway.PollTwice().imported == 1);
  const auto depth = gateway.queue.Depth();
  // What a crash right after the commit looks like: the file is still in the folder.
  fs::rename(gateway.Folder("vanta") / "processed" / kRohs, gateway.Folder("vanta") / kRohs);
  const PollReport report = gateway.PollTwice();
  CHECK(report.duplicates == 1);
  CHECK(gateway.queue.Depth() == depth);
  CHECK(fs::exists(gateway.Folder("vanta") / "processed" / kRohs));
}
