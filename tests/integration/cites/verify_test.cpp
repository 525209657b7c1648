// The QR code's token and Verify: the signature, then the permit's current state.
#include <catch2/catch.hpp>

#include "../../unit/cites/fixtures.h"
#include "cites_fixture.h"
#include "greenlane/security/jws.h"

using namespace cites_test;
using greenlane::cites::testing::MahoganyExport;

namespace {

v1::VerifyResponse Verify(v1::CitesService::Stub& stub, v1::VerifyRequest request) {
  v1::VerifyResponse response;
  const auto status = stub.Verify(Context("single-window", {"public"}).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

v1::VerifyRequest ByToken(const std::string& token, const std::string& species = "", const std::string& quantity = "") {
  v1::VerifyRequest request;
  request.set_token(token);
  request.set_scientific_name(species);
  request.set_quantity(quantity);
  return request;
}

std::string FirstRule(const v1::VerifyResponse& response) {
  return response.reasons_size() > 0 ? response.reasons(0).rule() : "";
}

}  // namespace

TEST_CASE("an issued permit's token verifies with the species and quantity it covers") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  const auto valid = Verify(*stub, ByToken(issued.token(), "Swietenia macrophylla", "12.5"));
  CHECK(valid.valid());
  CHECK(valid.number() == issued.number());
  CHECK(valid.state() == "issued");
  CHECK(valid.permit().token().empty());
  const auto over = Verify(*stub, ByToken(issued.token(), "Swietenia macrophylla", "13"));
  CHECK_FALSE(over.valid());
  CHECK(FirstRule(over) == "verify.quantity");
}

TEST_CASE("a tampered token or one signed with another key is refused") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  std::string tampered = issued.token();
  const auto dot = tampered.find('.');
  tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
  const auto altered = Verify(*stub, ByToken(tampered));
  CHECK_FALSE(altered.valid());
  CHECK(FirstRule(altered) == "verify.signature");

  const auto stranger = greenlane::security::Ed25519Key::Generate();
  const auto forged = greenlane::security::SignJws(stranger, {{"num", issued.number()}}, {{"typ", "cites-permit+jws"}});
  const auto wrong_key = Verify(*stub, ByToken(forged));
  CHECK_FALSE(wrong_key.valid());
  CHECK(FirstRule(wrong_key) == "verify.signature");
}

TEST_CASE("verify reads the current state: cancelled, used, remaining quantity") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto cancelled = DraftAndIssue(*stub, MahoganyExport());
  v1::PermitAction cancel;
  cancel.set_number(cancelled.number());
  cancel.mutable_audit()->set_reason("stolen blank");
  v1::CitesPermit ignored;
  REQUIRE(stub->Cancel(Context().get(), cancel, &ignored).ok());
  const auto after_cancel = Verify(*stub, ByToken(cancelled.token()));
  CHECK_FALSE(after_cancel.valid());
  CHECK(FirstRule(after_cancel) == "verify.cancelled");

  const auto shipped = DraftAndIssue(*stub, MahoganyExport());
  v1::EndorseRequest endorse;
  endorse.set_number(shipped.number());
  endorse.set_date("2025-03-12");
  endorse.add_quantities()->assign(1, '4');
  REQUIRE(stub->Endorse(Context().get(), endorse, &ignored).ok());
  v1::VerifyRequest by_number;
  by_number.set_number(shipped.number());
  by_number.set_scientific_name("Swietenia macrophylla");
  by_number.set_quantity("4.5");
  const auto beyond_endorsed = Verify(*stub, by_number);
  CHECK_FALSE(beyond_endorsed.valid());
  CHECK(FirstRule(beyond_endorsed) == "verify.quantity");

  v1::RecordImportUseRequest use;
  use.set_number(shipped.number());
  use.set_date("2025-03-20");
  use.set_country("DE");
  use.add_quantities()->assign(1, '4');
  REQUIRE(stub->RecordImportUse(Context().get(), use, &ignored).ok());
  const auto used = Verify(*stub, ByToken(shipped.token()));
  CHECK_FALSE(used.valid());
  CHECK(FirstRule(used) == "verify.used");

  v1::VerifyRequest unknown;
  unknown.set_number("BR-EX-2025-424242");
  CHECK(FirstRule(Verify(*stub, unknown)) == "verify.unknown");
}

TEST_CASE("VerifyMany answers each request as Verify would, in order, and refuses more than 100") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  v1::VerifyManyRequest many;
  *many.add_requests() = ByToken(issued.token(), "Swietenia macrophylla", "12.5");
  *many.add_requests() = ByToken(issued.token(), "Swietenia macrophylla", "13");
  *many.add_requests() = ByToken(issued.token(), "Swietenia macrophylla", "twelve");
  many.add_requests()->set_number("BR-EX-2025-424242");
  v1::VerifyManyResponse answers;
  const auto status = stub->VerifyMany(Context().get(), many, &answers);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(answers.answers_size() == 4);
  CHECK(answers.answers(0).code() == 0);
  CHECK(answers.answers(0).response().SerializeAsString() == Verify(*stub, many.requests(0)).SerializeAsString());
  CHECK(FirstRule(answers.answers(1).response()) == "verify.quantity");
  // A malformed request fails alone, naming its field.
  CHECK(answers.answers(2).code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(answers.answers(2).message(), Catch::StartsWith("quantity"));
  CHECK(FirstRule(answers.answers(3).response()) == "verify.unknown");

  while (many.requests_size() <= 100) *many.add_requests() = many.requests(0);
  const auto too_many = stub->VerifyMany(Context().get(), many, &answers);
  CHECK(too_many.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(too_many.error_message(), Catch::Contains("requests: at most 100 per call"));
}
