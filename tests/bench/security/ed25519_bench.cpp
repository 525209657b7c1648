// Ed25519 signing and verification costs: the verify rate bounds how many requests a core can
// authenticate per second, and how fast the public window checks permit QR codes.
#include <benchmark/benchmark.h>

#include "greenlane/core/clock.h"
#include "greenlane/security/jws.h"
#include "greenlane/security/jwt.h"
#include "greenlane/security/secret_hash.h"

namespace {

using namespace greenlane::security;

const Ed25519Key& Key() {
  static const Ed25519Key key = Ed25519Key::Generate();
  return key;
}

const KeySet& Keys() {
  static const KeySet keys = [] {
    KeySet set;
    set.Add(Key());
    return set;
  }();
  return keys;
}

/// A permit token about the size a QR code carries.
const nlohmann::json kPermit = {{"permit", "GA-CITES-2026-000123"},
                                {"appendix", "II"},
                                {"species", "Pericopsis elata"},
                                {"quantity", "12.500"},
                                {"unit", "m3"},
                                {"exporter", "GA-TRADER-000042"},
                                {"importer", "CN-TRADER-778812"},
                                {"valid_until", "2027-05-22T00:00:00Z"}};

JwtClaims AccessClaims(greenlane::core::TimePoint now) {
  JwtClaims claims;
  claims.issuer = "https://auth.greenlane.example";
  claims.subject = "client-single-window";
  claims.audience = "greenlane-api";
  claims.roles = {"trader"};
  claims.issued_at = now;
  claims.expires_at = now + std::chrono::minutes(15);
  claims.jwt_id = RandomToken(16);
  return claims;
}

void BM_Ed25519Sign(benchmark::State& state) {
  const std::string message(256, 'm');
  for (auto _ : state) benchmark::DoNotOptimize(Key().Sign(message));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Sign);

void BM_Ed25519Verify(benchmark::State& state) {
  const std::string message(256, 'm');
  const std::string signature = Key().Sign(message);
  for (auto _ : state) benchmark::DoNotOptimize(Key().Verify(message, signature));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Verify);

void BM_VerifyJws(benchmark::State& state) {
  const std::string token = SignJws(Key(), kPermit, {{"typ", "greenlane-permit+jws"}});
  state.counters["token_bytes"] = static_cast<double>(token.size());
  for (auto _ : state) {
    auto verified = VerifyJws(Keys(), token);
    if (!verified.ok()) state.SkipWithError(verified.error().message.c_str());
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyJws);

void BM_VerifyJwt(benchmark::State& state) {
  const auto& clock = greenlane::core::SystemClock::Instance();
  const std::string token = IssueJwt(Key(), AccessClaims(clock.Now()));
  for (auto _ : state) {
    auto claims = VerifyJwt(Keys(), token, clock, "https://auth.greenlane.example", "greenlane-api");
    if (!claims.ok()) state.SkipWithError(claims.error().message.c_str());
    benchmark::DoNotOptimize(claims);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyJwt);

}  // namespace

BENCHMARK_MAIN();
