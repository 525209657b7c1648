#include "domain/lifecycle.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
constexpr PermitState kAllStates[] = {PermitState::kDraft,   PermitState::kIssued,    PermitState::kEndorsed,
                                      PermitState::kUsed,    PermitState::kCancelled, PermitState::kRevoked,
                                      PermitState::kReplaced};
constexpr PermitEvent kAllEvents[] = {PermitEvent::kIssue,  PermitEvent::kEndorse, PermitEvent::kAcceptAtImport,
                                      PermitEvent::kCancel, PermitEvent::kRevoke,  PermitEvent::kReplace};

PermitRecord Draft() {
  PermitRecord record;
  record.permit = MahoganyExport();
  return record;
}

PermitRecord InState(PermitState state) {
  PermitRecord record = Draft();
  record.state = state;
  return record;
}
}  // namespace

TEST_CASE("the lifecycle allows exactly the transitions of the permit's journey") {
  // {from, event, type, to}: everything not listed is refused.
  struct Allowed {
    PermitState from;
    PermitEvent event;
    DocumentType type;
    PermitState to;
  };
  const std::vector<Allowed> allowed{
      {PermitState::kDraft, PermitEvent::kIssue, DocumentType::kExport, PermitState::kIssued},
      {PermitState::kDraft, PermitEvent::kIssue, DocumentType::kImport, PermitState::kIssued},
      {PermitState::kDraft, PermitEvent::kCancel, DocumentType::kExport, PermitState::kCancelled},
      {PermitState::kIssued, PermitEvent::kEndorse, DocumentType::kExport, PermitState::kEndorsed},
      {PermitState::kIssued, PermitEvent::kEndorse, DocumentType::kReExport, PermitState::kEndorsed},
      {PermitState::kIssued, PermitEvent::kEndorse, DocumentType::kOrigin, PermitState::kEndorsed},
      {PermitState::kEndorsed, PermitEvent::kAcceptAtImport, DocumentType::kExport, PermitState::kUsed},
      {PermitState::kIssued, PermitEvent::kAcceptAtImport, DocumentType::kImport, PermitState::kUsed},
      {PermitState::kIssued, PermitEvent::kCancel, DocumentType::kExport, PermitState::kCancelled},
      {PermitState::kIssued, PermitEvent::kRevoke, DocumentType::kExport, PermitState::kRevoked},
      {PermitState::kEndorsed, PermitEvent::kRevoke, DocumentType::kExport, PermitState::kRevoked},
      {PermitState::kIssued, PermitEvent::kReplace, DocumentType::kImport, PermitState::kReplaced},
  };
  for (const Allowed& step : allowed) {
    auto next = NextState(step.from, step.event, step.type);
    INFO(ToString(step.from) << " --" << ToString(step.event) << "--> (" << ToString(step.type) << ")");
    REQUIRE(next.ok());
    CHECK(*next == step.to);
  }
  int refused = 0;
  for (PermitState from : kAllStates) {
    for (PermitEvent event : kAllEvents) {
      auto next = NextState(from, event, DocumentType::kExport);
      if (next.ok()) continue;
      ++refused;
      CHECK(next.error().kind == greenlane::core::ErrorKind::kFailedPrecondition);
      CHECK(next.error().field == "state");
    }
  }
  CHECK(refused == 7 * 6 - 8);  // eight transitions are open to an export permit
}

TEST_CASE("refused transitions name the rule and the states they are allowed from") {
  auto endorse_draft = NextState(PermitState::kDraft, PermitEvent::kEndorse, DocumentType::kExport);
  REQUIRE_FALSE(endorse_draft.ok());
  CHECK_THAT(endorse_draft.error().message, Catch::StartsWith("lifecycle.transition:") && Catch::Contains("issued"));
  auto endorse_import = NextState(PermitState::kIssued, PermitEvent::kEndorse, DocumentType::kImport);
  REQUIRE_FALSE(endorse_import.ok());
  CHECK_THAT(endorse_import.error().message, Catch::Contains("never applies to an import document"));
  auto accept_unendorsed = NextState(PermitState::kIssued, PermitEvent::kAcceptAtImport, DocumentType::kExport);
  REQUIRE_FALSE(accept_unendorsed.ok());
  CHECK_THAT(accept_unendorsed.error().message, Catch::Contains("endorsed"));
  auto used_again = NextState(PermitState::kUsed, PermitEvent::kAcceptAtImport, DocumentType::kExport);
  REQUIRE_FALSE(used_again.ok());
  CHECK_THAT(used_again.error().message, Catch::StartsWith("lifecycle.single_use:"));
}

TEST_CASE("a draft is issued only when validation found nothing") {
  auto issued = Issue(Draft(), {});
  REQUIRE(issued.ok());
  CHECK(issued->state == PermitState::kIssued);
  auto refused = Issue(Draft(), {{"lines[0].unit", "term_unit.pair", "SAW is not counted in NAR"}});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "lines[0].unit");
  CHECK_THAT(refused.error().message, Catch::StartsWith("lifecycle.invalid:") && Catch::Contains("SAW"));
  CHECK_FALSE(Issue(InState(PermitState::kIssued), {}).ok());
}

TEST_CASE("cancel, revoke and replace keep why and by what") {
  auto cancelled = Cancel(InState(PermitState::kIssued), "exporter returned the unused permit");
  REQUIRE(cancelled.ok());
  CHECK(cancelled->state == PermitState::kCancelled);
  CHECK(cancelled->reason == "exporter returned the unused permit");
  CHECK(Cancel(Draft(), "typo").ok());
  CHECK_FALSE(Cancel(InState(PermitState::kEndorsed), "too late").ok());

  auto revoked = Revoke(InState(PermitState::kEndorsed), "forged origin documents");
  REQUIRE(revoked.ok());
  CHECK(revoked->state == PermitState::kRevoked);
  CHECK_FALSE(Revoke(InState(PermitState::kUsed), "after import").ok());
  CHECK_FALSE(Revoke(Draft(), "never issued").ok());

  auto replaced = Replace(InState(PermitState::kIssued), "BR-EX-2025-000124");
  REQUIRE(replaced.ok());
  CHECK(replaced->state == PermitState::kReplaced);
  CHECK(replaced->replaced_by == "BR-EX-2025-000124");
  CHECK_FALSE(Replace(InState(PermitState::kEndorsed), "BR-EX-2025-000124").ok());
}

TEST_CASE("cancel and revoke need a reason and replace a different permit number") {
  auto no_reason = Cancel(InState(PermitState::kIssued), "");
  REQUIRE_FALSE(no_reason.ok());
  CHECK_THAT(no_reason.error().message, Catch::StartsWith("lifecycle.reason_required:"));
  CHECK_FALSE(Revoke(InState(PermitState::kIssued), "").ok());
  auto same_number = Replace(InState(PermitState::kIssued), "BR-EX-2025-000123");
  REQUIRE_FALSE(same_number.ok());
  CHECK_THAT(same_number.error().message, Catch::StartsWith("lifecycle.replacement_number:"));
}

TEST_CASE("final states accept no further event") {
  for (PermitState final_state :
       {PermitState::kUsed, PermitState::kCancelled, PermitState::kRevoked, PermitState::kReplaced}) {
    for (PermitEvent event : kAllEvents) {
      INFO(ToString(final_state) << " " << ToString(event));
      CHECK_FALSE(NextState(final_state, event, DocumentType::kExport).ok());
      CHECK_FALSE(NextState(final_state, event, DocumentType::kImport).ok());
    }
  }
}
