// How document checks share many-in-one calls: what goes out when, and which answer reaches whom.
// The "service" here is the test: it keeps each many-in-one call and completes it when it likes.
#include "api/call_batcher.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <stdexcept>
#include <vector>

#include "greenlane/v1/cites.grpc.pb.h"

using namespace greenlane;
using risk::CallBatcher;

namespace {

using Batcher = CallBatcher<v1::VerifyRequest, v1::VerifyResponse, v1::VerifyManyRequest, v1::VerifyManyResponse>;

// The many-in-one calls started and not yet completed, in order.
struct OutCalls {
  struct Out {
    std::vector<std::string> numbers;
    v1::VerifyManyResponse* response;
    std::function<void(grpc::Status)> done;
  };
  std::vector<Out> out;

  Batcher::StartMany Start() {
    return [this](grpc::ClientContext*, const v1::VerifyManyRequest* request, v1::VerifyManyResponse* response,
                  std::function<void(grpc::Status)> done) {
      std::vector<std::string> numbers;
      for (const auto& one : request->requests()) numbers.push_back(one.number());
      out.push_back({numbers, response, std::move(done)});
    };
  }

  // Completes the oldest call out: each request answered valid, except those `refused` by code.
  void Complete(const std::map<std::string, grpc::StatusCode>& refused = {}, int answers = -1) {
    auto call = out.front();
    out.erase(out.begin());
    for (std::size_t i = 0; i < call.numbers.size() && (answers < 0 || static_cast<int>(i) < answers); ++i) {
      auto* answer = call.response->add_answers();
      if (const auto found = refused.find(call.numbers[i]); found != refused.end()) {
        answer->set_code(found->second);
        answer->set_message("refused " + call.numbers[i]);
      } else {
        answer->mutable_response()->set_number(call.numbers[i]);
        answer->mutable_response()->set_valid(true);
      }
    }
    call.done(grpc::Status::OK);
  }

  void Fail(const grpc::Status& status) {
    auto call = out.front();
    out.erase(out.begin());
    call.done(status);
  }
};

// What each call (by permit number) was answered: "valid <number>" or "<code>: <message>".
struct Answers {
  std::map<std::string, std::string> by_number;
  std::map<std::string, std::string> failed;

  void Call(Batcher& batcher, const std::string& number,
            core::TimePoint deadline = std::chrono::system_clock::now() + std::chrono::seconds(10)) {
    v1::VerifyRequest request;
    request.set_number(number);
    batcher.Call(
        request, deadline,
        [this, number](const grpc::Status& status, const v1::VerifyResponse& response) {
          by_number[number] = status.ok() ? "valid " + response.number()
                                          : std::to_string(status.error_code()) + ": " + status.error_message();
        },
        [this, number](const std::string& why) { failed[number] = why; });
  }
};

}  // namespace

TEST_CASE("calls made while another is out wait for it and then go together, each answered with its own answer") {
  OutCalls service;
  Batcher batcher(service.Start(), 100, 1);
  Answers answers;
  answers.Call(batcher, "P-1");
  REQUIRE(service.out.size() == 1);  // nothing out: it goes at once, alone
  answers.Call(batcher, "P-2");
  answers.Call(batcher, "P-3");
  answers.Call(batcher, "P-4");
  CHECK(service.out.size() == 1);  // they wait
  CHECK(answers.by_number.empty());

  service.Complete();
  CHECK(answers.by_number == std::map<std::string, std::string>{{"P-1", "valid P-1"}});
  REQUIRE(service.out.size() == 1);
  CHECK(service.out[0].numbers == std::vector<std::string>{"P-2", "P-3", "P-4"});

  service.Complete({{"P-3", grpc::StatusCode::INVALID_ARGUMENT}});
  CHECK(answers.by_number.at("P-2") == "valid P-2");
  CHECK(answers.by_number.at("P-3") == "3: refused P-3");
  CHECK(answers.by_number.at("P-4") == "valid P-4");
  CHECK(service.out.empty());
}

TEST_CASE("up to max_in_flight calls go out at once, and a batch holds at most max_batch calls") {
  OutCalls service;
  Batcher batcher(service.Start(), 2, 2);
  Answers answers;
  for (const auto* number : {"P-1", "P-2", "P-3", "P-4", "P-5"}) answers.Call(batcher, number);
  REQUIRE(service.out.size() == 2);
  CHECK(service.out[0].numbers == std::vector<std::string>{"P-1"});
  CHECK(service.out[1].numbers == std::vector<std::string>{"P-2"});
  service.Complete();
  REQUIRE(service.out.size() == 2);
  CHECK(service.out[1].numbers == std::vector<std::string>{"P-3", "P-4"});
  service.Complete();
  service.Complete();
  REQUIRE(service.out.size() == 1);
  CHECK(service.out[0].numbers == std::vector<std::string>{"P-5"});
  service.Complete();
  CHECK(answers.by_number.size() == 5);
}

TEST_CASE("a many-in-one call that fails, or answers short, fails its calls with the reason") {
  OutCalls service;
  Batcher batcher(service.Start(), 100, 1);
  Answers answers;
  answers.Call(batcher, "P-1");
  answers.Call(batcher, "P-2");
  answers.Call(batcher, "P-3");
  service.Fail(grpc::Status(grpc::StatusCode::UNAVAILABLE, "cites is down"));
  CHECK(answers.by_number.at("P-1") == "14: cites is down");
  service.Complete({}, 1);
  CHECK(answers.by_number.at("P-2") == "valid P-2");
  CHECK(answers.by_number.at("P-3") == "13: the service answered 1 of 2 requests");
}

TEST_CASE("a call whose deadline passes while it waits is answered DEADLINE_EXCEEDED and never sent") {
  OutCalls service;
  Batcher batcher(service.Start(), 100, 1);
  Answers answers;
  answers.Call(batcher, "P-1");
  answers.Call(batcher, "P-2", std::chrono::system_clock::now() - std::chrono::milliseconds(1));
  answers.Call(batcher, "P-3");
  service.Complete();
  CHECK(answers.by_number.at("P-2") == "4: deadline passed before the call was sent");
  REQUIRE(service.out.size() == 1);
  CHECK(service.out[0].numbers == std::vector<std::string>{"P-3"});
}

TEST_CASE("an answer whose handler throws goes to that call's failed, and the others are still answered") {
  OutCalls service;
  Batcher batcher(service.Start(), 100, 1);
  Answers answers;
  answers.Call(batcher, "P-1");
  v1::VerifyRequest request;
  request.set_number("P-2");
  std::string why;
  batcher.Call(
      request, std::chrono::system_clock::now() + std::chrono::seconds(10),
      [](const grpc::Status&, const v1::VerifyResponse&) { throw std::runtime_error("unreadable answer"); },
      [&why](const std::string& reason) { why = reason; });
  answers.Call(batcher, "P-3");
  service.Complete();
  service.Complete();
  CHECK(why == "unreadable answer");
  CHECK(answers.by_number.at("P-3") == "valid P-3");
  CHECK(answers.failed.empty());
}
