#pragma once

#include <functional>
#include <string>

#include "greenlane/http/router.h"

namespace greenlane::http {

/// GET /healthz: the process is up (answered on the I/O thread, no dependency checked).
Route HealthRoute();

/// GET /metrics: the Prometheus text exposition `exposition()` returns (e.g. metrics::Serialize).
Route MetricsRoute(std::function<std::string()> exposition);

}  // namespace greenlane::http
