#include "store/spectra_store.h"

#include <bit>
#include <cstring>

#include "greenlane/core/uuid.h"

namespace greenlane::identify {
namespace {

static_assert(std::endian::native == std::endian::little, "peaks are stored little-endian");

constexpr const char* kInsert = "identify_spectrum_insert";
constexpr const char* kInsertSql =
    "INSERT INTO identify.reference_spectra (id, name, species, source, polarity, precursor_mz, peaks, added_at, "
    "added_by) VALUES ($1::uuid, $2, $3, $4, $5, $6, decode($7, 'hex'), $8::timestamptz, $9)";

constexpr const char* kLoad = "identify_spectra_load";
constexpr const char* kLoadSql =
    "SELECT seq, name, species, source, polarity, precursor_mz, encode(peaks, 'hex') FROM "
    "identify.reference_spectra WHERE seq > $1 ORDER BY seq LIMIT $2";

constexpr const char* kSpeciesCountSql = "SELECT count(DISTINCT species) FROM identify.reference_spectra";

std::string PolarityName(spectral::Polarity polarity) {
  switch (polarity) {
    case spectral::Polarity::kPositive:
      return "positive";
    case spectral::Polarity::kNegative:
      return "negative";
    case spectral::Polarity::kUnknown:
      break;
  }
  return "unknown";
}

spectral::Polarity PolarityOf(const std::string& name) {
  if (name == "positive") return spectral::Polarity::kPositive;
  if (name == "negative") return spectral::Polarity::kNegative;
  return spectral::Polarity::kUnknown;
}

// Peaks travel as hex text (decode/encode in SQL): a plain text parameter, no binary protocol.
std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    out.push_back(kDigits[static_cast<std::uint8_t>(c) >> 4]);
    out.push_back(kDigits[static_cast<std::uint8_t>(c) & 15]);
  }
  return out;
}

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

std::string FromHex(std::string_view text) {
  std::string out(text.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<char>(HexValue(text[2 * i]) * 16 + HexValue(text[2 * i + 1]));
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SpectraStore::PreparedStatements() {
  return {{kInsert, kInsertSql}, {kLoad, kLoadSql}};
}

std::string SpectraStore::EncodePeaks(const std::vector<spectral::Peak>& peaks) {
  std::string bytes(peaks.size() * 2 * sizeof(double), '\0');
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    std::memcpy(bytes.data() + (2 * i) * sizeof(double), &peaks[i].mz, sizeof(double));
    std::memcpy(bytes.data() + (2 * i + 1) * sizeof(double), &peaks[i].intensity, sizeof(double));
  }
  return bytes;
}

std::vector<spectral::Peak> SpectraStore::DecodePeaks(std::string_view bytes) {
  std::vector<spectral::Peak> peaks(bytes.size() / (2 * sizeof(double)));
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    std::memcpy(&peaks[i].mz, bytes.data() + (2 * i) * sizeof(double), sizeof(double));
    std::memcpy(&peaks[i].intensity, bytes.data() + (2 * i + 1) * sizeof(double), sizeof(double));
  }
  return peaks;
}

void SpectraStore::Insert(pqxx::work& tx, std::span<const spectral::ReferenceSpectrum> spectra,
                          const std::string& added_by) const {
  const auto added_at = core::FormatRfc3339(clock_.Now(), 6);
  for (const auto& spectrum : spectra) {
    tx.exec_prepared(kInsert, core::Uuid::NewV7(clock_).ToString(), spectrum.name, spectrum.species, spectrum.source,
                     PolarityName(spectrum.polarity), spectrum.precursor_mz, ToHex(EncodePeaks(spectrum.peaks)),
                     added_at, added_by);
  }
}

void SpectraStore::LoadAll(pg::Pool& pool, std::size_t batch,
                           const std::function<void(std::vector<spectral::ReferenceSpectrum>&&)>& sink) const {
  std::int64_t after = 0;
  for (;;) {
    std::vector<spectral::ReferenceSpectrum> spectra;
    {
      auto connection = pool.Acquire();
      pqxx::read_transaction tx(*connection);
      for (const auto& row : tx.exec_prepared(kLoad, after, static_cast<std::int64_t>(batch))) {
        after = row[0].as<std::int64_t>();
        spectral::ReferenceSpectrum spectrum;
        spectrum.name = row[1].as<std::string>();
        spectrum.species = row[2].as<std::string>();
        spectrum.source = row[3].as<std::string>();
        spectrum.polarity = PolarityOf(row[4].as<std::string>());
        if (!row[5].is_null()) spectrum.precursor_mz = row[5].as<double>();
        spectrum.peaks = DecodePeaks(FromHex(row[6].as<std::string>()));
        spectra.push_back(std::move(spectrum));
      }
    }
    if (spectra.empty()) return;
    const bool last = spectra.size() < batch;
    sink(std::move(spectra));
    if (last) return;
  }
}

std::int64_t SpectraStore::SpeciesCount(pqxx::transaction_base& tx) {
  return tx.exec1(kSpeciesCountSql)[0].as<std::int64_t>();
}

}  // namespace greenlane::identify
