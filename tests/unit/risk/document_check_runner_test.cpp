#include "api/document_check_runner.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

// Answers at once, from the thread that asked.
class PromptChecker final : public DocumentChecker {
 public:
  explicit PromptChecker(DocumentAnswer answer) : answer_(std::move(answer)) {}
  void Check(const DocumentQuery&, greenlane::core::TimePoint, DocumentAnswered answered) override {
    answered(answer_);
  }

 private:
  DocumentAnswer answer_;
};

// Answers only when destroyed, long after any deadline, like a service stuck on its database.
class LateChecker final : public DocumentChecker {
 public:
  ~LateChecker() override {
    for (auto& answered : late_) answered({DocumentStatus::kValid, "", {}});
  }
  void Check(const DocumentQuery&, greenlane::core::TimePoint, DocumentAnswered answered) override {
    std::lock_guard lock(mutex_);
    late_.push_back(std::move(answered));
  }

 private:
  std::mutex mutex_;
  std::vector<DocumentAnswered> late_;
};

// Answers from a thread of its own after `delay`, as gRPC's callbacks do.
class ThreadedChecker final : public DocumentChecker {
 public:
  ThreadedChecker(DocumentAnswer answer, std::chrono::milliseconds delay) : answer_(std::move(answer)), delay_(delay) {}
  ~ThreadedChecker() override {
    for (auto& thread : threads_) thread.join();
  }
  void Check(const DocumentQuery&, greenlane::core::TimePoint, DocumentAnswered answered) override {
    threads_.emplace_back([this, answered = std::move(answered)] {
      std::this_thread::sleep_for(delay_);
      answered(answer_);
    });
  }

 private:
  DocumentAnswer answer_;
  std::chrono::milliseconds delay_;
  std::vector<std::thread> threads_;
};

class ThrowingChecker final : public DocumentChecker {
 public:
  void Check(const DocumentQuery&, greenlane::core::TimePoint, DocumentAnswered) override {
    throw std::runtime_error("no channel");
  }
};

Declaration WithDocuments() {
  auto logs = Item(1, "440349");
  logs.lpco = {{"timber_export_certificate", "GA-EC-2026-000031", std::nullopt},
               {"ozone_licence", "OZ-1", std::nullopt}};
  auto shark = Item(2, "030571");
  shark.lpco = {{"cites_permit", "CN-2026-00042", std::nullopt}};
  return MakeDeclaration("D-1", {logs, shark}, DeclarationType::kExport);
}

struct TimedOutcome {
  DocumentCheckRunner::Outcome outcome;
  std::chrono::steady_clock::duration took;
};

// Runs the checks of WithDocuments() under `timeout` and says how long the runner took to call
// back (a second call would make set_value throw).
TimedOutcome RunTimed(DocumentCheckers checkers, std::chrono::milliseconds timeout) {
  DocumentCheckRunner runner(std::move(checkers), timeout);
  const auto started = std::chrono::steady_clock::now();
  std::promise<DocumentCheckRunner::Outcome> answered;
  DocumentCheckRunner::Started::WhenDone(
      runner.Start(WithDocuments()),
      [&answered](DocumentCheckRunner::Outcome outcome) { answered.set_value(std::move(outcome)); });
  auto outcome = answered.get_future().get();
  return {std::move(outcome), std::chrono::steady_clock::now() - started};
}

}  // namespace

