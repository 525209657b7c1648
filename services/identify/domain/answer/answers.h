#pragma once

#include <string>
#include <string_view>

#include "domain/answer/cites_species.h"
#include "domain/answer/identification.h"
#include "domain/qpcr/run_interpretation.h"
#include "domain/refrigerant/identification.h"
#include "domain/spectral/library.h"
#include "domain/spectral/species_call.h"
#include "domain/wood/wood_call.h"
#include "domain/xrf/screening.h"

namespace greenlane::identify {

// Each rule's own answer turned into the common Identification: verdict, 0..1 confidence, one
// sentence, the findings other services act on, and the rule's full answer as `details`. The
// caller fills in ids, consignment and time.

Identification AnswerXrf(const xrf::Screening& screening);
Identification AnswerRefrigerant(const refrigerant::RefrigerantIdentification& identification);
Identification AnswerWood(const wood::WoodIdentification& identification);
/// The answer for the well `well` of an interpreted run: a sample's result, or for a control well
/// "control_valid" / "invalid" according to its assay's controls.
Identification AnswerQpcr(const qpcr::RunInterpretation& run, const instruments::QpcrPayload& well);
/// "identified", "ambiguous", "no_match": the verdict words results use.
std::string SpeciesVerdictName(spectral::SpeciesVerdict verdict);
/// A spectral search's answer with the species call; CITES appendices from `cites`.
Identification AnswerSpectrum(const spectral::SpectralLibrary& library, const spectral::SearchResult& result,
                              const spectral::SpeciesCall& call, const CitesSpeciesTable& cites);

}  // namespace greenlane::identify
