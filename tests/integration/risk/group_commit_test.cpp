// Concurrent assessments share transactions (AssessmentStore group commit): each caller still gets
// its own declaration's assessment, each is stored, audited and announced once, and the audit chain
// stays whole.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "greenlane/security/audit_log.h"
#include "risk_fixture.h"

using namespace risk_test;

TEST_CASE("concurrent assessments are each stored, audited and announced once, with the audit chain intact") {
  RiskFixture fixture;
  constexpr int kCallers = 24;
  constexpr int kEach = 5;
  std::vector<std::thread> callers;
  std::vector<std::string> mismatches(kCallers);
  for (int caller = 0; caller < kCallers; ++caller) {
    callers.emplace_back([&, caller] {
      auto stub = fixture.Stub();
      for (int n = 0; n < kEach; ++n) {
        const auto reference = "GA-GC-" + std::to_string(caller) + "-" + std::to_string(n);
        // Shark fins (criterion CR-SHARK-FINS) for odd callers, furniture for even ones.
        v1::Assessment assessment;
        const auto status =
            stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                         JsonRequest(Declaration(reference, caller % 2 ? "030571" : "940360")), &assessment);
        const auto expected_lane = caller % 2 ? "yellow" : "green";
        if (!status.ok() || assessment.declaration() != reference || assessment.lane() != expected_lane) {
          mismatches[caller] += reference + ": " + status.error_message() + " " + assessment.lane() + "; ";
        }
      }
    });
  }
  for (auto& thread : callers) thread.join();
  for (const auto& mismatch : mismatches) CHECK(mismatch.empty());

  const auto total = kCallers * kEach;
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments WHERE current") == total);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.assessed'") == total);
  CHECK(fixture.Count("SELECT count(*) FROM risk.outbox WHERE topic = 'risk.assessment.made'") == total);
  CHECK(fixture.Count("SELECT hits FROM risk.rule_performance WHERE rule_id = 'CR-SHARK-FINS'") == total / 2);
  pqxx::connection connection(fixture.db.url());
  CHECK(security::AuditLog("risk").Verify(connection).ok);
}

TEST_CASE("the same new declaration sent by many callers at once is stored and assessed once") {
  RiskFixture fixture;
  constexpr int kCallers = 12;
  std::vector<std::thread> callers;
  std::vector<std::string> answers(kCallers);
  for (int caller = 0; caller < kCallers; ++caller) {
    callers.emplace_back([&, caller] {
      v1::Assessment assessment;
      const auto status = fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                                                 JsonRequest(Declaration("GA-GC-SAME", "030571")), &assessment);
      answers[caller] = status.ok() ? assessment.assessment_id() : "failed: " + status.error_message();
    });
  }
  for (auto& thread : callers) thread.join();
  // Every caller gets the one assessment: the first save stored it, the others are resends of it,
  // whether they shared its group commit or came later.
  for (const auto& answer : answers) CHECK(answer == answers[0]);
  CHECK(fixture.Count("SELECT count(*) FROM risk.declarations WHERE reference = 'GA-GC-SAME'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments WHERE declaration = 'GA-GC-SAME'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE entity_id = 'GA-GC-SAME'") == 1);
  CHECK(fixture.Count("SELECT hits FROM risk.rule_performance WHERE rule_id = 'CR-SHARK-FINS'") == 1);
}
