// The synchronous API: results by consignment, ad-hoc identification, the reference library.
#include <catch2/catch.hpp>
#include <set>

#include "greenlane/rpc/caller.h"
#include "identify_fixture.h"

using namespace identify_test;
using nlohmann::json;

namespace {

const char* kMsp =
    "Name: DN-1\nSpecies: Dalbergia nigra\nIon_mode: positive\nNum Peaks: 4\n150.1 100\n273.2 40\n301.4 70\n455.3 10\n"
    "\n"
    "Name: TG-1\nSpecies: Tectona grandis\nIon_mode: positive\nNum Peaks: 3\n120.5 30\n210.2 100\n350.8 50\n";

v1::SearchSpectrumRequest NigraQuery() {
  v1::SearchSpectrumRequest request;
  for (auto [mz, intensity] : {std::pair{150.1, 98.0}, {273.2, 41.0}, {301.4, 69.0}, {455.3, 11.0}}) {
    auto* peak = request.add_peaks();
    peak->set_mz(mz);
    peak->set_intensity(intensity);
  }
  return request;
}

v1::AddSpectraResponse AddMsp(v1::IdentifyService::Stub& stub, const char* text, grpc::Status* status) {
  grpc::ClientContext context;
  v1::AddSpectraRequest request;
  auto* file = request.add_texts();
  file->set_format("msp");
  file->set_source("test.msp");
  file->set_content(text);
  request.mutable_audit()->set_actor("lab-7");
  v1::AddSpectraResponse response;
  *status = stub.AddSpectra(&context, request, &response);
  return response;
}

}  // namespace

TEST_CASE("added spectra are searchable at once, persisted, audited and reloaded after a restart") {
  IdentifyFixture f;
  auto stub = f.Stub();
  grpc::Status status;
  const auto added = AddMsp(*stub, kMsp, &status);
  REQUIRE(status.ok());
  CHECK(added.added() == 2);
  CHECK(added.library_spectra() == 2);
  CHECK(added.library_species() == 2);
  CHECK(f.Count("SELECT count(*) FROM identify.audit_log WHERE actor = 'lab-7'") == 1);

  auto search = [&](v1::SearchSpectrumRequest request) {
    grpc::ClientContext context;
    v1::SearchSpectrumResponse response;
    REQUIRE(f.Stub()->SearchSpectrum(&context, request, &response).ok());
    return response;
  };
  auto found = search(NigraQuery());
  CHECK(found.verdict() == "identified");
  CHECK(found.best().species() == "Dalbergia nigra");
  CHECK(found.best().cites_appendix() == "I");
  REQUIRE(found.matches_size() >= 1);
  CHECK(found.matches(0).name() == "DN-1");
  CHECK(found.matches(0).score() > 0.9);

  f.StopIdentify();
  f.StartIdentify();
  found = search(NigraQuery());
  CHECK(found.best().species() == "Dalbergia nigra");
  grpc::ClientContext context;
  v1::LibraryStats stats;
  REQUIRE(f.Stub()->GetLibraryStats(&context, {}, &stats).ok());
  CHECK(stats.spectra() == 2);
  CHECK(stats.species() == 2);
}

TEST_CASE("a malformed library file adds nothing and names the line, only the facade may add") {
  IdentifyFixture f;
  auto stub = f.Stub();
  grpc::Status status;
  AddMsp(*stub, "Name: X\nSpecies: Dalbergia nigra\nNum Peaks: 2\n150.1 100\n", &status);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(status.error_message(), Catch::Contains("texts/0/content") && Catch::Contains("line"));
  CHECK(f.Count("SELECT count(*) FROM identify.reference_spectra") == 0);

  auto risk = f.Stub("service-risk");
  AddMsp(*risk, kMsp, &status);
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Count("SELECT count(*) FROM identify.reference_spectra") == 0);

  v1::SearchSpectrumRequest identity = NigraQuery();
  identity.set_mode("identity");
  grpc::ClientContext context;
  v1::SearchSpectrumResponse response;
  const auto refused = stub->SearchSpectrum(&context, identity, &response);
  CHECK(refused.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(refused.error_message(), Catch::Contains("precursor_mz"));
}

