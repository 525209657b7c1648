// Drafting, validation, issue, endorsement, single use and scoping through the gRPC API against a
// real PostgreSQL.
#include <catch2/catch.hpp>

#include "../../unit/cites/fixtures.h"
#include "cites_fixture.h"

using namespace cites_test;
using greenlane::cites::testing::MahoganyExport;

namespace {

v1::EndorseRequest Endorsement(const std::string& number, const std::string& quantity) {
  v1::EndorseRequest request;
  request.set_number(number);
  request.set_date("2025-03-12");
  request.set_port("Belem");
  request.set_transport_document("MSCU-BL-88812");
  request.add_quantities(quantity);
  return request;
}

v1::RecordImportUseRequest ImportUse(const std::string& number, const std::string& port) {
  v1::RecordImportUseRequest request;
  request.set_number(number);
  request.set_date("2025-04-02");
  request.set_country("DE");
  request.set_port(port);
  request.add_quantities("10");
  return request;
}

}  // namespace

TEST_CASE("a draft is numbered, validated with every problem, then issued with a token, an audit row and an event") {
  CitesFixture fixture;
  auto stub = fixture.Stub();

  auto bad = MahoganyExport();
  bad.lines[0].unit = "NAR";
  bad.importer.country = "BR";
  v1::ValidateRequest validate;
  *validate.mutable_permit() = ProtoOf(bad, true);
  v1::ValidateResponse problems;
  REQUIRE(stub->Validate(Context().get(), validate, &problems).ok());
  CHECK_FALSE(problems.valid());
  std::set<std::string> rules;
  for (const auto& problem : problems.problems()) rules.insert(problem.rule() + "@" + problem.field());
  CHECK(rules.count("term_unit.pair@lines[0].unit") == 1);
  CHECK(rules.count("parties.same_country@importer.country") + rules.count("parties.same_country@exporter.country") ==
        1);

  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  CHECK(issued.number() == "BR-EX-2025-000001");
  CHECK(issued.state() == "issued");
  CHECK(std::count(issued.token().begin(), issued.token().end(), '.') == 2);
  const auto second = DraftAndIssue(*stub, MahoganyExport());
  CHECK(second.number() == "BR-EX-2025-000002");
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'permit.issued' AND actor LIKE "
                      "'officer-7%'") == 2);
  CHECK(fixture.Count("SELECT count(*) FROM cites.outbox WHERE topic = 'cites.permit.issued'") == 2);

  v1::PermitAction again;
  again.set_number(issued.number());
  v1::CitesPermit ignored;
  const auto twice = stub->Issue(Context().get(), again, &ignored);
  CHECK(twice.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(twice.error_message(), Catch::Contains("lifecycle.transition"));
}

TEST_CASE("an invalid draft cannot be issued and says why") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  auto bad = MahoganyExport();
  bad.purpose = "Q?";
  v1::CreateDraftRequest draft;
  *draft.mutable_permit() = ProtoOf(bad);
  v1::CitesPermit created;
  REQUIRE(stub->CreateDraft(Context().get(), draft, &created).ok());
  v1::PermitAction issue;
  issue.set_number(created.number());
  v1::CitesPermit issued;
  const auto status = stub->Issue(Context().get(), issue, &issued);
  CHECK(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(status.error_message(), Catch::Contains("lifecycle.invalid") && Catch::Contains("Q?"));
}

