#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <string>

namespace greenlane::metrics {

/// The process's one registry (DESIGN §4): every library and adapter registers here so a single
/// /metrics endpoint exposes everything. Created on first use and never destroyed, because
/// metrics may still be recorded by threads that outlive main().
std::shared_ptr<prometheus::Registry> DefaultRegistry();

/// Everything in `registry` in the Prometheus text exposition format (version 0.0.4), ready to
/// be served with `Content-Type: text/plain; version=0.0.4`.
std::string Serialize(const prometheus::Registry& registry);

}  // namespace greenlane::metrics
