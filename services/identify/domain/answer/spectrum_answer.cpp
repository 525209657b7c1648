#include <algorithm>
#include <cstdio>
#include <string>

#include "domain/answer/answers.h"

namespace greenlane::identify {
namespace {

std::string Score(double score) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", score);
  return text;
}

void AddSpeciesFinding(Identification& answer, const std::string& species, const std::string& appendix,
                       const std::string& message) {
  if (!appendix.empty()) {
    answer.findings.push_back({finding_code::kCitesListedSpecies, message, species, appendix, {}, {}});
  } else {
    answer.findings.push_back({finding_code::kSpeciesIdentified, message, species, {}, {}, {}});
  }
}

}  // namespace

std::string SpeciesVerdictName(spectral::SpeciesVerdict verdict) {
  switch (verdict) {
    case spectral::SpeciesVerdict::kIdentified:
      return "identified";
    case spectral::SpeciesVerdict::kAmbiguous:
      return "ambiguous";
    case spectral::SpeciesVerdict::kNoMatch:
      break;
  }
  return "no_match";
}

Identification AnswerSpectrum(const spectral::SpectralLibrary& library, const spectral::SearchResult& result,
                              const spectral::SpeciesCall& call, const CitesSpeciesTable& cites) {
  Identification answer;
  answer.kind = "dart";
  answer.verdict = SpeciesVerdictName(call.verdict);
  auto matches = nlohmann::json::array();
  for (const auto& match : result.matches) {
    const auto info = library.Info(match.id);
    matches.push_back({{"spectrum_number", match.id},
                       {"name", info.name},
                       {"species", info.species},
                       {"source", info.source},
                       {"score", match.score}});
  }
  auto species = nlohmann::json::array();
  for (const auto& scored : result.species) {
    species.push_back(
        {{"species", scored.species}, {"score", scored.score}, {"cites_appendix", cites.AppendixOf(scored.species)}});
  }
  answer.details = {{"verdict", answer.verdict},
                    {"margin", call.margin},
                    {"matches", std::move(matches)},
                    {"species", std::move(species)}};

  if (!call.best) {
    answer.confidence = 0;
    answer.summary = "No library spectrum shares a peak with this spectrum; refer to the laboratory.";
    answer.findings.push_back({finding_code::kInconclusive, answer.summary, {}, {}, {}, {}});
    return answer;
  }
  const auto& best = *call.best;
  const auto appendix = cites.AppendixOf(best.species);
  std::string listing =
      appendix.empty() ? std::string("not CITES-listed") : std::string("CITES Appendix ").append(appendix);
  std::string next = call.runner_up ? std::string(", next species ")
                                          .append(call.runner_up->species)
                                          .append(" ")
                                          .append(Score(call.runner_up->score))
                                    : std::string();
  answer.confidence = std::clamp(best.score, 0.0, 1.0);
  switch (call.verdict) {
    case spectral::SpeciesVerdict::kIdentified:
      answer.summary = std::string("Spectrum matches ").append(best.species).append(" (").append(listing);
      answer.summary.append(") with score ").append(Score(best.score)).append(next).append(".");
      AddSpeciesFinding(answer, best.species, appendix, answer.summary);
      break;
    case spectral::SpeciesVerdict::kAmbiguous: {
      answer.confidence = std::clamp(call.margin, 0.0, 1.0);
      answer.summary = std::string("Ambiguous: ").append(best.species).append(" (").append(listing);
      answer.summary.append(") scores ").append(Score(best.score)).append(next);
      answer.summary.append("; refer to the laboratory.");
      answer.findings.push_back({finding_code::kInconclusive, answer.summary, best.species, appendix, {}, {}});
      break;
    }
    case spectral::SpeciesVerdict::kNoMatch:
      answer.summary = std::string("No species match: the best, ").append(best.species).append(", scores only ");
      answer.summary.append(Score(best.score)).append("; refer to the laboratory.");
      answer.findings.push_back({finding_code::kInconclusive, answer.summary, {}, {}, {}, {}});
      break;
  }
  answer.details["best"] = {{"species", best.species}, {"score", best.score}, {"cites_appendix", appendix}};
  return answer;
}

}  // namespace greenlane::identify