TEST_CASE("endorsement records what left and never more than permitted, import accepts the permit once") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  v1::CitesPermit endorsed;
  const auto over = stub->Endorse(Context().get(), Endorsement(issued.number(), "12.6"), &endorsed);
  CHECK(over.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(over.error_message(), Catch::Contains("endorsement.exceeds_permitted"));
  REQUIRE(stub->Endorse(Context().get(), Endorsement(issued.number(), "10"), &endorsed).ok());
  CHECK(endorsed.state() == "endorsed");
  CHECK(endorsed.lines(0).endorsed_quantity() == "10");
  CHECK(fixture.Count("SELECT count(*) FROM cites.permit_lines WHERE endorsed = 10") == 1);

  v1::CitesPermit used;
  REQUIRE(stub->RecordImportUse(Context("customs-de").get(), ImportUse(issued.number(), "Hamburg"), &used).ok());
  CHECK(used.state() == "used");
  const auto reuse = stub->RecordImportUse(Context("customs-de").get(), ImportUse(issued.number(), "Bremen"), &used);
  CHECK(reuse.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(reuse.error_message(), Catch::Contains("lifecycle.single_use") && Catch::Contains("Hamburg"));
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'permit.reuse_refused' AND "
                      "after_state::jsonb->'attempt'->>'port' = 'Bremen'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM cites.outbox WHERE topic = 'cites.permit.reuse_refused'") == 1);
}

TEST_CASE("cancel and revoke need a reason, replace needs an existing replacement") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  v1::PermitAction cancel;
  cancel.set_number(issued.number());
  v1::CitesPermit result;
  CHECK_THAT(stub->Cancel(Context().get(), cancel, &result).error_message(),
             Catch::Contains("lifecycle.reason_required"));
  v1::ReplaceRequest replace;
  replace.set_number(issued.number());
  replace.set_replacement_number("BR-EX-2025-999999");
  CHECK(stub->Replace(Context().get(), replace, &result).error_code() == grpc::StatusCode::NOT_FOUND);
  const auto replacement = DraftAndIssue(*stub, MahoganyExport());
  replace.set_replacement_number(replacement.number());
  REQUIRE(stub->Replace(Context().get(), replace, &result).ok());
  CHECK(result.state() == "replaced");
  CHECK(result.replaced_by() == replacement.number());
  cancel.set_number(replacement.number());
  cancel.mutable_audit()->set_reason("exporter withdrew the application");
  REQUIRE(stub->Cancel(Context().get(), cancel, &result).ok());
  CHECK(result.reason() == "exporter withdrew the application");
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action IN ('permit.replaced', 'permit.cancelled')") ==
        2);
}

TEST_CASE("a trader sees only the permits it applied for, page by page") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  for (int i = 0; i < 3; ++i) DraftAndIssue(*stub, MahoganyExport(), "trader-1");
  const auto other = DraftAndIssue(*stub, MahoganyExport(), "trader-2");
  v1::ListPermitsRequest list;
  list.mutable_page()->set_page_size(2);
  v1::ListPermitsResponse page;
  REQUIRE(stub->ListPermits(Context("trader-1", {"trader"}).get(), list, &page).ok());
  REQUIRE(page.permits_size() == 2);
  REQUIRE_FALSE(page.page().next_page_token().empty());
  list.mutable_page()->set_page_token(page.page().next_page_token());
  v1::ListPermitsResponse rest;
  REQUIRE(stub->ListPermits(Context("trader-1", {"trader"}).get(), list, &rest).ok());
  REQUIRE(rest.permits_size() == 1);
  CHECK(rest.page().next_page_token().empty());
  for (const auto& permit : rest.permits()) CHECK(permit.applicant() == "trader-1");

  v1::GetPermitRequest get;
  get.set_number(other.number());
  v1::CitesPermit found;
  CHECK(stub->GetPermit(Context("trader-1", {"trader"}).get(), get, &found).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  CHECK(stub->GetPermit(Context("officer-7", {"officer"}).get(), get, &found).ok());
  list.mutable_page()->set_page_token("garbage");
  CHECK(stub->ListPermits(Context().get(), list, &rest).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListPermitsResponse all;
  REQUIRE(stub->ListPermits(Context().get(), v1::ListPermitsRequest(), &all).ok());
  CHECK(all.permits_size() == 4);
}

TEST_CASE("only Greenlane services may call the CITES service") {
  CitesFixture fixture;
  auto stub = fixture.Stub("partner-pe");
  v1::ListPermitsResponse page;
  CHECK(stub->ListPermits(Context().get(), v1::ListPermitsRequest(), &page).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
}
