#include "api/convert.h"

#include <cmath>

namespace greenlane::identify {
namespace {

core::Result<std::optional<instruments::Decimal>> OptionalDecimal(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<instruments::Decimal>();
  const auto value = instruments::Decimal::Parse(text);
  if (!value) {
    return core::Error::InvalidArgument(field,
                                        std::string("'").append(text).append("' is not a decimal such as \"12.5\""));
  }
  return std::optional(*value);
}

core::Result<std::vector<spectral::Peak>> PeaksFromProto(
    const google::protobuf::RepeatedPtrField<v1::SpectrumPeak>& peaks, const std::string& field) {
  std::vector<spectral::Peak> out;
  out.reserve(peaks.size());
  for (int i = 0; i < peaks.size(); ++i) {
    const auto& peak = peaks[i];
    if (!std::isfinite(peak.mz()) || !std::isfinite(peak.intensity())) {
      return core::Error::InvalidArgument(field + "/" + std::to_string(i), "m/z and intensity must be finite numbers");
    }
    out.push_back({peak.mz(), peak.intensity()});
  }
  return out;
}

}  // namespace

void ToProto(const Identification& answer, v1::Identification* out) {
  out->set_result_id(answer.result_id);
  out->set_reading_id(answer.reading_id);
  out->set_kind(answer.kind);
  out->mutable_consignment()->set_declaration(answer.consignment.declaration);
  out->mutable_consignment()->set_container(answer.consignment.container);
  out->mutable_consignment()->set_item(answer.consignment.item);
  out->set_verdict(answer.verdict);
  out->set_confidence(answer.confidence);
  out->set_summary(answer.summary);
  for (const auto& finding : answer.findings) {
    auto* f = out->add_findings();
    f->set_code(finding.code);
    f->set_message(finding.message);
    f->set_species(finding.species);
    f->set_cites_appendix(finding.cites_appendix);
    f->set_substance(finding.substance);
    f->set_element(finding.element);
  }
  if (answer.produced_at != core::TimePoint{}) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(answer.produced_at.time_since_epoch()).count();
    out->mutable_produced_at()->set_seconds(micros / 1000000);
    out->mutable_produced_at()->set_nanos(static_cast<int>(micros % 1000000) * 1000);
  }
  out->set_details_json(answer.details.dump());
}

core::Result<instruments::XrfPayload> XrfFromProto(const v1::ScreenXrfRequest& request) {
  instruments::XrfPayload xrf;
  if (request.elements().empty()) return core::Error::InvalidArgument("elements", "give at least one element");
  for (int i = 0; i < request.elements_size(); ++i) {
    const auto& input = request.elements(i);
    const auto field = std::string("elements/") + std::to_string(i);
    if (input.symbol().empty()) return core::Error::InvalidArgument(field + "/symbol", "is required, e.g. \"Pb\"");
    instruments::XrfElement element;
    element.symbol = input.symbol();
    element.below_lod = input.below_lod();
    auto value = OptionalDecimal(input.concentration_ppm(), field + "/concentration_ppm");
    if (!value.ok()) return value.error();
    auto sigma = OptionalDecimal(input.error_1s_ppm(), field + "/error_1s_ppm");
    if (!sigma.ok()) return sigma.error();
    element.concentration_ppm = *value;
    element.error_1s_ppm = *sigma;
    xrf.elements.push_back(std::move(element));
  }
  return xrf;
}

core::Result<RefrigerantRequest> RefrigerantFromProto(const v1::IdentifyRefrigerantRequest& request) {
  RefrigerantRequest out;
  out.reading.cylinder_label = request.cylinder_label();
  for (int i = 0; i < request.components_size(); ++i) {
    const auto& component = request.components(i);
    const auto field = std::string("components/") + std::to_string(i);
    if (component.name().empty()) return core::Error::InvalidArgument(field + "/name", "is required, e.g. \"R134a\"");
    const auto percent = OptionalDecimal(component.percent(), field + "/percent");
    if (!percent.ok()) return percent.error();
    if (!*percent) return core::Error::InvalidArgument(field + "/percent", "is required");
    out.reading.components.push_back({component.name(), **percent});
  }
  const auto hydrocarbons = OptionalDecimal(request.hydrocarbons_percent(), "hydrocarbons_percent");
  if (!hydrocarbons.ok()) return hydrocarbons.error();
  const auto air = OptionalDecimal(request.air_percent(), "air_percent");
  if (!air.ok()) return air.error();
  const auto mass = OptionalDecimal(request.declared_mass_kg(), "declared_mass_kg");
  if (!mass.ok()) return mass.error();
  out.reading.hydrocarbons_percent = *hydrocarbons;
  out.reading.air_percent = *air;
  out.declared = {request.declared_substance(), *mass};
  return out;
}

core::Result<std::pair<spectral::QuerySpectrum, spectral::SearchOptions>> SearchFromProto(
    const v1::SearchSpectrumRequest& request, std::size_t top_k_max) {
  spectral::QuerySpectrum query;
  spectral::SearchOptions options;
  auto peaks = PeaksFromProto(request.peaks(), "peaks");
  if (!peaks.ok()) return peaks.error();
  if (peaks->empty()) return core::Error::InvalidArgument("peaks", "give at least one peak");
  query.peaks = std::move(*peaks);
  if (request.has_precursor_mz()) query.precursor_mz = request.precursor_mz();
  if (request.mode().empty() || request.mode() == "open") {
    options.mode = spectral::SearchMode::kOpen;
  } else if (request.mode() == "identity") {
    options.mode = spectral::SearchMode::kIdentity;
    if (!query.precursor_mz) return core::Error::InvalidArgument("precursor_mz", "is required in identity mode");
  } else {
    return core::Error::InvalidArgument("mode",
                                        std::string("'").append(request.mode()).append("' is not open or identity"));
  }
  if (request.precursor_tolerance() < 0 || request.precursor_tolerance() > 1) {
    return core::Error::InvalidArgument("precursor_tolerance", "must be from 0 (default 0.01 Da) to 1 Da");
  }
  if (request.precursor_tolerance() > 0) options.precursor_tolerance = request.precursor_tolerance();
  if (request.top_k() < 0 || static_cast<std::size_t>(request.top_k()) > top_k_max) {
    return core::Error::InvalidArgument(
        "top_k", std::string("must be from 0 (default 10) to ").append(std::to_string(top_k_max)));
  }
  if (request.top_k() > 0) options.top_k = static_cast<std::size_t>(request.top_k());
  return std::pair(std::move(query), options);
}

core::Result<spectral::ReferenceSpectrum> SpectrumFromProto(const v1::ReferenceSpectrumInput& input,
                                                            const std::string& field) {
  spectral::ReferenceSpectrum spectrum;
  spectrum.name = input.name();
  spectrum.species = input.species();
  spectrum.source = input.source();
  if (input.polarity() == "positive") {
    spectrum.polarity = spectral::Polarity::kPositive;
  } else if (input.polarity() == "negative") {
    spectrum.polarity = spectral::Polarity::kNegative;
  } else if (!input.polarity().empty()) {
    return core::Error::InvalidArgument(field + "/polarity", "must be positive, negative or empty");
  }
  if (input.has_precursor_mz()) spectrum.precursor_mz = input.precursor_mz();
  auto peaks = PeaksFromProto(input.peaks(), field + "/peaks");
  if (!peaks.ok()) return peaks.error();
  spectrum.peaks = std::move(*peaks);
  return spectrum;
}

}  // namespace greenlane::identify
