#include "domain/answer/identifier.h"

#include <cctype>
#include <cstdlib>

#include "domain/answer/payload_reader.h"
#include "domain/qpcr/run_interpretation.h"
#include "domain/refrigerant/identification.h"
#include "domain/wood/wood_call.h"
#include "domain/xrf/screening.h"

namespace greenlane::identify {
namespace {

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

double ToDouble(const instruments::Decimal& value) { return std::strtod(value.ToString().c_str(), nullptr); }

template <typename T>
Identification OrInvalid(std::string_view kind, const core::Result<T>& result) {
  return InvalidReading(std::string(kind), result.error().field, result.error().message);
}

}  // namespace

spectral::QuerySpectrum QueryOf(const instruments::DartPayload& dart) {
  spectral::QuerySpectrum query;
  query.peaks.reserve(dart.peaks.size());
  for (const auto& peak : dart.peaks) query.peaks.push_back({ToDouble(peak.mz), ToDouble(peak.intensity)});
  return query;
}

std::string Identifier::XrfSetFor(std::string_view method) const {
  for (const auto& [prefix, set] : options_.xrf_sets_by_method) {
    if (StartsWithIgnoringCase(method, prefix)) return set;
  }
  return options_.xrf_default_set;
}

Identification Identifier::IdentifyReading(std::string_view reading_kind, const nlohmann::json& payload) const {
  const auto kind = ResultKindOf(reading_kind);
  if (kind == "xrf") {
    const auto xrf = ReadXrfPayload(payload);
    if (!xrf.ok()) return OrInvalid(kind, xrf);
    const auto answer = ScreenXrf(*xrf, XrfSetFor(xrf->method));
    return answer.ok() ? *answer : OrInvalid(kind, answer);
  }
  if (kind == "refrigerant") {
    const auto reading = ReadRefrigerantPayload(payload);
    if (!reading.ok()) return OrInvalid(kind, reading);
    const auto answer = IdentifyRefrigerant(*reading, {});
    return answer.ok() ? *answer : OrInvalid(kind, answer);
  }
  if (kind == "wood") {
    const auto reading = ReadWoodImagePayload(payload);
    if (!reading.ok()) return OrInvalid(kind, reading);
    const auto found = wood::InterpretWoodImage(*reading, tables_.wood_classes, tables_.wood_classes.defaults());
    return found.ok() ? AnswerWood(*found) : OrInvalid(kind, found);
  }
  if (kind == "dart") {
    const auto reading = ReadDartPayload(payload);
    if (!reading.ok()) return OrInvalid(kind, reading);
    const auto answer = SearchSpectrum(QueryOf(*reading), options_.search);
    return answer.ok() ? answer->identification : OrInvalid(kind, answer);
  }
  if (kind == "qpcr") {
    const nlohmann::json wells[] = {payload};
    return IdentifyQpcrWell(payload, wells);
  }
  return InvalidReading(std::string(reading_kind), "kind",
                        std::string("identify has no rule for readings of kind '").append(reading_kind).append("'"));
}

Identification Identifier::IdentifyQpcrWell(const nlohmann::json& well,
                                            std::span<const nlohmann::json> run_wells) const {
  const auto reading = ReadQpcrPayload(well);
  if (!reading.ok()) return OrInvalid("qpcr", reading);
  std::vector<instruments::QpcrPayload> wells;
  bool includes_itself = false;
  for (const auto& other : run_wells) {
    const auto parsed = ReadQpcrPayload(other);
    // A broken neighbour must not stop this well being read; its own event reports it.
    if (!parsed.ok() || parsed->run != reading->run) continue;
    includes_itself = includes_itself || parsed->well == reading->well;
    wells.push_back(*parsed);
  }
  if (!includes_itself) wells.push_back(*reading);
  const auto run = qpcr::InterpretQpcrRun(wells, tables_.qpcr_assays);
  return run.ok() ? AnswerQpcr(*run, *reading) : OrInvalid("qpcr", run);
}

core::Result<Identification> Identifier::ScreenXrf(const instruments::XrfPayload& reading,
                                                   std::string_view set_id) const {
  const auto screening = xrf::Screen(reading, tables_.xrf_levels, set_id);
  if (!screening.ok()) return screening.error();
  return AnswerXrf(*screening);
}

core::Result<Identification> Identifier::IdentifyRefrigerant(const instruments::RefrigerantPayload& reading,
                                                             const refrigerant::Declaration& declared) const {
  const auto found =
      refrigerant::IdentifyRefrigerant(reading, declared, tables_.refrigerants, tables_.refrigerants.judging());
  if (!found.ok()) return found.error();
  return AnswerRefrigerant(*found);
}

core::Result<Identifier::SpectrumAnswer> Identifier::SearchSpectrum(const spectral::QuerySpectrum& query,
                                                                    const spectral::SearchOptions& options) const {
  thread_local spectral::SearchScratch scratch;
  auto result = library_.Search(query, options, scratch);
  if (!result.ok()) return result.error();
  auto call = spectral::CallSpecies(result->species, options_.species_call);
  auto identification = AnswerSpectrum(library_, *result, call, tables_.cites_species);
  return SpectrumAnswer{std::move(*result), std::move(call), std::move(identification)};
}

}  // namespace greenlane::identify
