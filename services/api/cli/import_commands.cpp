#include "cli/import_commands.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/cites.grpc.pb.h"
#include "greenlane/v1/identify.grpc.pb.h"

namespace greenlane::cli {
namespace {

constexpr std::size_t kMaxChunkRecords = 2000;
constexpr std::size_t kMaxChunkBytes = 48u << 20;  // under the service's 64 MiB message limit
constexpr auto kCallTimeout = std::chrono::seconds(120);

std::shared_ptr<grpc::Channel> ChannelTo(const ImportOptions& options) {
  if (options.address.empty()) throw std::runtime_error("--address (host:port of the service) is required");
  const std::string pki = options.pki_dir;
  return rpc::MakeChannel(
      {.target = options.address,
       .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"},
       .server_name_override = ""});
}

void Prepare(grpc::ClientContext& context, const ImportOptions& options) {
  rpc::SetDeadline(context, kCallTimeout);
  rpc::ActFor(context, options.actor, {"admin"});
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A one-line progress bar on a terminal, a line per step otherwise (logs, CI).
void Progress(const std::string& label, std::size_t done, std::size_t total) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  const int width = 30;
  const int filled = total == 0 ? width : static_cast<int>(width * std::min(done, total) / total);
  std::cerr << (terminal ? "\r" : "") << label << " [" << std::string(filled, '#') << std::string(width - filled, ' ')
            << "] " << done << "/" << total << (terminal ? "" : "\n") << std::flush;
}

void EndProgress() {
  if (isatty(STDERR_FILENO) != 0) std::cerr << "\n";
}

int Refused(const std::string& what, const grpc::Status& status) {
  EndProgress();
  std::cerr << "greenlane: " << what << " refused (" << status.error_code() << "): " << status.error_message() << "\n";
  return 1;
}

/// Whole records of an MSP (blank-line separated) or MGF (BEGIN IONS … END IONS) text, with the
/// line each starts on, so a chunk never splits a spectrum and errors can name the file's line.
struct Chunk {
  std::string text;
  std::size_t first_line = 1;
};

std::vector<Chunk> Chunks(const std::string& text, bool mgf) {
  std::vector<Chunk> chunks(1);
  std::size_t records = 0, line_number = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    const bool record_end = mgf ? line.rfind("END IONS", 0) == 0 : line.find_first_not_of(" \t\r") == std::string::npos;
    chunks.back().text.append(line).append("\n");
    if (!record_end) continue;
    ++records;
    if (records >= kMaxChunkRecords || chunks.back().text.size() >= kMaxChunkBytes) {
      chunks.push_back({"", line_number + 1});
      records = 0;
    }
  }
  if (chunks.back().text.find_first_not_of(" \t\r\n") == std::string::npos) chunks.pop_back();
  return chunks;
}

}  // namespace

int ImportSpecies(const ImportOptions& options) {
  if (options.files.size() != 1) throw std::runtime_error("give exactly one Species+ JSON file");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(ReadFile(options.files.front()));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error("'" + options.files.front() + "' is not JSON (byte " + std::to_string(e.byte) + ")");
  }
  const auto pages = document.is_array() ? document : nlohmann::json::array({document});
  auto stub = v1::CitesService::NewStub(ChannelTo(options));
  std::size_t seen = 0, total = 0;
  int inserted = 0, updated = 0, unchanged = 0, skipped = 0;
  std::string cursor = options.updated_since;
  for (const auto& page : pages) {
    v1::ImportSpeciesRequest request;
    request.set_page_json(page.dump());
    request.set_updated_since(options.updated_since);
    request.mutable_audit()->set_actor(options.actor);
    v1::ImportSpeciesResponse response;
    grpc::ClientContext context;
    Prepare(context, options);
    const auto status = stub->ImportSpecies(&context, request, &response);
    if (!status.ok()) return Refused("page " + std::to_string(&page - &pages[0] + 1), status);
    inserted += response.inserted();
    updated += response.updated();
    unchanged += response.unchanged();
    skipped += response.skipped();
    seen +=
        static_cast<std::size_t>(response.inserted() + response.updated() + response.unchanged() + response.skipped());
    total = std::max<std::size_t>(seen, static_cast<std::size_t>(response.total_entries()));
    if (!response.updated_since().empty()) cursor = response.updated_since();
    Progress("taxa", seen, total);
  }
  EndProgress();
  std::cout << "species: " << inserted << " inserted, " << updated << " updated, " << unchanged << " unchanged, "
            << skipped << " skipped; next --updated-since " << (cursor.empty() ? "(none)" : cursor) << "\n";
  return 0;
}

int ImportLibrary(const ImportOptions& options) {
  if (options.files.empty()) throw std::runtime_error("give one or more .msp or .mgf files");
  auto stub = v1::IdentifyService::NewStub(ChannelTo(options));
  long long added = 0, library = 0;
  for (const auto& file : options.files) {
    const auto extension = std::filesystem::path(file).extension().string();
    if (extension != ".msp" && extension != ".mgf") {
      throw std::runtime_error("'" + file + "': the format is taken from the extension, .msp or .mgf");
    }
    const auto text = ReadFile(file);
    std::size_t sent = 0;
    for (const auto& chunk : Chunks(text, extension == ".mgf")) {
      v1::AddSpectraRequest request;
      auto* library_text = request.add_texts();
      library_text->set_format(extension.substr(1));
      library_text->set_source(std::filesystem::path(file).filename().string());
      library_text->set_content(chunk.text);
      request.mutable_audit()->set_actor(options.actor);
      v1::AddSpectraResponse response;
      grpc::ClientContext context;
      Prepare(context, options);
      const auto status = stub->AddSpectra(&context, request, &response);
      if (!status.ok()) {
        return Refused(file + " (the chunk starting at line " + std::to_string(chunk.first_line) + ")", status);
      }
      added += response.added();
      library = response.library_spectra();
      sent += chunk.text.size();
      Progress(std::filesystem::path(file).filename().string(), sent, text.size());
    }
    EndProgress();
  }
  std::cout << "spectra: " << added << " added; the library holds " << library << "\n";
  return 0;
}

}  // namespace greenlane::cli