TEST_CASE("document checks answer per document, a checker past the deadline counts as not answered") {
  DocumentCheckers checkers{
      {"timber", std::make_shared<PromptChecker>(DocumentAnswer{DocumentStatus::kValid, "", {"GA-LOG-1", "GA-LOG-2"}})},
      {"cites", std::make_shared<LateChecker>()}};
  const auto [outcome, took] = RunTimed(std::move(checkers), std::chrono::milliseconds(200));
  CHECK(took < std::chrono::milliseconds(1000));
  // The ozone licence has no owning service in Greenlane and is not checked.
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].status == DocumentStatus::kValid);
  CHECK(outcome.checks[1].status == DocumentStatus::kNotAnswered);
  CHECK(outcome.checks[1].detail == "cites did not answer within 200 ms");
  CHECK(outcome.subjects == std::vector<std::string>{"GA-LOG-1", "GA-LOG-2"});

  const auto assessment =
      MakeAssessor(RulesWith({}))
          .Assess(WithDocuments(), {outcome.checks, {}}, ProfileStore{}, At("2026-03-02T00:00:00Z"));
  CHECK(assessment.lane == Lane::kYellow);
}

TEST_CASE("document checks answered from other threads are all waited for, together and no longer") {
  DocumentCheckers checkers{
      {"timber", std::make_shared<ThreadedChecker>(DocumentAnswer{DocumentStatus::kInvalid, "volume grew", {}},
                                                   std::chrono::milliseconds(1000))},
      {"cites", std::make_shared<ThreadedChecker>(DocumentAnswer{DocumentStatus::kValid, "", {}},
                                                  std::chrono::milliseconds(1000))}};
  const auto [outcome, took] = RunTimed(std::move(checkers), std::chrono::milliseconds(5000));
  // Both were in flight at once: the wait is one delay, not two, and not the timeout.
  CHECK(took >= std::chrono::milliseconds(1000));
  CHECK(took < std::chrono::milliseconds(1900));
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].status == DocumentStatus::kInvalid);
  CHECK(outcome.checks[0].detail == "volume grew");
  CHECK(outcome.checks[1].status == DocumentStatus::kValid);
}

TEST_CASE("a checker that throws is recorded as not answered with what it threw") {
  DocumentCheckers checkers{{"cites", std::make_shared<ThrowingChecker>()}};
  const auto [outcome, took] = RunTimed(std::move(checkers), std::chrono::milliseconds(5000));
  CHECK(took < std::chrono::milliseconds(1000));
  REQUIRE(outcome.checks.size() == 1);
  CHECK(outcome.checks[0].status == DocumentStatus::kNotAnswered);
  CHECK(outcome.checks[0].detail == "the check failed: no channel");
}

TEST_CASE("the outcome is given once: answers that come after the deadline change nothing") {
  std::atomic<int> calls{0};
  std::promise<DocumentCheckRunner::Outcome> answered;
  {
    auto late = std::make_shared<LateChecker>();
    DocumentCheckRunner runner({{"cites", late}}, std::chrono::milliseconds(100));
    DocumentCheckRunner::Started::WhenDone(runner.Start(WithDocuments()), [&](DocumentCheckRunner::Outcome outcome) {
      if (++calls == 1) answered.set_value(std::move(outcome));
    });
    const auto outcome = answered.get_future().get();
    REQUIRE(outcome.checks.size() == 1);
    CHECK(outcome.checks[0].status == DocumentStatus::kNotAnswered);
  }  // the late checker answers here, as it goes
  CHECK(calls == 1);
}

TEST_CASE("when every check answers at once, the outcome is given before the runner returns") {
  DocumentCheckRunner runner(
      {{"cites", std::make_shared<PromptChecker>(DocumentAnswer{DocumentStatus::kValid, "", {}})},
       {"timber", std::make_shared<PromptChecker>(DocumentAnswer{DocumentStatus::kValid, "", {}})}},
      std::chrono::milliseconds(5000));
  std::optional<DocumentCheckRunner::Outcome> given;
  DocumentCheckRunner::Started::WhenDone(
      runner.Start(WithDocuments()), [&given](DocumentCheckRunner::Outcome outcome) { given = std::move(outcome); });
  REQUIRE(given);
  REQUIRE(given->checks.size() == 2);
  CHECK(given->checks[0].status == DocumentStatus::kValid);
  CHECK(given->checks[1].status == DocumentStatus::kValid);
}