TEST_CASE("ad-hoc refrigerant identification and XRF screening") {
  IdentifyFixture f;
  auto stub = f.Stub("service-risk");
  {
    v1::IdentifyRefrigerantRequest request;
    auto* component = request.add_components();
    component->set_name("R22");
    component->set_percent("100");
    request.set_cylinder_label("R-134a");
    request.set_declared_mass_kg("13.6");
    grpc::ClientContext context;
    v1::Identification answer;
    REQUIRE(stub->IdentifyRefrigerant(&context, request, &answer).ok());
    CHECK(answer.verdict() == "pure");
    CHECK(answer.result_id().empty());
    CHECK(json::parse(answer.details_json()).contains("licence_quantities"));
    bool mismatch = false;
    for (const auto& finding : answer.findings()) mismatch = mismatch || finding.code() == "refrigerant_mismatch";
    CHECK(mismatch);
  }
  {
    v1::IdentifyRefrigerantRequest request;
    auto* component = request.add_components();
    component->set_name("R22");
    component->set_percent("1e2");
    grpc::ClientContext context;
    v1::Identification answer;
    const auto status = stub->IdentifyRefrigerant(&context, request, &answer);
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK_THAT(status.error_message(), Catch::Contains("components/0/percent"));
  }
  {
    v1::ScreenXrfRequest request;
    request.set_set("rohs-polymers");
    auto* lead = request.add_elements();
    lead->set_symbol("Pb");
    lead->set_concentration_ppm("1500");
    lead->set_error_1s_ppm("20");
    grpc::ClientContext context;
    v1::Identification answer;
    REQUIRE(stub->ScreenXrf(&context, request, &answer).ok());
    CHECK(answer.verdict() == "fail");
    request.set_set("rohs-toys");
    grpc::ClientContext again;
    CHECK(stub->ScreenXrf(&again, request, &answer).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_CASE("results by consignment are paged newest first and kept from traders") {
  IdentifyFixture f;
  std::vector<std::string> readings;
  for (int i = 0; i < 3; ++i) {
    const auto reading = MakeReading("xrf", {{"method", "RoHS"}, {"elements", json::array()}});
    readings.push_back(reading.id());
    f.Accept(reading);
    f.clock.Advance(std::chrono::seconds(1));
  }
  REQUIRE(f.WaitFor("SELECT count(*) FROM identify.results", 3) == 3);
  auto stub = f.Stub();
  v1::ListIdentificationsRequest request;
  request.set_container("MSKU4421908");
  request.mutable_page()->set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 3; ++page) {
    grpc::ClientContext context;
    v1::ListIdentificationsResponse response;
    REQUIRE(stub->ListIdentifications(&context, request, &response).ok());
    for (const auto& result : response.identifications()) seen.push_back(result.reading_id());
    if (response.page().next_page_token().empty()) break;
    request.mutable_page()->set_page_token(response.page().next_page_token());
  }
  // Each event is handled as it comes; results are listed newest first.
  std::set<std::string> distinct(seen.begin(), seen.end());
  CHECK(seen.size() == 3);
  CHECK(distinct == std::set<std::string>(readings.begin(), readings.end()));

  grpc::ClientContext trader;
  greenlane::rpc::ActFor(trader, "trader-42", {"trader"});
  v1::ListIdentificationsResponse response;
  request.clear_page();
  CHECK(stub->ListIdentifications(&trader, request, &response).error_code() == grpc::StatusCode::PERMISSION_DENIED);

  grpc::ClientContext neither;
  request.clear_container();
  CHECK(stub->ListIdentifications(&neither, request, &response).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}
