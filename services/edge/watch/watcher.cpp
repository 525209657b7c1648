#include "watch/watcher.h"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <system_error>

#include "greenlane/core/log.h"
#include "watch/reading_message.h"

namespace greenlane::edge {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kProcessedDir = "processed";
constexpr std::string_view kRejectedDir = "rejected";
constexpr std::string_view kErrorSuffix = ".error.txt";

// Reads at most `limit` + 1 bytes: enough for the parser to say the file is too large without the
// gateway loading a runaway file into memory.
std::string ReadFile(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fs::filesystem_error("cannot open for reading", path, std::make_error_code(std::errc::io_error));
  std::string bytes(limit + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) throw fs::filesystem_error("cannot read", path, std::make_error_code(std::errc::io_error));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

// dir/name, or dir/stem-N.ext for the first N that is free.
fs::path FreeName(const fs::path& dir, const fs::path& name) {
  fs::path candidate = dir / name;
  for (int n = 1; fs::exists(candidate); ++n) {
    candidate = dir / (name.stem().string() + "-" + std::to_string(n) + name.extension().string());
  }
  return candidate;
}

fs::path MoveInto(const fs::path& file, std::string_view subdir) {
  const fs::path target = FreeName(file.parent_path() / subdir, file.filename());
  fs::rename(file, target);
  return target;
}

core::TimePoint ToSystemTime(fs::file_time_type time) {
  return std::chrono::time_point_cast<core::TimePoint::duration>(std::chrono::file_clock::to_sys(time));
}

}  // namespace

Watcher::Watcher(WatcherOptions options, ReadingQueue& queue, EdgeMetrics& metrics, const core::Clock& clock)
    : options_(std::move(options)), queue_(queue), metrics_(metrics), clock_(clock) {
  for (const auto& folder : options_.folders) {
    fs::create_directories(folder.path / kProcessedDir);
    fs::create_directories(folder.path / kRejectedDir);
  }
}

PollReport Watcher::Poll() {
  PollReport report;
  for (const auto& folder : options_.folders) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder.path, error)) {
      const fs::path& file = entry.path();
      if (!entry.is_regular_file(error) || file.filename().string().starts_with('.')) continue;
      try {
        const FileSignature signature{
            fs::file_size(file),
            std::chrono::duration_cast<std::chrono::nanoseconds>(fs::last_write_time(file).time_since_epoch()).count()};
        if (!readiness_.Observe(file.string(), signature)) continue;
        HandleFile(folder, file, report);
      } catch (const std::exception& e) {
        // The file stays where it is and is tried again next poll: a full disk or a locked file is
        // not a reason to lose or reject an export.
        ++report.failed;
        log::Error("could not handle analyzer file; it stays in place and is retried",
                   {{"file", file.string()}, {"error", e.what()}});
      }
    }
    if (error) log::Error("cannot list watch folder", {{"folder", folder.path.string()}, {"error", error.message()}});
  }
  readiness_.EndPoll();

  const bool full = report.waiting > 0 || queue_.Depth() >= options_.queue_capacity;
  switch (alarm_.Update(full)) {
    case CapacityAlarm::Change::kRaised:
      log::Warn("queue full: new analyzer files wait in their folders until ingest acknowledges readings",
                {{"depth", queue_.Depth()}, {"capacity", options_.queue_capacity}, {"files_waiting", report.waiting}});
      break;
    case CapacityAlarm::Change::kCleared:
      log::Info("queue has room again; taking new files", {{"depth", queue_.Depth()}});
      break;
    case CapacityAlarm::Change::kNone:
      break;
  }
  metrics_.SetQueueFull(alarm_.raised());
  return report;
}

void Watcher::HandleFile(const WatchFolder& folder, const fs::path& file, PollReport& report) {
  const std::string bytes = ReadFile(file, options_.max_file_bytes);
  const std::string sha256 = Sha256Hex(bytes);
  if (const auto seen = queue_.FindFile(sha256); seen && seen->state == FileState::kProcessed) {
    const fs::path moved = MoveInto(file, kProcessedDir);
    ++report.duplicates;
    metrics_.FileDuplicate();
    log::Info("file already imported; moved without importing again",
              {{"file", file.string()}, {"moved_to", moved.string()}, {"first_seen_as", seen->name}});
    return;
  }
  if (AdmitFile(queue_.Depth(), options_.queue_capacity, 1) == Admission::kWait) {
    ++report.waiting;  // not even parsed: there is no room for a single reading
    return;
  }

  instruments::ParseOptions parse_options;
  parse_options.file_name = file.filename().string();
  parse_options.utc_offset = options_.utc_offset;
  parse_options.max_file_bytes = options_.max_file_bytes;
  parse_options.instrument_serial = options_.xylotron_serial;
  parse_options.file_time = ToSystemTime(fs::last_write_time(file));
  const auto detected = instruments::DetectFormat(bytes, parse_options);
  const instruments::Format format = detected.ok() ? *detected : folder.format;
  const auto parsed = instruments::Parse(format, bytes, parse_options);
  if (!parsed.ok()) {
    Reject(file, sha256, parsed.error().message, report);
    return;
  }
  if (AdmitFile(queue_.Depth(), options_.queue_capacity, parsed->size()) == Admission::kWait) {
    ++report.waiting;
    return;
  }

  std::vector<std::string> messages;
  messages.reserve(parsed->size());
  for (const auto& reading : *parsed)
    messages.push_back(ToMessage(reading, parse_options.file_name).SerializeAsString());
  queue_.CommitFile({.sha256 = sha256,
                     .name = parse_options.file_name,
                     .state = FileState::kProcessed,
                     .error = {},
                     .seen_at = clock_.Now()},
                    messages);
  // Only now that the readings are durable does the file leave the folder.
  const fs::path moved = MoveInto(file, kProcessedDir);
  ++report.imported;
  report.readings_enqueued += messages.size();
  metrics_.FileImported(messages.size());
  log::Info("file imported", {{"file", file.string()},
                              {"format", instruments::FormatName(format)},
                              {"readings", messages.size()},
                              {"moved_to", moved.string()}});
}

void Watcher::Reject(const fs::path& file, const std::string& sha256, const std::string& error, PollReport& report) {
  const fs::path target = FreeName(file.parent_path() / kRejectedDir, file.filename());
  {
    std::ofstream out(target.string() + std::string(kErrorSuffix), std::ios::binary | std::ios::trunc);
    out << error << "\n";
    if (!out)
      throw fs::filesystem_error("cannot write the error file", target, std::make_error_code(std::errc::io_error));
  }
  fs::rename(file, target);
  queue_.CommitFile({.sha256 = sha256,
                     .name = file.filename().string(),
                     .state = FileState::kRejected,
                     .error = error,
                     .seen_at = clock_.Now()},
                    {});
  ++report.rejected;
  metrics_.FileRejected();
  log::Warn("file rejected; fix it and drop it in again",
            {{"file", file.string()}, {"moved_to", target.string()}, {"error", error}});
}

}  // namespace greenlane::edge
