#pragma once

#include "domain/answer/identification.h"
#include "domain/refrigerant/identification.h"
#include "domain/spectral/library.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"
#include "greenlane/v1/identify.pb.h"

namespace greenlane::identify {

void ToProto(const Identification& answer, v1::Identification* out);

// Requests of ad-hoc calls in the rules' terms; errors name the request field.
core::Result<instruments::XrfPayload> XrfFromProto(const v1::ScreenXrfRequest& request);
struct RefrigerantRequest {
  instruments::RefrigerantPayload reading;
  refrigerant::Declaration declared;
};
core::Result<RefrigerantRequest> RefrigerantFromProto(const v1::IdentifyRefrigerantRequest& request);
/// `top_k_max` bounds top_k; the peak count is bounded by the index's own rules.
core::Result<std::pair<spectral::QuerySpectrum, spectral::SearchOptions>> SearchFromProto(
    const v1::SearchSpectrumRequest& request, std::size_t top_k_max);
core::Result<spectral::ReferenceSpectrum> SpectrumFromProto(const v1::ReferenceSpectrumInput& input,
                                                            const std::string& field);

}  // namespace greenlane::identify
