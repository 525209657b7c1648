#pragma once

namespace greenlane::rpc::internal {

// Clients ping an idle connection every 30 s and drop it after 10 s without an answer, so a dead
// peer behind a NAT or load balancer is noticed before a call waits on it. Servers must accept
// that rate, or they answer GOAWAY "too_many_pings" and every channel reconnects.
inline constexpr int kClientKeepaliveTimeMs = 30'000;
inline constexpr int kClientKeepaliveTimeoutMs = 10'000;
inline constexpr int kServerMinPingIntervalMs = 20'000;

}  // namespace greenlane::rpc::internal
