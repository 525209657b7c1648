#include "domain/wood/wood_call.h"

#include "domain/rule_support/exact.h"

namespace greenlane::identify::wood {
namespace {

using instruments::Decimal;
using rule_support::Confidence;

std::string Status(const WoodClass& wood_class) {
  if (wood_class.Strictest() == Appendix::kNotListed) {
    return "not CITES-listed" + (wood_class.note.empty() ? "" : " (" + wood_class.note + ")");
  }
  std::string text;
  for (const auto& listed : wood_class.species) {
    text += (text.empty() ? "" : ", ") + listed.name + " App. " + std::string(AppendixName(listed.appendix));
  }
  const std::string others = wood_class.other_species == Appendix::kNotListed
                                 ? "other species not listed"
                                 : "other species App. " + std::string(AppendixName(wood_class.other_species));
  text += (text.empty() ? "" : "; ") + others;
  return "CITES App. " + std::string(AppendixName(wood_class.Strictest())) +
         (wood_class.DependsOnSpecies() ? " or lower depending on species" : "") + " (" + text + ")";
}

ClassStatus Map(const instruments::ClassScore& score, const WoodClassTable& table) {
  ClassStatus status{score.name, score.score};
  const WoodClass* wood_class = table.Find(score.name);
  if (wood_class == nullptr) {
    status.status = "not in Greenlane's CITES table: check Species+";
    return status;
  }
  status.in_table = true;
  status.strictest = wood_class->Strictest();
  status.depends_on_species = wood_class->DependsOnSpecies();
  status.listed_species = wood_class->species;
  status.status = Status(*wood_class);
  return status;
}

// "Swietenia (CITES App. II ...), Cedrela (...)" for the classes that might be listed, so an
// inconclusive answer still says what is at stake.
std::string ListedCandidates(const std::vector<ClassStatus>& top) {
  std::string text;
  for (const auto& candidate : top) {
    if (candidate.in_table && candidate.strictest == Appendix::kNotListed) continue;
    text += (text.empty() ? "" : ", ") + candidate.name + " (" + candidate.status + ")";
  }
  return text;
}

}  // namespace

std::string_view WoodVerdictName(WoodVerdict verdict) {
  return verdict == WoodVerdict::kIdentified ? "identified" : "inconclusive";
}

core::Result<WoodIdentification> InterpretWoodImage(const instruments::WoodImagePayload& reading,
                                                    const WoodClassTable& table, const WoodOptions& options) {
  for (std::size_t i = 0; i < reading.top.size(); ++i) {
    const std::string field = "top/" + std::to_string(i) + "/score";
    const Decimal& score = reading.top[i].score;
    if (!rule_support::Within(score, Decimal(0, 0), Decimal(1, 0))) {
      return core::Error::InvalidArgument(field,
                                          reading.top[i].name + " score " + score.ToString() + " is outside 0 to 1");
    }
    if (i > 0 && score > reading.top[i - 1].score) {
      return core::Error::InvalidArgument(field, reading.top[i].name + " score " + score.ToString() + " is above " +
                                                     reading.top[i - 1].name + "'s: classes must be ranked best first");
    }
  }
  WoodIdentification result;
  for (const auto& score : reading.top) result.top.push_back(Map(score, table));
  const ClassStatus& best = result.top[0];
  const ClassStatus& next = result.top[1];
  result.margin = rule_support::Minus(best.score, next.score);
  const std::string scores = best.name + " " + best.score.ToString() + ", next " + next.name + " " +
                             next.score.ToString() + " (margin " + result.margin.ToString() + ")";

  if (best.score < options.min_top_score || result.margin < options.min_margin) {
    const bool low_score = best.score < options.min_top_score;
    result.reason = scores + ": " +
                    (low_score ? "top score below " + options.min_top_score.ToString()
                               : "margin below " + options.min_margin.ToString()) +
                    ", so the image cannot tell them apart; refer to the laboratory";
    if (const std::string listed = ListedCandidates(result.top); !listed.empty()) {
      result.reason += "; candidates that may be CITES-listed: " + listed;
    }
    return result;
  }
  result.verdict = WoodVerdict::kIdentified;
  result.reason = scores + ", clear of the " + options.min_top_score.ToString() + " score and " +
                  options.min_margin.ToString() + " margin thresholds; " + best.name + ": " + best.status;
  if (!best.in_table) {
    result.confidence = Confidence::kMedium;
    result.reason += "; refer to the laboratory for the CITES status";
  } else if (best.depends_on_species && best.strictest != Appendix::kNotListed) {
    result.confidence = Confidence::kMedium;
    result.reason += "; the appendix depends on the species, which only a laboratory can name";
  } else {
    result.confidence = Confidence::kHigh;
    result.refer_to_laboratory = false;
  }
  return result;
}

}  // namespace greenlane::identify::wood
